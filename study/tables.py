"""Markdown tables of the report: results, taxonomy counts, breakdowns, unasked edits, splits side by side."""

from collections import Counter

from schemas.similarity import CATEGORIES
from study.analysis import SystemResult
from study.breakdown import DIMENSIONS
from study.stats import SystemStats

MAIN_HEADER = (
    "System",
    "N",
    "FlowSim [95% CI]",
    "FlowSim w/o inputs [95% CI]",
    "Trigger EM",
    "Steps F1",
    "Parseable",
    "Valid",
    "Unasked (edit)",
    "Correct",
    "p50 s",
    "p95 s",
    "Out tokens",
    "$ / 1k flows",
)


def markdown_table(header: tuple[str, ...] | list[str], rows: list[list[str]]) -> str:
    aligns = ["---"] + ["---:"] * (len(header) - 1)
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(aligns) + " |"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def _ci(value: float, ci: tuple[float, float]) -> str:
    return f"{value:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]"


def main_table(systems: list[SystemResult]) -> str:
    rows = []
    for r in systems:
        s = r.stats
        rows.append(
            [
                f"`{s.system}`",
                str(s.n),
                _ci(s.flowsim, s.flowsim_ci),
                _ci(s.flowsim_no_inputs, s.flowsim_no_inputs_ci),
                _pct(s.trigger_em),
                f"{s.steps_f1:.3f}",
                _pct(s.parse_rate),
                _pct(s.valid_rate),
                "-" if s.unasked_rate is None else _pct(s.unasked_rate),
                _pct(s.correct / s.n),
                f"{s.latency_p50:.2f}",
                f"{s.latency_p95:.2f}",
                "-" if s.output_tokens is None else f"{s.output_tokens:.0f}",
                "-" if s.cost_per_1k_flows is None else f"{s.cost_per_1k_flows:.2f}",
            ]
        )
    return markdown_table(MAIN_HEADER, rows)


SPLIT_HEADER = (
    "System",
    "Split",
    "N",
    "FlowSim [95% CI]",
    "FlowSim w/o inputs [95% CI]",
    "Trigger EM",
    "Valid",
    "Unasked (edit)",
    "p50 s",
)


def _split_row(s: SystemStats, label: str) -> list[str]:
    return [
        f"`{s.system}`",
        label,
        str(s.n),
        _ci(s.flowsim, s.flowsim_ci),
        _ci(s.flowsim_no_inputs, s.flowsim_no_inputs_ci),
        _pct(s.trigger_em),
        _pct(s.valid_rate),
        "-" if s.unasked_rate is None else _pct(s.unasked_rate),
        f"{s.latency_p50:.2f}",
    ]


def split_table(splits: list[tuple[str, list[SystemResult]]]) -> str:
    """One row per system and split (label, the split's systems), a system's splits next to each other."""
    names = dict.fromkeys(r.name for _, systems in splits for r in systems)
    rows = [
        _split_row(r.stats, label) for name in names for label, systems in splits for r in systems if r.name == name
    ]
    return markdown_table(SPLIT_HEADER, rows)


def taxonomy_table(systems: list[SystemResult]) -> str:
    header = ["Category"] + [f"`{r.name}`" for r in systems]
    rows = [
        [f"`{c}`"] + [f"{r.report.taxonomy[c]} ({_pct(r.report.taxonomy[c] / r.report.n)})" for r in systems]
        for c in CATEGORIES
    ]
    rows.append(
        ["**correct (no error)**"] + [f"{r.report.correct} ({_pct(r.report.correct / r.report.n)})" for r in systems]
    )
    return markdown_table(header, rows)


def breakdown_table(systems: list[SystemResult], refs: dict[str, dict], dimension: str) -> str:
    """Mean FlowSim per group (rows) and system (columns); n is the number of reference flows in the group."""
    per_system = [r.breakdown(refs, dimension) for r in systems]
    groups = list(dict.fromkeys(key for groups in per_system for key in groups))
    header = [DIMENSIONS[dimension], "n"] + [f"`{r.name}`" for r in systems]
    rows = []
    for key in groups:
        n = max(g[key][1] for g in per_system if key in g)
        rows.append([key, str(n)] + [f"{g[key][0]:.3f}" if key in g else "-" for g in per_system])
    return markdown_table(header, rows)


def unasked_table(systems: list[SystemResult], top: int = 3) -> str:
    """Per system with edit answers: how many are flows, the share and mean number of unasked changes, and
    the most frequent ones (a step's input named without its value)."""
    header = ["System", "Edit answers (flows)", "With an unasked change", "Per answer", "Most frequent"]
    rows = []
    for r in systems:
        s = r.stats
        if s.unasked_rate is None:
            continue
        items = Counter(item for x in r.results for item in x.get("unasked_changes") or [])
        common = "; ".join(f"{item} ({n})" for item, n in items.most_common(top)) or "-"
        rows.append([f"`{s.system}`", str(s.edits), _pct(s.unasked_rate), f"{s.unasked_mean:.2f}", common])
    return markdown_table(header, rows)
