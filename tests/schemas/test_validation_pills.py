"""Data pills in input values: bad_pill, pill_* codes and unknown_field on dot-walks."""

import pytest

from tests.schemas.conftest import make_step, pairs, set_input


@pytest.mark.parametrize("value", ["{{trigger}}", "{{current.number}}", "{{1.record", "{{1.record.}}", "{{}}", "x}}"])
def test_malformed_pill(valid_flow_dict, value):
    set_input(valid_flow_dict["components"][9], "body", value)
    assert pairs(valid_flow_dict) == [("bad_pill", "/components/9/inputs/2/value")]


def test_each_malformed_pill_is_reported(valid_flow_dict):
    set_input(valid_flow_dict["components"][9], "body", "{{a}} and {{b.c}}")
    problems = pairs(valid_flow_dict)
    assert problems == [("bad_pill", "/components/9/inputs/2/value")] * 2


def test_pill_naming_the_same_step(valid_flow_dict):
    set_input(valid_flow_dict["components"][0], "conditions", "sys_id={{1.record.sys_id}}")
    assert pairs(valid_flow_dict) == [("pill_future_step", "/components/0/inputs/1/value")]


def test_pill_naming_a_later_step(valid_flow_dict):
    set_input(valid_flow_dict["components"][3], "message", "{{10.record}}{{7.count}}")
    assert pairs(valid_flow_dict) == [("pill_future_step", "/components/3/inputs/1/value")] * 2


def test_step_pill_in_trigger_inputs(valid_flow_dict):
    set_input(valid_flow_dict["trigger"], "condition", "caller_id={{1.record}}")
    assert pairs(valid_flow_dict) == [("pill_future_step", "/trigger/inputs/1/value")]


def test_trigger_pill_in_trigger_inputs(valid_flow_dict):
    set_input(valid_flow_dict["trigger"], "condition", "caller_id={{trigger.current.caller_id}}")
    assert pairs(valid_flow_dict) == [("pill_future_step", "/trigger/inputs/1/value")]


def test_pill_unknown_step(valid_flow_dict):
    set_input(valid_flow_dict["components"][9], "body", "{{42.record}}")
    assert pairs(valid_flow_dict) == [("pill_unknown_step", "/components/9/inputs/2/value")]


def test_pill_unknown_step_output(valid_flow_dict):
    set_input(valid_flow_dict["components"][9], "body", "{{1.records}}")
    assert pairs(valid_flow_dict) == [("pill_unknown_output", "/components/9/inputs/2/value")]


def test_pill_unknown_trigger_output(valid_flow_dict):
    set_input(valid_flow_dict["components"][9], "body", "{{trigger.record}}")
    assert pairs(valid_flow_dict) == [("pill_unknown_output", "/components/9/inputs/2/value")]


def test_pill_of_a_step_without_outputs(valid_flow_dict):
    set_input(valid_flow_dict["components"][9], "body", "{{6.record}}")
    assert pairs(valid_flow_dict) == [("pill_unknown_output", "/components/9/inputs/2/value")]


def test_pill_unknown_flow_var(valid_flow_dict):
    set_input(valid_flow_dict["components"][9], "body", "{{flow_var.approver}}")
    assert pairs(valid_flow_dict) == [("pill_unknown_flow_var", "/components/9/inputs/2/value")]


def test_flow_var_used_before_it_is_set(valid_flow_dict):
    set_input(valid_flow_dict["components"][0], "conditions", "email={{flow_var.manager_email}}")
    assert pairs(valid_flow_dict) == [("pill_unknown_flow_var", "/components/0/inputs/1/value")]


def test_flow_var_set_by_plain_name(valid_flow_dict):
    set_input(valid_flow_dict["components"][1], "variables", "manager_email={{1.record.manager.email}}^n=3")
    set_input(valid_flow_dict["components"][9], "body", "{{flow_var.n}}")
    assert pairs(valid_flow_dict) == []


def test_foreach_item_outside_the_loop(valid_flow_dict):
    set_input(valid_flow_dict["components"][9], "body", "{{8.item.number}}")
    assert pairs(valid_flow_dict) == [("pill_out_of_scope", "/components/9/inputs/2/value")]


def test_catch_error_message_outside_the_catch(schedule_flow_dict):
    set_input(schedule_flow_dict["components"][7], "body", "{{3.error_message}}")
    assert pairs(schedule_flow_dict) == [("pill_out_of_scope", "/components/7/inputs/2/value")]


def test_foreach_item_table_comes_from_the_items_pill(valid_flow_dict):
    set_input(valid_flow_dict["components"][8], "comment", "{{8.item.caller}}")
    assert pairs(valid_flow_dict) == [("unknown_field", "/components/8/inputs/2/value")]


def test_unknown_field_in_a_pill_path(valid_flow_dict):
    set_input(valid_flow_dict["components"][9], "body", "{{1.record.managr.email}}")
    assert pairs(valid_flow_dict) == [("unknown_field", "/components/9/inputs/2/value")]


def test_dot_walk_through_reference_fields(valid_flow_dict):
    set_input(valid_flow_dict["components"][9], "body", "{{trigger.current.caller_id.department.dept_head.email}}")
    assert pairs(valid_flow_dict) == []
    set_input(valid_flow_dict["components"][9], "body", "{{trigger.current.caller_id.department.head}}")
    assert pairs(valid_flow_dict) == [("unknown_field", "/components/9/inputs/2/value")]


def test_dot_walk_into_a_non_record_output(valid_flow_dict):
    set_input(valid_flow_dict["components"][9], "body", "{{7.count.value}}")
    assert pairs(valid_flow_dict) == [("unknown_field", "/components/9/inputs/2/value")]


def test_fixed_table_outputs_of_an_application_trigger():
    flow = {
        "trigger": {"type": "email", "inputs": [{"name": "condition", "value": "subjectLIKEurgent"}]},
        "components": [make_step("action", "log", 1, message="{{trigger.user.manager.name}} {{trigger.subject}}")],
    }
    assert pairs(flow) == []
    set_input(flow["components"][0], "message", "{{trigger.user.subject}}")
    assert pairs(flow) == [("unknown_field", "/components/0/inputs/0/value")]
