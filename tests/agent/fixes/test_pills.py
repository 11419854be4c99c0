"""Data pills re-pointed: the same output elsewhere, the nearest field on the right table, the loop just before."""

import pytest

from plugin.testing.flows import NOTIFY, flow
from tests.agent.fakes import daily_loop, fixed_and_valid, input_values, step


def test_pills_to_a_missing_step_are_repointed_to_an_earlier_step_with_that_output():
    draft = flow()
    email = draft["components"][2]["inputs"]
    email.append({"name": "cc", "value": "{{9.record.email}}"})
    email[0]["value"] = "{{9.record.email}}"
    fixed, notes = fixed_and_valid(draft, "pill_unknown_step")
    assert [i["value"] for i in fixed["components"][2]["inputs"] if i["name"] in ("to", "cc")] == [
        "{{1.record.email}}"
    ] * 2
    assert len(notes) == 2


def test_optional_inputs_that_point_nowhere_are_dropped():
    draft = flow()
    draft["components"][2]["inputs"].append({"name": "cc", "value": "{{9.manager.email}}"})
    fixed, notes = fixed_and_valid(draft, "pill_unknown_step")
    assert fixed == NOTIFY and notes == ["component 3: dropped optional input 'cc'"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("{{1.record.emial}}", "{{1.record.email}}"),  # nearest field of the record's table
        ("{{1.record.manger.email}}", "{{1.record.manager.email}}"),
        ("{{trigger.current.email}}", "{{trigger.current.caller_id.email}}"),  # a reference that has the field
    ],
)
def test_pill_fields_become_the_nearest_field_on_the_right_table(value, expected):
    draft = flow()
    draft["components"][2]["inputs"][0]["value"] = value
    fixed, _ = fixed_and_valid(draft, "unknown_field")
    assert input_values(fixed["components"][2])["to"] == expected


def test_text_naming_a_missing_field_names_the_record_instead():
    draft = flow()
    draft["components"][2]["inputs"][2]["value"] = "About {{1.record.short_description}}"
    fixed, _ = fixed_and_valid(draft, "unknown_field")
    assert input_values(fixed["components"][2])["body"] == "About {{1.record.name}}"


def test_a_missing_output_is_read_from_an_earlier_step_that_has_it():
    draft = daily_loop()
    draft["components"].insert(1, step(2, "log", message="looking"))
    draft["components"][2:] = [
        step(3, "FOREACH", category="flowlogic", items="{{2.records}}"),
        step(4, "log", block=3, message="{{3.item.number}}"),
    ]
    fixed, notes = fixed_and_valid(draft, "pill_unknown_output")
    assert input_values(fixed["components"][2]) == {"items": "{{1.records}}"}


def test_the_trigger_record_on_a_schedule_is_the_item_of_the_loop_just_before():
    draft = daily_loop(
        step(
            4,
            "send_email",
            to="{{trigger.current.assigned_to.email}}",
            subject="P1",
            body="{{trigger.current.short_description}}",
        )
    )
    fixed, _ = fixed_and_valid(draft, "pill_unknown_output")
    email = fixed["components"][3]
    assert email["block"] == 2
    assert input_values(email) == {
        "to": "{{2.item.assigned_to.email}}",
        "subject": "P1",
        "body": "{{2.item.short_description}}",
    }


def test_a_loop_item_used_after_the_loop_is_read_from_the_trigger_record():
    draft = flow()
    draft["components"] += [
        step(4, "look_up_records", table="problem", conditions="active=true"),
        step(5, "FOREACH", category="flowlogic", items="{{4.records}}"),
        step(6, "log", block=5, message="{{5.item.number}}"),
        step(7, "log", message="Caller {{5.item.caller_id.name}}"),
    ]
    fixed, _ = fixed_and_valid(draft, "pill_out_of_scope")
    assert input_values(fixed["components"][6])["message"] == "Caller {{trigger.current.caller_id.name}}"


def test_a_future_step_pill_is_read_from_an_earlierstep():
    draft = flow()
    draft["components"][1]["inputs"][0]["value"] = "{{3.record.vip}}=true"
    fixed, _ = fixed_and_valid(draft, "pill_future_step")
    assert fixed == NOTIFY


def test_flow_variables_take_a_close_name_or_the_value_meant_for_them():
    draft = flow()
    draft["components"] += [
        step(4, "SETFLOWVARIABLES", category="flowlogic", variables="approver={{1.record.manager.email}}"),
        step(5, "send_email", to="{{flow_var.aprover}}", subject="s", body="b"),
        step(
            6,
            "update_record",
            record="{{trigger.current}}",
            table="incident",
            values="recipient={{trigger.current.caller_id.email}}",
        ),
        step(7, "send_email", to="{{flow_var.recipient}}", subject="s", body="b"),
    ]
    fixed, notes = fixed_and_valid(draft, "pill_unknown_flow_var")
    assert input_values(fixed["components"][4])["to"] == "{{flow_var.approver}}"
    assert [c["definition"] for c in fixed["components"][5:]] == ["send_email"]  # the update set no real field
    assert input_values(fixed["components"][5])["to"] == "{{trigger.current.caller_id.email}}"


def test_a_pill_without_its_source_reads_a_field_of_the_trigger_record():
    draft = flow()
    draft["components"][2]["inputs"][2]["value"] = "Caller {{caller_id.name}}"
    fixed, _ = fixed_and_valid(draft, "bad_pill")
    assert input_values(fixed["components"][2])["body"] == "Caller {{trigger.current.caller_id.name}}"


def test_trigger_record_pills_on_a_scheduled_trigger_leave_the_field_values_and_keep_the_step():
    from models.serialize import from_text

    draft = from_text(
        "monthly | day_of_month=1 | time=08:00:00\n"
        "1 create_task | table=task | values=short_description=Asset check {{trigger.current.number}}"
        "^assignment_group={{trigger.current.assignment_group}}\n"
        "2 send_email | to=assets@example.com | subject=Task {{1.record.number}} | body=Done"
    )
    fixed, notes = fixed_and_valid(draft, "pill_unknown_output")
    assert [c["definition"] for c in fixed["components"]] == ["create_task", "send_email"]
    assert input_values(fixed["components"][0])["values"] == "short_description=Asset check"
    assert notes == [
        "component 1: input 'values' 'short_description=Asset check {{trigger.current.number}}"
        "^assignment_group={{trigger.current.assignment_group}}' -> 'short_description=Asset check'"
    ]
