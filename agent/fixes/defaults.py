"""Values for a required input that is missing (or had to go): from the catalog definition (the
first choice), from the flow (the record in hand, the table it works on), or the same text another
step already uses. Free text that the flow nowhere suggests is left to the repair model."""

from collections import Counter
from collections.abc import Iterator

from agent.fixes.flowdict import TEXT_INPUTS, Where, components, inputs, owner, trigger
from agent.fixes.pills import outputs, pill_text, visible_sources
from schemas.catalog import InputSpec
from schemas.validation import Node, ValidationContext, resolve_quietly, single_pill

_LITERAL = {"boolean": "false", "integer": "1"}
MATCH_ALL = "sys_idISNOTEMPTY"


def _others(flow: dict, where: Where) -> list[dict]:
    """The other owners, nearest first (the trigger counts as position -1)."""
    here = -1 if where == "trigger" else where
    owners = [(-1, trigger(flow))] if trigger(flow) is not None else []
    owners += [(i, c) for i, c in enumerate(components(flow)) if i != where]
    return [o for _, o in sorted(owners, key=lambda pair: abs(pair[0] - here)) if o is not owner(flow, where)]


def copied_text(flow: dict, where: Where, name: str) -> list[str]:
    """The same input's value in another step, then (for messages) another message input's value."""
    others = _others(flow, where)
    same = [i["value"] for o in others for i in inputs(o) if i["name"] == name]
    texts = [i["value"] for n in TEXT_INPUTS for o in others if n != name for i in inputs(o) if i["name"] == n]
    return [v for v in same + (texts if name in TEXT_INPUTS else []) if isinstance(v, str) and v.strip()]


def _record_pills(ctx: ValidationContext, here: Node, kind: str) -> list[str]:
    return [
        pill_text(s.head, name, [])
        for s in visible_sources(ctx, here)
        for name, spec in outputs(ctx, s).items()
        if spec.kind == kind
    ]


def _trigger_tables(flow: dict) -> list[str]:
    """Tables of the steps that work on the trigger's record."""
    found = []
    for comp in components(flow):
        values = {i["name"]: i["value"] for i in inputs(comp)}
        pill = single_pill(values.get("record", ""))
        if pill is not None and pill.source == "trigger" and not pill.path and "table" in values:
            found.append(values["table"])
    return found


def _tables(flow: dict, ctx: ValidationContext, here: Node) -> list[str]:
    """The tables of the records in hand (own pills, then visible records), then the flow's tables by use."""
    texts = [i.value or "" for i in here.inputs] + _record_pills(ctx, here, "record")
    specs = [resolve_quietly(ctx, p, here) for t in texts if (p := single_pill(t)) is not None]
    found = [spec.table for spec in specs if spec is not None and spec.table]
    found += _trigger_tables(flow) if here.is_trigger else []
    every = [i["value"] for o in [trigger(flow) or {}, *components(flow)] for i in inputs(o) if i["name"] == "table"]
    ranked = [t for t, _ in Counter(every).most_common()]
    return [t for t in dict.fromkeys(found + ranked) if t in ctx.catalog.tables]


def _looks_up(ctx: ValidationContext, here: Node) -> bool:
    """A step that reads records (it outputs them): the only kind whose condition may match everything."""
    definition = ctx.definition(here)
    return definition is not None and any(o.kind in ("record", "records") for o in definition.outputs.values())


def default_values(
    flow: dict, ctx: ValidationContext, here: Node, where: Where, name: str, spec: InputSpec
) -> Iterator[str]:
    """Candidate values for required input `name` of `here`, most sensible first."""
    kind = spec.type.kind
    if kind == "choice":
        yield from spec.type.choices[:1]
    elif kind in ("record", "records"):
        yield from _record_pills(ctx, here, kind)
    elif kind == "table":
        yield from _tables(flow, ctx, here)
    elif kind in _LITERAL:
        yield _LITERAL[kind]
    elif kind == "condition" and not spec.pills and _looks_up(ctx, here):
        yield MATCH_ALL
    if kind not in ("choice", "table", "record", "records", "condition", "field_values"):
        yield from copied_text(flow, where, name)
