"""Date operators in conditions: date/time fields only, every problem with its path."""

import pytest

from schemas.validate import validate_flow
from tests.schemas.conftest import make_step, pairs, set_input

TRIGGER_CONDITION = "/trigger/inputs/1/value"
IF_CONDITION = "/components/2/inputs/0/value"
FROM_JANUARY = "javascript:gs.dateGenerate('2024-01-01','00:00:00')@javascript:gs.dateGenerate('2024-01-31','23:59:59')"
TODAY = "Today@javascript:gs.beginningOfToday()@javascript:gs.endOfToday()"

ON_DATE_FIELDS = [
    "sys_updated_onRELATIVELT@dayofweek@ago@30",
    "due_dateRELATIVELT@dayofweek@ahead@2",
    "opened_atRELATIVEGT@hour@ago@4",
    "closed_atRELATIVELE@month@ago@1",
    "resolved_atRELATIVEGE@week@ago@2",
    f"opened_atBETWEEN{FROM_JANUARY}",
    f"sys_created_onON{TODAY}",
    "sys_created_onONLast 7 days@javascript:gs.daysAgoStart(7)@javascript:gs.daysAgoEnd(0)",
    "sys_created_onNOTONThis week@javascript:gs.beginningOfThisWeek()@javascript:gs.endOfThisWeek()",
    "caller_id.last_login_timeRELATIVELT@month@ago@6",  # dot-walked to a date field
    "active=true^sys_updated_onRELATIVELT@dayofweek@ago@30^ORdue_dateISEMPTY",
]


@pytest.mark.parametrize("condition", ON_DATE_FIELDS)
def test_date_operators_on_date_fields_are_valid(valid_flow_dict, condition):
    set_input(valid_flow_dict["trigger"], "condition", condition)
    assert pairs(valid_flow_dict) == []


ON_OTHER_FIELDS = [
    ("priorityRELATIVELT@dayofweek@ago@30", "RELATIVELT works on date/time fields only; 'priority' is of type choice"),
    ("short_descriptionRELATIVEGE@hour@ago@1", "'short_description' is of type string"),
    (f"activeBETWEEN{FROM_JANUARY}", "BETWEEN works on date/time fields only; 'active' is of type boolean"),
    (f"reopen_countON{TODAY}", "ON works on date/time fields only; 'reopen_count' is of type integer"),
    (f"caller_idNOTON{TODAY}", "'caller_id' is of type ref"),
    ("caller_id.vipRELATIVELT@dayofweek@ago@3", "'caller_id.vip' is of type boolean"),
]


@pytest.mark.parametrize("condition, says", ON_OTHER_FIELDS)
def test_date_operators_on_other_fields_are_a_problem_at_the_condition(valid_flow_dict, condition, says):
    set_input(valid_flow_dict["trigger"], "condition", condition)
    (problem,) = validate_flow(valid_flow_dict)
    assert (problem.code, problem.path) == ("not_a_date_field", TRIGGER_CONDITION)
    assert says in problem.message and condition in problem.message


def test_every_misplaced_date_operator_is_reported(valid_flow_dict):
    condition = f"priorityRELATIVELT@dayofweek@ago@30^sys_updated_onRELATIVELT@dayofweek@ago@30^activeON{TODAY}"
    set_input(valid_flow_dict["trigger"], "condition", condition)
    assert pairs(valid_flow_dict) == [("not_a_date_field", TRIGGER_CONDITION)] * 2


@pytest.mark.parametrize(
    "condition",
    [
        "sys_updated_onRELATIVELT@day@ago@30",
        "sys_updated_onRELATIVELT@dayofweek@ago@0",
        "opened_atBETWEEN2024-01-01@2024-01-31",
        "sys_created_onONToday",
        "sys_created_onONFortnight@javascript:gs.beginningOfFortnight()@javascript:gs.endOfFortnight()",
    ],
)
def test_malformed_date_values_are_bad_queries(valid_flow_dict, condition):
    set_input(valid_flow_dict["trigger"], "condition", condition)
    assert pairs(valid_flow_dict) == [("bad_query", TRIGGER_CONDITION)]


def test_unknown_field_comes_before_its_type(valid_flow_dict):
    set_input(valid_flow_dict["trigger"], "condition", "sys_updated_atRELATIVELT@dayofweek@ago@30")
    assert pairs(valid_flow_dict) == [("unknown_field", TRIGGER_CONDITION)]


def test_flow_logic_conditions_check_the_type_of_their_pill(valid_flow_dict):
    set_input(valid_flow_dict["components"][2], "condition", "{{trigger.current.sys_updated_on}}RELATIVELT@hour@ago@2")
    assert pairs(valid_flow_dict) == []
    set_input(valid_flow_dict["components"][2], "condition", "{{trigger.current.priority}}RELATIVELT@hour@ago@2")
    assert pairs(valid_flow_dict) == [("not_a_date_field", IF_CONDITION)]


def test_action_conditions_use_their_table_and_every_table_has_its_created_and_updated_dates():
    flow = {
        "trigger": {"type": "daily", "inputs": [{"name": "time", "value": "08:00:00"}]},
        "components": [
            make_step(
                "action",
                "look_up_records",
                1,
                table="sys_user",
                conditions="active=true^last_login_timeRELATIVELT@dayofweek@ago@90",
            ),
            make_step("action", "look_up_records", 2, table="task_sla", conditions="end_timeRELATIVELT@hour@ahead@4"),
            make_step("action", "look_up_records", 3, table="core_company", conditions=f"sys_created_onON{TODAY}"),
            make_step("action", "look_up_records", 4, table="cmn_location", conditions=f"nameON{TODAY}"),
        ],
    }
    assert pairs(flow) == [("not_a_date_field", "/components/3/inputs/1/value")]


def test_field_values_do_not_take_date_operators():
    flow = {
        "trigger": {"type": "daily", "inputs": [{"name": "time", "value": "08:00:00"}]},
        "components": [make_step("action", "create_record", 1, table="incident", values=f"due_dateON{TODAY}")],
    }
    assert pairs(flow) == [("bad_query", "/components/0/inputs/1/value")]
