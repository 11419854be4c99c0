"""Decide the turn's task: explicit `task` wins, else heuristics on the request and current flow."""

import re

from langgraph.runtime import Runtime

from agent.context import Context
from agent.nodes.common import emit
from agent.state import State, Task

QUESTION_STARTS = {"what", "why", "explain", "describe", "which", "who", "when", "where", "how", "does", "is", "are"}
EDIT_VERBS = {
    "add",
    "remove",
    "delete",
    "drop",
    "change",
    "replace",
    "insert",
    "rename",
    "set",
    "update",
    "make",
    "move",
    "use",
    "append",
    "swap",
    "put",
    "include",
}
# "new ... flow": the first asking word, then a flow word after it (two searches: one `.*` between would
# backtrack once per asking word, quadratic in the message).
_NEW = re.compile(r"\b(new|another|different|from scratch|start over)\b")
_FLOW_WORD = re.compile(r"\b(flow|workflow)\b")
_WORDS = re.compile(r"[a-z']+")


def classify(request: str, flow: dict | None) -> Task:
    """generate without a flow (or when asked for a new one); complete on an empty request;
    question for explain/what/why... or a '?' with no edit verb; edit otherwise."""
    text = request.strip().lower()
    words = _WORDS.findall(text)
    if flow is None or ((asked := _NEW.search(text)) and _FLOW_WORD.search(text, asked.end())):
        return "generate"
    if not words:
        return "complete"
    if words[0] in {"explain", "describe", "what", "why"}:
        return "question"
    if (words[0] in QUESTION_STARTS or text.endswith("?")) and not EDIT_VERBS & set(words):
        return "question"
    return "edit"


def route(state: State, runtime: Runtime[Context]) -> dict:
    task = state.task or classify(state.request, state.flow)
    events = emit(state.events, runtime, "routing", task=task)
    if task in ("edit", "complete") and state.flow is None:
        return {"task": task, "error": f"task '{task}' needs a current flow, and there is none", "events": events}
    return {"task": task, "events": events}
