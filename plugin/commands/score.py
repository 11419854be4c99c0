"""`flowsmith score PRED.jsonl REF.jsonl [--json]`: FlowSim, trigger EM, steps F1 and the error taxonomy."""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from schemas.similarity import ScoreReport, score_files


def metrics_table(report: ScoreReport) -> Table:
    table = Table(title="Scores")
    table.add_column("Metric")
    table.add_column("Value", justify="right")
    for name, value in (
        ("FlowSim", report.flowsim),
        ("FlowSim (no inputs)", report.flowsim_no_inputs),
        ("Trigger EM", report.trigger_em),
        ("Steps F1", report.steps_f1),
        ("Parse rate", report.parse_rate),
    ):
        table.add_row(name, f"{value:.3f}")
    table.add_row("Correct", str(report.correct))
    table.add_row("N", str(report.n))
    return table


def taxonomy_table(report: ScoreReport) -> Table:
    table = Table(title="Error taxonomy")
    table.add_column("Category")
    table.add_column("Count", justify="right")
    table.add_column("Share", justify="right")
    for category, count in report.taxonomy.items():
        table.add_row(category, str(count), f"{count / report.n:.1%}" if report.n else "-")
    return table


def register(app: typer.Typer) -> None:
    @app.command("score")
    def score(
        pred: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Predictions JSONL.")],
        ref: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="References JSONL (dataset rows).")],
        as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
    ) -> None:
        """Score predictions against references."""
        try:
            report = score_files(pred, ref)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from exc
        if as_json:
            typer.echo(report.model_dump_json(indent=2))
            return
        console = Console()
        console.print(metrics_table(report))
        console.print(taxonomy_table(report))
