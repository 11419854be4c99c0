"""Trigger exact match and the bag-of-steps F1."""

from collections import Counter

from schemas.similarity.parse import as_flow
from schemas.workflow import Flow, Trigger, input_map


def step_label(category: str, definition: str) -> str:
    return f"{category}:{definition}"


def ordered_components(flow: Flow) -> list:
    """Components sorted by `order` (stable, so duplicates keep list order)."""
    return sorted(flow.components, key=lambda c: c.order)


def step_labels(flow: Flow) -> list[str]:
    """`<category>:<definition>` of each component, by `order`."""
    return [step_label(c.category, c.definition) for c in ordered_components(flow)]


def trigger_table(trigger: Trigger) -> str | None:
    return input_map(trigger.inputs).get("table")


def trigger_match(pred: object, ref: object) -> bool:
    """Same trigger type and table; False when the prediction is not a valid flow."""
    p, r = as_flow(pred), as_flow(ref)
    if p is None or r is None:
        return False
    return p.trigger.type == r.trigger.type and trigger_table(p.trigger) == trigger_table(r.trigger)


def steps_f1(pred: object, ref: object) -> float:
    """Multiset F1 of step labels; an invalid prediction has no steps; both empty → 1.0."""
    p, r = as_flow(pred), as_flow(ref)
    bag_p = Counter(step_labels(p) if p else [])
    bag_r = Counter(step_labels(r) if r else [])
    if not bag_p and not bag_r:
        return 1.0
    common = sum((bag_p & bag_r).values())
    return 2 * common / (sum(bag_p.values()) + sum(bag_r.values()))
