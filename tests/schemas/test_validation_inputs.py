"""Definitions, scopes, input names and input values against their catalog types."""

import pytest

from schemas.catalog import default_catalog
from tests.schemas.conftest import drop_input, make_step, pairs, set_input

RUN = "{{trigger.run_start_time}}"


def _daily(*components: dict, time: str = "08:00:00") -> dict:
    return {"trigger": {"type": "daily", "inputs": [{"name": "time", "value": time}]}, "components": list(components)}


def _one(definition: str, order: int = 1, **inputs: str) -> dict:
    """A component whose category and scope come from the catalog."""
    catalog = default_catalog()
    category = next(c for c in ("action", "flowlogic", "subflow") if catalog.definition(c, definition))
    return make_step(category, definition, order, scope=catalog.definition(category, definition).scope, **inputs)


def test_unknown_trigger(valid_flow_dict):
    valid_flow_dict["trigger"]["type"] = "record_created"
    assert pairs(valid_flow_dict) == [("unknown_trigger", "/trigger/type")]


def test_unknown_action_and_subflow(valid_flow_dict):
    valid_flow_dict["components"][3]["definition"] = "slack_post"
    assert pairs(valid_flow_dict) == [("unknown_action", "/components/3/definition")]
    subflow = {"category": "subflow", "definition": "offboard", "order": 1}
    assert pairs(_daily(subflow)) == [("unknown_action", "/components/0/definition")]


def test_unknown_flowlogic():
    assert pairs(_daily(make_step("flowlogic", "WAIT", 1))) == [("unknown_flowlogic", "/components/0/definition")]


def test_wrong_scope(valid_flow_dict):
    valid_flow_dict["components"][3]["scope"] = "global"
    assert pairs(valid_flow_dict) == [("wrong_scope", "/components/3/scope")]


def test_scope_defaults_to_global_when_absent(valid_flow_dict):
    del valid_flow_dict["components"][0]["scope"]
    del valid_flow_dict["components"][3]["scope"]
    assert pairs(valid_flow_dict) == [("wrong_scope", "/components/3/scope")]


def test_unknown_table(valid_flow_dict):
    valid_flow_dict["components"][0]["inputs"][0]["value"] = "sys_usr"
    assert pairs(valid_flow_dict) == [("unknown_table", "/components/0/inputs/0/value")]


def test_unknown_input(valid_flow_dict):
    set_input(valid_flow_dict["components"][0], "limit", "1")
    assert pairs(valid_flow_dict) == [("unknown_input", "/components/0/inputs/2/name")]


def test_duplicate_input(valid_flow_dict):
    valid_flow_dict["components"][0]["inputs"].append({"name": "table", "value": "sys_user"})
    assert pairs(valid_flow_dict) == [("duplicate_input", "/components/0/inputs/2/name")]


def test_missing_required_input(valid_flow_dict):
    drop_input(valid_flow_dict["components"][0], "conditions")
    assert pairs(valid_flow_dict) == [("missing_input", "/components/0/inputs")]


def test_empty_required_input(valid_flow_dict):
    set_input(valid_flow_dict["components"][0], "conditions", "  ")
    assert pairs(valid_flow_dict) == [("missing_input", "/components/0/inputs/1/value")]


def test_empty_optional_input_is_fine(valid_flow_dict):
    set_input(valid_flow_dict["components"][6], "max_results", "")
    assert pairs(valid_flow_dict) == []


def test_record_trigger_requires_table(valid_flow_dict):
    drop_input(valid_flow_dict["trigger"], "table")
    assert pairs(valid_flow_dict) == [("missing_input", "/trigger/inputs")]


@pytest.mark.parametrize(
    ("component", "bad"),
    [
        (_one("look_up_records", table="incident", conditions="active=true", max_results="ten"), 2),
        (_one("WAITFORDURATION", duration="5 minutes"), 0),
        (_one("WAITFORDURATION", duration="00:61:00"), 0),
        (_one("send_email", to="ops at example", subject="s", body="b"), 0),
        (_one("rest_call", method="GET", url="ftp://example.com"), 1),
        (_one("zoom_create_meeting", topic="t", start_time="2024-02-30 10:00:00"), 1),
        (_one("create_catalog_task", request_item="RITM0001", short_description="x", wait="true"), 0),
        (_one("create_catalog_task", request_item="a" * 32, short_description="x", wait="yes"), 2),
    ],
)
def test_bad_literal_input_types(component, bad):
    assert pairs(_daily(component)) == [("bad_input_type", f"/components/0/inputs/{bad}/value")]


def test_bad_trigger_input_types():
    assert pairs(_daily(time="25:00:00")) == [("bad_input_type", "/trigger/inputs/0/value")]
    run_once = {"type": "run_once", "inputs": [{"name": "run_at", "value": "2024-01-01T10:00:00"}]}
    assert pairs({"trigger": run_once}) == [("bad_input_type", "/trigger/inputs/0/value")]


