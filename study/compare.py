"""Bench runs side by side (the synthetic and the human test split): one table and the error analysis per split.

Each run is a folder `flowsmith bench` wrote: results.jsonl and predictions/references.jsonl (the rows it
benchmarked), so the comparison scores exactly what each run's own report did.
"""

from dataclasses import dataclass
from pathlib import Path

from study.analysis import SystemResult, analyse
from study.report import PREDICTIONS_DIR, REFERENCES, REPORT, UNASKED_NOTE, setup_line
from study.run import RESULTS, read_results
from study.tables import split_table, taxonomy_table, unasked_table


@dataclass(frozen=True)
class Run:
    label: str  # the split's name in the report, e.g. "synthetic" or "human"
    folder: Path
    refs: dict[str, dict]
    systems: list[SystemResult]

    def system(self, name: str) -> SystemResult | None:
        return next((s for s in self.systems if s.name == name), None)


def load_run(label: str, folder: str | Path) -> Run:
    """A bench output folder scored against the references it recorded; raises ValueError when it has none."""
    folder = Path(folder)
    refs_path = folder / PREDICTIONS_DIR / REFERENCES
    if not refs_path.exists():
        raise ValueError(f"{folder}: no {PREDICTIONS_DIR}/{REFERENCES} (run flowsmith bench into it first)")
    refs = {r["id"]: r for r in read_results(refs_path)}
    systems = analyse(read_results(folder / RESULTS), refs)
    if not systems:
        raise ValueError(f"{folder / RESULTS}: no results for its references")
    return Run(label, folder, refs, systems)


def compare_table(runs: list[Run]) -> str:
    """One row per system and split, a system's splits next to each other."""
    return split_table([(run.label, run.systems) for run in runs])


def _split_section(run: Run) -> list[str]:
    parts = [
        f"## Error analysis: {run.label}",
        f"`{run.folder.as_posix()}`: {setup_line(run.refs)}",
        "Flows per category (a flow can fall into several).",
        taxonomy_table(run.systems),
    ]
    if any(s.stats.unasked_rate is not None for s in run.systems):
        parts += [f"### Unasked changes (edit): {run.label}", unasked_table(run.systems)]
    return parts


def render_comparison(runs: list[Run], commands: list[str] = (), title: str = "Flowsmith benchmark by split") -> str:
    reproduce = "\n".join(commands) if commands else "(not recorded)"
    sections = [
        f"# {title}",
        "Splits: " + "; ".join(f"**{r.label}** `{r.folder.as_posix()}` ({len(r.refs)} rows)" for r in runs) + ".",
        "## Results by split",
        compare_table(runs),
        "Each run's own report.md has the full table, the paired comparison, breakdowns and worked examples. "
        + UNASKED_NOTE,
        *(part for run in runs for part in _split_section(run)),
        "## Reproduce",
        f"```bash\n{reproduce}\n```",
    ]
    return "\n\n".join(sections) + "\n"


def write_comparison(
    runs: list[tuple[str, str | Path]], out_dir: str | Path, commands: list[str] = ()
) -> tuple[Path, list[Run]]:
    """Load the (label, folder) runs and write `out_dir/report.md`; returns its path and the runs."""
    loaded = [load_run(label, folder) for label, folder in runs]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / REPORT
    path.write_text(render_comparison(loaded, list(commands)), encoding="utf-8")
    return path, loaded
