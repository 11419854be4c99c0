"""Unasked changes of an edit: what the prediction changed that the reference leaves as it was."""

import copy

from models.serialize import from_text
from schemas.similarity import unasked_changes

ORIGINAL = from_text(
    "record_create | table=incident | condition=priority=1\n"
    "1 send_email | to=noc@acme.com | subject=P1 {{trigger.current.number}} | body=New P1\n"
    "2 add_worknote | record={{trigger.current}} | table=incident | work_note=NOC notified"
)
# the instruction: "also log the number first" (a step inserted at the top, the others renumbered)
REFERENCE = from_text(
    "record_create | table=incident | condition=priority=1\n"
    "1 log | message={{trigger.current.number}}\n"
    "2 send_email | to=noc@acme.com | subject=P1 {{trigger.current.number}} | body=New P1\n"
    "3 add_worknote | record={{trigger.current}} | table=incident | work_note=NOC notified"
)

LOOKUP = (
    "record_update | table=incident\n"
    "1 look_up_record | table=sys_user | conditions=sys_id={{trigger.current.caller_id}}\n"
    "2 send_email | to={{1.record.email}} | subject=Updated | body={{trigger.current.number}}"
)


def test_the_reference_edit_itself_changes_nothing_unasked():
    assert unasked_changes(ORIGINAL, REFERENCE, REFERENCE) == []


def test_an_edit_that_also_changes_an_unrelated_input_has_one():
    prediction = from_text(
        "record_create | table=incident | condition=priority=1\n"
        "1 log | message={{trigger.current.number}}\n"
        "2 send_email | to=ops@acme.com | subject=P1 {{trigger.current.number}} | body=New P1\n"
        "3 add_worknote | record={{trigger.current}} | table=incident | work_note=NOC notified"
    )
    assert unasked_changes(ORIGINAL, REFERENCE, prediction) == ["step send_email input to"]


def test_renumbered_step_pills_after_an_inserted_step_are_no_change():
    reference = from_text(
        "record_update | table=incident\n"
        "1 log | message=start\n"
        "2 look_up_record | table=sys_user | conditions=sys_id={{trigger.current.caller_id}}\n"
        "3 send_email | to={{2.record.email}} | subject=Updated | body={{trigger.current.number}}"
    )
    assert unasked_changes(from_text(LOOKUP), reference, reference) == []
    prediction = copy.deepcopy(reference)
    wrong_step = prediction["components"][2]["inputs"][0]
    assert wrong_step["value"] == "{{2.record.email}}"
    wrong_step["value"] = "{{1.record.email}}"  # now points at the log step: a change
    assert unasked_changes(from_text(LOOKUP), reference, prediction) == ["step send_email input to"]


def test_a_removed_unrelated_step_is_a_change():
    prediction = from_text(
        "record_create | table=incident | condition=priority=1\n"
        "1 log | message={{trigger.current.number}}\n"
        "2 send_email | to=noc@acme.com | subject=P1 {{trigger.current.number}} | body=New P1"
    )
    assert unasked_changes(ORIGINAL, REFERENCE, prediction) == ["step add_worknote removed"]


def test_trigger_inputs_are_parts_of_their_own():
    rest = REFERENCE["components"]
    prediction = {**REFERENCE, "trigger": from_text("record_create | table=incident | condition=priority=2")["trigger"]}
    assert unasked_changes(ORIGINAL, REFERENCE, prediction) == ["trigger condition"]
    asked = {**prediction, "components": rest}  # the condition change was asked for
    assert unasked_changes(ORIGINAL, asked, prediction) == []


def test_a_step_moved_into_a_block_changes_its_nesting():
    original = from_text(
        "record_create | table=incident\n1 IF | condition={{trigger.current.active}}=true\n2 log | message=x"
    )
    reference = from_text(
        "record_create | table=incident\n1 IF | condition={{trigger.current.active}}=true\n2 log | message=x\n"
        "3 log | message=y"
    )
    prediction = from_text(
        "record_create | table=incident\n1 IF | condition={{trigger.current.active}}=true\n  2 log | message=x\n"
        "3 log | message=y"
    )
    assert unasked_changes(original, reference, prediction) == ["step log nesting"]


def test_query_order_and_no_flow_answers():
    original = from_text("record_create | table=incident | condition=priority=1^active=true\n1 log | message=x")
    reference = from_text("record_create | table=incident | condition=priority=1^active=true\n1 log | message=y")
    reordered = from_text("record_create | table=incident | condition=active=true^priority=1\n1 log | message=y")
    assert unasked_changes(original, reference, reordered) == []
    assert unasked_changes(original, reference, None) == []
    assert unasked_changes(None, reference, reordered) == []
