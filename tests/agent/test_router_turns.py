"""The hand-written router turns: shape, sizes and label mix per file, and the held-out test file
shares no message (nor a near-duplicate of one) with the training file."""

import json
from collections import Counter
from pathlib import Path

import pytest

import agent
from schemas.datagen.human_corpus import NEAR_DUPLICATE, jaccard, tokens

DIR = Path(agent.__file__).parent / "router_turns"
LABELS = {"edit", "question", "generate", "complete"}
MINIMUM = {"test": 170, "train": 350}
SHARE = {"edit": 0.45, "question": 0.30, "generate": 0.15, "complete": 0.10}


def load(split: str) -> list[dict]:
    return [
        json.loads(line) for line in (DIR / f"{split}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()
    ]


@pytest.fixture(scope="module")
def turns() -> dict[str, list[dict]]:
    return {split: load(split) for split in MINIMUM}


@pytest.mark.parametrize("split", list(MINIMUM))
def test_rows_have_the_shape(turns, split):
    rows = turns[split]
    assert len(rows) >= MINIMUM[split]
    assert [r["id"] for r in rows] == [f"rt-{split}-{i:04d}" for i in range(1, len(rows) + 1)]
    for r in rows:
        assert set(r) == {"id", "message", "flow", "label", "voice"}, r["id"]
        assert r["label"] in LABELS and isinstance(r["message"], str) and r["voice"], r["id"]
        assert r["flow"] is None or (isinstance(r["flow"], str) and r["flow"]), r["id"]
        if r["flow"] is None:  # nothing open: nothing to edit or complete
            assert r["label"] in {"generate", "question"}, r["id"]


@pytest.mark.parametrize("split", list(MINIMUM))
def test_label_mix_and_no_flow_share(turns, split):
    rows = turns[split]
    counts = Counter(r["label"] for r in rows)
    for label, share in SHARE.items():
        assert abs(counts[label] / len(rows) - share) <= 0.05, counts
    assert sum(r["flow"] is None for r in rows) >= 0.10 * len(rows)


@pytest.mark.parametrize("split", list(MINIMUM))
def test_no_message_repeats_within_a_file(turns, split):
    messages = [r["message"].strip().lower() for r in turns[split]]
    assert len(messages) == len(set(messages))


def test_test_file_shares_no_near_duplicate_with_train(turns):
    train = [tokens(r["message"]) for r in turns["train"]]
    for r in turns["test"]:
        t = tokens(r["message"])
        assert all(jaccard(t, other) < NEAR_DUPLICATE for other in train), r["id"]
