"""FlowSim broken down by what the reference flow contains: constructs, trigger, condition style, size."""

from collections import defaultdict
from statistics import fmean

from schemas.catalog import default_catalog

DIMENSIONS = {
    "construct": "Flow-logic construct",
    "trigger": "Trigger type",
    "condition": "Trigger condition stated",
    "size": "Flow size (components)",
    "logic": "Flow-logic components",
}
SIZE_BUCKETS = ((2, "1-2"), (4, "3-4"), (7, "5-7"))
NO_LOGIC = "(none)"


def _size(n: int) -> str:
    return next((label for top, label in SIZE_BUCKETS if n <= top), f"{SIZE_BUCKETS[-1][0] + 1}+")


def _logic(n: int) -> str:
    return str(n) if n < 3 else "3+"


def keys(ref_row: dict) -> dict[str, list[str]]:
    """The group(s) a reference row falls into per dimension (a flow has several constructs)."""
    target, meta = ref_row["target"], ref_row.get("meta") or {}
    flowlogic = default_catalog().flowlogic
    logic_steps = [c["definition"] for c in target["components"] if c["definition"] in flowlogic]
    constructs = sorted({d for d in meta.get("constructs", logic_steps) if d in flowlogic}) or [NO_LOGIC]
    explicit = meta.get("explicit_condition")
    condition = "n/a" if explicit is None else ("explicit" if explicit else "implicit")
    n_components = meta.get("n_components", len(target["components"]))
    return {
        "construct": constructs,
        "trigger": [meta.get("trigger", target["trigger"]["type"])],
        "condition": [condition],
        "size": [_size(n_components)],
        "logic": [_logic(len(logic_steps))],
    }


def breakdown(pairs: list[tuple[dict, float]], dimension: str) -> dict[str, tuple[float, int]]:
    """Mean score and count per group of `dimension`, over (reference row, score) pairs; groups sorted."""
    groups: dict[str, list[float]] = defaultdict(list)
    for ref_row, score in pairs:
        for key in keys(ref_row)[dimension]:
            groups[key].append(score)
    return {key: (fmean(values), len(values)) for key, values in sorted(groups.items(), key=lambda kv: _order(kv[0]))}


def _order(key: str) -> tuple:
    """Numeric buckets in numeric order, '(none)' and 'n/a' first, the rest alphabetical."""
    head = key.split("-")[0].rstrip("+")
    if key in (NO_LOGIC, "n/a"):
        return 0, 0, ""
    return (1, int(head), "") if head.isdigit() else (2, 0, key)
