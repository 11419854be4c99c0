"""The report's figures (PNG, matplotlib Agg backend)."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)
import numpy as np  # noqa: E402
from matplotlib.ticker import FormatStrFormatter  # noqa: E402

from schemas.similarity import CATEGORIES  # noqa: E402
from study.analysis import SystemResult  # noqa: E402

FIGURES = {
    "distribution": "flowsim_distribution.png",
    "size": "flowsim_by_size.png",
    "errors": "error_categories.png",
    "latency": "latency_vs_quality.png",
}


def _save(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def distribution(systems: list[SystemResult], path: Path) -> Path:
    fig, ax = plt.subplots(figsize=(1.6 * len(systems) + 3, 4))
    ax.boxplot([[s.flowsim for s in r.report.records] for r in systems], showmeans=True)
    ax.set_xticks(range(1, len(systems) + 1), [r.name for r in systems], rotation=20, ha="right")
    ax.set_ylabel("FlowSim per flow")
    ax.set_ylim(-0.02, 1.02)
    ax.set_title("FlowSim distribution")
    return _save(fig, path)


def by_size(systems: list[SystemResult], refs: dict[str, dict], path: Path) -> Path:
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for ax, dimension, label in (
        (axes[0], "size", "components in the reference"),
        (axes[1], "logic", "flow-logic components in the reference"),
    ):
        for r in systems:
            groups = r.breakdown(refs, dimension)
            ax.plot(list(groups), [mean for mean, _ in groups.values()], marker="o", label=r.name)
        ax.set_xlabel(label)
        ax.set_ylabel("mean FlowSim")
        ax.set_ylim(0, 1.02)
    axes[1].legend(fontsize="small")
    fig.suptitle("FlowSim by flow size")
    return _save(fig, path)


def error_bars(systems: list[SystemResult], path: Path) -> Path:
    fig, ax = plt.subplots(figsize=(12, 4.5))
    width = 0.8 / max(len(systems), 1)
    x = np.arange(len(CATEGORIES))
    for i, r in enumerate(systems):
        share = [r.report.taxonomy[c] / max(r.report.n, 1) for c in CATEGORIES]
        ax.bar(x + i * width, share, width, label=r.name)
    ax.set_xticks(x + width * (len(systems) - 1) / 2, CATEGORIES, rotation=35, ha="right")
    ax.set_ylabel("share of flows")
    ax.set_title("Error categories")
    ax.legend(fontsize="small")
    return _save(fig, path)


def latency_quality(systems: list[SystemResult], path: Path) -> Path:
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    for r in systems:
        s = r.stats
        low, high = s.flowsim_ci
        ax.errorbar(
            [max(s.latency_p50, 1e-3)],
            [s.flowsim],
            yerr=[[s.flowsim - low], [high - s.flowsim]],
            fmt="o",
            capsize=3,
            label=r.name,
        )
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(FormatStrFormatter("%g"))
    ax.xaxis.set_minor_formatter(FormatStrFormatter("%g"))
    ax.legend(fontsize="small")  # a legend, not labels at the points: systems of like latency overlap
    ax.set_xlabel("median latency per flow (s, log scale)")
    ax.set_ylabel("mean FlowSim (95% CI)")
    ax.set_title("Latency vs quality")
    return _save(fig, path)


def write_plots(systems: list[SystemResult], refs: dict[str, dict], out_dir: Path) -> dict[str, Path]:
    """Every figure under `out_dir`; returns their paths by key of FIGURES."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return {
        "distribution": distribution(systems, out_dir / FIGURES["distribution"]),
        "size": by_size(systems, refs, out_dir / FIGURES["size"]),
        "errors": error_bars(systems, out_dir / FIGURES["errors"]),
        "latency": latency_quality(systems, out_dir / FIGURES["latency"]),
    }
