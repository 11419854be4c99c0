"""Try candidate edits on a copy of the flow; keep one only when the validator finds fewer problems.

A candidate is `(note, edit)`: `edit(flow)` changes a copy in place. Candidates come nearest first,
so `first` keeps the smallest change that helps, and the validator is the only judge of "helps".
An edit that returns True (dropping a step) breaks what pointed at it; `settle` repairs that on the
copy before it is judged.
"""

import copy
from collections.abc import Callable, Iterable

from schemas.catalog import Catalog
from schemas.problems import Problem
from schemas.validate import validate_flow

Edit = Callable[[dict], bool | None]
Candidate = tuple[str, Edit]


class Trial:
    def __init__(self, flow: dict, catalog: Catalog, settle: Callable[[dict], list[str]] | None = None):
        self.flow = flow
        self.catalog = catalog
        self.settle = settle
        self.problems: list[Problem] = validate_flow(flow, catalog)

    def _attempt(self, edit: Edit) -> tuple[dict, list[Problem], list[str]]:
        trial = copy.deepcopy(self.flow)
        settled = self.settle(trial) if edit(trial) and self.settle else []
        return trial, validate_flow(trial, self.catalog), settled

    def _keep(self, trial: dict, problems: list[Problem]) -> None:
        self.flow.clear()
        self.flow.update(trial)
        self.problems = problems

    def first(self, candidates: Iterable[Candidate]) -> str | None:
        """Apply the first candidate that lowers the problem count; its note, or None."""
        seen: set[str] = set()
        for note, edit in candidates:
            if note in seen:
                continue
            seen.add(note)
            trial, problems, settled = self._attempt(edit)
            if len(problems) < len(self.problems):
                self._keep(trial, problems)
                return "; ".join([note, *settled])
        return None

    def best(self, candidates: Iterable[Candidate]) -> str | None:
        """Apply the candidate that leaves the fewest problems (the earliest on ties), if it helps."""
        chosen: tuple[int, str, dict, list[Problem]] | None = None
        for note, edit in candidates:
            trial, problems, _ = self._attempt(edit)
            if len(problems) < len(self.problems) and (chosen is None or len(problems) < chosen[0]):
                chosen = (len(problems), note, trial, problems)
        if chosen is None:
            return None
        self._keep(chosen[2], chosen[3])
        return chosen[1]
