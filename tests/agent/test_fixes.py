"""Deterministic fixes: names, scopes, inputs, tables, renumbering, dangling pills."""

import pytest

from agent.fixes import apply_fixes, fix_definitions, fix_input_names, fix_scopes, fix_tables, fix_trigger_type, nearest
from schemas.catalog import default_catalog
from schemas.validate import validate_flow
from tests.agent.fakes import NOTIFY, flow

CATALOG = default_catalog()


def test_nearest_is_case_insensitive_and_has_a_cutoff():
    assert nearest("Send_Emial", ["send_email", "log"]) == "send_email"
    assert nearest("zzz", ["send_email", "log"]) is None


def test_trigger_type_gets_the_nearest_name():
    draft = flow(trigger={"type": "record_updated", "inputs": []})
    assert fix_trigger_type(draft, CATALOG) == ["trigger type 'record_updated' -> 'record_update'"]
    assert draft["trigger"]["type"] == "record_update"


@pytest.mark.parametrize(("category", "name", "expected"), [
    ("action", "send_emails", ("action", "send_email")),
    ("action", "IF", ("flowlogic", "IF")),  # right name, wrong category
    ("flowlogic", "if", ("flowlogic", "IF")),
    ("gadget", "look_up_recrd", ("action", "look_up_record")),
])
def test_definitions_get_the_nearest_catalog_entry(category, name, expected):
    draft = flow()
    draft["components"][0].update(category=category, definition=name)
    assert len(fix_definitions(draft, CATALOG)) == 1
    assert (draft["components"][0]["category"], draft["components"][0]["definition"]) == expected


def test_scope_comes_from_the_catalog():
    draft = flow()
    draft["components"].append({"category": "action", "definition": "slack_post_message", "scope": "global", "order": 4,
                                "inputs": [{"name": "channel", "value": "#ops"}, {"name": "message", "value": "hi"}]})
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


def test_dangling_pills_drop_optional_inputs_only():
    draft = flow()
    email = draft["components"][2]["inputs"]
    email.append({"name": "cc", "value": "{{9.record.email}}"})
    email[0]["value"] = "{{9.record.email}}"  # required: left for the repair
    fixed, notes = apply_fixes(draft, CATALOG)
    names = [i["name"] for i in fixed["components"][2]["inputs"]]
    assert "cc" not in names and "to" in names
    assert notes == ["component 3: dropped optional input 'cc' (dangling data pill)"]


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


@pytest.mark.parametrize("garbage", [None, [], "flow", {"components": "x"}, {"components": [1, {"order": "a"}]}, {"trigger": 3}])
def test_garbage_is_left_to_the_validator(garbage):
    fixed, _ = apply_fixes(garbage, CATALOG)
    assert type(fixed) is type(garbage)
