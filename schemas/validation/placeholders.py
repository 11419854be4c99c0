"""Placeholder steps (`placeholder`): a warning each, with what was asked, to resolve before activation."""

from schemas.catalog import PLACEHOLDER
from schemas.problems import Problem
from schemas.validation.context import ValidationContext


def placeholder_problems(ctx: ValidationContext) -> list[Problem]:
    """One `placeholder` warning per placeholder component, at its JSON path; the flow stays valid."""
    problems = []
    for node in ctx.view.steps:
        if node.category != "action" or node.definition != PLACEHOLDER:
            continue
        asked = (node.value("description") or "").strip() or "a step the catalog has no action for"
        where = f"step {node.order}" if node.order is not None else f"component {node.path[-1]}"
        message = f"{where} is a placeholder for '{asked}': replace it before activating the flow"
        problems.append(Problem(code="placeholder", path=node.at(), message=message, severity="warning"))
    return problems
