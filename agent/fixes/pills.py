"""Replacement data pills, nearest first: the same output elsewhere, the same field path on another
visible record, a nearby field path, a loop the step could join; and for flow variables a close
name or the value the flow meant to store."""

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from agent.fixes.fields import path_candidates
from schemas.catalog import InputSpec, TypeSpec
from schemas.conditions import QueryError, parse_query
from schemas.pills import Pill
from schemas.validation import Node, ValidationContext, table_of, var_name

QUERY_KINDS = ("condition", "field_values")
Replacement = tuple[str, int | None]  # a pill text, and the container to join to see it (or None)


@dataclass
class Source:
    head: str  # "trigger" or the step's order
    node: Node
    join: int | None = None  # the container the pill's step must join to see this source


def pill_text(head: str, output: str, path: list[str]) -> str:
    return "{{" + ".".join([head, output, *path]) + "}}"


def visible_sources(ctx: ValidationContext, here: Node) -> list[Source]:
    """What `here` may reference: enclosing containers innermost first, the trigger, earlier steps latest first."""
    if here.is_trigger or here.order is None:
        return []
    found = [Source(str(a.order), a) for a in ctx.ancestors(here)]
    if ctx.view.trigger is not None:
        found.append(Source("trigger", ctx.view.trigger))
    earlier = [s for s in ctx.view.steps if s.order is not None and s.order < here.order and not ctx.is_container(s)]
    return found + [Source(str(s.order), s) for s in sorted(earlier, key=lambda s: -s.order)]


def joinable_sources(ctx: ValidationContext, here: Node) -> list[Source]:
    """Containers that end right before `here`, at its level: `here` could become their last child."""
    previous = ctx.by_order.get((here.order or 0) - 1)
    if here.is_trigger or previous is None:
        return []
    chain = [previous, *ctx.ancestors(previous)]
    return [
        Source(str(c.order), c, join=c.order)
        for c in chain
        if ctx.is_container(c) and c.block == here.block and c not in ctx.ancestors(here)
    ]


def _candidate_sources(ctx: ValidationContext, here: Node) -> list[Source]:
    """The visible sources, with the loops `here` could join after the trigger (before earlier steps)."""
    visible = visible_sources(ctx, here)
    split = len(ctx.ancestors(here)) + (ctx.view.trigger is not None)
    return visible[:split] + joinable_sources(ctx, here) + visible[split:]


def _own(ctx: ValidationContext, here: Node, pill: Pill) -> list[Source]:
    """The pill's own source when `here` sees it and it has the output: only the field path is wrong."""
    head = "trigger" if pill.source == "trigger" else str(pill.step)
    return [s for s in visible_sources(ctx, here) if s.head == head and pill.output in outputs(ctx, s)]


def outputs(ctx: ValidationContext, source: Source) -> dict[str, TypeSpec]:
    spec = ctx.definition(source.node)
    return spec.outputs if spec else {}


def _table(ctx: ValidationContext, source: Source, output: str) -> str | None:
    spec = outputs(ctx, source).get(output)
    if spec is None or spec.kind != "record":
        return None
    table = table_of(ctx, source.node, spec.table_from) if spec.table_from else spec.table
    return table if table in ctx.catalog.tables else None


def _same_output(ctx: ValidationContext, sources: list[Source], pill: Pill) -> Iterator[Replacement]:
    for source in sources:
        if pill.output in outputs(ctx, source):
            yield pill_text(source.head, pill.output, pill.path), source.join


def _same_path(ctx: ValidationContext, sources: list[Source], pill: Pill) -> Iterator[Replacement]:
    for source in sources:
        for name, spec in outputs(ctx, source).items():
            if not pill.path or spec.kind == "record":
                yield pill_text(source.head, name, pill.path), source.join


def _near_paths(ctx: ValidationContext, sources: list[Source], pill: Pill, display: bool) -> Iterator[Replacement]:
    for source in sources:
        names = outputs(ctx, source)
        ranked = sorted(names, key=lambda n: (n != pill.output, -difflib.SequenceMatcher(None, n, pill.output).ratio()))
        for name in ranked:
            table = _table(ctx, source, name)
            for path in path_candidates(ctx.catalog, table, pill.path, display) if table and pill.path else []:
                yield pill_text(source.head, name, path), source.join


def _trimmed(pill: Pill) -> Iterator[Replacement]:
    head = "trigger" if pill.source == "trigger" else str(pill.step)
    for end in range(len(pill.path) - 1, -1, -1):
        yield pill_text(head, pill.output, pill.path[:end]), None


def pill_candidates(
    ctx: ValidationContext, here: Node, pill: Pill, spec: InputSpec, misfit: bool
) -> Iterator[Replacement]:
    """Replacement pill texts with the container to join (or None), nearest first; may repeat.
    Text may name a record by its display field; a pill in a query is never cut short
    (`{{trigger.current}}=1` means nothing). An optional input is only re-pointed to the same
    output or field elsewhere (dropping it is smaller than guessing another record or joining a loop)."""
    kind = spec.type.kind
    if pill.source == "flow_var":
        yield from ((text, None) for text in flow_var_candidates(ctx, here, pill))
        return
    own = _own(ctx, here, pill)
    sources = _candidate_sources(ctx, here) if spec.required else visible_sources(ctx, here)
    if misfit:
        yield from _trimmed(pill)
    yield from _near_paths(ctx, own, pill, kind == "string")
    yield from _same_output(ctx, sources, pill)
    if spec.required:
        yield from _same_path(ctx, sources, pill)
        yield from _near_paths(ctx, sources, pill, kind == "string")
    if not misfit and kind not in QUERY_KINDS:
        yield from _trimmed(pill)


def _stored_values(ctx: ValidationContext, name: str) -> Iterator[str]:
    """Values any field_values input assigns to `name`, setter or not (a misplaced variable)."""
    for step in ctx.view.steps:
        for item in step.inputs:
            spec = ctx.input_spec(step, item.name)
            if spec is None or spec.type.kind != "field_values" or not item.value:
                continue
            try:
                terms = parse_query(item.value).terms()
            except QueryError:
                continue
            yield from (t.value for t in terms if var_name(t.field) == name and t.value)


def flow_var_candidates(ctx: ValidationContext, here: Node, pill: Pill) -> Iterator[str]:
    """A close variable set earlier, else the value the flow meant to store under that name."""
    earlier = [
        n
        for n, setters in ctx.flow_vars.items()
        if any(s.order is not None and here.order is not None and s.order < here.order for s, _ in setters)
    ]
    for name in difflib.get_close_matches(pill.output, earlier, n=3, cutoff=0.75):
        yield "{{flow_var." + name + "}}"
    yield from _stored_values(ctx, pill.output)


def prefixed(ctx: ValidationContext, here: Node, body: str) -> Iterator[str]:
    """A malformed pill body read as a field path of a visible record: `{{assigned_to.email}}`."""
    path = body.strip().lower().replace(" ", "_").split(".")
    for source in visible_sources(ctx, here):
        for name, spec in outputs(ctx, source).items():
            if spec.kind == "record":
                yield pill_text(source.head, name, path)
