"""Encoded-query inputs: record conditions, flow-logic (pill) conditions and field_values."""

from schemas.catalog import InputSpec, TypeSpec
from schemas.conditions import EncodedQuery, QueryError, Term, parse_query
from schemas.date_queries import DATE_OPERATORS
from schemas.problems import Problem
from schemas.validation.context import ValidationContext
from schemas.validation.pill_refs import resolve_quietly, table_of
from schemas.validation.pill_text import single_pill, var_name
from schemas.validation.value_types import literal_error
from schemas.validation.view import InputItem, Node

# Operators whose value is compared with the field's own values (IN lists them, comma separated).
_COMPARING = frozenset({"=", "!=", "IN", "NOT IN", "CHANGESTO", "CHANGESFROM", ">", "<", ">=", "<="})
DATE_KINDS = frozenset({"date_time"})  # the field kinds the date operators (RELATIVELT, BETWEEN, ON...) work on


def _parse(value: str, at: str) -> EncodedQuery | Problem:
    try:
        return parse_query(value)
    except QueryError as exc:
        return Problem(code="bad_query", path=at, message=str(exc))


def _table(ctx: ValidationContext, node: Node, spec: InputSpec) -> str | None:
    table = spec.table or table_of(ctx, node, "table")
    return table if table in ctx.catalog.tables else None


def condition_problems(ctx: ValidationContext, node: Node, item: InputItem, spec: InputSpec) -> list[Problem]:
    at = node.input_at(item)
    query = _parse(item.value or "", at)
    if isinstance(query, Problem):
        return [query]
    table = _table(ctx, node, spec)
    problems: list[Problem] = []
    for term in query.terms():
        if spec.pills:
            problems += _pill_term(ctx, node, term, at)
        else:
            problems += _record_term(ctx, table, term, at)
    return problems


def _pill_term(ctx: ValidationContext, node: Node, term: Term, at: str) -> list[Problem]:
    if not term.field.startswith("{{"):
        message = f"'{term}': flow-logic condition fields are data pills, e.g. {{{{trigger.current.{term.field}}}}}"
        return [Problem(code="bad_query", path=at, message=message)]
    pill = single_pill(term.field)
    source = resolve_quietly(ctx, pill, node) if pill is not None else None
    return _field_problems(source, term, at) if source is not None else []


def _record_term(ctx: ValidationContext, table: str | None, term: Term, at: str) -> list[Problem]:
    if term.field.startswith("{{"):
        message = f"'{term}': record condition fields are fields of the table; data pills go on the value side"
        return [Problem(code="bad_query", path=at, message=message)]
    if table is None:
        return []
    field = ctx.catalog.resolve_field(table, term.field.split("."))
    if field is None:
        message = f"'{term}': table '{table}' has no field '{term.field}'"
        return [Problem(code="unknown_field", path=at, message=message)]
    return _field_problems(field.type, term, at)


def _field_problems(field: TypeSpec, term: Term, at: str) -> list[Problem]:
    """A date operator needs a date field; any other operator's literal must fit the field."""
    if term.operator not in DATE_OPERATORS:
        return _value_problems(field, term, at)
    if field.kind in DATE_KINDS:
        return []
    message = f"'{term}': {term.operator} works on date/time fields only; '{term.field}' is of type {field.kind}"
    return [Problem(code="not_a_date_field", path=at, message=message)]


def _value_problems(field: TypeSpec, term: Term, at: str) -> list[Problem]:
    """A literal compared with (or assigned to) a choice, boolean or integer field must be one of its values."""
    if term.operator not in _COMPARING or "{{" in term.value:
        return []
    values = term.value.split(",") if term.operator in ("IN", "NOT IN") else [term.value]
    if field.kind == "choice":
        bad = [v for v in values if v not in field.choices]
        message = f"'{term}': {', '.join(bad)} is not one of {', '.join(field.choices)}"
        return [Problem(code="bad_choice", path=at, message=message)] if bad else []
    errors = [e for v in values if field.kind in ("boolean", "integer") and (e := literal_error(field.kind, v))]
    return [Problem(code="bad_input_type", path=at, message=f"'{term}': {errors[0]}")] if errors else []


def field_values_problems(ctx: ValidationContext, node: Node, item: InputItem, spec: InputSpec) -> list[Problem]:
    at = node.input_at(item)
    query = _parse(item.value or "", at)
    if isinstance(query, Problem):
        return [query]
    problems: list[Problem] = []
    if len(query.queries) > 1 or any(len(c) > 1 for q in query.queries for c in q.clauses):
        message = "field values are field=value pairs joined by '^' only (no ^OR, ^NQ)"
        problems.append(Problem(code="bad_query", path=at, message=message))
    table = _table(ctx, node, spec)
    for term in query.terms():
        if term.operator != "=":
            problems.append(Problem(code="bad_query", path=at, message=f"'{term}': field values only use '='"))
        elif spec.pills:
            problems += _variable_term(term, at)
        else:
            problems += _assignment_term(ctx, table, term, at)
    return problems


def _variable_term(term: Term, at: str) -> list[Problem]:
    if var_name(term.field) is not None:
        return []
    message = f"'{term}': set a flow variable by its name or its {{{{flow_var.name}}}} pill"
    return [Problem(code="bad_query", path=at, message=message)]


def _assignment_term(ctx: ValidationContext, table: str | None, term: Term, at: str) -> list[Problem]:
    if term.field.startswith("{{") or "." in term.field:
        message = f"'{term}': field values set fields of the table itself, not data pills or dot-walks"
        return [Problem(code="bad_query", path=at, message=message)]
    return _record_term(ctx, table, term, at)
