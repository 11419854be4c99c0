"""Build the train/val/test splits: generate, edit and complete rows, deterministic per seed."""

import json
import re
from pathlib import Path
from random import Random

from schemas.datagen.completion import sample_completion
from schemas.datagen.edits import sample_edit
from schemas.datagen.mix import Mix, training_mix
from schemas.datagen.realise import realise
from schemas.datagen.report import coverage, to_markdown
from schemas.datagen.scenarios import build_spec
from schemas.datagen.spec import Spec, constructs, render

SPLITS = ("train", "val", "test")
EXTRA = 0.2  # edit rows and complete rows, each as a share of the generate rows


def normalise(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9@#{}.' ]+", " ", text.lower()).split())


def _meta(spec: Spec, target: dict, **extra) -> dict:
    return {
        "trigger": target["trigger"]["type"],
        "constructs": constructs(target),
        "explicit_condition": spec.trig.explicit,
        "n_components": len(target["components"]),
        **extra,
    }


def _generate_rows(
    rng: Random, n: int, seen: set[str], with_dates: bool, with_coverage: bool = False
) -> list[tuple[Spec, str, dict, dict]]:
    rows = []
    while len(rows) < n:
        spec = build_spec(rng, with_dates, with_coverage)
        request, typo = realise(rng, spec, variety=with_coverage)
        key = normalise(request)
        if key in seen:
            continue
        seen.add(key)
        target = render(spec, request)
        rows.append((spec, request, target, _meta(spec, target, typo=typo)))
    return rows


def _edit_rows(rng: Random, base: list, n: int) -> list[dict]:
    rows = []
    while len(rows) < n:
        spec, request, target, _ = rng.choice(base)
        edit = sample_edit(rng, spec)
        if edit is None:
            continue
        instruction, edited, kind = edit
        new_target = render(edited, request)
        if new_target == target:
            continue
        rows.append(
            {
                "task": "edit",
                "request": instruction,
                "flow": target,
                "target": new_target,
                "meta": _meta(edited, new_target, edit_kind=kind),
            }
        )
    return rows


def _complete_rows(rng: Random, base: list, n: int) -> list[dict]:
    rows = []
    while len(rows) < n:
        spec, request, target, _ = rng.choice(base)
        cut = sample_completion(rng, target, request)
        if cut is None:
            continue
        hint, partial = cut
        rows.append(
            {
                "task": "complete",
                "request": hint,
                "flow": partial,
                "target": target,
                "meta": _meta(spec, target, prefix_len=len(partial["components"])),
            }
        )
    return rows


def _split(rng: Random, name: str, n: int, seen: set[str], with_dates: bool, with_coverage: bool) -> list[dict]:
    base = _generate_rows(rng, n, seen, with_dates, with_coverage)
    rows = [{"task": "generate", "request": r, "flow": None, "target": t, "meta": m} for _, r, t, m in base]
    rows += _edit_rows(rng, base, round(n * EXTRA)) + _complete_rows(rng, base, round(n * EXTRA))
    rng.shuffle(rows)
    return [{"id": f"{name}-{i:06d}", **row} for i, row in enumerate(rows)]


def generate_dataset(
    seed: int,
    sizes: tuple[int, int, int] = (4000, 500, 500),
    with_dates: bool = False,
    with_coverage: bool = False,
) -> dict[str, list[dict]]:
    """{split: rows}; the same seed gives the same rows, and no request repeats across splits.

    `with_dates` (off by default, so a seed's rows stay as they were) adds look-ups by date conditions;
    `with_coverage` (off by default too) adds the most asked-for constructs and more phrasings
    (schemas.datagen.coverage).
    """
    rng = Random(seed)
    seen: set[str] = set()
    return {name: _split(rng, name, n, seen, with_dates, with_coverage) for name, n in zip(SPLITS, sizes)}


def write_dataset(
    out_dir: str | Path,
    seed: int,
    sizes: tuple[int, int, int] = (4000, 500, 500),
    with_dates: bool = False,
    mix: Mix | None = None,
    with_coverage: bool = False,
) -> dict:
    """Write train/val/test.jsonl (and report.md) under out_dir; return the coverage report.

    With `mix`, train.jsonl is the training mix built from the synthetic train split (val and test
    stay the synthetic splits, and the report covers the synthetic rows)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = generate_dataset(seed, sizes, with_dates, with_coverage)
    report = coverage(data)
    if mix is not None:
        data = {**data, "train": training_mix(data["train"], mix)}
    for name, rows in data.items():
        with open(out / f"{name}.jsonl", "w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    (out / "report.md").write_text(to_markdown(report), encoding="utf-8")
    return report
