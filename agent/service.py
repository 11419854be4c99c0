"""`Copilot`: the agent's entry point for the CLI and the HTTP service."""

from collections.abc import Iterator
from typing import get_args

from langchain_core.language_models import BaseChatModel
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Checkpointer

from agent.context import Context
from agent.graph import build_graph
from agent.nodes.common import turn_clock
from agent.state import PathTaken, Task, turn_input
from models.deadline import deadline_in
from models.drafter import Drafter
from schemas.base import StrictModel
from schemas.catalog import Catalog, default_catalog
from schemas.problems import Problem

TERMINAL = ("done", "error")


class TurnResult(StrictModel):
    """What one turn answered: the CLI shows it, the HTTP API sends it (`plugin.api.CopilotResponse`)."""

    ok: bool
    task: Task | None = None
    flow: dict | None = None  # the thread's flow after the turn (unchanged when not ok)
    patch: list[dict] = []  # RFC 6902 ops from the previous flow (`{}` when none) to `flow`
    explanation: str = ""
    path: PathTaken | None = None
    problems: list[Problem] = []
    rounds: int = 0
    error: str | None = None


class CopilotResult(TurnResult):
    """A turn's result as the agent returns it: the TurnResult plus the turn's progress events."""

    events: list[dict] = []

    @classmethod
    def from_state(cls, values: dict) -> "CopilotResult":
        return cls.model_validate({k: values[k] for k in cls.model_fields if k in values})


class Copilot:
    """Drafts, validates, fixes, repairs and diffs flows; remembers each thread's flow and turns.

    `policy` goes to `Context`: fallback_policy, max_repair_rounds, llm_timeout_s, turn_budget_s. Without a
    checkpointer, memory lasts for this object's lifetime (in-memory saver).
    """

    def __init__(
        self,
        drafter: Drafter,
        chat_model: BaseChatModel | None = None,
        catalog: Catalog | None = None,
        checkpointer: Checkpointer = None,
        **policy: object,
    ) -> None:
        self.context = Context(drafter=drafter, chat_model=chat_model, catalog=catalog or default_catalog(), **policy)
        self.graph = build_graph(checkpointer if checkpointer is not None else InMemorySaver())

    def _config(self, thread_id: str) -> dict:
        # route, draft, validate, fix, validate, the SLM's repair (+ validate, fix, validate), placehold, validate,
        # diff, respond, + 4 steps per LLM repair round
        limit = 16 + 4 * self.context.max_repair_rounds
        return {"configurable": {"thread_id": thread_id}, "recursion_limit": limit}

    @staticmethod
    def _input(request: str, flow: dict | None, task: str | None) -> dict:
        if task is not None and task not in get_args(Task):
            raise ValueError(f"task must be one of {get_args(Task)}, got {task!r}")
        return turn_input(request, flow, task)

    def run(
        self, request: str, flow: dict | None = None, task: Task | None = None, thread_id: str = "default"
    ) -> CopilotResult:
        """One turn; without `flow`, the thread's flow from earlier turns is the current flow."""
        with deadline_in(self.context.turn_budget_s), turn_clock():
            values = self.graph.invoke(self._input(request, flow, task), self._config(thread_id), context=self.context)
        return CopilotResult.from_state(values)

    def stream(
        self, request: str, flow: dict | None = None, task: Task | None = None, thread_id: str = "default"
    ) -> Iterator[dict]:
        """Progress events as they happen; the last is `done`/`error` with the `result` dumped."""
        config = self._config(thread_id)
        last: dict = {"event": "error"}
        with deadline_in(self.context.turn_budget_s), turn_clock():
            for event in self.graph.stream(
                self._input(request, flow, task), config, context=self.context, stream_mode="custom"
            ):
                if event["event"] in TERMINAL:
                    last = event
                    continue
                yield event
        result = CopilotResult.from_state(self.graph.get_state(config).values)
        yield {**last, "result": result.model_dump(mode="json")}

    def current_flow(self, thread_id: str = "default") -> dict | None:
        return self.graph.get_state(self._config(thread_id)).values.get("flow")

    def forget(self, thread_id: str) -> None:
        """Delete a thread's turns and flow from memory."""
        self.graph.checkpointer.delete_thread(thread_id)
