"""Tolerant accessors for flow dicts that may not (yet) fit the Flow schema."""

from schemas.catalog import Catalog, Definition


def components(flow: dict) -> list[dict]:
    """The flow's component dicts (anything else in the list is left to the validator)."""
    items = flow.get("components")
    return [c for c in items if isinstance(c, dict)] if isinstance(items, list) else []


def inputs(owner: dict) -> list[dict]:
    """The owner's `{name, value}` input dicts with a string name."""
    items = owner.get("inputs")
    return [i for i in items if isinstance(i, dict) and isinstance(i.get("name"), str)] if isinstance(items, list) else []


def trigger(flow: dict) -> dict | None:
    value = flow.get("trigger")
    return value if isinstance(value, dict) else None


def definition(component: dict, catalog: Catalog) -> Definition | None:
    category, name = component.get("category"), component.get("definition")
    if not isinstance(category, str) or not isinstance(name, str):
        return None
    return catalog.definition(category, name)


def trigger_definition(flow: dict, catalog: Catalog) -> Definition | None:
    trig = trigger(flow)
    kind = trig.get("type") if trig else None
    return catalog.triggers.get(kind) if isinstance(kind, str) else None
