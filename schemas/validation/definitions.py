"""Catalog names: the trigger type, component definitions and scopes, and input names."""

from difflib import get_close_matches

from schemas.catalog import Definition
from schemas.problems import Problem
from schemas.validation.context import ValidationContext
from schemas.validation.view import Node

_UNKNOWN_CODES = {"action": "unknown_action", "subflow": "unknown_action", "flowlogic": "unknown_flowlogic"}


def _hint(name: str, known: list[str]) -> str:
    close = get_close_matches(name, known, n=3)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def _names(ctx: ValidationContext, category: str) -> list[str]:
    groups = {
        "trigger": ctx.catalog.triggers,
        "action": ctx.catalog.actions,
        "flowlogic": ctx.catalog.flowlogic,
        "subflow": ctx.catalog.subflows,
    }
    return list(groups[category])


def definition_problems(ctx: ValidationContext, node: Node) -> list[Problem]:
    """Unknown trigger type or definition, and a scope that is not the definition's."""
    if node.definition is None or (node.category != "trigger" and node.category not in _UNKNOWN_CODES):
        return []  # the shape check already reported it
    definition = ctx.definition(node)
    if definition is None:
        return [_unknown(ctx, node)]
    if node.is_trigger or node.scope is None or node.scope == definition.scope:
        return []
    message = f"{node.definition} belongs to scope '{definition.scope}', not '{node.scope}'"
    return [Problem(code="wrong_scope", path=node.at("scope"), message=message)]


def _unknown(ctx: ValidationContext, node: Node) -> Problem:
    name, category = node.definition or "", node.category or ""
    hint = _hint(name, _names(ctx, category))
    if node.is_trigger:
        return Problem(code="unknown_trigger", path=node.at("type"), message=f"unknown trigger type '{name}'{hint}")
    message = f"unknown {category} '{name}'{hint}"
    return Problem(code=_UNKNOWN_CODES[category], path=node.at("definition"), message=message)


def input_name_problems(ctx: ValidationContext, node: Node) -> list[Problem]:
    """Inputs the definition does not have, inputs given twice, required inputs absent or empty."""
    definition = ctx.definition(node)
    if definition is None:
        return []
    problems: list[Problem] = []
    seen: set[str] = set()
    for item in node.inputs:
        if item.name is None:
            continue
        if item.name not in definition.inputs:
            known = ", ".join(definition.inputs) or "none"
            message = f"{node.label()} has no input '{item.name}' (inputs: {known})"
            problems.append(Problem(code="unknown_input", path=node.input_at(item, "name"), message=message))
        elif item.name in seen:
            message = f"input '{item.name}' is given more than once"
            problems.append(Problem(code="duplicate_input", path=node.input_at(item, "name"), message=message))
        seen.add(item.name)
    return problems + _missing(node, definition)


def _missing(node: Node, definition: Definition) -> list[Problem]:
    problems: list[Problem] = []
    for name, spec in definition.inputs.items():
        if not spec.required:
            continue
        item = next((i for i in node.inputs if i.name == name), None)
        if item is None:
            message = f"{node.label()} needs input '{name}'"
            problems.append(Problem(code="missing_input", path=node.at("inputs"), message=message))
        elif item.value is not None and not item.value.strip():
            message = f"{node.label()} needs a value for input '{name}'"
            problems.append(Problem(code="missing_input", path=node.input_at(item), message=message))
    return problems
