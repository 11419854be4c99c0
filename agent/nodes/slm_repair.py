"""The node "slm_repair": the drafter rewrites a draft the fixes left invalid, given its problems."""

from langgraph.runtime import Runtime

from agent.context import Context
from agent.nodes.common import emit, errors_of
from agent.state import State
from models.drafter import DraftError, DraftRequest
from models.prompts import problem_lines


def slm_repair(state: State, runtime: Runtime[Context]) -> dict:
    errors = errors_of(state)
    events = emit(state.events, runtime, "repairing", by="slm", problems=len(errors))
    req = DraftRequest("repair", state.request, state.draft, problem_lines(errors))
    try:
        flow = runtime.context.drafter.draft(req)
    except DraftError as exc:  # the draft stays as it was; an LLM may still repair it
        return {"slm_repaired": True, "events": emit(events, runtime, "repair_failed", by="slm", reason=str(exc))}
    path = "llm" if state.path == "llm" else "slm-repair"
    return {"draft": flow, "fixed": False, "slm_repaired": True, "path": path, "events": events}
