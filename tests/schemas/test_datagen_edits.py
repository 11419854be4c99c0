"""Edit rows change only what the instruction names; completion rows cut a real prefix."""

import re

import pytest

from schemas.datagen import generate_dataset


@pytest.fixture(scope="module")
def rows():
    data = generate_dataset(11, (300, 50, 50))
    return [r for split in data.values() for r in split]


def _shape(component: dict) -> tuple:
    """A component without its numbering: definition, category and inputs with step numbers masked."""
    inputs = tuple((i["name"], re.sub(r"\{\{\d+\.", "{{N.", i["value"])) for i in component["inputs"])
    return component["category"], component["definition"], inputs


def test_edits_keep_name_description_and_trigger_unless_condition(rows):
    for row in (r for r in rows if r["task"] == "edit"):
        source, target = row["flow"], row["target"]
        assert (source["name"], source["description"]) == (target["name"], target["description"])
        if row["meta"]["edit_kind"] != "condition":
            assert source["trigger"] == target["trigger"]
        else:
            assert source["components"] == target["components"]
            assert source["trigger"] != target["trigger"]


def test_add_appends_and_keeps_the_rest_byte_identical(rows):
    for row in (r for r in rows if r["meta"].get("edit_kind") == "add"):
        source, target = row["flow"]["components"], row["target"]["components"]
        assert target[: len(source)] == source
        assert len(target) == len(source) + 1


def test_replace_and_value_change_exactly_one_component(rows):
    for row in (r for r in rows if r["meta"].get("edit_kind") in ("replace", "value")):
        source, target = row["flow"]["components"], row["target"]["components"]
        assert len(source) == len(target)
        assert sum(a != b for a, b in zip(source, target)) == 1


def test_remove_and_insert_differ_by_one_component(rows):
    kinds = {"remove", "insert"}
    for row in (r for r in rows if r["meta"].get("edit_kind") in kinds):
        source = [_shape(c) for c in row["flow"]["components"]]
        target = [_shape(c) for c in row["target"]["components"]]
        longer, shorter = (source, target) if len(source) > len(target) else (target, source)
        assert len(longer) == len(shorter) + 1
        assert any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def test_insert_adds_a_worknote_and_remove_drops_a_named_step(rows):
    for row in (r for r in rows if r["meta"].get("edit_kind") == "insert"):
        added = {c["definition"] for c in row["target"]["components"]} - {
            c["definition"] for c in row["flow"]["components"]
        }
        assert added <= {"add_worknote"}
        assert "worknote" in row["request"]


def test_completion_flow_is_a_real_prefix(rows):
    for row in (r for r in rows if r["task"] == "complete"):
        partial, target = row["flow"], row["target"]
        k = len(partial["components"])
        assert 1 <= k < len(target["components"])
        assert partial["components"] == target["components"][:k]
        assert partial["trigger"] == target["trigger"]
        assert row["request"] in ("", target["description"])
