"""Worked examples for the error analysis: request, reference, prediction and their unified diff."""

import difflib
from dataclasses import dataclass

from models.serialize import to_text
from schemas.similarity import CATEGORIES


@dataclass(frozen=True)
class WorkedExample:
    category: str
    system: str
    id: str
    request: str
    reference: str
    prediction: str
    diff: str


def prediction_text(result: dict) -> str:
    """The compact text of a prediction, or the raw model text when it parsed to no flow."""
    if result["prediction"] is not None:
        return to_text(result["prediction"])
    return result["raw"] or f"(no output: {result.get('error')})"


def unified_diff(reference: str, prediction: str) -> str:
    lines = difflib.unified_diff(
        reference.splitlines(), prediction.splitlines(), "reference", "prediction", lineterm=""
    )
    return "\n".join(lines)


def worked_examples(results: list[dict], refs: dict[str, dict], per_category: int = 3) -> list[WorkedExample]:
    """Up to `per_category` examples per taxonomy category, spread over systems, fewest errors first.

    A row with few errors shows its category most plainly; ties go by system, then id (deterministic).
    """
    chosen: list[WorkedExample] = []
    ranked = sorted(results, key=lambda r: (len(r["errors"]), r["system"], r["id"]))
    for category in CATEGORIES:
        hits = [r for r in ranked if category in r["errors"]]
        picked: list[dict] = []
        for r in hits:  # first pass: one per system; second: fill up
            if len(picked) < per_category and r["system"] not in {p["system"] for p in picked}:
                picked.append(r)
        picked += [r for r in hits if r not in picked][: per_category - len(picked)]
        for r in picked:
            reference, prediction = to_text(refs[r["id"]]["target"]), prediction_text(r)
            chosen.append(
                WorkedExample(
                    category,
                    r["system"],
                    r["id"],
                    r["request"],
                    reference,
                    prediction,
                    unified_diff(reference, prediction),
                )
            )
    return chosen
