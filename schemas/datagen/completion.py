"""Completion rows: the trigger and the first k components of a target, to be completed."""

from random import Random


def prefix(flow: dict, k: int) -> dict:
    """The flow cut after its first k components (pre-order, so a real prefix)."""
    return {**flow, "components": [dict(c) for c in flow["components"][:k]]}


def sample_completion(rng: Random, target: dict, request: str) -> tuple[str, dict] | None:
    """(hint, partial flow), or None for a flow too short to cut."""
    n = len(target["components"])
    if n < 2:
        return None
    k = rng.randint(1, n - 1)
    hint = request if rng.random() < 0.5 else ""
    return hint, prefix(target, k)
