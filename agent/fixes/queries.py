"""Encoded-query repairs, term by term: a nearby field, a nearby choice, the one field whose choices
hold the literal, a coerced literal, and as the last resort the term dropped. Unparseable text is
tidied first."""

import re
from collections.abc import Iterator

from agent.fixes.fields import path_candidates
from agent.fixes.pills import outputs, pill_text, visible_sources
from agent.fixes.values import boolean, choice, integer
from schemas.catalog import InputSpec, TypeSpec
from schemas.conditions import OPERATORS, EncodedQuery, QueryError, Term, parse_query, parse_term
from schemas.validation import Node, ValidationContext, resolve_quietly, single_pill, table_of, var_name

_SEPARATORS = (
    (" AND ", "^"),
    (" and ", "^"),
    ("&&", "^"),
    (" OR ", "^OR"),
    (" or ", "^OR"),
    ("||", "^OR"),
    ("==", "="),
)


def _parses(part: str) -> bool:
    try:
        parse_term(part[2:] if part.startswith("OR") else part)
    except QueryError:
        return False
    return True


def _fix_term_text(part: str) -> str:
    """`Priority = 1` -> `priority=1`: field names are lower case, no blanks around the operator."""
    if _parses(part):
        return part
    prefix, body = ("OR", part[2:]) if part.startswith("OR") and len(part) > 2 else ("", part)
    for i in range(1, len(body)):
        field, rest = body[:i].strip().lower().replace(" ", "_"), body[i:].lstrip()
        operator = next((op for op in OPERATORS if rest.startswith(op)), None)
        text = f"{field}{operator}{rest[len(operator) :].strip()}" if operator else ""
        if operator and _parses(text):
            return prefix + text
    return part


def _tidy(value: str) -> str:
    text = value.strip()
    for old, new in _SEPARATORS:
        text = text.replace(old, new)
    parts = [p.strip() for p in text.split("^") if p.strip() and p.strip() != "OR"]
    return "^".join(_fix_term_text(p) for p in parts)


def cleanups(value: str) -> list[str]:
    """For a query that does not parse: tidied separators and field names, then only the terms that parse."""
    tidy = _tidy(value)
    kept = [p for p in tidy.split("^") if _parses(p)]
    if kept and kept[0].startswith("OR"):
        kept[0] = kept[0][2:]
    return [tidy, "^".join(kept)]


def _positions(query: EncodedQuery) -> list[tuple[int, int, int]]:
    return [(q, c, t) for q, qu in enumerate(query.queries) for c, cl in enumerate(qu.clauses) for t in range(len(cl))]


def _rebuilt(query: EncodedQuery, at: tuple[int, int, int], term: Term | None) -> str:
    copy = query.model_copy(deep=True)
    q, c, t = at
    if term is not None:
        copy.queries[q].clauses[c][t] = term
        return str(copy)
    del copy.queries[q].clauses[c][t]
    for qu in copy.queries:
        qu.clauses = [cl for cl in qu.clauses if cl]
    copy.queries = [qu for qu in copy.queries if qu.clauses]
    return str(copy)


def _fit_value(term: Term, field: TypeSpec) -> list[Term]:
    """The term with its literal made to fit the field: nearest choice(s), coerced boolean or integer."""
    if "{{" in term.value or not term.value:
        return []
    if field.kind == "choice":
        parts = [p for p in re.split(r",|(?<!\s)\s+or\s+|(?<!\s)\s*/\s*", term.value) if p.strip()]
        if len(parts) > 1 and term.operator in ("=", "!=", "IN", "NOT IN"):
            mapped = list(dict.fromkeys(c for p in parts for c in choice(p, field.choices)[:1]))
            operator = "NOT IN" if term.operator in ("!=", "NOT IN") else "IN"
            return [Term(field=term.field, operator=operator, value=",".join(mapped))] if mapped else []
        values = choice(term.value, field.choices)
    else:
        values = {"boolean": boolean, "integer": integer}.get(field.kind, lambda v: [])(term.value)
    return [term.model_copy(update={"value": v}) for v in values]


_ONE_VALUE = ("=", "!=", "CHANGESTO", "CHANGESFROM")


