"""report.md: the paper-style table, taxonomy, breakdowns, worked examples, figures, and how to reproduce."""

import json
from collections import Counter
from pathlib import Path

from study.analysis import SystemResult, analyse
from study.breakdown import DIMENSIONS
from study.config import SystemConfig
from study.examples import WorkedExample, worked_examples
from study.paired import paired_table
from study.plots import write_plots
from study.run import RESULTS, read_results
from study.stats import RESAMPLES, SEED
from study.tables import breakdown_table, main_table, taxonomy_table, unasked_table

REPORT = "report.md"
SUMMARY = "summary.json"
FIGURE_DIR = "figures"
PREDICTIONS_DIR = "predictions"
REFERENCES = "references.jsonl"

METRICS_NOTE = f"""FlowSim is 1 − tree edit distance / (|pred| + |ref|) over the flow trees (`schemas.similarity`); \
"w/o inputs" compares structure only. Trigger EM: same trigger type, table and condition. Steps F1: \
over (definition, nesting) step labels. Parseable: the output is a flow the schema accepts; Valid: \
`validate_flow` also finds no catalog problem. Correct: no error category at all. CIs: percentile \
bootstrap of the mean, {RESAMPLES} resamples, seed {SEED}. Latency: wall time of one request, \
p50/p95 over rows; a row decoded in a batch (column `batch` of results.jsonl) is charged the batch's \
time divided by its size. The means are `score_records` over each system's predictions (the same numbers \
as `flowsmith score`)."""

UNASKED_NOTE = """For an edit, an unasked change is a part of the original flow (the trigger's type, each trigger \
input, each component with its definition, inputs and nesting depth) that the reference leaves as it was \
but the answer changed or removed (`schemas.similarity.unasked_changes`; order numbers and renumbered \
`{{N.` pills are not changes). The share is over the edit answers that are flows."""

PAIRED_NOTE = """Systems can differ in how many rows they finished (runs are resumable and the prompted \
local models are slow on CPU), so the same rows are compared here. Δ: mean per-row FlowSim difference \
to the first system, with a percentile bootstrap CI."""


def setup_line(refs: dict[str, dict]) -> str:
    """How many reference rows of which task, first and last id."""
    tasks = Counter(r["task"] for r in refs.values())
    ids = list(refs)
    return (
        f"{len(refs)} reference rows ({', '.join(f'{n} {t}' for t, n in sorted(tasks.items()))}), "
        f"ids `{ids[0]}` … `{ids[-1]}`."
        if ids
        else "No reference rows."
    )


def _task_section(systems: list[SystemResult], refs: dict[str, dict], configs: list[SystemConfig]) -> list[str]:
    """The results table again for each task, when the rows have more than one (the goals are per task)."""
    tasks = sorted({r["task"] for r in refs.values()})
    if len(tasks) < 2:
        return []
    results = [r for s in systems for r in s.results]
    parts = ["### Per task"]
    for task in tasks:
        rows = {ref_id: r for ref_id, r in refs.items() if r["task"] == task}
        parts += [f"**{task}** ({len(rows)} rows)", main_table(analyse(results, rows, configs))]
    return parts


def _unasked_section(systems: list[SystemResult]) -> list[str]:
    """The unasked-changes section, when some system answered edit rows."""
    if all(s.stats.unasked_rate is None for s in systems):
        return []
    return ["## Unasked changes (edit)", UNASKED_NOTE, unasked_table(systems)]


def _systems_section(systems: list[SystemResult], configs: list[SystemConfig]) -> str:
    by_name = {c.name: c for c in configs}
    lines = []
    for r in systems:
        config = by_name[r.name]
        params = json.dumps(config.params, sort_keys=True) if config.params else "defaults"
        text = f" {config.description}" if config.description else ""
        lines.append(f"- `{r.name}` ({config.kind}).{text} Params: `{params}`.")
    return "\n".join(lines)


