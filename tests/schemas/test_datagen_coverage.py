"""The opt-in coverage data: default rows unchanged, every asked-for construct produced, valid, named in the request."""

import hashlib
import json
import re

import pytest

from schemas.datagen import generate_dataset, write_dataset
from schemas.datagen.coverage import INTERVALS, STATES
from schemas.datagen.report import coverage, patterns
from schemas.validate import validate_flow

# sha256 of generate_dataset(0, (200, 40, 40)) as committed before the coverage units existed: seed 0's rows (the
# synthetic test split and the study's results) must not move.
SEED0_ROWS = "1eb56cb3746e77ccaa0bf644e79cf6f03348649a38d417de0778af3fa54b01e7"


@pytest.fixture(scope="module")
def rows():
    data = generate_dataset(0, (600, 60, 60), with_coverage=True)
    return [r for split in data.values() for r in split]


def _generate(rows):
    return [r for r in rows if r["task"] == "generate"]


def test_default_rows_of_seed_0_are_byte_identical():
    data = generate_dataset(0, (200, 40, 40))
    assert hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest() == SEED0_ROWS
    assert generate_dataset(0, (200, 40, 40), with_coverage=False) == data


def test_coverage_rows_are_deterministic_and_differ_from_the_default():
    assert generate_dataset(3, (40, 5, 5), with_coverage=True) == generate_dataset(3, (40, 5, 5), with_coverage=True)
    assert generate_dataset(3, (40, 5, 5), with_coverage=True) != generate_dataset(3, (40, 5, 5))


def test_the_flag_produces_each_asked_for_construct(rows):
    found = {p for r in _generate(rows) for p in patterns(r["target"])}
    assert {
        "ELSEIF chain",
        "ISEMPTY condition",
        "email: record from subject",
        "email: record from body",
        "email: reply to sender",
        "foreach: close each",
        "foreach: delete each",
        "foreach: notify each",
        "foreach: update each",
        "repeat every 01:00:00",
        "repeat every 00:15:00",
        "state value",
        "wait until approved",
    } <= found
    constructs = {c for r in rows for c in r["meta"]["constructs"]}
    for name in ("get_catalog_variables", "create_catalog_task", "TRY", "CATCH", "PARALLEL", "WAITFORDURATION"):
        assert name in constructs
    assert {"sla_task", "email", "service_catalog", "repeat"} <= {r["meta"]["trigger"] for r in rows}


def test_every_coverage_target_and_input_flow_validates(rows):
    for row in rows:
        assert validate_flow(row["target"]) == [], (row["id"], row["request"])
        if row["flow"] is not None:
            assert validate_flow(row["flow"]) == [], row["id"]


def _inputs(row):
    for comp in row["target"]["components"]:
        for item in comp["inputs"]:
            yield comp["definition"], item["name"], item["value"]


def test_values_from_the_request_land_in_the_inputs(rows):
    literal = {"assignment_group", "priority", "close_notes", "work_note", "catalog_item", "sla_definition"}
    for row in _generate(rows):
        request = row["request"].lower()
        for definition, name, value in _inputs(row):
            if name in literal and "{{" not in value:
                assert value.lower() in request, (name, value, row["request"])
            if definition == "get_catalog_variables" and name == "variables":
                assert all(v in request for v in value.split(",")), row["request"]
            if definition == "create_catalog_task" and name == "short_description":
                assert value.split(":")[0].lower() in request, row["request"]


def test_intervals_are_said_as_people_say_them(rows):
    words = {}
    for said, interval in INTERVALS:
        words.setdefault(interval, []).append(said)
    for row in _generate(rows):
        trig = row["target"]["trigger"]
        if trig["type"] == "repeat" and not row["meta"]["typo"]:
            interval = trig["inputs"][0]["value"]
            assert any(w in row["request"].lower() for w in words[interval]), row["request"]
            assert "every 1 hour" not in row["request"]


def test_state_names_become_their_values(rows):
    names = {v: k for k, v in STATES.items()}
    for row in _generate(rows):
        if row["meta"]["typo"]:
            continue
        request = row["request"].lower()
        for definition, name, value in _inputs(row):
            if definition == "update_record" and name == "values":
                for state in re.findall(r"\bstate=(\d)", value):
                    assert names[state] in request or f"state to {state}" in request or "close" in request, (
                        value,
                        row["request"],
                    )


def test_write_dataset_threads_the_flag_and_keeps_the_report(tmp_path):
    report = write_dataset(tmp_path, 0, (60, 10, 10), with_coverage=True)
    assert "ELSEIF chain" in report["patterns"] or "foreach: close each" in report["patterns"]
    assert "request patterns" in (tmp_path / "report.md").read_text()
    written = [json.loads(line) for line in (tmp_path / "val.jsonl").read_text().splitlines()]
    assert written == generate_dataset(0, (60, 10, 10), with_coverage=True)["val"]
    assert coverage({"val": written})["total"] == len(written)
