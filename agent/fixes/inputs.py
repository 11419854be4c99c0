"""Candidate repairs of one input, nearest first: its data pills re-pointed, its query terms or
literal made to fit, and only then the input dropped (optional), given a default (required) or, for
a required record, records, condition or field-values input with nothing to fill it, the step dropped."""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from agent.fixes.defaults import default_values
from agent.fixes.flowdict import Where, owner, owner_definition, owner_label
from agent.fixes.names import nearest
from agent.fixes.pills import QUERY_KINDS, pill_candidates, pill_text, prefixed
from agent.fixes.queries import query_candidates
from agent.fixes.structure import dropping
from agent.fixes.trial import Candidate
from agent.fixes.values import coerced
from schemas.catalog import Catalog, InputSpec
from schemas.conditions import QueryError, parse_query
from schemas.pills import PILL_RE, Pill, PillError, parse_pill
from schemas.validation import (
    Finding,
    Node,
    ValidationContext,
    flow_view,
    lineage,
    related,
    resolve,
    resolve_quietly,
    scan,
    table_of,
)

DROP_KINDS = ("record", "records", "condition", "field_values")
MISFIT_CODES = frozenset({"bad_input_type", "bad_choice"})


def _set_value(where: Where, index: int, value: str, block: int | None = None):
    def edit(flow: dict) -> None:
        owner(flow, where)["inputs"][index]["value"] = value
        if block is not None:
            owner(flow, where)["block"] = block

    return edit


def _dropping_input(where: Where, index: int):
    def edit(flow: dict) -> None:
        del owner(flow, where)["inputs"][index]

    return edit


def node_at(ctx: ValidationContext, where: Where) -> Node | None:
    if where == "trigger":
        return ctx.view.trigger
    return next((s for s in ctx.view.steps if s.path == ("components", where)), None)


@dataclass
class Spot:
    """One input of one owner, with what the candidates need to know about it."""

    flow: dict
    ctx: ValidationContext
    here: Node
    where: Where
    index: int
    name: str
    value: str
    spec: InputSpec

    def set(self, value: str, block: int | None = None) -> Candidate:
        label = owner_label(self.flow, self.where)
        joined = f" (moved into block {block})" if block is not None else ""
        note = f"{label}: input '{self.name}' {self.value!r} -> {value!r}{joined}"
        return note, _set_value(self.where, self.index, value, block)


def _spot(flow: dict, catalog: Catalog, where: Where, index: int) -> Spot | None:
    item = owner(flow, where)["inputs"][index]
    definition = owner_definition(flow, where, catalog)
    spec = definition.inputs.get(item["name"]) if definition else None
    ctx = ValidationContext(catalog, flow_view(flow))
    here = node_at(ctx, where)
    if spec is None or here is None:
        return None
    return Spot(flow, ctx, here, where, index, item["name"], item["value"], spec)


def _without(value: str, text: str) -> str:
    return re.sub(r"\s{2,}", " ", value.replace(text, "")).strip()


def _malformed(spot: Spot) -> Iterator[Candidate]:
    """`{{assigned_to.email}}` read as a field of a visible record, `{{1.rec ord}}` as the nearest
    valid pill to `{{1.record}}`, else removed; stray braces removed."""
    removable = spot.spec.type.kind not in QUERY_KINDS
    for match in PILL_RE.finditer(spot.value):
        text = match.group(0)
        if _parsed(text) is not None:
            continue
        yield from (spot.set(spot.value.replace(text, t)) for t in prefixed(spot.ctx, spot.here, match.group(1)))
        clean = _parsed("{{" + re.sub(r"[^A-Za-z0-9_.]", "", match.group(1)) + "}}")
        for new, _ in pill_candidates(spot.ctx, spot.here, clean, spot.spec, False) if clean else []:
            yield spot.set(spot.value.replace(text, new))
        if removable and _without(spot.value, text):
            yield spot.set(_without(spot.value, text))
    if scan(spot.value)[1]:
        parts = PILL_RE.split(spot.value)
        yield spot.set("".join("{{" + p + "}}" if i % 2 else re.sub(r"[{}]", "", p) for i, p in enumerate(parts)))


def _parsed(text: str) -> Pill | None:
    try:
        return parse_pill(text[2:-2])
    except PillError:
        return None


def _broken(ctx: ValidationContext, pill: Pill, here: Node) -> bool:
    try:
        resolve(ctx, pill, here)
    except Finding:
        return True
    return False


def _pill_texts(spot: Spot) -> list[str]:
    """The pills that reference data (a field_values field names what it sets: skipped)."""
    value = spot.value
    if spot.spec.type.kind == "field_values":
        try:
            value = "^".join(t.value for t in parse_query(value).terms())
        except QueryError:
            pass
    return list(dict.fromkeys(m.group(0) for m in PILL_RE.finditer(value)))


