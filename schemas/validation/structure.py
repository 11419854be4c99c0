"""Component order: exactly 1..n, unique, and the list sorted by it."""

from schemas.problems import Problem
from schemas.validation.view import FlowView


def order_problems(view: FlowView) -> list[Problem]:
    """With n components, a duplicate implies a gap, so `order_gap` marks only orders outside 1..n."""
    ordered = [s for s in view.steps if s.order is not None]
    n = view.size
    problems: list[Problem] = []
    seen: set[int] = set()
    for step in ordered:
        if step.order in seen:
            message = f"order {step.order} is already used by an earlier component"
            problems.append(Problem(code="duplicate_order", path=step.at("order"), message=message))
        elif not 1 <= step.order <= n:
            message = f"order {step.order} is outside 1..{n}: orders number the {n} components 1..{n}"
            problems.append(Problem(code="order_gap", path=step.at("order"), message=message))
        seen.add(step.order)
    for before, step in zip(ordered, ordered[1:]):
        if step.order < before.order:
            message = f"order {step.order} comes after order {before.order}: the list must be sorted by order"
            problems.append(Problem(code="order_not_sorted", path=step.at("order"), message=message))
    return problems