def _example_md(ex: WorkedExample) -> str:
    return "\n".join(
        [
            f"**`{ex.system}`**, row `{ex.id}`. Request: {ex.request or '(none)'}",
            "",
            "Reference:",
            "```text",
            ex.reference,
            "```",
            "Prediction:",
            "```text",
            ex.prediction,
            "```",
            "Diff:",
            "```diff",
            ex.diff or "(identical compact text)",
            "```",
        ]
    )


def _examples_section(examples: list[WorkedExample]) -> str:
    parts = []
    for category in dict.fromkeys(ex.category for ex in examples):
        parts.append(f"### `{category}`\n")
        parts += [_example_md(ex) + "\n" for ex in examples if ex.category == category]
    return "\n".join(parts) if parts else "No errors."


def _figures_section(figures: dict[str, Path], out_dir: Path) -> str:
    titles = {
        "distribution": "FlowSim distribution",
        "size": "FlowSim by flow size",
        "errors": "Error categories",
        "latency": "Latency vs quality",
    }
    return "\n\n".join(f"![{titles[key]}]({path.relative_to(out_dir).as_posix()})" for key, path in figures.items())


def render(
    systems: list[SystemResult],
    refs: dict[str, dict],
    configs: list[SystemConfig],
    figures: dict[str, Path],
    out_dir: Path,
    commands: list[str],
    title: str,
) -> str:
    breakdowns = "\n\n".join(
        f"### {label}\n\n{breakdown_table(systems, refs, dim)}" for dim, label in DIMENSIONS.items()
    )
    examples = worked_examples([r for s in systems for r in s.results], refs)
    reproduce = "\n".join(commands) if commands else "(not recorded)"
    return (
        "\n\n".join(
            [
                f"# {title}",
                setup_line(refs),
                "## Results",
                main_table(systems),
                METRICS_NOTE,
                *_task_section(systems, refs, configs),
                "### Paired: the rows every system finished",
                PAIRED_NOTE,
                paired_table(systems),
                "## Systems",
                _systems_section(systems, configs),
                "## Figures",
                _figures_section(figures, out_dir),
                *_unasked_section(systems),
                "## Error taxonomy",
                "Flows per category (a flow can fall into several).",
                taxonomy_table(systems),
                "## FlowSim by what the reference contains",
                breakdowns,
                "## Worked examples",
                "Up to three per category, across systems, the plainest (fewest errors) first. "
                "Diff: reference → prediction in the compact flow text.",
                _examples_section(examples),
                "## Reproduce",
                f"```bash\n{reproduce}\n```",
            ]
        )
        + "\n"
    )


def _jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def write_predictions(systems: list[SystemResult], refs: dict[str, dict], out_dir: Path) -> None:
    """`predictions/<system>.jsonl` ({id, prediction} per line) and `references.jsonl` (the rows benchmarked):
    `flowsmith score predictions/<system>.jsonl predictions/references.jsonl` gives the report's numbers."""
    folder = out_dir / PREDICTIONS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    _jsonl(folder / REFERENCES, list(refs.values()))
    for s in systems:
        _jsonl(folder / f"{s.name}.jsonl", [{"id": r["id"], "prediction": r["prediction"]} for r in s.results])


def write_report(
    out_dir: str | Path,
    refs: dict[str, dict],
    configs: list[SystemConfig],
    commands: list[str] = (),
    title: str = "Flowsmith benchmark",
) -> Path:
    """Read `out_dir/results.jsonl`; write figures, predictions, summary.json and report.md; returns report.md."""
    out_dir = Path(out_dir)
    systems = analyse(read_results(out_dir / RESULTS), refs, configs)
    if not systems:
        raise ValueError(f"{out_dir / RESULTS}: no results for the given references")
    figures = write_plots(systems, refs, out_dir / FIGURE_DIR)
    write_predictions(systems, refs, out_dir)
    summary = {s.name: s.stats.model_dump(mode="json") for s in systems}
    (out_dir / SUMMARY).write_text(json.dumps(summary, indent=2), encoding="utf-8")
    path = out_dir / REPORT
    path.write_text(render(systems, refs, configs, figures, out_dir, list(commands), title), encoding="utf-8")
    return path
