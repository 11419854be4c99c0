"""Evaluate the shipped (or any) adapter on a dataset split, batched, and write `flowsmith score` inputs.

python benchmarks/eval_slm.py --data data --split test --out runs/eval [--limit N] [--no-constrain]
then: flowsmith score runs/eval/predictions.jsonl data/test.jsonl
"""

import argparse
import json
import time
from pathlib import Path

from tqdm import tqdm

from models.drafter import DraftError, DraftRequest
from models.slm import SLMDrafter
from schemas.similarity import score_records
from schemas.validate import is_valid, validate_flow


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data")
    parser.add_argument("--split", default="test")
    parser.add_argument("--out", default="runs/eval")
    parser.add_argument("--adapter", default=None)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--task", default="generate")
    parser.add_argument("--no-constrain", action="store_true")
    args = parser.parse_args()
    rows = [r for r in map(json.loads, open(Path(args.data) / f"{args.split}.jsonl")) if r["task"] == args.task]
    rows = rows[: args.limit] if args.limit else rows
    drafter = SLMDrafter(adapter_dir=args.adapter, constrain=not args.no_constrain, batch_size=args.batch)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    preds, started = [], time.time()
    for i in tqdm(range(0, len(rows), args.batch), desc="eval"):
        chunk = rows[i : i + args.batch]
        reqs = [DraftRequest(task=r["task"], request=r["request"], flow=r.get("flow")) for r in chunk]
        for row, res in zip(chunk, drafter.drafts(reqs)):
            preds.append({"id": row["id"], "prediction": None if isinstance(res, DraftError) else res})
    seconds = time.time() - started
    (out / "predictions.jsonl").write_text("".join(json.dumps(p) + "\n" for p in preds))
    (out / "references.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    report = score_records([p["prediction"] for p in preds], [r["target"] for r in rows])
    summary = {
        "n": report.n,
        "flowsim": report.flowsim,
        "flowsim_no_inputs": report.flowsim_no_inputs,
        "trigger_em": report.trigger_em,
        "steps_f1": report.steps_f1,
        "parse_rate": report.parse_rate,
        "valid_rate": sum(p["prediction"] is not None and is_valid(validate_flow(p["prediction"])) for p in preds)
        / len(preds),
        "seconds": round(seconds, 1),
        "seconds_per_flow": round(seconds / max(len(rows), 1), 2),
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
