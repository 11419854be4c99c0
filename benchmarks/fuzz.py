"""Fuzz every route of the service's OpenAPI with schemathesis and print the figures (a benchmark).

    python -m benchmarks.fuzz [--examples 60] [--seed 0] [--seeds 1]

In-process (ASGI), the real agent over a canned drafter, admin routes with a valid admin token and the
copilot routes with a valid user JWT; every secured route also probed with missing and bad credentials.
Each operation gets `examples` positive and `examples` negative cases; exits 1 on any failure
(a 5xx, an unhandled exception, or a body that breaks the documented schema).
"""

import tempfile
from pathlib import Path

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from plugin.app import create_app
from plugin.testing.fuzzing import FuzzReport, fuzz_app
from plugin.testing.stubs import ADMIN_TOKEN, echo_factory, make_settings


def main(
    examples: int = typer.Option(60, "--examples", min=1, help="Cases per operation and generation mode."),
    seed: int = typer.Option(0, "--seed", help="The first seed."),
    seeds: int = typer.Option(
        1, "--seeds", min=1, help="Run this many seeds (seed, seed+1, ...), each on a fresh app."
    ),
) -> None:
    console = Console(width=200)
    total = FuzzReport()
    for run in range(seed, seed + seeds):
        with tempfile.TemporaryDirectory() as tmp:
            app = create_app(make_settings(Path(tmp)), copilot_factory=echo_factory)
            report = fuzz_app(app, examples, ADMIN_TOKEN, run)
        console.print(f"seed {run}: {report.summary()}")
        total.requests += report.requests
        total.seconds += report.seconds
        total.statuses.update(report.statuses)
        total.per_operation.update(report.per_operation)
        total.failures += report.failures
        total.auth_probes += report.auth_probes
        total.auth_refused += report.auth_refused
    table = Table("operation", "requests", box=box.MARKDOWN)
    for operation, count in total.per_operation.items():
        table.add_row(operation, str(count))
    console.print(table)
    console.print(f"total: {total.summary()}")
    for failure in total.failures:
        console.print(f"[red]FAIL[/red] {failure}")
    raise typer.Exit(1 if total.failures else 0)


if __name__ == "__main__":
    typer.run(main)
