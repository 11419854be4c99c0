"""The copilot graph's state: the conversation (persisted per thread) and one turn's working data."""

from dataclasses import MISSING, dataclass, field, fields
from typing import Annotated, Literal

from langchain_core.messages import AnyMessage, HumanMessage
from langgraph.graph.message import add_messages

from models.drafter import Task as DraftTask

Task = Literal[DraftTask, "question"]  # what a turn does: a drafting task, or answering a question
PathTaken = Literal["slm", "fixed", "slm-repair", "llm-repair", "llm", "placeholders"]  # how the flow was obtained


@dataclass
class State:
    """Everything a node reads; nodes return partial updates.

    `messages` (the turns) and `flow` (the conversation's current flow) carry over between
    turns of a thread; `turn_input` resets every other field at the start of a turn.
    """

    messages: Annotated[list[AnyMessage], add_messages] = field(default_factory=list)
    flow: dict | None = None
    request: str = ""
    task: Task | None = None
    draft: dict | None = None
    problems: list[dict] = field(default_factory=list)  # schemas Problem dumps
    fixed: bool = False  # deterministic fixes already tried on this draft
    slm_repaired: bool = False  # the drafter already tried to repair a draft this turn
    rounds: int = 0  # LLM repair rounds used
    placeheld: bool = False  # the last resort (agent/nodes/placehold.py) was tried this turn
    unresolved: list[str] = field(default_factory=list)  # "step N: what it was and why", one per placeholder
    path: PathTaken | None = None
    patch: list[dict] = field(default_factory=list)
    new_flow: dict | None = None  # the checked result, set by diff
    missing: list[dict] = field(default_factory=list)  # agent.unsupported Missing dumps: placeholders added
    explanation: str = ""
    ok: bool = False  # set by respond
    error: str | None = None
    events: list[dict] = field(default_factory=list)


CARRIED = ("messages", "flow")  # what a thread keeps between turns


def turn_input(request: str, flow: dict | None = None, task: Task | None = None) -> dict:
    """The graph input for one turn: per-turn fields reset; without `flow` the stored flow is kept."""
    update = {
        f.name: f.default_factory() if f.default is MISSING else f.default
        for f in fields(State)
        if f.name not in CARRIED
    }
    update.update(messages=[HumanMessage(content=request)], request=request, task=task)
    if flow is not None:
        update["flow"] = flow
    return update
