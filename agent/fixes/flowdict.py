"""Tolerant accessors for flow dicts that may not (yet) fit the Flow schema."""

from schemas.catalog import Catalog, Definition

# Inputs that carry a message for people: one may stand in for another.
TEXT_INPUTS = ("message", "subject", "body", "summary", "title", "short_description", "comment", "work_note", "topic")


def components(flow: dict) -> list[dict]:
    """The flow's component dicts (anything else in the list is left to the validator)."""
    items = flow.get("components")
    return [c for c in items if isinstance(c, dict)] if isinstance(items, list) else []


def inputs(owner: dict) -> list[dict]:
    """The owner's `{name, value}` input dicts with a string name."""
    items = owner.get("inputs")
    return (
        [i for i in items if isinstance(i, dict) and isinstance(i.get("name"), str)] if isinstance(items, list) else []
    )


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


Where = str | int  # "trigger", or a component's index in the list


def owner(flow: dict, where: Where) -> dict:
    """The trigger or the component at `where` (which must exist)."""
    return flow["trigger"] if where == "trigger" else flow["components"][where]


def owner_label(flow: dict, where: Where) -> str:
    return "trigger" if where == "trigger" else f"component {owner(flow, where).get('order')}"


def owner_definition(flow: dict, where: Where, catalog: Catalog) -> Definition | None:
    return trigger_definition(flow, catalog) if where == "trigger" else definition(owner(flow, where), catalog)
