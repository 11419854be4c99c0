"""Input values: query fields and choices, coerced literals, duplicates, defaults for missing inputs, last resorts."""

import pytest

from agent.fixes import apply_fixes
from plugin.testing.flows import NOTIFY, flow, unfixable
from schemas.catalog import default_catalog
from schemas.validate import validate_flow
from tests.agent.fakes import fixed_and_valid, input_values, step

CATALOG = default_catalog()


def test_condition_fields_become_the_nearest_field_else_the_clause_goes():
    draft = flow()
    draft["trigger"]["inputs"][1]["value"] = "priorty=1^colour=red"
    fixed, _ = fixed_and_valid(draft, "unknown_field")
    assert fixed == NOTIFY


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("category=Software,Network", "categoryINsoftware,network"),
        ("category=software or hardware", "categoryINsoftware,hardware"),
        ("category=IT Security", "category=security"),
        ("priority=1^category=catering", "priority=1"),  # nothing close: the clause goes
    ],
)
def test_condition_choices_become_the_nearest_allowed(condition, expected):
    draft = flow()
    draft["trigger"]["inputs"][1]["value"] = condition
    fixed, _ = fixed_and_valid(draft, "bad_choice")
    assert input_values(fixed["trigger"])["condition"] == expected


@pytest.mark.parametrize(
    ("definition", "name", "value", "expected"),
    [
        ("log", "level", "Warn", "warn"),
        ("WAITFORDURATION", "duration", "45 minutes", "00:45:00"),
        ("WAITFORDURATION", "duration", "1 day", "1d 00:00:00"),
        ("create_catalog_task", "wait", "True", "true"),
    ],
)
def test_literals_are_coerced_to_their_type(definition, name, value, expected):
    draft = flow()
    values = {
        "log": {"message": "hi"},
        "WAITFORDURATION": {},
        "create_catalog_task": {"request_item": "{{trigger.current}}", "short_description": "x"},
    }[definition]
    category = "flowlogic" if definition.isupper() else "action"
    draft["components"].append(step(4, definition, category=category, **values, **{name: value}))
    fixed, _ = fixed_and_valid(draft, "bad_choice" if name == "level" else "bad_input_type")
    assert input_values(fixed["components"][3])[name] == expected


def test_a_literal_that_fits_nothing_drops_its_optional_input():
    draft = flow()
    draft["components"].append(
        step(4, "ask_for_approval", record="{{trigger.current}}", table="incident", approvers="CAB", due_in="June 2023")
    )
    fixed, notes = fixed_and_valid(draft, "bad_input_type")
    assert "due_in" not in input_values(fixed["components"][3]) and notes == [
        "component 4: dropped optional input 'due_in'"
    ]


def test_a_record_pill_of_a_text_field_is_cut_back_to_the_record():
    draft = flow()
    draft["components"].append(
        step(4, "update_record", record="{{trigger.current.caller_id.email}}", table="sys_user", values="vip=true")
    )
    fixed, _ = fixed_and_valid(draft, "bad_input_type")
    assert input_values(fixed["components"][3])["record"] == "{{trigger.current.caller_id}}"


def test_the_table_follows_the_record():
    draft = flow()
    draft["components"].append(step(4, "add_worknote", record="{{trigger.current}}", table="problem", work_note="x"))
    fixed, _ = fixed_and_valid(draft, "bad_input_type")
    assert input_values(fixed["components"][3])["table"] == "incident"


@pytest.mark.parametrize(
    ("durations", "kept"), [(["45 minutes", "00:45:00"], "00:45:00"), (["00:10:00", "00:45:00"], "00:10:00")]
)
def test_an_input_given_twice_keeps_the_first_valid_one(durations, kept):
    draft = flow()
    draft["components"].append(step(4, "WAITFORDURATION", category="flowlogic"))
    draft["components"][3]["inputs"] = [{"name": "duration", "value": d} for d in durations]
    fixed, _ = fixed_and_valid(draft, "duplicate_input")
    assert fixed["components"][3]["inputs"] == [{"name": "duration", "value": kept}]


