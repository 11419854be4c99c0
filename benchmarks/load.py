"""Throughput, p50/p95 and memory under 200 concurrent requests on 127.0.0.1 (a benchmark).

    python -m benchmarks.load [--n 200] [--rounds 3] [--slm-requests 8]

uvicorn serves the app in this process; httpx fires `n` requests at once, `rounds` times, for
each copilot: an instant stub (the service's own overhead), the real agent over a canned
drafter (graph, validation, patches), and the real SLM when the shipped adapter exists.
"""

import tempfile
from pathlib import Path

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from plugin import runtime
from plugin.admin_config import AdminConfig
from plugin.app import create_app
from plugin.settings import Settings
from plugin.testing.apps import serve
from plugin.testing.fake_copilot import FakeCopilot
from plugin.testing.loadgen import LoadReport, fire, rss_mb
from plugin.testing.stubs import echo_factory, make_settings

GENERATE = {"request": "When a P1 incident is created, email the caller's manager."}
COLUMNS = ("copilot", "requests", "statuses", "lost", "req/s", "p50 ms", "p95 ms", "RSS MB")


def _measure(name: str, factory_for, n: int, rounds: int, table: Table) -> None:
    """One table row: `rounds` bursts of `n` requests at the app built with `factory_for(settings)`."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = make_settings(Path(tmp), request_timeout_s=600)
        with serve(create_app(settings, copilot_factory=factory_for(settings))) as url:
            fire(url, "/v1/generate", GENERATE, min(n, 4))  # warm-up
            before = rss_mb()
            reports = [fire(url, "/v1/generate", GENERATE, n) for _ in range(rounds)]
            after = rss_mb()
    total = LoadReport(sent=sum(r.sent for r in reports), seconds=sum(r.seconds for r in reports))
    for report in reports:
        total.statuses.update(report.statuses)
        total.errors.update(report.errors)
        total.latencies_ms += report.latencies_ms
    statuses = ", ".join(f"{code}: {count}" for code, count in sorted(total.statuses.items()))
    table.add_row(
        name,
        f"{rounds} x {n}",
        statuses,
        str(total.lost),
        f"{total.sent / total.seconds:.1f}",
        f"{total.p(50):.0f}",
        f"{total.p(95):.0f}",
        f"{before:.0f} -> {after:.0f}",
    )


def _slm_factory(settings: Settings):
    """The shipped runtime (SLM drafter, SQLite memory under `settings.data_dir`), without an LLM."""

    def build(config: AdminConfig):
        return runtime.load_copilot(config.model_copy(update={"llm": None, "fallback_policy": "never"}), settings)

    return build


def main(
    n: int = typer.Option(200, "--n", min=1, help="Concurrent requests per round."),
    rounds: int = typer.Option(3, "--rounds", min=1),
    slm_requests: int = typer.Option(8, "--slm-requests", min=0, help="Concurrent requests for the real SLM."),
) -> None:
    console = Console(width=160)
    table = Table(*COLUMNS, box=box.MARKDOWN)
    _measure("stub (instant)", lambda settings: FakeCopilot, n, rounds, table)
    _measure("agent + canned drafter", lambda settings: echo_factory, n, rounds, table)
    console.print(table)
    if not runtime.SHIPPED_ADAPTER.exists():
        console.print(
            f"shipped adapter not found at {runtime.SHIPPED_ADAPTER}: no real-SLM figures (train it, then re-run)"
        )
    elif slm_requests:
        table = Table(*COLUMNS, box=box.MARKDOWN)
        _measure("agent + shipped SLM", _slm_factory, slm_requests, 1, table)
        console.print(table)


if __name__ == "__main__":
    typer.run(main)
