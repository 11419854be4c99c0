"""Turn the valid draft, with placeholders for what the catalog cannot do, into the minimal patch against the
current flow, and check that patch."""

from langgraph.runtime import Runtime

from agent.context import Context
from agent.nodes.common import emit, validate
from agent.patches import PatchError, apply_checked, make_patch
from agent.state import State
from agent.unsupported import with_placeholders
from schemas.problems import errors


def diff(state: State, runtime: Runtime[Context]) -> dict:
    """The patch leaves only if applying it to the current flow gives exactly the draft, and that has no errors.

    Placeholders (agent.unsupported) join the draft first; their warnings stay in `problems`.
    """
    draft, missing = with_placeholders(state.draft or {}, state.flow, state.request)
    patch = make_patch(state.flow, draft)
    events = emit(state.events, runtime, "diffing", ops=len(patch))
    try:
        result = apply_checked(state.flow if state.flow is not None else {}, patch)
    except PatchError as exc:
        return {"error": f"the patch does not apply to the current flow: {exc}", "events": events}
    if result != draft:
        return {"error": "the patch does not reproduce the draft", "events": events}
    problems = validate(result, runtime)
    dumps = [p.model_dump() for p in problems]
    if errors(problems):
        return {"error": "the patched flow does not validate", "problems": dumps, "events": events}
    missing_dumps = [m.model_dump() for m in missing]
    return {
        "draft": draft,
        "missing": missing_dumps,
        "patch": patch,
        "new_flow": result,
        "problems": dumps,
        "events": events,
    }
