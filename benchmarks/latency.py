"""Drafting latency of the local SLM, grammar-constrained vs unconstrained (a benchmark, not a test).

    python benchmarks/latency.py [--adapter DIR] [--base-model smollm2] [--n 8] [--max-new-tokens 320]

One request at a time (greedy, batch 1), after a warm-up that loads the model and compiles the grammar.
"""

import statistics
import time

import typer
from engine import REQUESTS as REALISTIC  # noqa: E402  (a script beside this one)
from rich.console import Console
from rich.table import Table

from models.drafter import DraftRequest
from models.slm import SLMDrafter

REQUESTS = REALISTIC[:8]


def _run(drafter: SLMDrafter, requests: list[str]) -> tuple[list[float], int]:
    latencies, tokens = [], 0
    for text in requests:
        start = time.perf_counter()
        gen = drafter.generate([DraftRequest("generate", text)])[0]
        latencies.append(time.perf_counter() - start)
        tokens += gen.n_tokens
    return latencies, tokens


def _p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main(
    adapter: str | None = typer.Option(None, "--adapter", help="Adapter directory (default: the shipped one)."),
    base_model: str | None = typer.Option(None, "--base-model"),
    n: int = typer.Option(8, "--n", min=1, help="Requests per mode (cycled from a fixed list)."),
    max_new_tokens: int = typer.Option(320, "--max-new-tokens", min=1),
) -> None:
    requests = [REQUESTS[i % len(REQUESTS)] for i in range(n)]
    table = Table("decoding", "p50 s", "p95 s", "tokens", "tokens/s")
    for constrain in (True, False):
        drafter = SLMDrafter(
            adapter_dir=adapter, base_model=base_model, constrain=constrain, max_new_tokens=max_new_tokens
        )
        _run(drafter, requests[:1])  # warm-up: model load, grammar compile
        latencies, tokens = _run(drafter, requests)
        table.add_row(
            "constrained" if constrain else "unconstrained",
            f"{_p(latencies, 50):.2f}",
            f"{_p(latencies, 95):.2f}",
            str(tokens),
            f"{tokens / sum(latencies):.1f}",
        )
    Console().print(table)


if __name__ == "__main__":
    typer.run(main)
