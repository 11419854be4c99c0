"""The resumable benchmark run: one scored line per (system, row) appended to results.jsonl."""

import json
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tqdm import tqdm

from schemas.similarity import score_records, unasked_changes
from schemas.validate import is_valid, validate_flow
from study.systems import Output, System

RESULTS = "results.jsonl"


def load_rows(
    data_dir: str | Path, split: str, tasks: tuple[str, ...] = ("generate",), limit: int | None = None
) -> list[dict]:
    """The split's rows of the given tasks, in file order, the first `limit` of them."""
    path = Path(data_dir) / f"{split}.jsonl"
    if not path.exists():
        raise FileNotFoundError(f"no {split} split: {path} does not exist")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r["task"] in tasks]
    return rows[:limit] if limit else rows


def read_results(path: str | Path) -> list[dict]:
    """The result lines written so far (a half-written last line from a crash is skipped)."""
    path = Path(path)
    if not path.exists():
        return []
    results = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            results.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return results


def drop_partial_line(path: Path) -> None:
    """Cut a half-written last line (a crash mid-write) so that appends start on a line of their own."""
    if not path.exists():
        return
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        path.write_bytes(data[: data.rfind(b"\n") + 1])


def scores(prediction: dict | None, row: dict) -> dict:
    """The row's scores, computed by `score_records` as `flowsmith score` does, plus catalog validity."""
    rec = score_records([prediction], [row]).records[0]
    valid = rec.parsed and is_valid(validate_flow(prediction))
    return {
        "flowsim": rec.flowsim,
        "flowsim_no_inputs": rec.flowsim_no_inputs,
        "trigger_match": rec.trigger_match,
        "steps_f1": rec.steps_f1,
        "parsed": rec.parsed,
        "valid": valid,
        "errors": rec.errors,
        **unasked(prediction, row, rec.parsed),
    }


def unasked(prediction: dict | None, row: dict, parsed: bool) -> dict:
    """An edit answer's unasked changes (`unasked_changes`: what it changed that the reference keeps);
    None for the other tasks and for an answer that is no flow."""
    if row.get("task") != "edit" or not parsed:
        return {"unasked_change": None, "unasked_count": None, "unasked_changes": None}
    items = unasked_changes(row.get("flow"), row["target"], prediction)
    return {"unasked_change": bool(items), "unasked_count": len(items), "unasked_changes": items}


def _result(name: str, row: dict, out: Output, latency: float, batch: int) -> dict:
    return {
        "id": row["id"],
        "system": name,
        "task": row["task"],
        "request": row.get("request", ""),
        "prediction": out.prediction,
        "raw": out.raw,
        "latency_s": round(latency, 4),
        "batch": batch,
        "input_tokens": out.input_tokens,
        "output_tokens": out.output_tokens,
        "error": out.error,
        **scores(out.prediction, row),
    }


def run_one(name: str, system: System, row: dict) -> dict:
    return run_batch(name, system, [row])[0]


def run_batch(name: str, system: System, rows: list[dict]) -> list[dict]:
    """Scored results of one call over `rows`; each row's latency is the call's time over the batch size."""
    start = time.perf_counter()
    try:
        outs = system.predict_many(rows)
    except Exception as exc:  # a model or client failure is a result of those rows, not the end of the run
        outs = [Output(None, "", error=f"{type(exc).__name__}: {exc}")] * len(rows)
    latency = (time.perf_counter() - start) / len(rows)
    return [_result(name, row, out, latency, len(rows)) for row, out in zip(rows, outs)]


class Runner:
    """Runs systems over rows, appending to `out_dir/results.jsonl`; (system, id) pairs already there are skipped."""

    def __init__(
        self, out_dir: str | Path, rows: list[dict], workers: int = 1, progress: bool = True, batch: int = 1
    ) -> None:
        self.path = Path(out_dir) / RESULTS
        self.path.parent.mkdir(parents=True, exist_ok=True)
        drop_partial_line(self.path)
        self.rows = rows
        self.workers = max(1, workers)
        self.batch = max(1, batch)
        self.progress = progress
        self._lock = threading.Lock()

    def pending(self, name: str) -> list[dict]:
        done = {r["id"] for r in read_results(self.path) if r["system"] == name}
        return [row for row in self.rows if row["id"] not in done]

    def _write(self, result: dict) -> None:
        with self._lock, self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(result, ensure_ascii=False) + "\n")

    def run(self, name: str, make: Callable[[], System], remote: bool = False) -> int:
        """Run one system on its pending rows (built only when there are some); returns how many ran.

        Remote systems run on `workers` threads; local models `batch` rows per call (latency per row
        is then the batch's time shared out).
        """
        todo = self.pending(name)
        if not todo:
            return 0
        system = make()
        bar = tqdm(total=len(todo), desc=name, disable=not self.progress, unit="row")

        def work(rows: list[dict]) -> None:
            for result in run_batch(name, system, rows):
                self._write(result)
            bar.update(len(rows))

        if remote and self.workers > 1:
            with ThreadPoolExecutor(self.workers) as pool:
                list(pool.map(lambda row: work([row]), todo))
        else:
            size = 1 if remote else self.batch
            for start in range(0, len(todo), size):
                work(todo[start : start + size])
        bar.close()
        return len(todo)
