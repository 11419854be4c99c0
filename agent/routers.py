"""Conditional edges: pure functions of the state (and policy) returning the next node's name."""

from langgraph.runtime import Runtime

from agent.context import Context
from agent.state import State


def after_route(state: State) -> str:
    if state.error is not None:
        return "respond"
    return "answer" if state.task == "question" else "draft"


def after_draft(state: State) -> str:
    return "respond" if state.error is not None else "validate"


def can_repair(state: State, ctx: Context) -> bool:
    return ctx.llm_allowed and state.error is None and state.rounds < ctx.max_repair_rounds


def after_validate(state: State, runtime: Runtime[Context]) -> str:
    """Valid -> diff; else deterministic fixes once per draft; else LLM repair within bounds; else give up."""
    if not state.problems:
        return "diff"
    if not state.fixed:
        return "fix"
    return "repair" if can_repair(state, runtime.context) else "respond"


def after_repair(state: State) -> str:
    return "respond" if state.error is not None else "validate"
