"""apply_fixes: the whole-flow passes (shape, names, scopes, tables, numbering), real invalid drafts,
any JSON without raising, valid flows left alone. Per-code repairs: test_pills, test_inputs,
test_structure."""

import copy
import json
from pathlib import Path

import pytest

from agent.fixes import apply_fixes, fix_definitions, fix_input_names, fix_scopes, fix_tables, fix_trigger_type, nearest
from plugin.testing.flows import NOTIFY, flow
from schemas.catalog import default_catalog
from schemas.validate import validate_flow
from tests.agent.fakes import LOG_STEP as LOG
from tests.agent.fakes import daily_loop, fixed_and_valid, input_values, step, with_log

CATALOG = default_catalog()
DRAFTS = [
    json.loads(line) for line in (Path(__file__).parent / "data" / "invalid_drafts.jsonl").read_text().splitlines()
]


def test_nearest_is_case_insensitive_and_has_a_cutoff():
    assert nearest("Send_Emial", ["send_email", "log"]) == "send_email"
    assert nearest("zzz", ["send_email", "log"]) is None


def test_trigger_type_gets_the_nearest_name():
    draft = flow(trigger={"type": "record_updated", "inputs": []})
    assert fix_trigger_type(draft, CATALOG) == ["trigger type 'record_updated' -> 'record_update'"]
    assert draft["trigger"]["type"] == "record_update"


@pytest.mark.parametrize(
    ("category", "name", "expected"),
    [
        ("action", "send_emails", ("action", "send_email")),
        ("action", "IF", ("flowlogic", "IF")),  # right name, wrong category
        ("flowlogic", "if", ("flowlogic", "IF")),
        ("gadget", "look_up_recrd", ("action", "look_up_record")),
    ],
)
def test_definitions_get_the_nearest_catalog_entry(category, name, expected):
    draft = flow()
    draft["components"][0].update(category=category, definition=name)
    assert len(fix_definitions(draft, CATALOG)) == 1
    assert (draft["components"][0]["category"], draft["components"][0]["definition"]) == expected


def test_scope_comes_from_the_catalog():
    draft = flow()
    draft["components"].append(
        {
            "category": "action",
            "definition": "slack_post_message",
            "scope": "global",
            "order": 4,
            "inputs": [{"name": "channel", "value": "#ops"}, {"name": "message", "value": "hi"}],
        }
    )
    fix_scopes(draft, CATALOG)
    assert draft["components"][3]["scope"] == "sn_slack_spoke"


def test_unknown_inputs_are_renamed_when_close_else_dropped():
    draft = flow()
    draft["components"][0]["inputs"] += [{"name": "condition", "value": "x"}, {"name": "colour", "value": "red"}]
    draft["components"][0]["inputs"] = [draft["components"][0]["inputs"][0], *draft["components"][0]["inputs"][2:]]
    draft["trigger"]["inputs"].append({"name": "tables", "value": "incident"})
    notes = fix_input_names(draft, CATALOG)
    assert [i["name"] for i in draft["components"][0]["inputs"]] == ["table", "conditions"]
    assert [i["name"] for i in draft["trigger"]["inputs"]] == ["table", "condition"]  # 'table' already used
    assert any("dropped unknown input 'colour'" in n for n in notes)


def test_table_values_get_the_nearest_table_but_pills_are_left_alone():
    draft = flow()
    draft["trigger"]["inputs"][0]["value"] = "incidents"
    draft["components"][0]["inputs"][0]["value"] = "{{trigger.table_name}}"
    fix_tables(draft, CATALOG)
    assert draft["trigger"]["inputs"][0]["value"] == "incident"
    assert draft["components"][0]["inputs"][0]["value"] == "{{trigger.table_name}}"


def _shift(draft: dict, by: int) -> dict:
    for comp in draft["components"]:
        comp["order"] += by
        if "block" in comp:
            comp["block"] += by
        for item in comp["inputs"]:
            item["value"] = item["value"].replace("{{1.", "{{%d." % (1 + by))
    return draft


@pytest.mark.parametrize("by", [-1, 4])
def test_renumbering_carries_blocks_and_step_pills(by):
    fixed, notes = apply_fixes(_shift(flow(), by), CATALOG)
    assert notes == ["renumbered components 1..3"] and fixed == NOTIFY


def test_duplicate_orders_resolve_to_the_latest_earlier_component():
    draft = flow()
    for comp in draft["components"]:
        comp["order"] = 1
    draft["components"][2]["block"] = 1  # the IF, the latest earlier '1'
    draft["components"][1]["inputs"][0]["value"] = "{{1.record.vip}}=true"
    fixed, _ = apply_fixes(draft, CATALOG)
    assert [c["order"] for c in fixed["components"]] == [1, 2, 3]
    assert fixed["components"][2]["block"] == 2
    assert fixed["components"][1]["inputs"][0]["value"] == "{{1.record.vip}}=true"


