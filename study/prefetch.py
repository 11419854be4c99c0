"""A drafter that answers from drafts decoded earlier as one batch, so the agent benchmarks at batch speed."""

import json

from models.drafter import Drafter, DraftError, DraftRequest, draft_or_error


def _key(req: DraftRequest) -> tuple:
    return req.task, req.request, json.dumps(req.flow, sort_keys=True)


class PrefetchDrafter:
    """Wraps a drafter: `prefetch` drafts requests in one batch; `draft` uses (and forgets) a prefetched result.

    A request that was not prefetched (e.g. with repair hints) goes to the wrapped drafter.
    """

    def __init__(self, inner: Drafter) -> None:
        self.inner = inner
        self._ready: dict[tuple, dict | DraftError] = {}

    @property
    def can_repair(self) -> bool:
        """The wrapped drafter's: the copilot asks it to repair drafts only if it was trained to."""
        return bool(getattr(self.inner, "can_repair", False))

    def prefetch(self, reqs: list[DraftRequest]) -> None:
        for req, result in zip(reqs, self.inner.drafts(reqs)):
            self._ready[_key(req)] = result

    def draft(self, req: DraftRequest) -> dict:
        result = self._ready.pop(_key(req), None) if not req.hints else None
        if result is None:
            return self.inner.draft(req)
        if isinstance(result, DraftError):
            raise result
        return result

    def drafts(self, reqs: list[DraftRequest]) -> list[dict | DraftError]:
        return [draft_or_error(self.draft, req) for req in reqs]
