"""Coverage report of a generated dataset: rows per task, triggers, constructs, phrasing stats."""

import re
from collections import Counter

from rich.table import Table

Report = dict

_NOTIFY = {"send_email", "send_notification", "send_sms", "slack_send_direct_message", "teams_send_chat_message"}


def _values(comp: dict) -> dict[str, str]:
    return {i["name"]: i["value"] for i in comp["inputs"]}


def patterns(flow: dict) -> set[str]:
    """The request-level constructs a flow shows (the ones people ask for most), read from the flow alone."""
    comps, trig = flow["components"], flow["trigger"]
    found: set[str] = set()
    by_order = {c["order"]: c for c in comps}
    text = " ".join(i["value"] for c in comps for i in c["inputs"]) + " "
    text += " ".join(i["value"] for i in trig["inputs"])
    for c in comps:
        name, values = c["definition"], _values(c)
        parent = by_order.get(c.get("block"), {}).get("definition")
        if parent == "FOREACH":
            state = values.get("values", "")
            if name == "update_record":
                found.add("foreach: close each" if re.search(r"state=(6|7)\b", state) else "foreach: update each")
            elif name == "resolve_incident":
                found.add("foreach: close each")
            elif name == "delete_record":
                found.add("foreach: delete each")
            elif name in _NOTIFY:
                found.add("foreach: notify each")
        if name == "ELSEIF":
            found.add("ELSEIF chain")
        if name in ("create_record", "create_incident", "create_task") and "{{trigger.subject}}" in str(values):
            found.add("email: record from subject")
        if name in ("create_record", "create_incident", "create_task") and "{{trigger.body_text}}" in str(values):
            found.add("email: record from body")
        if values.get("to") == "{{trigger.from_address}}":
            found.add("email: reply to sender")
        if name == "wait_for_condition" and "approval=approved" in values.get("conditions", ""):
            found.add("wait until approved")
    if trig["type"] == "repeat":
        found.add(f"repeat every {_values(trig).get('interval')}")
    if "ISEMPTY" in text:
        found.add("ISEMPTY condition")
    if re.search(r"\bstate(=|CHANGESTO)[1-8]\b", text):
        found.add("state value")
    return found


def coverage(data: dict[str, list[dict]]) -> Report:
    """Counts per split/task, trigger, construct; condition, typo and length stats of generate rows."""
    rows = [r for split in data.values() for r in split]
    gen = [r for r in rows if r["task"] == "generate"]
    n = max(len(rows), 1)
    triggers = Counter(r["meta"]["trigger"] for r in rows)
    constructs = Counter(c for r in rows for c in r["meta"]["constructs"])
    found = Counter(p for r in gen for p in patterns(r["target"]))
    explicit = Counter(
        {True: "explicit", False: "implicit", None: "none"}[r["meta"]["explicit_condition"]] for r in gen
    )
    return {
        "rows": {
            split: dict(sorted(Counter(r["task"] for r in split_rows).items())) for split, split_rows in data.items()
        },
        "total": len(rows),
        "triggers": {k: (v, 100 * v / n) for k, v in sorted(triggers.items())},
        "constructs": {k: (v, 100 * v / n) for k, v in sorted(constructs.items())},
        "patterns": {k: (v, 100 * v / max(len(gen), 1)) for k, v in sorted(found.items())},
        "conditions": dict(sorted(explicit.items())),
        "typo_rate": 100 * sum(bool(r["meta"].get("typo")) for r in gen) / max(len(gen), 1),
        "mean_request_words": sum(len(r["request"].split()) for r in gen) / max(len(gen), 1),
        "mean_components": sum(r["meta"]["n_components"] for r in rows) / n,
        "edit_kinds": dict(sorted(Counter(r["meta"]["edit_kind"] for r in rows if r["task"] == "edit").items())),
    }


def _sections(report: Report) -> list[tuple[str, list[tuple[str, str]]]]:
    pct = lambda d: [(k, f"{v} ({p:.1f}%)") for k, (v, p) in d.items()]  # noqa: E731
    summary = [
        ("total rows", str(report["total"])),
        ("typo rate", f"{report['typo_rate']:.1f}%"),
        ("mean request words", f"{report['mean_request_words']:.1f}"),
        ("mean components", f"{report['mean_components']:.2f}"),
    ]
    return [
        (
            "rows per split",
            [(s, ", ".join(f"{t}={c}" for t, c in tasks.items())) for s, tasks in report["rows"].items()],
        ),
        ("summary", summary),
        ("conditions (generate rows)", [(k, str(v)) for k, v in report["conditions"].items()]),
        ("edit kinds", [(k, str(v)) for k, v in report["edit_kinds"].items()]),
        ("triggers", pct(report["triggers"])),
        ("constructs", pct(report["constructs"])),
        ("request patterns (generate rows)", pct(report.get("patterns", {}))),
    ]


def to_markdown(report: Report) -> str:
    lines = ["# Dataset coverage", ""]
    for title, items in _sections(report):
        lines += [f"## {title}", "", "| key | value |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in items] + [""]
    return "\n".join(lines)


def to_table(report: Report) -> Table:
    table = Table(title="Dataset coverage")
    table.add_column("section")
    table.add_column("key")
    table.add_column("value", justify="right")
    for title, items in _sections(report):
        for i, (k, v) in enumerate(items):
            table.add_row(title if i == 0 else "", k, v)
    return table
