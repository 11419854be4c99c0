"""Renumber components' `order` to 1..n, carrying `block` references and step pills along."""

import re

from agent.fixes.flowdict import inputs
from schemas.catalog import Catalog

_STEP_PILL = re.compile(r"\{\{\s*(\d+)\.")


def _remap_pills(value: str, mapping: dict[int, int]) -> str:
    return _STEP_PILL.sub(lambda m: "{{" + str(mapping.get(int(m.group(1)), int(m.group(1)))) + ".", value)


def _mappings(comps: list[dict]) -> list[dict[int, int]]:
    """Per component, the old->new order map its references should use.

    The list order is the truth (it is what the editor shows). Unique integer orders map
    one-to-one; otherwise a reference means the latest earlier component with that old order.
    """
    orders = [c.get("order") for c in comps]
    if all(type(o) is int for o in orders) and len(set(orders)) == len(orders):
        return [{o: i + 1 for i, o in enumerate(orders)}] * len(comps)
    seen: dict[int, int] = {}
    views = []
    for i, order in enumerate(orders):
        views.append(dict(seen))
        if type(order) is int:
            seen[order] = i + 1
    return views


def renumber(flow: dict, catalog: Catalog) -> list[str]:
    """Set `order` to 1..n in list order, in place; `block` and `{{N.…}}` pills follow their targets."""
    comps = flow.get("components")
    if not isinstance(comps, list) or not all(isinstance(c, dict) for c in comps):
        return []
    if [c.get("order") for c in comps] == list(range(1, len(comps) + 1)):
        return []
    for i, (comp, mapping) in enumerate(zip(comps, _mappings(comps))):
        comp["order"] = i + 1
        if type(comp.get("block")) is int:
            comp["block"] = mapping.get(comp["block"], comp["block"])
        for item in inputs(comp):
            if isinstance(item.get("value"), str):
                item["value"] = _remap_pills(item["value"], mapping)
    return [f"renumbered components 1..{len(comps)}"]
