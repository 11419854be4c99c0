"""`flowsmith bench` (registered by plugin/cli.py via importlib): run systems over a split, score
them, write results.jsonl, report.md and figures.

`flowsmith bench-compare`: bench runs side by side (the synthetic and the human test split) in one report.md.

`flowsmith bench-retrieval`: compare BM25 and MiniLM few-shot retrieval on val requests.
"""

import shlex
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, get_args

import typer
from rich.console import Console
from rich.table import Table

from models.drafter import Task

if TYPE_CHECKING:  # the bench modules load only when a command runs
    from study.config import SystemConfig
    from study.run import Runner

DEFAULT_SELECTION = "slm,slm-unconstrained,slm-agent,prompted-smollm2,prompted-gemma3"


TASKS = get_args(Task)  # the drafting tasks, as models.drafter defines them


def _csv(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _command_line(
    data: Path, split: str, systems: str, out: Path, limit: int | None, tasks: str, config: Path | None, batch: int
) -> str:
    words = [
        "flowsmith",
        "bench",
        "--data",
        str(data),
        "--split",
        split,
        "--systems",
        systems,
        "--out",
        str(out),
        "--tasks",
        tasks,
        "--batch",
        str(batch),
    ]
    words += ["--limit", str(limit)] if limit else []
    words += ["--config", str(config)] if config else []
    return shlex.join(words)


def _summary(out: Path) -> Table:
    import json

    from study.report import SUMMARY

    table = Table(title=f"Benchmark ({out})")
    for column in ("System", "N", "FlowSim", "w/o inputs", "Trigger EM", "Valid", "Unasked", "p50 s"):
        table.add_column(column, justify="left" if column == "System" else "right")
    for name, s in json.loads((out / SUMMARY).read_text()).items():
        table.add_row(
            name,
            str(s["n"]),
            f"{s['flowsim']:.3f}",
            f"{s['flowsim_no_inputs']:.3f}",
            f"{s['trigger_em']:.3f}",
            f"{s['valid_rate']:.3f}",
            "" if s.get("unasked_rate") is None else f"{s['unasked_rate']:.3f}",
            f"{s['latency_p50']:.2f}",
        )
    return table


def _run_systems(runner: "Runner", configs: "list[SystemConfig]", train_rows: Callable[[], list[dict]]) -> list[str]:
    """Run each system on its pending rows; returns the systems that could not start (they record no rows)."""
    from study.systems import build_system

    failed = []
    for cfg in configs:
        try:
            ran = runner.run(cfg.name, lambda cfg=cfg: build_system(cfg, train_rows()), cfg.remote)
        except Exception as exc:  # the system could not start (model missing, bad params)
            typer.echo(f"{cfg.name}: could not start, no rows recorded: {type(exc).__name__}: {exc}", err=True)
            failed.append(cfg.name)
            continue
        typer.echo(f"{cfg.name}: {ran} new rows")
    return failed


def bench(
    data: Path = typer.Option(..., "--data", exists=True, file_okay=False, help="Dataset folder (flowsmith data)."),
    split: str = typer.Option("test", "--split", help="Split to evaluate on."),
    systems: str = typer.Option(DEFAULT_SELECTION, "--systems", help="Comma-separated system names from the config."),
    out: Path = typer.Option(Path("runs/bench"), "--out", help="Folder for results.jsonl, report.md, figures/."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="Only the first N rows of the split."),
    workers: int = typer.Option(4, "--workers", min=1, help="Threads for remote chat models."),
    batch: int = typer.Option(
        8, "--batch", min=1, help="Rows per call for local models (latency per row = batch time / rows)."
    ),
    config: Path | None = typer.Option(
        None, "--config", exists=True, dir_okay=False, help="Systems YAML (default study/systems.yaml)."
    ),
    tasks: str = typer.Option("generate", "--tasks", help="Comma-separated tasks: generate,edit,complete."),
    report_only: bool = typer.Option(False, "--report-only", help="Rebuild report.md from results.jsonl only."),
) -> None:
    """Benchmark the fine-tuned SLM against prompted LLMs (resumable: finished rows are skipped)."""
    from study.config import DEFAULT_SYSTEMS, load_systems, select_systems
    from study.report import write_report
    from study.run import Runner, load_rows

    try:
        configs = select_systems(load_systems(config or DEFAULT_SYSTEMS), _csv(systems))
        unknown = set(_csv(tasks)) - set(TASKS)
        if unknown:
            raise ValueError(f"--tasks: unknown {sorted(unknown)}; use {','.join(TASKS)}")
        rows = load_rows(data, split, tuple(_csv(tasks)), limit)
    except (ValueError, FileNotFoundError) as exc:
        raise typer.BadParameter(str(exc)) from exc

    @cache
    def train_rows() -> list[dict]:
        return load_rows(data, "train", TASKS)

    failed = [] if report_only else _run_systems(Runner(out, rows, workers, batch=batch), configs, train_rows)
    command = _command_line(data, split, systems, out, limit, tasks, config, batch)
    try:
        path = write_report(out, {r["id"]: r for r in rows}, configs, [command])
    except ValueError as exc:  # nothing recorded yet for these rows
        typer.echo(f"no report: {exc}", err=True)
        raise typer.Exit(1) from exc
    Console().print(_summary(out))
    typer.echo(f"wrote {path}")
    if failed:
        raise typer.Exit(1)


def _split_summary(runs) -> Table:
    table = Table(title="Benchmark by split")
    for column in ("System", "Split", "N", "FlowSim", "w/o inputs", "Trigger EM", "Valid", "Unasked", "p50 s"):
        table.add_column(column, justify="left" if column in ("System", "Split") else "right")
    for name in dict.fromkeys(s.name for run in runs for s in run.systems):
        for run in runs:
            result = run.system(name)
            if result is None:
                continue
            s = result.stats
            table.add_row(
                name,
                run.label,
                str(s.n),
                f"{s.flowsim:.3f}",
                f"{s.flowsim_no_inputs:.3f}",
                f"{s.trigger_em:.3f}",
                f"{s.valid_rate:.3f}",
                "" if s.unasked_rate is None else f"{s.unasked_rate:.3f}",
                f"{s.latency_p50:.2f}",
            )
    return table


def bench_compare(
    runs: list[Path] = typer.Argument(..., exists=True, file_okay=False, help="Bench output folders (--out)."),
    labels: str | None = typer.Option(
        None, "--labels", help="Comma-separated split names, one per folder (default: the folder names)."
    ),
    out: Path = typer.Option(Path("runs/bench-compare"), "--out", help="Folder for the combined report.md."),
) -> None:
    """Bench runs side by side (e.g. synthetic and human test): one table per split and system, the error
    analysis per split."""
    from study.compare import write_comparison

    names = _csv(labels) if labels else [run.name for run in runs]
    if len(names) != len(runs):
        raise typer.BadParameter(f"--labels: {len(names)} names for {len(runs)} folders")
    command = shlex.join(
        ["flowsmith", "bench-compare", *map(str, runs), "--labels", ",".join(names), "--out", str(out)]
    )
    try:
        path, loaded = write_comparison(list(zip(names, runs)), out, [command])
    except ValueError as exc:
        typer.echo(f"no report: {exc}", err=True)
        raise typer.Exit(1) from exc
    Console().print(_split_summary(loaded))
    typer.echo(f"wrote {path}")


def bench_retrieval(
    data: Path = typer.Option(..., "--data", exists=True, file_okay=False, help="Dataset folder (flowsmith data)."),
    n: int = typer.Option(50, "--n", min=1, help="Val generate requests to measure on."),
    k: int = typer.Option(4, "--k", min=1, help="Few-shot examples retrieved."),
    methods: str = typer.Option("bm25,minilm", "--methods"),
    pool: int | None = typer.Option(
        1000, "--pool", min=1, help="Index only the first N training rows per task (MiniLM is slow on CPU)."
    ),
) -> None:
    """Recall of the gold flow's steps in the retrieved examples and in the catalog entries shown."""
    from study.retrieval_eval import compare_retrievers
    from study.run import load_rows

    results = compare_retrievers(
        load_rows(data, "train"), load_rows(data, "val", limit=n), k, methods=tuple(_csv(methods)), pool_size=pool
    )
    table = Table(title=f"Recall of gold actions (k={k}, {n} val requests, pool {pool or 'all'})")
    for column in ("Method", "Examples recall", "Catalog recall"):
        table.add_column(column)
    for method, r in results.items():
        table.add_row(method, f"{r['examples_recall']:.3f}", f"{r['catalog_recall']:.3f}")
    Console().print(table)


def register(app: typer.Typer) -> None:
    app.command("bench")(bench)
    app.command("bench-compare")(bench_compare)
    app.command("bench-retrieval")(bench_retrieval)