def test_missing_required_inputs_get_the_definition_or_the_flow_default():
    draft = flow()
    del draft["trigger"]["inputs"][0]  # the table: the steps work on incident records
    draft["components"] += [
        step(4, "create_change_request", short_description="Fix it"),
        step(5, "add_worknote", table="incident", work_note="noted"),
    ]
    fixed, _ = fixed_and_valid(draft, "missing_input")
    assert input_values(fixed["trigger"])["table"] == "incident"  # the table the flow names most
    assert input_values(fixed["components"][3])["type"] == "normal"  # the first choice
    assert input_values(fixed["components"][4])["record"] == "{{trigger.current}}"  # the incident in hand


def test_the_trigger_table_comes_from_the_steps_that_use_its_record():
    draft = flow()
    del draft["trigger"]["inputs"][0]
    draft["components"].append(step(4, "add_worknote", record="{{trigger.current}}", table="incident", work_note="x"))
    fixed, _ = fixed_and_valid(draft, "missing_input")
    assert input_values(fixed["trigger"])["table"] == "incident"


def test_missing_text_is_copied_from_another_step_else_left_to_the_repair_model():
    draft = flow()
    draft["components"].append(step(4, "teams_send_chat_message", user_email="{{1.record.email}}"))
    fixed, _ = fixed_and_valid(draft, "missing_input")
    assert input_values(fixed["components"][3])["message"] == "P1 incident"  # the email's subject
    fixed, notes = apply_fixes(unfixable(), CATALOG)
    assert [p.code for p in validate_flow(fixed)] == ["missing_input"] and notes == []


def test_required_values_with_nothing_valid_drop_thestep():
    draft = flow()
    draft["components"].append(
        step(4, "update_record", record="{{trigger.current}}", table="incident", values="colour=red")
    )
    fixed, notes = fixed_and_valid(draft, "unknown_field")
    assert fixed == NOTIFY and notes == ["component 4: dropped update_record (its required values cannot be fixed)"]


def test_a_flow_logic_condition_with_nothing_valid_tests_that_its_record_exists():
    draft = flow()
    draft["components"][1]["inputs"][0]["value"] = "{{1.record.zzz}}=true"
    fixed, _ = fixed_and_valid(draft, "unknown_field")
    assert input_values(fixed["components"][1])["condition"] == "{{1.record}}ISNOTEMPTY"


def test_a_lookup_with_no_valid_condition_finds_all_but_a_bulk_update_is_dropped():
    draft = flow()
    draft["components"] += [
        step(4, "look_up_records", table="incident", conditions="colour=red"),
        step(5, "update_multiple_records", table="incident", conditions="colour=red", values="state=2"),
    ]
    fixed, _ = fixed_and_valid(draft, "unknown_field")
    assert [c["definition"] for c in fixed["components"]][3:] == ["look_up_records"]
    assert input_values(fixed["components"][3])["conditions"] == "sys_idISNOTEMPTY"


def test_a_record_of_another_table_is_followed_to_the_one_it_references():
    """Breached SLAs looked up, then their task escalated: the loop's item is a task_sla, and its one
    reference to a task is what the step means (not the step's table turned into task_sla)."""
    draft = {
        "name": "sla",
        "description": "",
        "trigger": {"type": "daily", "inputs": [{"name": "time", "value": "23:30:00"}]},
        "components": [
            step(1, "look_up_records", table="task_sla", conditions="has_breached=true"),
            step(2, "FOREACH", category="flowlogic", items="{{1.records}}"),
            step(3, "update_record", block=2, record="{{2.item}}", table="task", values="escalation=3"),
        ],
    }
    fixed, notes = apply_fixes(draft, CATALOG)
    assert input_values(fixed["components"][2]) == {
        "record": "{{2.item.task}}",
        "table": "task",
        "values": "escalation=3",
    }
    assert validate_flow(fixed) == [] and notes == ["component 3: input 'record' '{{2.item}}' -> '{{2.item.task}}'"]


def test_a_record_with_several_references_to_the_steps_table_keeps_the_table_following_the_record():
    """An HR case names several users (opened for, assigned to, ...): which one is meant is not certain."""
    draft = {
        "name": "hr",
        "description": "",
        "trigger": {"type": "record_update", "inputs": [{"name": "table", "value": "sn_hr_core_case"}]},
        "components": [step(1, "update_record", record="{{trigger.current}}", table="sys_user", values="escalation=1")],
    }
    fixed, _ = apply_fixes(draft, CATALOG)
    assert input_values(fixed["components"][0])["table"] == "sn_hr_core_case"
