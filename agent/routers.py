"""Conditional edges: functions of the state (and policy, and the turn's time left) returning the next node."""

from langgraph.runtime import Runtime

from agent.context import Context
from agent.nodes.common import errors_of
from agent.state import State
from models.deadline import remaining


def after_route(state: State) -> str:
    if state.error is not None:
        return "respond"
    return "answer" if state.task == "question" else "draft"


def after_draft(state: State) -> str:
    return "respond" if state.error is not None else "validate"


MIN_REPAIR_S = 2.0  # a repair needs at least this much of the turn's budget to be worth starting


def can_repair(state: State, ctx: Context) -> bool:
    """Policy allows another round, and the turn's deadline (if any) leaves time for one."""
    return ctx.llm_allowed and state.error is None and state.rounds < ctx.max_repair_rounds and _in_time()


def _in_time() -> bool:
    left = remaining()
    return left is None or left >= MIN_REPAIR_S


def can_slm_repair(state: State, ctx: Context) -> bool:
    """The drafter repairs once per turn, when it can and the deadline leaves time."""
    return bool(ctx.slm_repair) and not state.slm_repaired and state.error is None and _in_time()


def can_placehold(state: State, ctx: Context) -> bool:
    """The last resort, once per turn: placeholders for the steps still wrong (the node decides if it helps)."""
    return ctx.placeholders_for_unresolved and not state.placeheld and state.error is None and state.draft is not None


def after_validate(state: State, runtime: Runtime[Context]) -> str:
    """Valid (no errors; warnings stay in `problems`) -> diff; else deterministic fixes once per draft; else
    the SLM's repair once; else LLM repair within bounds; else placeholders for the steps still wrong, once;
    else give up."""
    if not errors_of(state):
        return "diff"
    if not state.fixed:
        return "fix"
    if can_slm_repair(state, runtime.context):
        return "slm_repair"
    if can_repair(state, runtime.context):
        return "repair"
    return "placehold" if can_placehold(state, runtime.context) else "respond"


def after_repair(state: State) -> str:
    return "respond" if state.error is not None else "validate"
