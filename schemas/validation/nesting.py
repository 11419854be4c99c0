"""Blocks and nesting: what may contain what, and what must follow what (see architecture.md)."""

from schemas.problems import Problem
from schemas.validation.context import ValidationContext
from schemas.validation.view import Node


def nesting_problems(ctx: ValidationContext) -> list[Problem]:
    steps = sorted((s for s in ctx.view.steps if s.order is not None), key=lambda s: s.order)
    problems = [p for s in steps if (p := _block_problem(ctx, s))]
    for i, step in enumerate(steps):
        problem = _follows_problem(ctx, steps[:i], step) or _inside_problem(ctx, step)
        problems += [problem] if problem else []
    return problems + _contiguity_problems(ctx, steps)


def _block_problem(ctx: ValidationContext, step: Node) -> Problem | None:
    if step.block is None:
        return None
    parent = ctx.by_order.get(step.block)
    if parent is None:
        message = f"block {step.block} names no component"
    elif parent.order >= step.order:
        message = f"block {step.block} must be an earlier component (a container comes before its contents)"
    elif not ctx.is_container(parent):
        message = f"block {step.block} is {parent.label()}, which cannot contain components"
    else:
        return None
    return Problem(code="bad_block", path=step.at("block"), message=message)


def _siblings_key(ctx: ValidationContext, step: Node) -> int | None:
    parent = ctx.parent(step)
    return parent.order if parent is not None else None


def _follows_problem(ctx: ValidationContext, before: list[Node], step: Node) -> Problem | None:
    spec = ctx.catalog.flowlogic.get(step.definition or "") if step.category == "flowlogic" else None
    if spec is None or not spec.follows:
        return None
    key = _siblings_key(ctx, step)
    previous = next((s for s in reversed(before) if _siblings_key(ctx, s) == key), None)
    if previous is not None and previous.category == "flowlogic" and previous.definition in spec.follows:
        return None
    message = f"{step.definition} must come right after {' or '.join(spec.follows)} in the same block"
    return Problem(code="bad_nesting", path=step.at(), message=message)


def _inside_problem(ctx: ValidationContext, step: Node) -> Problem | None:
    spec = ctx.catalog.flowlogic.get(step.definition or "") if step.category == "flowlogic" else None
    if spec is None or not spec.inside:
        return None
    if any(a.category == "flowlogic" and a.definition in spec.inside for a in ctx.ancestors(step)):
        return None
    message = f"{step.definition} must be inside {' or '.join(spec.inside)}"
    return Problem(code="bad_nesting", path=step.at(), message=message)


def _contiguity_problems(ctx: ValidationContext, steps: list[Node]) -> list[Problem]:
    """A container's descendants directly follow it: anything in between must be a descendant too."""
    problems: list[Problem] = []
    ancestry = {id(s): ctx.ancestors(s) for s in steps}
    for container in steps:
        inside = [s for s in steps if any(a is container for a in ancestry[id(s)])]
        if not inside:
            continue
        last = max(s.order for s in inside)
        for step in steps:
            if container.order < step.order < last and not any(a is container for a in ancestry[id(step)]):
                message = f"{step.label()} sits between {container.label()} and its contents but is not inside it"
                problems.append(Problem(code="bad_nesting", path=step.at(), message=message))
    return _first_per_path(problems)


def _first_per_path(problems: list[Problem]) -> list[Problem]:
    first: dict[str, Problem] = {}
    for problem in problems:
        first.setdefault(problem.path, problem)
    return list(first.values())
