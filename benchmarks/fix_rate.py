"""How many drafts the deterministic fixes make valid, and whether they cost similarity.

python benchmarks/fix_rate.py [--predictions runs/eval-test/predictions.jsonl]
    [--references runs/eval-test/references.jsonl] [--systems docs/benchmark/run/results.jsonl]

For the predictions file, and for each system in the benchmark results file (rows matched to the
references by id): valid before / after `apply_fixes`, the problem codes left, mean FlowSim (with
inputs) before / after, valid drafts the fixes changed (should be 0) and fixes that failed.
"""

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from agent.fixes import apply_fixes
from schemas.catalog import default_catalog
from schemas.similarity import score_records
from schemas.validate import is_valid, validate_flow


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _valid(flow: object) -> bool:
    return isinstance(flow, dict) and is_valid(validate_flow(flow))


def measure(preds: list[object], refs: list[dict]) -> dict:
    catalog = default_catalog()
    fixed, failed, touched = [], 0, 0
    for pred in preds:
        after, notes = apply_fixes(pred, catalog)
        fixed.append(after)
        failed += any(" failed: " in n for n in notes)
        touched += _valid(pred) and (after != pred or bool(notes))
    left = Counter(p.code for flow in fixed if isinstance(flow, dict) for p in validate_flow(flow, catalog))
    targets = [r["target"] for r in refs]
    return {
        "n": len(preds),
        "valid_before": sum(map(_valid, preds)),
        "valid_after": sum(map(_valid, fixed)),
        "not_a_dict": sum(not isinstance(p, dict) for p in preds),
        "codes_left": dict(left.most_common()),
        "flowsim_before": score_records(preds, targets, catalog).flowsim,
        "flowsim_after": score_records(fixed, targets, catalog).flowsim,
        "valid_changed": touched,
        "fixes_failed": failed,
    }


def report(name: str, result: dict) -> str:
    n = max(result["n"], 1)
    pct = lambda k: f"{result[k]}/{result['n']} ({100 * result[k] / n:.1f}%)"  # noqa: E731
    return "\n".join(
        [
            f"== {name} (n={result['n']}, not a dict: {result['not_a_dict']})",
            f"valid before: {pct('valid_before')}   after: {pct('valid_after')}",
            f"FlowSim (with inputs) before: {result['flowsim_before']:.4f}   after: {result['flowsim_after']:.4f}",
            f"codes left: {result['codes_left'] or 'none'}",
            f"valid drafts changed: {result['valid_changed']}   fixes that failed: {result['fixes_failed']}",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--predictions", default="runs/eval-test/predictions.jsonl")
    parser.add_argument("--references", default="runs/eval-test/references.jsonl")
    parser.add_argument("--systems", default="docs/benchmark/run/results.jsonl")
    args = parser.parse_args()
    refs = {r["id"]: r for r in _rows(Path(args.references))}
    preds = _rows(Path(args.predictions))
    print(report(args.predictions, measure([p["prediction"] for p in preds], [refs[p["id"]] for p in preds])))
    if not args.systems:
        return
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in _rows(Path(args.systems)):
        if row["id"] in refs:
            groups[row["system"]].append(row)
    for system, rows in groups.items():
        print(report(f"system {system}", measure([r["prediction"] for r in rows], [refs[r["id"]] for r in rows])))


if __name__ == "__main__":
    main()
