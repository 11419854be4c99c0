"""Resolving a data pill to what it names: its source, its output, its dot-walk, and the resulting type.

`resolve` raises `Finding` (a problem code and message) when the pill is wrong and returns
None when its type cannot be known (an unknown trigger, a pill table, an untyped flow variable).
"""

from schemas.catalog import TypeSpec
from schemas.pills import Pill
from schemas.validation.context import ValidationContext
from schemas.validation.pill_text import single_pill
from schemas.validation.view import Node


class Finding(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def resolve(ctx: ValidationContext, pill: Pill, here: Node) -> TypeSpec | None:
    """The type the pill yields when used in `here`'s inputs (tables filled in where knowable)."""
    if pill.source == "flow_var":
        return _flow_var(ctx, pill, here)
    if pill.source == "trigger":
        return _walk(ctx, _trigger_output(ctx, pill, here), pill)
    return _walk(ctx, _step_output(ctx, pill, here), pill)


def resolve_quietly(ctx: ValidationContext, pill: Pill, here: Node) -> TypeSpec | None:
    """`resolve`, with a wrong pill reading as unknown (its problem is reported elsewhere)."""
    try:
        return resolve(ctx, pill, here)
    except Finding:
        return None


def table_of(ctx: ValidationContext, node: Node, input_name: str) -> str | None:
    """The catalog table an input names: a literal table name or a pill of a record(s) of a known table."""
    value = node.value(input_name)
    if value is None:
        return None
    if value in ctx.catalog.tables:
        return value
    pill = single_pill(value)
    spec = resolve_quietly(ctx, pill, node) if pill is not None else None
    return spec.table if spec is not None and spec.table in ctx.catalog.tables else None


def _output(ctx: ValidationContext, node: Node, name: str) -> TypeSpec | None:
    definition = ctx.definition(node)
    if definition is None:
        return None
    spec = definition.outputs.get(name)
    if spec is None:
        known = ", ".join(definition.outputs) or "none"
        raise Finding("pill_unknown_output", f"{node.label()} has no output '{name}' (outputs: {known})")
    if spec.table_from is None:
        return spec
    return spec.model_copy(update={"table": table_of(ctx, node, spec.table_from), "table_from": None})


def _trigger_output(ctx: ValidationContext, pill: Pill, here: Node) -> TypeSpec | None:
    if here.is_trigger:
        raise Finding("pill_future_step", "the trigger's own inputs cannot use the trigger's outputs")
    trigger = ctx.view.trigger
    return _output(ctx, trigger, pill.output) if trigger is not None else None


def _step_output(ctx: ValidationContext, pill: Pill, here: Node) -> TypeSpec | None:
    source = ctx.by_order.get(pill.step or 0)
    if source is None:
        raise Finding("pill_unknown_step", f"data pill {pill} names step {pill.step}, which the flow does not have")
    if here.order is None or source.order is None:
        return None
    if source.order >= here.order:
        raise Finding("pill_future_step", f"data pill {pill} in {here.label()} names a step that is not earlier")
    spec = _output(ctx, source, pill.output)
    if ctx.is_container(source) and not any(a is source for a in ctx.ancestors(here)):
        raise Finding("pill_out_of_scope", f"data pill {pill} is only available inside {source.label()}")
    return spec


def _flow_var(ctx: ValidationContext, pill: Pill, here: Node) -> TypeSpec | None:
    earlier = [
        (node, value)
        for node, value in ctx.flow_vars.get(pill.output, [])
        if here.order is None or (node.order is not None and node.order < here.order)
    ]
    if not earlier:
        message = f"flow variable '{pill.output}' is not set by an earlier SETFLOWVARIABLES"
        raise Finding("pill_unknown_flow_var", message)
    if here.order is None:
        return None
    node, value = max(earlier, key=lambda pair: pair[0].order or 0)
    inner = single_pill(value)
    return resolve_quietly(ctx, inner, node) if inner is not None else None


def _walk(ctx: ValidationContext, spec: TypeSpec | None, pill: Pill) -> TypeSpec | None:
    """Follow the pill's dot-walk from the output type through reference fields."""
    if not pill.path or spec is None:
        return spec
    if spec.kind not in ("record", "ref"):
        raise Finding("unknown_field", f"data pill {pill}: '{pill.output}' is {spec.kind}, which has no fields")
    if spec.table not in ctx.catalog.tables:
        return None
    field = ctx.catalog.resolve_field(spec.table, pill.path)
    if field is None:
        dotted = ".".join(pill.path)
        raise Finding("unknown_field", f"data pill {pill}: table '{spec.table}' has no field path '{dotted}'")
    return field.type
