"""Structure repairs: a component moved into (or out of) the container around it, or, as the last
resort, dropped with its contents lifted one level up and its pills left pointing nowhere."""

import re
from collections.abc import Iterator

from agent.fixes.flowdict import inputs
from agent.fixes.renumber import renumber
from agent.fixes.trial import Candidate
from schemas.catalog import Catalog
from schemas.validation import Node, ValidationContext


def drop_component(flow: dict, index: int, catalog: Catalog) -> bool:
    """Remove a component; its children move to its own block and pills to it name a step that is not there."""
    comps = flow["components"]
    gone = comps.pop(index)
    order, block = gone.get("order"), gone.get("block")
    if type(order) is not int:
        renumber(flow, catalog)
        return True
    ghost = len(comps) + 1000
    for comp in comps:
        if comp.get("block") == order:
            comp.pop("block")
            if block is not None:
                comp["block"] = block
        for item in inputs(comp):
            item["value"] = re.sub(r"\{\{(\s*)%d\." % order, r"{{\g<1>%d." % ghost, item["value"])
    renumber(flow, catalog)
    return True  # what pointed at it needs settling


def dropping(flow: dict, index: int, catalog: Catalog, why: str) -> Candidate:
    comp = flow["components"][index]
    note = f"component {comp.get('order')}: dropped {comp.get('definition')} ({why})"
    return note, lambda f: drop_component(f, index, catalog)


def _set_block(index: int, block: int | None):
    def edit(flow: dict) -> None:
        comp = flow["components"][index]
        comp.pop("block", None)
        if block is not None:
            comp["block"] = block

    return edit


def block_choices(ctx: ValidationContext, here: Node) -> list[int | None]:
    """Containers `here` could sit in without breaking the pre-order: the one just before it, the
    ones around that, or none."""
    previous = ctx.by_order.get((here.order or 0) - 1)
    chain = [previous, *ctx.ancestors(previous)] if previous is not None else []
    orders = [c.order for c in chain if ctx.is_container(c)]
    return [b for b in dict.fromkeys([*orders, None]) if b != here.block]


def structure_candidates(flow: dict, ctx: ValidationContext, here: Node, index: int) -> Iterator[Candidate]:
    """For a bad block or bad nesting: another block; an ELSE, CATCH or BREAK that fits nowhere is dropped."""
    label = f"component {here.order}"
    for block in block_choices(ctx, here):
        note = f"{label}: block -> {block}" if block is not None else f"{label}: moved to the top level"
        yield note, _set_block(index, block)
    spec = ctx.catalog.flowlogic.get(here.definition or "") if here.category == "flowlogic" else None
    if spec is not None and (spec.follows or spec.inside):
        yield dropping(flow, index, ctx.catalog, "it cannot be placed")
