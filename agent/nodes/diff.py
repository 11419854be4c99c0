"""Turn the valid draft into the minimal patch against the current flow, and check that patch."""

from langgraph.runtime import Runtime

from agent.context import Context
from agent.nodes.common import emit, validate
from agent.patches import PatchError, apply_checked, make_patch
from agent.state import State


def diff(state: State, runtime: Runtime[Context]) -> dict:
    """The patch leaves only if applying it to the current flow gives exactly the draft, and that validates."""
    patch = make_patch(state.flow, state.draft)
    events = emit(state.events, runtime, "diffing", ops=len(patch))
    try:
        result = apply_checked(state.flow if state.flow is not None else {}, patch)
    except PatchError as exc:
        return {"error": f"the patch does not apply to the current flow: {exc}", "events": events}
    if result != state.draft:
        return {"error": "the patch does not reproduce the draft", "events": events}
    if problems := validate(result, runtime):
        return {
            "error": "the patched flow does not validate",
            "problems": [p.model_dump() for p in problems],
            "events": events,
        }
    return {"patch": patch, "new_flow": result, "events": events}
