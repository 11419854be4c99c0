"""Aligning predicted components with reference components, for the error taxonomy."""

import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher

from schemas.similarity.steps import ordered_components
from schemas.workflow import Flow

Pairs = list[tuple[int, int]]
_STEP_PILL = re.compile(r"\{\{\s*(\d+)\.")


def align_steps(pred: list[str], ref: list[str]) -> tuple[Pairs, set[str]]:
    """(pred index, ref index) pairs of corresponding steps, and the step errors the alignment shows.

    The same bag of steps in another order pairs the k-th occurrences (wrong_nesting_or_order);
    otherwise a sequence alignment: a replaced run pairs position by position (wrong_action).
    """
    if Counter(pred) == Counter(ref):
        return _by_occurrence(pred, ref), (set() if pred == ref else {"wrong_nesting_or_order"})
    pairs: Pairs = []
    errors: set[str] = set()
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=pred, b=ref, autojunk=False).get_opcodes():
        n = min(i2 - i1, j2 - j1)
        pairs.extend(zip(range(i1, i1 + n), range(j1, j1 + n)))
        if tag == "replace":
            errors.add("wrong_action")
        if i2 - i1 > n:
            errors.add("extra_step")
        if j2 - j1 > n:
            errors.add("missing_step")
    return pairs, errors


def _by_occurrence(pred: list[str], ref: list[str]) -> Pairs:
    where: dict[str, list[int]] = defaultdict(list)
    for j, label in enumerate(ref):
        where[label].append(j)
    seen: Counter = Counter()
    pairs = []
    for i, label in enumerate(pred):
        pairs.append((i, where[label][seen[label]]))
        seen[label] += 1
    return pairs


def parents(flow: Flow) -> list[int | None]:
    """Index (by `order`) of each component's enclosing component; None at top level or when dangling."""
    comps = ordered_components(flow)
    index: dict[int, int] = {}
    result: list[int | None] = []
    for i, comp in enumerate(comps):
        result.append(index.get(comp.block) if comp.block is not None else None)
        index.setdefault(comp.order, i)
    return result


def nesting_differs(pairs: Pairs, pred_parents: list[int | None], ref_parents: list[int | None]) -> bool:
    """Whether a paired step sits under a different (paired) container than its reference."""
    forward = dict(pairs)
    backward = {j: i for i, j in pairs}
    for i, j in pairs:
        p, r = pred_parents[i], ref_parents[j]
        if (p is not None and p not in forward) or (r is not None and r not in backward):
            continue  # its container is itself missing or extra: already counted there
        if (forward[p] if p is not None else None) != r:
            return True
    return False


def renumber_steps(value: str, orders: dict[int, int]) -> str:
    """`value` with step pills `{{N.…}}` renamed through `orders`; an unpaired step becomes `?N`."""

    def rename(match: re.Match) -> str:
        step = int(match.group(1))
        return "{{%s." % (orders[step] if step in orders else f"?{step}")

    return _STEP_PILL.sub(rename, value)
