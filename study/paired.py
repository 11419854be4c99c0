"""The paired comparison: every system on the rows all of them finished, against the first system."""

import numpy as np

from study.analysis import SystemResult
from study.stats import bootstrap_ci
from study.tables import markdown_table

HEADER = ("System", "Rows", "FlowSim", "FlowSim w/o inputs", "Valid", "Δ FlowSim vs first [95% CI]")


def common_ids(systems: list[SystemResult]) -> list[str]:
    """Row ids every system has a result for, in the first system's order."""
    if not systems:
        return []
    shared = set.intersection(*({r["id"] for r in s.results} for s in systems))
    return [r["id"] for r in systems[0].results if r["id"] in shared]


def _scores(system: SystemResult, ids: list[str], key: str) -> np.ndarray:
    by_id = {r["id"]: r for r in system.results}
    return np.asarray([float(by_id[i][key]) for i in ids])


def paired_table(systems: list[SystemResult]) -> str:
    """Means on the common rows and the per-row FlowSim difference to the first system (paired bootstrap CI)."""
    ids = common_ids(systems)
    if not ids:
        return "No row was finished by every system."
    base = _scores(systems[0], ids, "flowsim")
    rows = []
    for s in systems:
        sim = _scores(s, ids, "flowsim")
        diff = sim - base
        low, high = bootstrap_ci(diff.tolist())
        delta = "-" if s is systems[0] else f"{diff.mean():+.3f} [{low:+.3f}, {high:+.3f}]"
        rows.append(
            [
                f"`{s.name}`",
                str(len(ids)),
                f"{sim.mean():.3f}",
                f"{_scores(s, ids, 'flowsim_no_inputs').mean():.3f}",
                f"{100 * _scores(s, ids, 'valid').mean():.1f}%",
                delta,
            ]
        )
    return markdown_table(HEADER, rows)
