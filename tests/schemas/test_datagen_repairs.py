"""Repair rows (a valid flow broken the way drafts go wrong → the flow) and the training mix."""

import json
from collections import Counter
from random import Random

import pytest

from models.prompts import DRAFT_MARK, PROBLEMS_MARK, training_pair
from models.serialize import to_text
from plugin.testing.flows import flow
from schemas.catalog import default_catalog
from schemas.datagen import generate_dataset, human_corpus
from schemas.datagen.mix import Mix, training_mix
from schemas.datagen.repairs import CORRUPTIONS, corrupt, repair_rows
from schemas.validate import validate_flow


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return generate_dataset(0, (300, 0, 0))["train"]


def test_every_corruption_applies_somewhere_and_breaks_the_flow(rows):
    catalog, seen = default_catalog(), Counter()
    for i, row in enumerate(rows):
        for name, corruption in CORRUPTIONS.items():
            broken = json.loads(json.dumps(row["target"]))
            if corruption(Random(i), broken, catalog):
                seen[name] += 1
                assert broken != row["target"], name
    assert set(seen) == set(CORRUPTIONS)


def test_corrupt_returns_an_invalid_copy_and_leaves_the_flow_alone():
    original = flow()
    broken, applied = corrupt(Random(0), original, 2)
    assert len(applied) == 2 and validate_flow(broken) and not validate_flow(original) and original == flow()


def test_repair_rows_pair_an_invalid_draft_with_its_valid_target(rows):
    out = repair_rows(rows, 60, seed=1)
    assert len(out) == 60 and len({r["id"] for r in out}) == 60
    for r in out:
        assert r["task"] == "repair" and validate_flow(r["flow"]) and not validate_flow(r["target"])
        assert r["meta"]["problem_codes"] == sorted({p.code for p in validate_flow(r["flow"])})
    assert repair_rows(rows, 60, seed=1) == out  # deterministic per seed


def test_the_repair_prompt_shows_the_draft_and_every_problem(rows):
    row = repair_rows(rows, 1, seed=2)[0]
    prompt, target = training_pair(row)
    assert DRAFT_MARK + to_text(row["flow"]) + PROBLEMS_MARK in prompt
    assert all(str(p) in prompt for p in validate_flow(row["flow"]))
    assert target.startswith(to_text(row["target"]))


def test_the_mix_weighs_human_rows_and_never_holds_test_rows(rows):
    human = human_corpus.load("train")
    mix = training_mix(rows, Mix(synthetic=100, human_copies=2, repairs=40, seed=0))
    ids = Counter(r["id"] for r in mix)
    assert len(mix) == 100 + 2 * len(human) + 40
    assert all(ids[r["id"]] == 2 for r in human)
    assert sum(r["task"] == "repair" for r in mix) == 40
    assert sum(r["id"].startswith("repair-human") for r in mix) == 20
    assert not any(r["id"].startswith(human_corpus.TEST_ID_PREFIX) for r in mix)


def test_settle_shows_the_settled_flow_and_skips_what_it_repairs(rows):
    """`settle` stands in for the agent's fixes: here it repairs every invented trigger name."""

    def settle(broken: dict) -> dict:
        known = broken["trigger"]["type"] in default_catalog().triggers
        return (
            broken
            if known
            else {**broken, "trigger": {"type": "record_create", "inputs": [{"name": "table", "value": "incident"}]}}
        )

    plain = repair_rows(rows, 80, seed=3)
    settled = repair_rows(rows, 80, seed=3, settle=settle)
    assert any("unknown_trigger" in r["meta"]["problem_codes"] for r in plain)
    assert len(settled) == 80
    for r in settled:
        assert settle(r["flow"]) == r["flow"] and validate_flow(r["flow"])
        assert "unknown_trigger" not in r["meta"]["problem_codes"]


def test_a_name_for_an_address_and_an_invented_step_break_what_they_claim(rows):
    catalog = default_catalog()
    for name, code in (("name_for_address", "bad_input_type"), ("invented_step", "missing_input")):
        broken = next(
            b
            for i, row in enumerate(rows)
            if CORRUPTIONS[name](Random(i), b := json.loads(json.dumps(row["target"])), catalog)
        )
        assert code in {p.code for p in validate_flow(broken, catalog)}, name
