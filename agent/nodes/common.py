"""Helpers shared by nodes: progress events (each with the turn's time so far) and validation."""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from langgraph.runtime import Runtime

from agent.context import Context
from agent.state import State
from schemas.problems import Problem, errors

_TURN_STARTED: ContextVar[float | None] = ContextVar("flowsmith_turn_started", default=None)


@contextmanager
def turn_clock() -> Iterator[None]:
    """Within the block, events carry `elapsed_s`: seconds since the block began (one turn)."""
    token = _TURN_STARTED.set(time.monotonic())
    try:
        yield
    finally:
        _TURN_STARTED.reset(token)


def emit(events: list[dict], runtime: Runtime[Context], event: str, **data: object) -> list[dict]:
    """Send a progress event to `stream_mode="custom"` now; return `events` plus it."""
    started = _TURN_STARTED.get()
    timing = {} if started is None else {"elapsed_s": round(time.monotonic() - started, 3)}
    item = {"event": event, **data, **timing}
    runtime.stream_writer(item)
    return [*events, item]


def validate(flow: object, runtime: Runtime[Context]) -> list[Problem]:
    """Every problem of `flow`, errors and warnings (placeholders); `schemas.problems.errors` decides validity."""
    from schemas.validate import validate_flow  # lazy: schemas.validate may land after this module

    ctx = runtime.context
    return validate_flow(flow, ctx.catalog) + [p for check in ctx.checks for p in check(flow)]


def problems_of(state: State) -> list[Problem]:
    return [Problem.model_validate(p) for p in state.problems]


def errors_of(state: State) -> list[Problem]:
    """The draft's errors: what fixes and repairs work on (warnings never send a draft there)."""
    return errors(problems_of(state))