def test_flow_variables_and_outputs_are_not_dangling():
    draft = flow()
    draft["components"][2]["inputs"].append({"name": "cc", "value": "{{1.record.manager.email}}"})
    assert apply_fixes(draft, CATALOG) == (draft, [])


def test_a_messy_draft_becomes_valid():
    draft = _shift(flow(), 1)
    draft["trigger"]["type"] = "record_created"
    draft["components"][0]["scope"] = "sn_core"
    draft["components"][0]["inputs"][0]["value"] = "sys_users"
    draft["components"][2]["definition"] = "SEND_EMAIL"
    draft["components"][2]["inputs"].append({"name": "colour", "value": "red"})
    assert validate_flow(draft)
    fixed, notes = apply_fixes(draft, CATALOG)
    assert validate_flow(fixed) == [] and fixed == NOTIFY and len(notes) == 6


@pytest.mark.parametrize(
    "garbage", [None, [], "flow", {"components": "x"}, {"components": [1, {"order": "a"}]}, {"trigger": 3}]
)
def test_garbage_is_left_to_the_validator(garbage):
    fixed, _ = apply_fixes(garbage, CATALOG)
    assert type(fixed) is type(garbage)


def test_shape_junk_goes_and_scalars_become_text():
    draft = flow(extra=1)
    draft["components"][0]["order"] = "1"
    draft["components"][0]["colour"] = "red"
    draft["components"][2]["inputs"] += [{"name": "cc", "value": None}, "junk"]
    draft["components"].append({**LOG, "inputs": [{"name": "message", "value": 42}]})
    fixed, _ = fixed_and_valid(draft, "schema")
    assert fixed["components"][:3] == NOTIFY["components"] and input_values(fixed["components"][3]) == {"message": "42"}


def test_definitions_match_whatever_the_case_and_underscores():
    draft = flow()
    draft["components"].append(step(4, "Set_Flow_Variables", variables="who={{1.record.email}}"))
    fixed, _ = fixed_and_valid(draft, "unknown_action")
    assert (fixed["components"][3]["category"], fixed["components"][3]["definition"]) == (
        "flowlogic",
        "SETFLOWVARIABLES",
    )


def test_a_message_under_another_name_fills_the_missing_message():
    draft = flow()
    draft["components"].append(step(4, "send_sms", to="+15551234567", subject="P1 opened"))
    fixed, _ = fixed_and_valid(draft, "missing_input")
    assert input_values(fixed["components"][3]) == {"to": "+15551234567", "message": "P1 opened"}


def test_a_definition_close_to_nothing_is_left_to_the_repair_model():
    draft = flow()
    draft["components"].append(step(4, "execute_shell"))  # never guessed into a real (maybe destructive) action
    fixed, notes = apply_fixes(draft, CATALOG)
    assert fixed == draft and notes == [] and [p.code for p in validate_flow(fixed)] == ["unknown_action"]


@pytest.mark.parametrize("row", DRAFTS, ids=[f"{r['source']}-{r['id']}" for r in DRAFTS])
def test_real_invalid_drafts_never_raise_and_slm_drafts_all_validate(row):
    fixed, notes = apply_fixes(row["draft"], CATALOG)
    assert not any(" failed: " in n for n in notes)
    if row["source"] == "slm":
        assert validate_flow(fixed) == []


def _paths(node: object, at: tuple = ()):
    yield at
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, child in items:
        yield from _paths(child, (*at, key))


@pytest.mark.parametrize("junk", [None, 7, 2.5, True, "", "{{", "{{9.x}}", [], {}, [1], {"a": 1}, "_DELETE_"])
def test_any_json_never_raises(junk):
    base = with_log()
    for path in [p for p in _paths(base) if p]:
        draft = copy.deepcopy(base)
        parent = draft
        for key in path[:-1]:
            parent = parent[key]
        if junk == "_DELETE_":
            del parent[path[-1]]
        else:
            parent[path[-1]] = copy.deepcopy(junk)
        fixed, notes = apply_fixes(draft, CATALOG)
        assert isinstance(fixed, dict) and not any(" failed: " in n for n in notes), (path, notes)


def test_valid_flows_are_left_alone():
    for valid in (NOTIFY, with_log(), daily_loop()):
        assert validate_flow(valid) == [] and apply_fixes(valid, CATALOG) == (valid, [])
