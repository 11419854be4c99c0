"""The platform catalog (public: the platform's own vocabulary, nothing of any user's) and flow validation
(for token holders, like the copilot routes)."""

from fastapi import APIRouter, Depends

from plugin.api import ValidateRequest, ValidateResponse
from plugin.deps import USER_DOC, SettingsDep, UserDep, rate_limit
from plugin.limits import check_flow_size
from plugin.security import flow_safety_problems
from schemas.catalog import Catalog, default_catalog
from schemas.validate import is_valid, validate_flow

router = APIRouter(prefix="/v1", tags=["catalog"], dependencies=[Depends(rate_limit)])


@router.get("/catalog", response_model=Catalog)
def catalog() -> Catalog:
    """Every table, trigger, flow-logic block, action and subflow a flow may name."""
    return default_catalog()


@router.post("/validate", response_model=ValidateResponse, responses=USER_DOC)
def validate(body: ValidateRequest, user: UserDep, settings: SettingsDep) -> ValidateResponse:
    """Every problem in the flow (catalog and output safety), each with a JSON-pointer path and a severity;
    `ok` when none is an error (warnings, such as placeholder steps, are resolved before activation).

    A plain `def`: FastAPI runs it in a worker thread, off the event loop."""
    check_flow_size(body.flow, settings.max_flow_components)
    problems = validate_flow(body.flow) + flow_safety_problems(
        body.flow, settings.rest_allowed_hosts, settings.rest_allow_pill_hosts
    )
    shown = problems[: settings.max_problems]
    return ValidateResponse(ok=is_valid(problems), problems=shown, omitted=len(problems) - len(shown))
