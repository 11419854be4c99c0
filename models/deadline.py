"""The deadline of the work in progress, which every model call below it obeys.

Whoever bounds some work (a turn's budget, one LLM call's timeout) opens `deadline_in(seconds)`;
the engines that decode (llama.cpp, transformers, the local chat model) read `current_deadline()`
and stop there, token by token, so no CPU is spent past it. A contextvar: it follows the call
into worker threads started with `contextvars.copy_context()`, nests (the earlier deadline wins)
and never leaks from one turn into the next.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_DEADLINE: ContextVar[float | None] = ContextVar("flowsmith_deadline", default=None)


def earliest(*deadlines: float | None) -> float | None:
    """The first of the given `time.monotonic()` instants; None when there is none."""
    known = [d for d in deadlines if d is not None]
    return min(known) if known else None


def current_deadline() -> float | None:
    return _DEADLINE.get()


def remaining() -> float | None:
    """Seconds left before the current deadline (never below 0); None without one."""
    deadline = _DEADLINE.get()
    return None if deadline is None else max(0.0, deadline - time.monotonic())


@contextmanager
def deadline_in(seconds: float | None) -> Iterator[float | None]:
    """Within the block, the deadline is `seconds` from now, or the enclosing one if that is sooner."""
    deadline = earliest(_DEADLINE.get(), None if seconds is None else time.monotonic() + seconds)
    token = _DEADLINE.set(deadline)
    try:
        yield deadline
    finally:
        _DEADLINE.reset(token)