def _choice_owner(ctx: ValidationContext, table: str, term: Term) -> list[Term]:
    """The term on the one field of `table` whose choices hold its literal (in any case, with `_`, `-` or a
    blank alike), when another field was named: `category=emergency` on a change is `type=emergency`,
    `state=7` on an asset `install_status=7`, `exception_type!=self_service` on an incident
    `contact_type!=self-service`. Nothing when several fields hold it (a `1` is a priority, an impact and a
    state alike)."""
    if term.operator not in _ONE_VALUE or "{{" in term.value:
        return []
    owners = [
        (name, value)
        for name, spec in ctx.catalog.fields(table).items()
        if spec.type.kind == "choice"
        for value in spec.type.choices
        if _spelling(value) == _spelling(term.value)
    ]
    if len(owners) != 1 or owners[0][0] == term.field:
        return []
    return [term.model_copy(update={"field": owners[0][0], "value": owners[0][1]})]


def _spelling(value: str) -> str:
    """A choice as written any way: `Self_Service`, `self service` and `self-service` are one."""
    return re.sub(r"[\s_-]+", "", value.lower())


def _record_term(ctx: ValidationContext, table: str | None, term: Term) -> list[Term]:
    pill = single_pill(term.field)
    if pill is not None:
        return [term.model_copy(update={"field": ".".join(pill.path)})] if pill.path else []
    if table is None:
        return []
    field = ctx.catalog.resolve_field(table, term.field.split("."))
    if field is not None:
        return _fit_value(term, field.type) + _choice_owner(ctx, table, term)
    paths = path_candidates(ctx.catalog, table, term.field.split("."))
    return [term.model_copy(update={"field": ".".join(p)}) for p in paths] + _choice_owner(ctx, table, term)


def _pill_term(ctx: ValidationContext, here: Node, term: Term) -> list[Term]:
    pill = single_pill(term.field)
    if pill is None:
        sources = visible_sources(ctx, here)
        path = term.field.split(".")
        return [
            term.model_copy(update={"field": pill_text(s.head, name, path)})
            for s in sources
            for name, spec in outputs(ctx, s).items()
            if spec.kind == "record"
        ]
    found = resolve_quietly(ctx, pill, here)
    bare = pill_text("trigger" if pill.source == "trigger" else str(pill.step), pill.output, [])
    exists = [Term(field=bare, operator="ISNOTEMPTY")] if pill.source != "flow_var" else []
    return (_fit_value(term, found) if found else []) + exists


def _assignment(ctx: ValidationContext, spec: InputSpec, table: str | None, term: Term) -> list[Term]:
    name = term.field
    pill = single_pill(name)
    if spec.pills:
        plain = re.sub(r"\W+", "_", pill.path[-1] if pill and pill.path else name).strip("_")
        return [Term(field=plain, operator="=", value=term.value)] if plain and var_name(plain) else []
    if pill is not None or "." in name:
        last = (pill.path[-1] if pill.path else pill.output) if pill else name.rsplit(".", 1)[1]
        return [Term(field=last, operator="=", value=term.value)]
    if term.operator != "=":
        return [Term(field=name, operator="=", value=term.value)] if term.value else []
    return _record_term(ctx, table, term)


def term_alternatives(ctx: ValidationContext, here: Node, spec: InputSpec, table: str | None, term: Term) -> list[Term]:
    if spec.type.kind == "field_values":
        return _assignment(ctx, spec, table, term)
    return _pill_term(ctx, here, term) if spec.pills else _record_term(ctx, table, term)


def query_candidates(ctx: ValidationContext, here: Node, spec: InputSpec, value: str) -> Iterator[str]:
    """Values near an encoded query that may fix it: term by term, then single terms dropped."""
    try:
        query = parse_query(value)
    except QueryError:
        yield from cleanups(value)
        return
    alternatives = len(query.queries) > 1 or any(len(c) > 1 for q in query.queries for c in q.clauses)
    if spec.type.kind == "field_values" and alternatives:
        yield "^".join(str(t) for t in query.terms())  # field values are AND-only
    table = spec.table or table_of(ctx, here, "table")
    table = table if table in ctx.catalog.tables else None
    positions = _positions(query)
    for at in positions:
        term = query.queries[at[0]].clauses[at[1]][at[2]]
        yield from (_rebuilt(query, at, alt) for alt in term_alternatives(ctx, here, spec, table, term))
    if len(positions) > 1:
        yield from (_rebuilt(query, at, None) for at in positions)
