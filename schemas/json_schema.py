"""The JSON Schema of a flow, narrowed by a catalog so that it can drive constrained decoding.

Pydantic's schema of `Flow`, with the catalog's trigger types, action, flow-logic and subflow
names (and each category's scopes) as enums, and `category` required on every component.
"""

from schemas.catalog import Catalog, default_catalog
from schemas.workflow import Flow


def _narrow(properties: dict, key: str, values: list[str]) -> None:
    if values:
        properties[key]["enum"] = values


def flow_json_schema(catalog: Catalog | None = None) -> dict:
    """JSON Schema (draft 2020-12) of a flow for `catalog` (default: the ServiceNow catalog)."""
    catalog = catalog or default_catalog()
    schema = Flow.model_json_schema()
    defs = schema["$defs"]
    _narrow(defs["Trigger"]["properties"], "type", sorted(catalog.triggers))
    groups = {
        "ActionComponent": catalog.actions,
        "FlowLogicComponent": catalog.flowlogic,
        "SubflowComponent": catalog.subflows,
    }
    for model, definitions in groups.items():
        component = defs[model]
        _narrow(component["properties"], "definition", sorted(definitions))
        _narrow(component["properties"], "scope", sorted({d.scope for d in definitions.values()}))
        component["required"] = sorted({*component.get("required", []), "category"})
    return schema
