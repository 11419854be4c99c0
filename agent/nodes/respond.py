"""Close the turn: on success the new flow becomes the thread's flow; on failure nothing changes."""

from langchain_core.messages import AIMessage, AnyMessage, RemoveMessage
from langgraph.runtime import Runtime

from agent.context import Context
from agent.explain import describe_changes, describe_missing, describe_unresolved
from agent.nodes.common import emit, problems_of
from agent.state import State

SHOWN_PROBLEMS = 5
KEPT_MESSAGES = 20  # a thread keeps its last 10 turns: its state (and every checkpoint) stays bounded


def _reply(state: State, text: str) -> list[AnyMessage]:
    """The turn's answer, plus removals of the messages that fall out of the kept window."""
    old = state.messages[: max(0, len(state.messages) + 1 - KEPT_MESSAGES)]
    return [*(RemoveMessage(id=m.id) for m in old), AIMessage(content=text)]


def _failure(state: State) -> str:
    problems = problems_of(state)
    head = state.error or f"no valid flow came out ({len(problems)} problem(s) remain)"
    lines = [f"Could not {state.task or 'handle'} the flow: {head}. The current flow is unchanged."]
    lines += [f"- {p}" for p in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        lines.append(f"- ... and {len(problems) - SHOWN_PROBLEMS} more")
    return "\n".join(lines)


def respond(state: State, runtime: Runtime[Context]) -> dict:
    if state.error is None and state.task == "question":
        events = emit(state.events, runtime, "done", ok=True, task="question")
        return {"ok": True, "messages": _reply(state, state.explanation), "events": events}
    if state.error is not None or state.new_flow is None:
        text = _failure(state)
        events = emit(state.events, runtime, "error", ok=False, task=state.task, message=state.error or text)
        return {"patch": [], "explanation": text, "messages": _reply(state, text), "events": events}
    text = describe_changes(state.flow, state.new_flow, runtime.context.catalog)
    text = " ".join(t for t in (text, describe_missing(state.missing), describe_unresolved(state.unresolved)) if t)
    events = emit(state.events, runtime, "done", ok=True, task=state.task, path=state.path, ops=len(state.patch))
    return {"ok": True, "flow": state.new_flow, "explanation": text, "messages": _reply(state, text), "events": events}