def test_good_literals_are_accepted():
    flow = _daily(
        _one("send_email", 1, to="a@example.com, b@example.org", subject="s", body="b", cc=f"x{RUN}"),
        _one("WAITFORDURATION", 2, duration="2d 01:00:00"),
        _one("rest_call", 3, method="GET", url="https://api.example.com/{{trigger.run_start_time}}"),
        _one("offboard_user", 4, user="0123456789abcdef0123456789abcdef"),
    )
    assert pairs(flow) == []


def test_date_time_pill_in_an_email_input():
    step = _one("send_email", to="a@example.com", subject="s", body="b", cc="{{trigger.run_start_time}}")
    assert pairs(_daily(step)) == [("bad_input_type", "/components/0/inputs/3/value")]


def test_text_mixed_with_a_pill_in_an_integer_input():
    step = _one("look_up_records", table="incident", conditions="active=true", max_results=f"{RUN}1")
    assert pairs(_daily(step)) == [("bad_input_type", "/components/0/inputs/2/value")]


def test_bad_choice_literal():
    assert pairs(_daily(_one("log", message="m", level="debug"))) == [("bad_choice", "/components/0/inputs/1/value")]
    weekly = {
        "type": "weekly",
        "inputs": [{"name": "day_of_week", "value": "Monday"}, {"name": "time", "value": "09:00:00"}],
    }
    assert pairs({"trigger": weekly}) == [("bad_choice", "/trigger/inputs/0/value")]


def test_record_input_needs_a_record_pill(valid_flow_dict):
    set_input(valid_flow_dict["components"][5], "record", "{{trigger.current.number}}")
    assert pairs(valid_flow_dict) == [("bad_input_type", "/components/5/inputs/0/value")]


def test_record_input_accepts_a_reference_field(valid_flow_dict):
    set_input(valid_flow_dict["components"][5], "record", "{{trigger.current.parent_incident}}")
    assert pairs(valid_flow_dict) == []


def test_record_pill_of_another_table(valid_flow_dict):
    set_input(valid_flow_dict["components"][5], "record", "{{1.record}}")
    assert pairs(valid_flow_dict) == [("bad_input_type", "/components/5/inputs/0/value")]


def test_record_of_an_extending_table_is_accepted(valid_flow_dict):
    set_input(valid_flow_dict["components"][5], "table", "task")
    assert pairs(valid_flow_dict) == []


def test_records_input_needs_a_records_pill(valid_flow_dict):
    set_input(valid_flow_dict["components"][7], "items", "{{1.record}}")
    assert ("bad_input_type", "/components/7/inputs/0/value") in pairs(valid_flow_dict)


def test_pill_type_checked_against_input_type(valid_flow_dict):
    set_input(valid_flow_dict["components"][6], "max_results", "{{1.record.vip}}")
    assert pairs(valid_flow_dict) == [("bad_input_type", "/components/6/inputs/2/value")]


def test_string_and_integer_pills_fit_an_integer_input(valid_flow_dict):
    set_input(valid_flow_dict["components"][6], "max_results", "{{trigger.current.reopen_count}}")
    assert pairs(valid_flow_dict) == []


def test_table_input_given_a_record_pill(valid_flow_dict):
    set_input(valid_flow_dict["components"][6], "table", "{{trigger.current}}")
    assert ("bad_input_type", "/components/6/inputs/0/value") in pairs(valid_flow_dict)


def test_choice_pill_with_values_the_input_does_not_allow(valid_flow_dict):
    component = make_step(
        "action",
        "create_incident",
        11,
        scope="sn_itsm_spoke",
        short_description="x",
        priority="{{trigger.current.state}}",
    )
    valid_flow_dict["components"].append(component)
    assert pairs(valid_flow_dict) == [("bad_choice", "/components/10/inputs/1/value")]
    set_input(component, "priority", "{{trigger.current.impact}}")
    assert pairs(valid_flow_dict) == []


def test_email_input_accepts_user_records_but_not_other_records(valid_flow_dict):
    set_input(valid_flow_dict["components"][9], "to", "{{trigger.current.assigned_to}}")
    assert pairs(valid_flow_dict) == []
    set_input(valid_flow_dict["components"][9], "to", "{{trigger.current.cmdb_ci}}")
    assert pairs(valid_flow_dict) == [("bad_input_type", "/components/9/inputs/0/value")]


def test_flow_variable_type_follows_its_value(valid_flow_dict):
    set_input(valid_flow_dict["components"][1], "variables", "manager_email={{1.record.vip}}")
    assert pairs(valid_flow_dict) == [("bad_input_type", "/components/9/inputs/0/value")]


def test_custom_catalog_changes_what_is_known(valid_flow_dict):
    catalog = default_catalog().model_copy(deep=True)
    del catalog.actions["slack_post_message"]
    assert pairs(valid_flow_dict, catalog) == [("unknown_action", "/components/3/definition")]
