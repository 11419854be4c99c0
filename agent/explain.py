"""Plain-words descriptions of a flow, of what changed between two flows, and of what the catalog cannot do."""

import difflib

from agent.fixes.flowdict import components, inputs, trigger
from schemas.catalog import Catalog


def _values(owner: dict) -> dict[str, object]:
    return {i["name"]: i.get("value") for i in inputs(owner)}


def label(comp: dict, catalog: Catalog) -> str:
    """A component's catalog label (its definition name when the catalog has no label)."""
    spec = catalog.definition(str(comp.get("category")), str(comp.get("definition")))
    return (spec.label if spec and spec.label else None) or str(comp.get("definition"))


def trigger_text(flow: dict, catalog: Catalog) -> str:
    trig = trigger(flow) or {}
    kind = str(trig.get("type"))
    spec = catalog.triggers.get(kind)
    values = _values(trig)
    text = spec.label if spec and spec.label else kind
    if values.get("table"):
        text += f" on {values['table']}"
    if values.get("condition"):
        text += f" where {values['condition']}"
    return text


def step_text(comp: dict, catalog: Catalog) -> str:
    return f"{label(comp, catalog)} (step {comp.get('order')})"


def describe_flow(flow: dict, catalog: Catalog) -> str:
    steps = "; ".join(step_text(c, catalog) for c in components(flow)) or "no steps"
    return f"When: {trigger_text(flow, catalog)}. Steps: {steps}."


def _changed_inputs(old: dict, new: dict) -> list[str]:
    before, after = _values(old), _values(new)
    names = [n for n in dict.fromkeys([*before, *after]) if before.get(n) != after.get(n)]
    return names + (["position"] if old.get("block") != new.get("block") else [])


def _component_changes(old: list[dict], new: list[dict], catalog: Catalog) -> list[str]:
    key = lambda c: (c.get("category"), c.get("definition"))  # noqa: E731
    added, removed, changed = [], [], []
    matcher = difflib.SequenceMatcher(a=[key(c) for c in old], b=[key(c) for c in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for before, after in zip(old[i1:i2], new[j1:j2]):
                if names := _changed_inputs(before, after):
                    changed.append(f"{step_text(after, catalog)}: {', '.join(names)}")
            continue
        removed += [step_text(c, catalog) for c in old[i1:i2]]
        added += [step_text(c, catalog) for c in new[j1:j2]]
    parts = [("Added", added), ("Removed", removed), ("Changed", changed)]
    return [f"{title}: {'; '.join(items)}." for title, items in parts if items]


def describe_changes(current: dict | None, new: dict, catalog: Catalog) -> str:
    """What turned `current` into `new`: trigger change, components added/removed/changed."""
    if not current:
        return f"New flow '{new.get('name', '')}'. {describe_flow(new, catalog)}"
    lines = []
    if trigger(current) != trigger(new):
        lines.append(f"Trigger: {trigger_text(current, catalog)} -> {trigger_text(new, catalog)}.")
    lines += _component_changes(components(current), components(new), catalog)
    for key in ("name", "description"):
        if current.get(key) != new.get(key):
            lines.append(f"{key.capitalize()}: {current.get(key)!r} -> {new.get(key)!r}.")
    return " ".join(lines) or "No changes."


def describe_unresolved(unresolved: list[str]) -> str:
    """The steps that became placeholders because they could not be made valid; "" when none did."""
    if not unresolved:
        return ""
    steps = "; ".join(unresolved)
    return f"Some steps could not be completed and are placeholders ({steps}): resolve them before activating the flow."


def describe_missing(missing: list[dict]) -> str:
    """What the catalog cannot do, one sentence each (agent.unsupported Missing dumps); "" when nothing is."""
    return " ".join(
        f"Flowsmith cannot {m['what']}: the catalog has {m['lacks']}; a placeholder step marks where it goes "
        f"('{m['description']}'): replace it before activating the flow."
        for m in missing
    )
