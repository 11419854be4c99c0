"""Encoded-query inputs: record conditions, flow-logic conditions and field_values."""

import pytest

from tests.schemas.conftest import make_step, pairs, set_input

TRIGGER_CONDITION = "/trigger/inputs/1/value"
IF_CONDITION = "/components/2/inputs/0/value"


def test_trigger_condition_fields_are_fields_of_the_trigger_table(valid_flow_dict):
    set_input(valid_flow_dict["trigger"], "condition", "priorty=1")
    assert pairs(valid_flow_dict) == [("unknown_field", TRIGGER_CONDITION)]


def test_inherited_and_dot_walked_fields_in_a_record_condition(valid_flow_dict):
    set_input(valid_flow_dict["trigger"], "condition", "assignment_group.manager.vip=true^ORcaller_id.vipISNOTEMPTY")
    assert pairs(valid_flow_dict) == []


def test_choice_value_in_a_record_condition(valid_flow_dict):
    set_input(valid_flow_dict["trigger"], "condition", "priority=9")
    assert pairs(valid_flow_dict) == [("bad_choice", TRIGGER_CONDITION)]


def test_choice_values_in_an_in_list(valid_flow_dict):
    set_input(valid_flow_dict["trigger"], "condition", "categoryINsoftware,printer")
    assert pairs(valid_flow_dict) == [("bad_choice", TRIGGER_CONDITION)]


def test_boolean_value_in_a_record_condition(valid_flow_dict):
    set_input(valid_flow_dict["trigger"], "condition", "active=yes")
    assert pairs(valid_flow_dict) == [("bad_input_type", TRIGGER_CONDITION)]


@pytest.mark.parametrize("condition", ["priority=1^^active=true", "priority", "activeISEMPTYtrue", "priority=1^"])
def test_unparseable_condition(valid_flow_dict, condition):
    set_input(valid_flow_dict["trigger"], "condition", condition)
    assert pairs(valid_flow_dict) == [("bad_query", TRIGGER_CONDITION)]


def test_pill_as_field_of_a_record_condition(valid_flow_dict):
    set_input(valid_flow_dict["components"][0], "conditions", "{{trigger.current.caller_id}}=x")
    assert pairs(valid_flow_dict) == [("bad_query", "/components/0/inputs/1/value")]


def test_action_condition_fields_are_fields_of_its_table_input(valid_flow_dict):
    set_input(valid_flow_dict["components"][0], "conditions", "caller_id={{trigger.current.caller_id}}")
    assert pairs(valid_flow_dict) == [("unknown_field", "/components/0/inputs/1/value")]


def test_email_trigger_condition_uses_sys_email():
    flow = {"trigger": {"type": "email", "inputs": [{"name": "condition", "value": "priority=1"}]}}
    assert pairs(flow) == [("unknown_field", "/trigger/inputs/0/value")]
    flow["trigger"]["inputs"][0]["value"] = "subjectSTARTSWITHRE:^user.vip=true"
    assert pairs(flow) == []


def test_flow_logic_condition_fields_must_be_pills(valid_flow_dict):
    set_input(valid_flow_dict["components"][2], "condition", "priority=1")
    assert pairs(valid_flow_dict) == [("bad_query", IF_CONDITION)]


def test_choice_value_against_a_pill_field(valid_flow_dict):
    set_input(valid_flow_dict["components"][2], "condition", "{{trigger.current.priority}}=9")
    assert pairs(valid_flow_dict) == [("bad_choice", IF_CONDITION)]


def test_pill_field_of_a_flow_logic_condition_is_checked(valid_flow_dict):
    set_input(valid_flow_dict["components"][2], "condition", "{{1.record.vipp}}=true")
    assert pairs(valid_flow_dict) == [("unknown_field", IF_CONDITION)]


def _create(values: str) -> dict:
    return {
        "trigger": {"type": "daily", "inputs": [{"name": "time", "value": "08:00:00"}]},
        "components": [make_step("action", "create_record", 1, table="incident", values=values)],
    }


VALUES = "/components/0/inputs/1/value"


def test_valid_field_values():
    assert pairs(_create("short_description=Disk full^priority=2^active=true^description=a=b")) == []


@pytest.mark.parametrize(
    "values",
    [
        "priority!=2",
        "short_description=x^ORpriority=1",
        "state=1^NQstate=2",
        "{{trigger.run_start_time}}=x",
        "caller_id.name=x",
        "activeISEMPTY",
    ],
)
def test_field_values_take_plain_fields_and_equals_only(values):
    assert pairs(_create(values)) == [("bad_query", VALUES)]


def test_unknown_field_in_field_values():
    assert pairs(_create("short_desc=x")) == [("unknown_field", VALUES)]


def test_choice_and_type_of_field_values():
    assert pairs(_create("priority=9")) == [("bad_choice", VALUES)]
    assert pairs(_create("reopen_count=many")) == [("bad_input_type", VALUES)]


def test_pill_values_in_field_values_are_resolved():
    assert pairs(_create("short_description={{trigger.run_start_time}}")) == []
    assert pairs(_create("short_description={{trigger.start}}")) == [("pill_unknown_output", VALUES)]


def test_flow_variable_fields_must_be_names_or_flow_var_pills(valid_flow_dict):
    set_input(valid_flow_dict["components"][1], "variables", "{{1.record}}=x")
    problems = pairs(valid_flow_dict)
    assert ("bad_query", "/components/1/inputs/0/value") in problems
    assert ("pill_unknown_flow_var", "/components/9/inputs/0/value") in problems
