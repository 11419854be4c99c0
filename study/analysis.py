"""Results grouped per system and scored: what the report and the plots are drawn from."""

from dataclasses import dataclass

from schemas.similarity import ScoreReport
from study.breakdown import breakdown
from study.config import SystemConfig
from study.run import unasked
from study.stats import SystemStats, system_report, system_stats


@dataclass(frozen=True)
class SystemResult:
    name: str
    results: list[dict]  # results.jsonl lines of this system, in reference order
    report: ScoreReport  # score_records over them: the numbers `flowsmith score` gives
    stats: SystemStats

    def pairs(self, refs: dict[str, dict]) -> list[tuple[dict, float]]:
        """(reference row, FlowSim) per result."""
        return [(refs[r["id"]], s.flowsim) for r, s in zip(self.results, self.report.records)]

    def breakdown(self, refs: dict[str, dict], dimension: str) -> dict[str, tuple[float, int]]:
        return breakdown(self.pairs(refs), dimension)


def _with_unasked(result: dict, ref: dict) -> dict:
    """A result line scored for unasked changes (lines written before the measure existed lack it)."""
    if "unasked_change" in result:
        return result
    return {**result, **unasked(result["prediction"], ref, bool(result.get("parsed")))}


def analyse(
    results: list[dict],
    refs: dict[str, dict],
    configs: list[SystemConfig] | None = None,
) -> list[SystemResult]:
    """One SystemResult per configured system (every system in the results when `configs` is None),
    in config order; rows without a reference are left out."""
    by_config = {c.name: c for c in configs or []}
    names = list(by_config) if configs is not None else [r["system"] for r in results]
    order = {ref_id: i for i, ref_id in enumerate(refs)}
    out = []
    for name in dict.fromkeys(names):
        rows = sorted((r for r in results if r["system"] == name and r["id"] in refs), key=lambda r: order[r["id"]])
        if not rows:
            continue
        rows = [_with_unasked(r, refs[r["id"]]) for r in rows]
        report = system_report(rows, refs)
        out.append(SystemResult(name, rows, report, system_stats(name, rows, report, by_config.get(name))))
    return out