def _walked(spot: Spot, pill: Pill, text: str) -> Iterator[Candidate]:
    """A record pill of a table of another family than the step's (no table both extend), where that
    record holds exactly one reference to the step's table: the step acts on the referenced record
    (`{{2.item}}` of a task_sla in a step on `task` is `{{2.item.task}}`). An incident in a step on
    `problem` is a slip of the table's name instead, which `_sibling_table` mends."""
    found = resolve_quietly(spot.ctx, pill, spot.here)
    table = table_of(spot.ctx, spot.here, "table")
    catalog = spot.ctx.catalog
    if found is None or not found.table or table not in catalog.tables:
        return
    if set(lineage(catalog, table)) & set(lineage(catalog, found.table)):
        return
    refs = [
        name
        for name, field in catalog.fields(found.table).items()
        if field.type.kind == "ref" and field.type.table and related(catalog, table, field.type.table)
    ]
    if len(refs) == 1:
        head = "trigger" if pill.source == "trigger" else str(pill.step)
        yield spot.set(spot.value.replace(text, pill_text(head, pill.output, [*pill.path, refs[0]])))


def _sibling_table(spot: Spot, pill: Pill) -> Iterator[Candidate]:
    """A record pill of another table than the step's `table` input: the table follows the record."""
    found = resolve_quietly(spot.ctx, pill, spot.here)
    at = next((k for k, i in enumerate(owner(spot.flow, spot.where)["inputs"]) if i.get("name") == "table"), None)
    if found is not None and found.table and at is not None:
        label = owner_label(spot.flow, spot.where)
        yield f"{label}: table -> '{found.table}' (the record's table)", _set_value(spot.where, at, found.table)


def _pill_fixes(spot: Spot, misfit: bool) -> Iterator[Candidate]:
    kind = spot.spec.type.kind
    for text in _pill_texts(spot):
        pill = _parsed(text)
        if pill is None:
            continue
        broken, single = _broken(spot.ctx, pill, spot.here), spot.value.strip() == text
        if not broken and not (misfit and single):
            continue
        for new, block in pill_candidates(spot.ctx, spot.here, pill, spot.spec, misfit and not broken):
            yield spot.set(spot.value.replace(text, new), block)
        if single and not broken and kind == "record":  # no visible record of the step's table
            yield from _walked(spot, pill, text)
            yield from _sibling_table(spot, pill)
        if broken and kind not in QUERY_KINDS and _without(spot.value, text):
            yield spot.set(_without(spot.value, text))
    if kind == "field_values":
        yield from _values_without(spot)


def _values_without(spot: Spot) -> Iterator[Candidate]:
    """Field values with the pills that cannot be re-pointed taken out of every value (pills to the
    trigger's record on a scheduled trigger, say); a field left with no value is not set at all."""
    broken = [t for t in _pill_texts(spot) if (p := _parsed(t)) is not None and _broken(spot.ctx, p, spot.here)]
    try:
        terms = parse_query(spot.value).terms()
    except QueryError:
        return
    for text in broken:
        terms = [t.model_copy(update={"value": _without(t.value, text)}) for t in terms]
    kept = "^".join(str(t) for t in terms if t.value)
    if broken and kept:
        yield spot.set(kept)


def _literal_fixes(spot: Spot) -> Iterator[str]:
    kind = spot.spec.type.kind
    if kind in QUERY_KINDS:
        yield from query_candidates(spot.ctx, spot.here, spot.spec, spot.value)
    elif kind == "table" and (best := nearest(spot.value, list(spot.ctx.catalog.tables), cutoff=0.4)):
        yield best
    else:
        yield from coerced(kind, spot.spec.type.choices, spot.value)


def last_resorts(spot: Spot) -> Iterator[Candidate]:
    label = owner_label(spot.flow, spot.where)
    if not spot.spec.required:
        yield f"{label}: dropped optional input '{spot.name}'", _dropping_input(spot.where, spot.index)
        return
    for value in default_values(spot.flow, spot.ctx, spot.here, spot.where, spot.name, spot.spec):
        yield spot.set(value)
    if spot.where != "trigger" and spot.spec.type.kind in DROP_KINDS:
        yield dropping(spot.flow, spot.where, spot.ctx.catalog, f"its required {spot.name} cannot be fixed")


def value_candidates(flow: dict, catalog: Catalog, where: Where, index: int, codes: set[str]) -> Iterator[Candidate]:
    """Repairs of the value of input `index` of `where`, whose problems have these codes."""
    spot = _spot(flow, catalog, where, index)
    if spot is None:
        return
    yield from _malformed(spot)
    yield from _pill_fixes(spot, bool(codes & MISFIT_CODES))
    yield from (spot.set(v) for v in _literal_fixes(spot) if v != spot.value)
    yield from last_resorts(spot)
