"""Answer a question about the current flow: the chat model if allowed, else a plain description."""

from langgraph.runtime import Runtime

from agent.context import Context
from agent.explain import describe_flow
from agent.llm_call import LLMError, ask
from agent.nodes.common import emit
from agent.prompts import question_messages
from agent.state import State

HISTORY_TURNS = 6  # earlier messages the chat model sees


def answer(state: State, runtime: Runtime[Context]) -> dict:
    ctx = runtime.context
    summary = describe_flow(state.flow, ctx.catalog) if state.flow else "There is no flow yet."
    if not ctx.llm_allowed:
        return {"explanation": summary, "events": emit(state.events, runtime, "answering", by="summary")}
    events = emit(state.events, runtime, "answering", by="llm")
    history = list(state.messages[:-1])[-HISTORY_TURNS:]
    try:
        text = ask(ctx.chat_model, question_messages(state.request, state.flow, summary, history), ctx.llm_timeout_s)
    except LLMError as exc:
        return {"explanation": f"{summary} (the chat model could not answer: {exc})", "events": events}
    return {"explanation": text.strip() or summary, "path": "llm", "events": events}
