"""What the agent asks of a drafting model: raw model text for a request."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

Task = Literal["generate", "edit", "complete"]  # the one definition; agent and plugin import it


class DraftError(RuntimeError):
    """The drafting model failed (crashed, timed out, returned nothing usable)."""


@dataclass(frozen=True)
class DraftRequest:
    task: Task
    request: str = ""
    flow: dict | None = None  # the current flow (edit) or the partial flow (complete)
    hints: dict = field(default_factory=dict)


class Drafter(Protocol):
    def draft(self, req: DraftRequest) -> dict:
        """A flow dict (Flow.to_json() shape; may fail validation). Raises DraftError."""
        ...

    def drafts(self, reqs: list[DraftRequest]) -> list[dict | DraftError]:
        """Batched drafting; one result or error per request, in order."""
        ...


def draft_or_error(draft: Callable[[DraftRequest], dict], req: DraftRequest) -> dict | DraftError:
    """`draft(req)`, or the DraftError it raised: how one-at-a-time drafters fill `drafts`."""
    try:
        return draft(req)
    except DraftError as exc:
        return exc
