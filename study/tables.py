"""Markdown tables of the report: the main results, the taxonomy counts, the breakdowns."""

from schemas.similarity import CATEGORIES
from study.analysis import SystemResult
from study.breakdown import DIMENSIONS

MAIN_HEADER = (
    "System",
    "N",
    "FlowSim [95% CI]",
    "FlowSim w/o inputs [95% CI]",
    "Trigger EM",
    "Steps F1",
    "Parseable",
    "Valid",
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
                _pct(s.correct / s.n),
                f"{s.latency_p50:.2f}",
                f"{s.latency_p95:.2f}",
                "-" if s.output_tokens is None else f"{s.output_tokens:.0f}",
                "-" if s.cost_per_1k_flows is None else f"{s.cost_per_1k_flows:.2f}",
            ]
        )
    return markdown_table(MAIN_HEADER, rows)


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
