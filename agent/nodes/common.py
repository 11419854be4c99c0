"""Helpers shared by nodes: progress events and validation."""

from langgraph.runtime import Runtime

from agent.context import Context
from agent.state import State
from schemas.problems import Problem


def emit(events: list[dict], runtime: Runtime[Context], event: str, **data: object) -> list[dict]:
    """Send a progress event to `stream_mode="custom"` now; return `events` plus it."""
    item = {"event": event, **data}
    runtime.stream_writer(item)
    return [*events, item]


def validate(flow: object, runtime: Runtime[Context]) -> list[Problem]:
    from schemas.validate import validate_flow  # lazy: schemas.validate may land after this module

    ctx = runtime.context
    return validate_flow(flow, ctx.catalog) + [p for check in ctx.checks for p in check(flow)]


def problems_of(state: State) -> list[Problem]:
    return [Problem.model_validate(p) for p in state.problems]
