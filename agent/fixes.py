"""Deterministic repairs of a drafted flow dict, tried before any LLM: cheap and predictable.

Each fix mutates the flow in place and returns one human-readable note per change.
"""

import copy
import difflib

from agent.dangling import drop_dangling
from agent.flowdict import components, definition, inputs, trigger, trigger_definition
from agent.renumber import renumber
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


def _best_definition(category: object, name: str, catalog: Catalog) -> tuple[str, str] | None:
    """Same name in another category, else nearest in the component's category, else anywhere."""
    for other in _CATEGORIES:
        if name in _group(catalog, other):
            return other, name
    if category in _CATEGORIES and (best := nearest(name, list(_group(catalog, category)))):
        return category, best
    everywhere = {n: c for c in _CATEGORIES for n in _group(catalog, c)}
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
        if spec is not None and comp.get("scope") != spec.scope:
            notes.append(f"component {comp.get('order')}: scope '{comp.get('scope')}' -> '{spec.scope}'")
            comp["scope"] = spec.scope
    return notes


def _fix_input_names(owner: dict, spec: Definition, where: str) -> list[str]:
    """Rename unknown inputs to the nearest unused known name, else drop them."""
    notes, kept = [], []
    used = {i["name"] for i in inputs(owner) if i["name"] in spec.inputs}
    for item in owner.get("inputs", []):
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str) or name in spec.inputs:
            kept.append(item)
            continue
        best = nearest(name, [n for n in spec.inputs if n not in used], cutoff=0.75)
        if best is None:
            notes.append(f"{where}: dropped unknown input '{name}'")
            continue
        used.add(best)
        kept.append({**item, "name": best})
        notes.append(f"{where}: input '{name}' -> '{best}'")
    owner["inputs"] = kept
    return notes


def fix_input_names(flow: dict, catalog: Catalog) -> list[str]:
    notes = []
    trig, trig_spec = trigger(flow), trigger_definition(flow, catalog)
    if trig_spec is not None and isinstance(trig.get("inputs"), list):
        notes += _fix_input_names(trig, trig_spec, "trigger")
    for comp in components(flow):
        spec = definition(comp, catalog)
        if spec is not None and isinstance(comp.get("inputs"), list):
            notes += _fix_input_names(comp, spec, f"component {comp.get('order')}")
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


FIXES = (fix_trigger_type, fix_definitions, fix_scopes, fix_input_names, fix_tables, renumber, drop_dangling)


def apply_fixes(flow: object, catalog: Catalog) -> tuple[object, list[str]]:
    """A fixed copy of `flow` and what was changed (empty when nothing applied)."""
    fixed = copy.deepcopy(flow)
    if not isinstance(fixed, dict):
        return fixed, []
    notes: list[str] = []
    for fix in FIXES:
        notes += fix(fixed, catalog)
    return fixed, notes
