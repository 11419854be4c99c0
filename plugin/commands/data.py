"""`flowsmith data`: write the synthetic train/val/test splits and print their coverage."""

from pathlib import Path

import typer
from rich.console import Console

from agent.fixes import apply_fixes
from schemas.catalog import default_catalog
from schemas.datagen import write_dataset
from schemas.datagen.mix import Mix
from schemas.datagen.report import to_table


def data(
    out: Path = typer.Option(..., "--out", help="Folder for train/val/test.jsonl and report.md."),
    seed: int = typer.Option(0, "--seed", help="Random seed; the same seed gives the same files."),
    train: int = typer.Option(4000, "--train", help="Generate rows in train (edit/complete rows come on top)."),
    val: int = typer.Option(500, "--val"),
    test: int = typer.Option(500, "--test"),
    dates: bool = typer.Option(False, "--dates", help="Also look records up by date (RELATIVELT, BETWEEN, ON...)."),
    coverage: bool = typer.Option(
        False, "--coverage", help="Also the most asked-for constructs (act on each record, ELSEIF...), more phrasings."
    ),
    synthetic: int = typer.Option(0, "--synthetic", help="Training mix: keep a sample of this many synthetic rows."),
    human_copies: int = typer.Option(0, "--human-copies", help="Training mix: each human train row this many times."),
    repairs: int = typer.Option(0, "--repairs", help="Training mix: this many repair rows (broken flow -> flow)."),
    after_fixes: bool = typer.Option(
        False, "--after-fixes", help="Repair rows show the flow the deterministic fixes left invalid (as in a turn)."
    ),
) -> None:
    """Generate the synthetic dataset; with --synthetic/--human-copies/--repairs, train.jsonl is a training mix."""
    settle = _after_fixes if after_fixes else None
    mix = Mix(synthetic, human_copies, repairs, seed, settle) if synthetic or human_copies or repairs else None
    report = write_dataset(out, seed, (train, val, test), dates, mix, coverage)
    Console().print(to_table(report))
    typer.echo(f"wrote {out}/train.jsonl, val.jsonl, test.jsonl, report.md")


def _after_fixes(flow: dict) -> dict:
    return apply_fixes(flow, default_catalog())[0]


def register(app: typer.Typer) -> None:
    app.command("data")(data)
