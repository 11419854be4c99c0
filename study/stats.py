"""Per-system numbers: `score_records` means with seeded bootstrap CIs, validity, latency, tokens, cost."""

import numpy as np
from scipy.stats import bootstrap

from schemas.base import StrictModel
from schemas.similarity import ScoreReport, score_records
from study.config import SystemConfig

SEED = 20240611
RESAMPLES = 2000


class SystemStats(StrictModel):
    system: str
    n: int
    flowsim: float
    flowsim_ci: tuple[float, float]
    flowsim_no_inputs: float
    flowsim_no_inputs_ci: tuple[float, float]
    trigger_em: float
    steps_f1: float
    parse_rate: float
    valid_rate: float
    correct: int
    failures: int  # rows whose system reported an error
    latency_p50: float
    latency_p95: float
    output_tokens: float | None  # mean over rows that report them
    cost_per_1k_flows: float | None  # USD, where the system is priced
    taxonomy: dict[str, int]
    edits: int = 0  # edit answers that are flows: what the unasked share is over
    unasked_rate: float | None = None  # share of them that change something the reference keeps; None: no edits
    unasked_mean: float | None = None  # unasked changes per such answer


def bootstrap_ci(values: list[float], confidence: float = 0.95, seed: int = SEED) -> tuple[float, float]:
    """Percentile bootstrap CI of the mean; a point interval when there is nothing to resample."""
    if len(set(values)) <= 1:
        point = float(values[0]) if values else 0.0
        return point, point
    result = bootstrap(
        (np.asarray(values, dtype=float),),
        np.mean,
        confidence_level=confidence,
        n_resamples=RESAMPLES,
        method="percentile",
        rng=np.random.default_rng(seed),
    )
    return float(result.confidence_interval.low), float(result.confidence_interval.high)


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else 0.0


def cost_per_1k(results: list[dict], config: SystemConfig | None) -> float | None:
    """USD for 1,000 flows at the mean token use of the rows that report tokens."""
    if config is None or (config.price_in_per_1k is None and config.price_out_per_1k is None):
        return None
    costs = [
        (r.get("input_tokens") or 0) * (config.price_in_per_1k or 0) / 1000
        + (r.get("output_tokens") or 0) * (config.price_out_per_1k or 0) / 1000
        for r in results
        if r.get("input_tokens") is not None or r.get("output_tokens") is not None
    ]
    return 1000 * float(np.mean(costs)) if costs else None


def system_report(results: list[dict], refs: dict[str, dict]) -> ScoreReport:
    """`score_records` over one system's predictions against their reference rows."""
    return score_records(
        [{"id": r["id"], "prediction": r["prediction"]} for r in results], [refs[r["id"]] for r in results]
    )


def system_stats(name: str, results: list[dict], report: ScoreReport, config: SystemConfig | None) -> SystemStats:
    latencies = [r["latency_s"] for r in results]
    tokens = [r["output_tokens"] for r in results if r.get("output_tokens") is not None]
    return SystemStats(
        system=name,
        n=report.n,
        flowsim=report.flowsim,
        flowsim_ci=bootstrap_ci([s.flowsim for s in report.records]),
        flowsim_no_inputs=report.flowsim_no_inputs,
        flowsim_no_inputs_ci=bootstrap_ci([s.flowsim_no_inputs for s in report.records]),
        trigger_em=report.trigger_em,
        steps_f1=report.steps_f1,
        parse_rate=report.parse_rate,
        valid_rate=float(np.mean([bool(r["valid"]) for r in results])) if results else 0.0,
        correct=report.correct,
        failures=sum(r.get("error") is not None for r in results),
        latency_p50=percentile(latencies, 50),
        latency_p95=percentile(latencies, 95),
        output_tokens=float(np.mean(tokens)) if tokens else None,
        cost_per_1k_flows=cost_per_1k(results, config),
        taxonomy=report.taxonomy,
        **unasked_stats(results),
    )


def unasked_stats(results: list[dict]) -> dict:
    """Over the edit answers that are flows (`unasked_change` not None): how many, the share with an unasked
    change and the mean number of them."""
    scored = [r for r in results if r.get("unasked_change") is not None]
    if not scored:
        return {"edits": 0, "unasked_rate": None, "unasked_mean": None}
    return {
        "edits": len(scored),
        "unasked_rate": float(np.mean([bool(r["unasked_change"]) for r in scored])),
        "unasked_mean": float(np.mean([r.get("unasked_count") or 0 for r in scored])),
    }
