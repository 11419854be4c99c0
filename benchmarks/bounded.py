"""Bounded answers: every turn of the default copilot, on the synthetic and the human test split.

    python benchmarks/bounded.py [--splits synthetic,human] [--limit N] [--out runs/bounded.jsonl] [--adapter DIR]

The copilot is the service's, built from the default admin config (`plugin.runtime.load_copilot`:
the shipped adapter on llama.cpp, the turn budget, no LLM); `--adapter` configures another adapter
the way an admin would (`slm.adapter_path`, under the models directory), to measure a candidate.
Each row is one turn with the row's task. Printed per split: the slowest turn and p50/p95; the share
of answers that are valid, that are an explicit failure (not ok, with the problems or the error),
and that are neither (must be 0); the share of turns whose draft needed repair, and what made them
valid: the deterministic fixes alone, the SLM's repair (tried after the fixes), or, last,
placeholders for the steps still wrong (agent/nodes/placehold.py); with the repair success rate of
each; and FlowSim of the answers against the references.
"""

import json
import statistics
import tempfile
import time
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from plugin.admin_config import AdminConfig, SLMConfig
from plugin.runtime import load_copilot
from plugin.settings import Settings
from schemas.datagen import generate_dataset
from schemas.datagen.human_corpus import load
from schemas.similarity import score_records
from schemas.validate import is_valid, validate_flow


def split_rows(name: str) -> list[dict]:
    if name == "synthetic":
        return generate_dataset(0)["test"]  # the seed-0 test split `flowsmith data` writes
    if name == "human":
        return load("test")
    if name == "human-dev":
        return load("dev")  # for choosing between adapters; the test splits only report
    raise typer.BadParameter(f"unknown split {name!r} (synthetic, human, human-dev)")


def turn(copilot, row: dict, n: int) -> dict:
    start = time.perf_counter()
    result = copilot.run(row["request"], flow=row.get("flow"), task=row["task"], thread_id=f"bounded-{n}")
    seconds = time.perf_counter() - start
    kinds = [(e.get("event"), e.get("by")) for e in result.events]
    valid = result.ok and isinstance(result.flow, dict) and is_valid(validate_flow(result.flow))  # warnings allowed
    return {
        "id": row["id"],
        "task": row["task"],
        "seconds": round(seconds, 3),
        "ok": result.ok,
        "valid": valid,
        "explicit_failure": not result.ok and bool(result.problems or result.error),
        "path": result.path,
        "fixes_tried": ("fixing", None) in kinds,
        "slm_repair_tried": ("repairing", "slm") in kinds,
        "flow": result.flow if result.ok else None,
    }


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.1%})" if whole else "-"


def summary(records: list[dict], rows: list[dict]) -> dict[str, str]:
    n = len(records)
    secs = sorted(r["seconds"] for r in records)
    repaired = [r for r in records if r["fixes_tried"]]
    by_fixes = [r for r in repaired if r["valid"] and r["path"] == "fixed"]
    slm_tried = [r for r in repaired if r["slm_repair_tried"]]
    by_slm = [r for r in slm_tried if r["valid"] and r["path"] == "slm-repair"]
    by_placeholders = [r for r in repaired if r["valid"] and r["path"] == "placeholders"]
    neither = [r for r in records if not r["valid"] and not r["explicit_failure"]]
    targets = [row["target"] for row in rows]
    return {
        "turns": str(n),
        "max turn s": f"{secs[-1]:.2f}",
        "p50 / p95 s": f"{statistics.median(secs):.2f} / {secs[int(0.95 * (n - 1))]:.2f}",
        "valid answers": _share(sum(r["valid"] for r in records), n),
        "explicit failures": _share(sum(r["explicit_failure"] for r in records), n),
        "neither (must be 0)": _share(len(neither), n),
        "needed repair": _share(len(repaired), n),
        "fixed by the fixes alone": _share(len(by_fixes), len(repaired)),
        "SLM repair tried": _share(len(slm_tried), len(repaired)),
        "SLM repair made it valid": _share(len(by_slm), len(slm_tried)),
        "then placeholders for steps still wrong": _share(len(by_placeholders), len(repaired)),
        "FlowSim": f"{score_records([r['flow'] for r in records], targets).flowsim:.3f}",
    }


def main(
    splits: str = typer.Option("synthetic,human", "--splits"),
    limit: int = typer.Option(0, "--limit", help="The first N rows of each split (0 = all)."),
    out: Path | None = typer.Option(None, "--out", help="Also write one JSON line per turn here."),
    adapter: Path | None = typer.Option(None, "--adapter", help="An adapter directory instead of the shipped one."),
) -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        chosen = adapter.resolve() if adapter is not None else None
        config = AdminConfig(slm=SLMConfig(adapter_path=chosen.name)) if chosen else AdminConfig()
        settings = Settings(data_dir=Path(data_dir), models_dir=chosen.parent if chosen else None)
        copilot = load_copilot(config, settings)
        table = Table("", *splits.split(","), title="Bounded answers (default configuration)")
        columns, lines = [], []
        for name in splits.split(","):
            rows = split_rows(name)[: limit or None]
            records = [turn(copilot, row, i) for i, row in enumerate(rows)]
            lines += [{"split": name, **r} for r in records]
            columns.append(summary(records, rows))
    for key in columns[0]:
        table.add_row(key, *(c[key] for c in columns))
    Console().print(table)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("".join(json.dumps(line) + "\n" for line in lines))


if __name__ == "__main__":
    typer.run(main)
