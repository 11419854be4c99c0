"""Draft a flow: the drafter (SLM), or the chat model under `always_llm` or when the drafter fails.

A new flow the SLM drafts takes the schedule the request states (`agent.grounding`): its notes go out
as a "grounding" event."""

from langgraph.runtime import Runtime

from agent.context import Context
from agent.grounding import ground_schedule
from agent.llm_call import LLMError, ask, flow_from_answer
from agent.nodes.common import emit
from agent.prompts import draft_messages
from agent.state import State
from models.drafter import DraftError, DraftRequest


def _current(state: State) -> dict | None:
    """The flow the drafter starts from: none for a new flow."""
    return state.flow if state.task != "generate" else None


def _llm_draft(state: State, runtime: Runtime[Context], events: list[dict], **why: str) -> dict:
    ctx = runtime.context
    events = emit(events, runtime, "drafting", by="llm", **why)
    messages = draft_messages(state.task, state.request, _current(state), ctx.catalog)
    try:
        flow = flow_from_answer(ask(ctx.chat_model, messages, ctx.llm_timeout_s), _current(state) or {})
    except LLMError as exc:
        return {"error": f"LLM drafting failed: {exc}", "events": events}
    return {"draft": flow, "path": "llm", "fixed": False, "events": events}


def _slm_draft(state: State, runtime: Runtime[Context]) -> dict | str:
    """The drafter's flow, or why there is none."""
    req = DraftRequest(task=state.task, request=state.request, flow=_current(state))
    try:
        flow = runtime.context.drafter.draft(req)
    except DraftError as exc:
        return f"the drafter failed: {exc}"
    return flow if isinstance(flow, dict) else f"the drafter returned a {type(flow).__name__}, not a flow dict"


def draft(state: State, runtime: Runtime[Context]) -> dict:
    ctx = runtime.context
    if ctx.fallback_policy == "always_llm":
        return _llm_draft(state, runtime, state.events)
    events = emit(state.events, runtime, "drafting", by="slm")
    result = _slm_draft(state, runtime)
    if isinstance(result, dict):
        if state.task == "generate":
            result, notes = ground_schedule(result, state.request)
            if notes:
                events = emit(events, runtime, "grounding", changes=notes)
        return {"draft": result, "path": "slm", "fixed": False, "events": events}
    if ctx.llm_allowed:
        return _llm_draft(state, runtime, events, reason=result)
    return {"error": result, "events": events}
