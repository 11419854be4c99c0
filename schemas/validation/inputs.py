"""Input values: the pills they reference, and the values against their catalog types."""

from difflib import get_close_matches

from schemas.catalog import Catalog, InputSpec, TypeSpec
from schemas.pills import Pill
from schemas.problems import Problem
from schemas.validation.context import ValidationContext, query_terms
from schemas.validation.pill_refs import Finding, resolve, resolve_quietly, table_of
from schemas.validation.pill_text import scan, single_pill
from schemas.validation.queries import condition_problems, field_values_problems
from schemas.validation.value_types import MIXED_KINDS, choices_fit, expected, literal_error, pill_fits
from schemas.validation.view import InputItem, Node


def input_value_problems(ctx: ValidationContext, node: Node) -> list[Problem]:
    """Pill and type problems of every input of `node` (names are checked in `definitions`)."""
    problems: list[Problem] = []
    for item in node.inputs:
        if item.value is None:
            continue
        spec = ctx.input_spec(node, item.name)
        problems += reference_problems(ctx, node, item, spec)
        if spec is not None and item.value.strip():
            problems += _typed(ctx, node, item, spec)
    return problems


def reference_problems(ctx: ValidationContext, node: Node, item: InputItem, spec: InputSpec | None) -> list[Problem]:
    """Malformed pills, and pills naming what is not there (field_values fields name what they set)."""
    at = node.input_at(item)
    pills, errors = scan(item.value or "")
    problems = [Problem(code="bad_pill", path=at, message=e) for e in errors]
    if spec is not None and spec.type.kind == "field_values" and (terms := query_terms(item.value or "")):
        pills = [p for t in terms for p in scan(t.value)[0]]
    for pill in pills:
        try:
            resolve(ctx, pill, node)
        except Finding as found:
            problems.append(Problem(code=found.code, path=at, message=found.message))
    return problems


def _typed(ctx: ValidationContext, node: Node, item: InputItem, spec: InputSpec) -> list[Problem]:
    kind = spec.type.kind
    if kind == "condition":
        return condition_problems(ctx, node, item, spec)
    if kind == "field_values":
        return field_values_problems(ctx, node, item, spec)
    if kind == "table" and "{{" not in (item.value or ""):
        return _table(ctx.catalog, node, item)
    return _scalar(ctx, node, item, spec.type)


def _table(catalog: Catalog, node: Node, item: InputItem) -> list[Problem]:
    value = item.value or ""
    if value in catalog.tables:
        return []
    close = get_close_matches(value, list(catalog.tables), n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    return [Problem(code="unknown_table", path=node.input_at(item), message=f"unknown table '{value}'{hint}")]


def _scalar(ctx: ValidationContext, node: Node, item: InputItem, target: TypeSpec) -> list[Problem]:
    value, at = item.value or "", node.input_at(item)
    pill = single_pill(value)
    if pill is not None:
        return _pill_value(ctx, node, item, target, pill)
    if "{{" in value and target.kind not in MIXED_KINDS:
        if scan(value)[1]:
            return []  # reported as bad_pill
        message = f"input '{item.name}' takes {expected(target.kind)}: a literal or exactly one data pill, not both"
        return [Problem(code="bad_input_type", path=at, message=message)]
    if target.kind == "choice":
        if value in target.choices:
            return []
        message = f"input '{item.name}': '{value}' is not one of {', '.join(target.choices)}"
        return [Problem(code="bad_choice", path=at, message=message)]
    error = literal_error(target.kind, value)
    return [Problem(code="bad_input_type", path=at, message=f"input '{item.name}': {error}")] if error else []


def describe(spec: TypeSpec) -> str:
    if spec.kind == "choice":
        return f"choice[{','.join(spec.choices)}]"
    return f"{spec.kind} of {spec.table}" if spec.table else spec.kind


def _pill_value(ctx: ValidationContext, node: Node, item: InputItem, target: TypeSpec, pill: Pill) -> list[Problem]:
    source = resolve_quietly(ctx, pill, node)
    at = node.input_at(item)
    if source is None:
        return []
    if not pill_fits(target, source):
        message = f"input '{item.name}' takes {expected(target.kind)}, but {pill} is {describe(source)}"
        return [Problem(code="bad_input_type", path=at, message=message)]
    if target.kind == "choice" and not choices_fit(target, source):
        message = f"input '{item.name}' allows {', '.join(target.choices)}, but {pill} is {describe(source)}"
        return [Problem(code="bad_choice", path=at, message=message)]
    table = table_of(ctx, node, "table") if target.kind == "record" else None
    if table and source.table in ctx.catalog.tables and not related(ctx.catalog, table, source.table):
        message = f"{pill} is a {source.table} record, but this step's table is '{table}'"
        return [Problem(code="bad_input_type", path=at, message=message)]
    return []


def lineage(catalog: Catalog, table: str) -> list[str]:
    """The table and the tables it extends, nearest first."""
    chain: list[str] = []
    while table in catalog.tables and table not in chain:
        chain.append(table)
        table = catalog.tables[table].extends or ""
    return chain


def related(catalog: Catalog, a: str, b: str) -> bool:
    """One table extends (or is) the other: a task record may be an incident."""
    return a in lineage(catalog, b) or b in lineage(catalog, a)
