"""Turning a prediction (flow dict, raw model text, anything) into a `Flow`, or saying why not."""

import json

from pydantic import ValidationError

from schemas.workflow import Flow

INVALID_JSON = "invalid_json"
SCHEMA_INVALID = "schema_invalid"


def parse_prediction(obj: object) -> tuple[Flow | None, str | None]:
    """(flow, None) when `obj` is a valid flow; (None, INVALID_JSON | SCHEMA_INVALID) otherwise."""
    if isinstance(obj, Flow):
        return obj, None
    if isinstance(obj, str):
        try:
            obj = json.loads(obj)
        except json.JSONDecodeError:
            return None, INVALID_JSON
    elif not isinstance(obj, dict):
        return None, INVALID_JSON
    try:
        return Flow.model_validate(obj), None
    except ValidationError:
        return None, SCHEMA_INVALID


def as_flow(obj: object) -> Flow | None:
    """The flow `obj` describes, or None: anything that fails `Flow.model_validate` is no flow."""
    return parse_prediction(obj)[0]


def require_flow(obj: object, where: str) -> Flow:
    """A reference flow; raises ValueError naming `where` when it is not a valid flow."""
    flow, error = parse_prediction(obj)
    if flow is None:
        raise ValueError(f"{where}: reference is not a valid flow ({error})")
    return flow
