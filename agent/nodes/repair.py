"""One round of LLM repair: the draft, its exact problems and catalog context go to the chat model."""

from langgraph.runtime import Runtime

from agent.context import Context
from agent.llm_call import LLMError, ask, flow_from_answer
from agent.nodes.common import emit, errors_of
from agent.prompts import as_data
from agent.state import State
from models.repair_prompts import repair_messages


def repair(state: State, runtime: Runtime[Context]) -> dict:
    ctx = runtime.context
    rounds = state.rounds + 1
    errors = errors_of(state)
    events = emit(state.events, runtime, "repairing", round=rounds, problems=len(errors))
    request = as_data(state.request) if state.request else ""  # quoted: the user's text is data
    messages = repair_messages(state.draft, errors, ctx.catalog, request)
    try:
        flow = flow_from_answer(ask(ctx.chat_model, messages, ctx.llm_timeout_s), state.draft)
    except LLMError as exc:
        return {"rounds": rounds, "error": f"LLM repair failed in round {rounds}: {exc}", "events": events}
    path = "llm" if state.path == "llm" else "llm-repair"
    return {"draft": flow, "fixed": False, "rounds": rounds, "path": path, "events": events}
