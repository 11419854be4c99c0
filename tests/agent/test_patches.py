"""make_patch / apply_checked, and the RFC 6902 conformance suite (json-patch-tests)."""

import json
from pathlib import Path

import pytest

from agent.patches import PatchError, apply_checked, make_patch
from plugin.testing.flows import NOTIFY, flow
from tests.agent.fakes import with_log

SUITE = Path(__file__).resolve().parents[2].parent / "shared/data/json-patch-tests"


def _cases() -> list:
    if not SUITE.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{SUITE} is absent"))]
    cases = []
    for name in ("tests.json", "spec_tests.json"):
        for index, case in enumerate(json.loads((SUITE / name).read_text())):
            if "expected" in case or "error" in case:
                marks = [pytest.mark.skip(reason="disabled in the suite")] if case.get("disabled") else []
                cases.append(pytest.param(case, id=f"{name}:{index}", marks=marks))
    return cases


@pytest.mark.parametrize("case", _cases())
def test_conformance(case):
    if "error" in case:
        with pytest.raises(PatchError):
            apply_checked(case["doc"], case["patch"])
    else:
        assert apply_checked(case["doc"], case["patch"]) == case["expected"]


def test_root_add_replaces_a_non_object_document():
    assert apply_checked([], [{"op": "add", "path": "", "value": {}}]) == {}


@pytest.mark.parametrize(
    "patch",
    [
        {"op": "add"},
        ["not an op"],
        [{"path": "/a", "value": 1}],
        [{"op": "add", "path": "/a"}],
        [
            {
                "op": "replace",
                "path": "",
            }
        ],
        [{"op": "remove", "path": "/missing"}],
        [{"op": "jump", "path": "/a"}],
    ],
)
def test_malformed_patches_are_refused(patch):
    with pytest.raises(PatchError):
        apply_checked({"a": 1}, patch)


def test_apply_does_not_touch_the_input_even_when_it_fails_midway():
    doc = {"a": 1, "b": [1, 2]}
    with pytest.raises(PatchError, match="op 1"):
        apply_checked(doc, [{"op": "add", "path": "/b/0", "value": 0}, {"op": "remove", "path": "/zzz"}])
    assert doc == {"a": 1, "b": [1, 2]}


def test_make_patch_is_the_minimal_diff():
    assert make_patch(NOTIFY, with_log()) == [
        {"op": "add", "path": "/components/3", "value": with_log()["components"][3]}
    ]
    assert make_patch(NOTIFY, flow()) == []


def test_make_patch_from_no_flow_builds_the_whole_flow():
    patch = make_patch(None, NOTIFY)
    assert {op["op"] for op in patch} == {"add"} and apply_checked({}, patch) == NOTIFY


@pytest.mark.parametrize(
    ("current", "new"), [({"-": 1}, {"-": 2}), ({"a": {"-": 1}}, {"a": {"-": [2]}}), ({"-": {"x": 1}}, {"-": {"x": 2}})]
)
def test_an_object_member_named_dash_can_be_replaced(current, new):
    """jsonpatch reads "-" as "past the end" even in objects; RFC 6901 does so in arrays only."""
    assert apply_checked(current, make_patch(current, new)) == new


def test_replacing_a_missing_dash_member_is_refused():
    with pytest.raises(PatchError, match="does not exist"):
        apply_checked({}, [{"op": "replace", "path": "/-", "value": 1}])
