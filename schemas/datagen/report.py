"""Coverage report of a generated dataset: rows per task, triggers, constructs, phrasing stats."""

from collections import Counter

from rich.table import Table

Report = dict


def coverage(data: dict[str, list[dict]]) -> Report:
    """Counts per split/task, trigger, construct; condition, typo and length stats of generate rows."""
    rows = [r for split in data.values() for r in split]
    gen = [r for r in rows if r["task"] == "generate"]
    n = max(len(rows), 1)
    triggers = Counter(r["meta"]["trigger"] for r in rows)
    constructs = Counter(c for r in rows for c in r["meta"]["constructs"])
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
