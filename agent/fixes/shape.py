"""Shape repairs: bring a drafted dict to the `Flow` shape (keys, types, input values as strings).

A missing or non-object trigger cannot be made up and is left to the repair model.
"""

import json

from schemas.catalog import Catalog

_FLOW_KEYS = ("name", "description", "trigger", "components")
_TRIGGER_KEYS = ("type", "inputs")
_COMPONENT_KEYS = ("category", "definition", "scope", "order", "block", "inputs")


def _drop_extra(obj: dict, allowed: tuple[str, ...], where: str) -> list[str]:
    extra = [k for k in obj if k not in allowed]
    for key in extra:
        del obj[key]
    return [f"{where}: dropped unknown key '{k}'" for k in extra]


def as_text(value: object) -> str | None:
    """A JSON scalar as input text (`true`, `3`), None for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return None


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = value.strip() if isinstance(value, str) else ""
    return int(text) if text.isdecimal() else None


def _fix_inputs(owner: dict, where: str) -> list[str]:
    if "inputs" not in owner:
        return []
    items = owner["inputs"] if isinstance(owner["inputs"], list) else []
    kept, notes = [], []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else None
        text = as_text(item.get("value")) if isinstance(item, dict) else None
        if not isinstance(name, str) or text is None:
            notes.append(f"{where}: dropped malformed input {json.dumps(item, default=str)[:60]}")
            continue
        if item != {"name": name, "value": text}:
            notes.append(f"{where}: input '{name}' reshaped")
        kept.append({"name": name, "value": text})
    if not isinstance(owner["inputs"], list):
        notes.append(f"{where}: inputs must be a list")
    owner["inputs"] = kept
    return notes


def _fix_numbers(comp: dict, where: str) -> list[str]:
    notes = []
    for key in ("order", "block"):
        if key not in comp or comp[key] is None or type(comp[key]) is int:
            continue
        number = _as_int(comp[key])
        if number is None and key == "block":
            del comp[key]
            notes.append(f"{where}: dropped non-numeric block")
        elif number is not None:
            comp[key] = number
            notes.append(f"{where}: {key} '{number}' as a number")
    if not isinstance(comp.get("scope", ""), str):
        del comp["scope"]
    return notes


def _fix_components(flow: dict) -> list[str]:
    if "components" not in flow:
        return []
    items = flow["components"] if isinstance(flow["components"], list) else []
    kept = [c for c in items if isinstance(c, dict) and isinstance(c.get("definition"), str)]
    notes = [f"dropped {len(items) - len(kept)} malformed component(s)"] if len(kept) < len(items) else []
    if not isinstance(flow["components"], list):
        notes.append("components must be a list")
    for i, comp in enumerate(kept):
        where = f"component {i + 1}"
        notes += _drop_extra(comp, _COMPONENT_KEYS, where) + _fix_numbers(comp, where) + _fix_inputs(comp, where)
    flow["components"] = kept
    return notes


def fix_shape(flow: dict, catalog: Catalog) -> list[str]:
    """Drop unknown keys and malformed entries, turn scalars into the strings and numbers the schema wants."""
    notes = _drop_extra(flow, _FLOW_KEYS, "flow")
    for key in ("name", "description"):
        if key in flow and not isinstance(flow[key], str):
            flow[key] = as_text(flow[key]) or ""
            notes.append(f"{key} as text")
    trig = flow.get("trigger")
    if isinstance(trig, dict):
        notes += _drop_extra(trig, _TRIGGER_KEYS, "trigger") + _fix_inputs(trig, "trigger")
        if "type" in trig and not isinstance(trig["type"], str):
            trig["type"] = as_text(trig["type"]) or ""
    return notes + _fix_components(flow)
