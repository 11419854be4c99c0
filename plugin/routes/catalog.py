"""The platform catalog and flow validation."""

from fastapi import APIRouter, Depends

from plugin.api import ValidateRequest, ValidateResponse
from plugin.deps import SettingsDep, rate_limit
from plugin.limits import check_flow_size
from schemas.catalog import Catalog, default_catalog
from schemas.validate import validate_flow

router = APIRouter(prefix="/v1", tags=["catalog"], dependencies=[Depends(rate_limit)])


@router.get("/catalog", response_model=Catalog)
def catalog() -> Catalog:
    """Every table, trigger, flow-logic block, action and subflow a flow may name."""
    return default_catalog()


@router.post("/validate", response_model=ValidateResponse)
def validate(body: ValidateRequest, settings: SettingsDep) -> ValidateResponse:
    """Every problem in the flow, each with a JSON-pointer path."""
    check_flow_size(body.flow, settings.max_flow_components)
    problems = validate_flow(body.flow)
    return ValidateResponse(ok=not problems, problems=problems)
