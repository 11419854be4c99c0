"""Name repairs: the trigger type, definitions, scopes, input names and table names, each to the
nearest catalog name. Each fix mutates the flow in place and returns one note per change."""

import difflib
import re

from agent.fixes.flowdict import TEXT_INPUTS, components, definition, inputs, trigger, trigger_definition
from schemas.catalog import Catalog, Definition
from schemas.pills import PILL_RE

_CATEGORIES = ("action", "flowlogic", "subflow")


def nearest(name: str, candidates: list[str], cutoff: float = 0.6) -> str | None:
    """The closest candidate to `name` (case-insensitive), or None if none is close."""
    lowered = {c.lower(): c for c in candidates}
    match = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=cutoff)
    return lowered[match[0]] if match else None


def fix_trigger_type(flow: dict, catalog: Catalog) -> list[str]:
    trig = trigger(flow)
    kind = trig.get("type") if trig else None
    if not isinstance(kind, str) or kind in catalog.triggers:
        return []
    best = nearest(kind, list(catalog.triggers))
    if best is None:
        return []
    trig["type"] = best
    return [f"trigger type '{kind}' -> '{best}'"]


def _group(catalog: Catalog, category: str) -> dict[str, Definition]:
    return {"action": catalog.actions, "flowlogic": catalog.flowlogic, "subflow": catalog.subflows}[category]


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _best_definition(category: object, name: str, catalog: Catalog) -> tuple[str, str] | None:
    """Same name in another category (or spelt `Set_Flow_Variables`), else nearest in the
    component's category, else anywhere."""
    everywhere = {n: c for c in _CATEGORIES for n in _group(catalog, c)}
    same = [n for n in everywhere if _key(n) == _key(name)]
    if same:
        return everywhere[same[0]], same[0]
    if category in _CATEGORIES and (best := nearest(name, list(_group(catalog, category)))):
        return category, best
    best = nearest(name, list(everywhere))
    return (everywhere[best], best) if best else None


def fix_definitions(flow: dict, catalog: Catalog) -> list[str]:
    notes = []
    for comp in components(flow):
        name = comp.get("definition")
        if not isinstance(name, str) or definition(comp, catalog) is not None:
            continue
        best = _best_definition(comp.get("category"), name, catalog)
        if best is None:
            continue
        old = f"{comp.get('category')}:{name}"
        comp["category"], comp["definition"] = best
        notes.append(f"component {comp.get('order')}: '{old}' -> '{best[0]}:{best[1]}'")
    return notes


def fix_scopes(flow: dict, catalog: Catalog) -> list[str]:
    notes = []
    for comp in components(flow):
        spec = definition(comp, catalog)
        if spec is not None and comp.get("scope", "global") != spec.scope:
            notes.append(f"component {comp.get('order')}: scope '{comp.get('scope')}' -> '{spec.scope}'")
            comp["scope"] = spec.scope
    return notes


def fix_owner_input_names(owner: dict, spec: Definition, where: str) -> list[str]:
    """Rename unknown inputs to the nearest unused known name, then to a required text input still
    missing when both carry a message (`subject` of an SMS becomes its `message`); drop the rest."""
    notes = []
    used = {i["name"] for i in inputs(owner) if i["name"] in spec.inputs}
    unknown = [i for i in inputs(owner) if i["name"] not in spec.inputs]
    for item in unknown:
        best = nearest(item["name"], [n for n in spec.inputs if n not in used], cutoff=0.75)
        if best is not None:
            notes.append(f"{where}: input '{item['name']}' -> '{best}'")
            item["name"] = best
            used.add(best)
    for name, input_spec in spec.inputs.items():
        left = [i for i in unknown if i["name"] in TEXT_INPUTS and i["name"] not in spec.inputs]
        if name in used or not input_spec.required or name not in TEXT_INPUTS or not left:
            continue
        item = max(left, key=lambda i: difflib.SequenceMatcher(None, name, i["name"]).ratio())
        notes.append(f"{where}: input '{item['name']}' -> '{name}' (required, missing)")
        item["name"] = name
        used.add(name)
    dropped = {i["name"] for i in unknown if i["name"] not in spec.inputs}
    owner["inputs"] = [i for i in owner["inputs"] if not (isinstance(i, dict) and i.get("name") in dropped)]
    return notes + [f"{where}: dropped unknown input '{n}'" for n in sorted(dropped)]


def fix_input_names(flow: dict, catalog: Catalog) -> list[str]:
    notes = []
    trig, trig_spec = trigger(flow), trigger_definition(flow, catalog)
    if trig_spec is not None and isinstance(trig.get("inputs"), list):
        notes += fix_owner_input_names(trig, trig_spec, "trigger")
    for comp in components(flow):
        spec = definition(comp, catalog)
        if spec is not None and isinstance(comp.get("inputs"), list):
            notes += fix_owner_input_names(comp, spec, f"component {comp.get('order')}")
    return notes


def _fix_tables_of(owner: dict, spec: Definition, catalog: Catalog, where: str) -> list[str]:
    notes = []
    for item in inputs(owner):
        input_spec, value = spec.inputs.get(item["name"]), item.get("value")
        if input_spec is None or input_spec.type.kind != "table" or not isinstance(value, str):
            continue
        if value in catalog.tables or PILL_RE.search(value):
            continue
        best = nearest(value, list(catalog.tables))
        if best is not None:
            item["value"] = best
            notes.append(f"{where}: table '{value}' -> '{best}'")
    return notes


def fix_tables(flow: dict, catalog: Catalog) -> list[str]:
    notes = []
    trig_spec = trigger_definition(flow, catalog)
    if trig_spec is not None:
        notes += _fix_tables_of(trigger(flow), trig_spec, catalog, "trigger")
    for comp in components(flow):
        spec = definition(comp, catalog)
        if spec is not None:
            notes += _fix_tables_of(comp, spec, catalog, f"component {comp.get('order')}")
    return notes
