"""Unasked changes of an edit: the parts of the original flow the reference keeps but the prediction changed.

A part is the trigger's type, each trigger input, and each component as a whole (category, definition,
nesting depth and inputs). Order numbers are not compared, and a step pill `{{N.output}}` reads as the
definition of step N, so renumbering after an inserted or removed step changes nothing. Encoded queries
compare in their order-free form (similarity.queries).
"""

import re
from collections import Counter

from schemas.catalog import Catalog, default_catalog
from schemas.similarity.parse import as_flow
from schemas.similarity.queries import canonical_query, definition_spec, query_inputs
from schemas.workflow import Flow, Input

_STEP_PILL = re.compile(r"\{\{\s*([1-9][0-9]*)\.")

Part = tuple[str, str, int, tuple[tuple[str, str], ...]]  # category, definition, depth, inputs


def _inputs(inputs: list[Input], queries: frozenset[str], steps: dict[int, str]) -> tuple[tuple[str, str], ...]:
    """(name, value) pairs, sorted; step pills name the step's definition, queries in canonical form."""

    def norm(inp: Input) -> str:
        value = _STEP_PILL.sub(lambda m: "{{" + steps.get(int(m.group(1)), "step?") + ".", inp.value)
        return canonical_query(value) if inp.name in queries else value

    return tuple(sorted((inp.name, norm(inp)) for inp in inputs))


def _depths(flow: Flow) -> dict[int, int]:
    """Nesting depth per order number: 0 at the top, one more inside each enclosing block."""
    parent = {c.order: c.block for c in flow.components}
    depths: dict[int, int] = {}
    for order in parent:
        depth, seen, block = 0, {order}, parent[order]
        while block is not None and block in parent and block not in seen:
            depth, block = depth + 1, parent[block]
            seen.add(block)
        depths[order] = depth
    return depths


def _parts(flow: Flow, catalog: Catalog) -> tuple[str, dict[str, str], list[Part]]:
    """(trigger type, trigger inputs by name, component parts) of a flow."""
    steps = {c.order: c.definition for c in flow.components}
    depths = _depths(flow)
    trigger_queries = query_inputs(definition_spec(catalog, "trigger", flow.trigger.type))
    trigger = dict(_inputs(flow.trigger.inputs, trigger_queries, steps))
    components = [
        (
            c.category,
            c.definition,
            depths[c.order],
            _inputs(c.inputs, query_inputs(definition_spec(catalog, c.category, c.definition)), steps),
        )
        for c in sorted(flow.components, key=lambda c: c.order)
    ]
    return flow.trigger.type, trigger, components


def _component_changes(part: Part, candidates: list[Part]) -> list[str]:
    """How the closest same-definition candidate differs from `part`; "removed" when there is none."""
    category, definition, depth, inputs = part
    same = [c for c in candidates if c[:2] == (category, definition)]
    if not same:
        return [f"step {definition} removed"]
    mine = dict(inputs)
    best = max(same, key=lambda c: (len(set(inputs) & set(c[3])), -abs(c[2] - depth)))
    candidates.remove(best)
    theirs = dict(best[3])
    names = sorted(n for n in mine.keys() | theirs.keys() if mine.get(n) != theirs.get(n))
    items = [f"step {definition} input {name}" for name in names]
    return items + ([f"step {definition} nesting"] if best[2] != depth else [])


def unasked_changes(
    original: object, reference: object, prediction: object, catalog: Catalog | None = None
) -> list[str]:
    """Every part of `original` that `reference` leaves as it was but `prediction` changed or removed, named
    ("trigger type", "trigger condition", "step send_email input to", "step log removed").

    Nothing when the original or the reference is no flow; a prediction that is no flow has changed nothing
    (the parse rate counts it).
    """
    o, r, p = as_flow(original), as_flow(reference), as_flow(prediction)
    if o is None or r is None or p is None:
        return []
    catalog = catalog or default_catalog()
    (o_type, o_trig, o_comps), (r_type, r_trig, r_comps), (p_type, p_trig, p_comps) = (
        _parts(f, catalog) for f in (o, r, p)
    )
    items = ["trigger type"] if o_type == r_type and p_type != o_type else []
    items += [
        f"trigger {name}"
        for name in sorted(o_trig)
        if r_trig.get(name) == o_trig[name] and p_trig.get(name) != o_trig[name]
    ]
    kept = Counter(o_comps) & Counter(r_comps)  # components the reference leaves as they were
    unmatched = Counter(p_comps)
    missing = []
    for part, n in kept.items():
        found = min(n, unmatched[part])
        unmatched[part] -= found
        missing += [part] * (n - found)
    if missing:
        # candidates for a changed (not removed) component: the prediction's components no kept part took
        candidates = list(unmatched.elements())
        for part in missing:
            items += _component_changes(part, candidates)
    return items
