"""The hand-written corpus: sizes per split and task, every target valid, no request shared or
near-duplicated across splits or with the synthetic training data, test rows never trained on."""

from collections import Counter

import pytest

from models.prompts import training_pair
from models.train_data import read_rows
from schemas.datagen.generate import generate_dataset
from schemas.datagen.human_corpus import NEAR_DUPLICATE, jaccard, load, path, tokens
from schemas.validate import validate_flow

MINIMUM = {  # rows per task the corpus promises
    "test": {"generate": 150, "edit": 70, "complete": 30},
    "dev": {"generate": 55, "edit": 25, "complete": 10},
    "train": {"generate": 400, "edit": 150, "complete": 50},
}
TOTAL = {"test": 250, "dev": 100, "train": 600}


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[dict]]:
    return {split: load(split) for split in ("train", "dev", "test")}


@pytest.mark.parametrize("split", list(MINIMUM))
def test_each_split_has_its_rows_per_task(corpus, split):
    counts = Counter(row["task"] for row in corpus[split])
    assert all(counts[task] >= n for task, n in MINIMUM[split].items()), counts
    assert sum(counts.values()) >= TOTAL[split]


def test_rows_are_human_unique_and_valid(corpus):
    ids = [row["id"] for rows in corpus.values() for row in rows]
    assert len(ids) == len(set(ids))
    for split, rows in corpus.items():
        for row in rows:
            assert row["id"].startswith(f"human-{split}-") and row["meta"]["source"] == "human", row["id"]
            assert validate_flow(row["target"]) == [], row["id"]
            training_pair(row)  # a completion's flow is a prefix of its target


def test_unsupported_requests_say_what_is_missing(corpus):
    unsupported = [r for r in corpus["test"] if "unsupported" in r["meta"].get("phenomena", [])]
    assert len(unsupported) >= 10
    assert all(r["meta"].get("unsupported") for r in unsupported)


def test_no_held_out_request_is_a_near_duplicate_of_a_training_request(corpus):
    train = [tokens(r["request"]) for r in corpus["train"]]
    train += [tokens(r["request"]) for r in generate_dataset(seed=0)["train"] if r["request"]]
    train = list(set(train))
    held_out = [(r["id"], tokens(r["request"])) for r in corpus["dev"] + corpus["test"] if r["request"]]
    close = [(i, round(max(jaccard(t, u) for u in train), 2)) for i, t in held_out]
    assert not [c for c in close if c[1] >= NEAR_DUPLICATE], [c for c in close if c[1] >= NEAR_DUPLICATE]


def test_dev_and_test_share_no_request(corpus):
    dev = [tokens(r["request"]) for r in corpus["dev"] if r["request"]]
    clashes = [
        r["id"]
        for r in corpus["test"]
        if r["request"] and any(jaccard(tokens(r["request"]), d) >= NEAR_DUPLICATE for d in dev)
    ]
    assert not clashes


def test_training_refuses_the_held_out_test_split():
    with pytest.raises(ValueError, match="never trained on"):
        read_rows(path("test"), ("generate", "edit", "complete"))
