"""The hand-written corpus (schemas/datagen/human/): requests as people type them, with target flows.

Splits never share a request. `test` is held out: written before any model was tuned on anything
near it, never edited to suit a model, and never read by training (`guard_training_rows`).
"""

import json
import re
from pathlib import Path
from typing import Literal

HUMAN_DIR = Path(__file__).resolve().parent / "human"
Split = Literal["train", "dev", "test"]
TEST_ID_PREFIX = "human-test-"
NEAR_DUPLICATE = 0.8  # token Jaccard at or above which two requests count as the same request


def path(split: Split) -> Path:
    return HUMAN_DIR / f"{split}.jsonl"


def load(split: Split) -> list[dict]:
    """The split's rows ([] when it has not been written yet)."""
    file = path(split)
    if not file.exists():
        return []
    return [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]


def tokens(request: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", request.lower()))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def guard_training_rows(rows: list[dict]) -> list[dict]:
    """`rows`, unless one of them is from the held-out test split (ValueError)."""
    held_out = [r.get("id") for r in rows if str(r.get("id", "")).startswith(TEST_ID_PREFIX)]
    if held_out:
        raise ValueError(f"{len(held_out)} rows of the human test split (e.g. {held_out[0]}) are never trained on")
    return rows
