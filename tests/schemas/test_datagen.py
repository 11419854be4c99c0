"""The generated dataset: deterministic, sized, valid, leak-free, with the promised meta."""

import re

import pytest

from schemas.conditions import parse_query
from schemas.datagen import generate_dataset
from schemas.datagen.generate import normalise
from schemas.date_queries import DATE_OPERATORS
from schemas.validate import validate_flow

SIZES = (300, 50, 50)


@pytest.fixture(scope="module")
def data():
    return generate_dataset(7, SIZES)


def test_same_seed_same_rows_and_other_seed_differs(data):
    assert generate_dataset(7, SIZES) == data
    assert generate_dataset(8, SIZES)["train"] != data["train"]


def test_split_sizes_and_task_mix(data):
    for (name, rows), n in zip(data.items(), SIZES):
        tasks = [r["task"] for r in rows]
        assert tasks.count("generate") == n
        assert tasks.count("edit") == round(n * 0.2)
        assert tasks.count("complete") == round(n * 0.2)
        assert len({r["id"] for r in rows}) == len(rows)
        assert all(r["id"].startswith(f"{name}-") for r in rows)


def test_every_target_and_every_input_flow_validates(data):
    for rows in data.values():
        for row in rows:
            assert validate_flow(row["target"]) == [], row["id"]
            if row["flow"] is not None:
                assert validate_flow(row["flow"]) == [], row["id"]


def test_no_request_shared_across_splits(data):
    def requests(split):
        return {normalise(r["request"]) for r in data[split] if r["task"] == "generate"}

    train, val, test = requests("train"), requests("val"), requests("test")
    assert not train & test and not train & val and not val & test


def test_meta_matches_target(data):
    for row in data["train"]:
        target, meta = row["target"], row["meta"]
        assert meta["trigger"] == target["trigger"]["type"]
        assert meta["n_components"] == len(target["components"])
        assert meta["constructs"] == sorted({c["definition"] for c in target["components"]})
        assert (row["task"] == "edit") == ("edit_kind" in meta)


def test_generate_rows_describe_their_request(data):
    for row in data["train"]:
        if row["task"] == "generate":
            assert row["flow"] is None
            assert row["target"]["description"] == row["request"]
            assert row["target"]["name"]


def test_literal_values_are_stated_in_the_request(data):
    literal = (
        "channel",
        "project_key",
        "repository",
        "service_id",
        "url",
        "catalog_item",
        "sla_definition",
        "notification",
        "team",
        "group_name",
        "template",
        "topic",
        "event_name",
    )
    for row in data["train"]:
        if row["task"] != "generate":
            continue
        request = row["request"].lower()
        values = [i["value"] for c in row["target"]["components"] for i in c["inputs"] if i["name"] in literal]
        values += [i["value"] for i in row["target"]["trigger"]["inputs"] if i["name"] in literal]
        for value in values:
            if "{{" not in value:
                assert value.lower() in request, (value, row["request"])


def test_quoted_texts_reach_the_target(data):
    for row in data["train"]:
        if row["task"] == "generate":
            text = str(row["target"]["components"]) + str(row["target"]["trigger"])
            for quote in re.findall(r"(?<![A-Za-z])'([^']+)'(?![A-Za-z])", row["request"]):
                if not row["meta"]["typo"] and not row["request"].islower():
                    assert quote in text, (quote, row["request"])


def test_all_trigger_types_and_main_constructs_covered(data):
    rows = [r for split in data.values() for r in split]
    triggers = {r["meta"]["trigger"] for r in rows}
    assert len(triggers) == 11
    constructs = {c for r in rows for c in r["meta"]["constructs"]}
    for name in (
        "IF",
        "ELSE",
        "FOREACH",
        "TRY",
        "CATCH",
        "DOUNTIL",
        "PARALLEL",
        "WAITFORDURATION",
        "SETFLOWVARIABLES",
        "ENDFLOW",
        "ask_for_approval",
        "look_up_record",
        "look_up_records",
        "slack_post_message",
        "teams_post_message",
        "send_email",
        "rest_call",
        "jira_create_issue",
    ):
        assert name in constructs


def _date_terms(rows: list[dict]) -> list[str]:
    values = [
        i["value"] for r in rows for c in r["target"]["components"] for i in c["inputs"] if i["name"] == "conditions"
    ]
    return [t.operator for v in values for t in parse_query(v).terms() if t.operator in DATE_OPERATORS]


def test_date_look_ups_are_opt_in_and_valid(data):
    assert _date_terms(data["train"]) == []
    dated = generate_dataset(7, (300, 0, 0), with_dates=True)["train"]
    operators = set(_date_terms(dated))
    assert {"RELATIVELT", "ON"} <= operators
    assert all(validate_flow(row["target"]) == [] for row in dated)
