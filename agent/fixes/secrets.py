"""Literal credentials cut out of a draft (the validator's `literal_secret`), before any other fix.

A whole-flow pass, not a trial: a secret goes even when that leaves a required input empty (the
repair model, or the person, then fills in the platform's credential reference). The notes say
where a credential was and what kind it was, never what it was, so no later note, problem message
or explanation can quote it.
"""

from collections.abc import Iterator

from agent.fixes.flowdict import Where, inputs, owner, owner_label, trigger
from schemas.catalog import Catalog
from schemas.secrets import Secret, find_secrets, redact


def fix_secrets(flow: dict, catalog: Catalog) -> list[str]:
    """Remove every literal credential from the inputs, name and description of `flow`, in place."""
    advice = f"use {catalog.credentials} instead"
    notes = []
    for key in ("name", "description"):
        if isinstance(flow.get(key), str) and (found := find_secrets(flow[key])):
            flow[key] = _without(flow[key], None)
            notes.append(f"flow {key}: removed {_kinds(found)}; {advice}")
    for where in _owners(flow):
        for item in inputs(owner(flow, where)):
            value = item.get("value")
            if isinstance(value, str) and (found := find_secrets(value, item["name"])):
                item["value"] = _without(value, item["name"])
                notes.append(
                    f"{owner_label(flow, where)}: removed {_kinds(found)} from input '{item['name']}'; {advice}"
                )
    return notes


def _owners(flow: dict) -> Iterator[Where]:
    if trigger(flow) is not None:
        yield "trigger"
    items = flow.get("components")
    yield from (i for i, c in enumerate(items) if isinstance(c, dict)) if isinstance(items, list) else ()


def _without(value: str, name: str | None) -> str:
    """`value` with its secrets cut out; empty if what is left still reads as a secret."""
    value = redact(value, name).strip()
    return "" if find_secrets(value, name) else value


def _kinds(found: list[Secret]) -> str:
    kinds = list(dict.fromkeys(s.what for s in found))
    return f"a literal credential ({', '.join(kinds)})"
