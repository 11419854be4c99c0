"""The compact model-facing text: round trips and errors that name the line."""

import pytest

from models.serialize import SerializationError, from_text, to_text
from tests.models.flows import FLOW_IDS, FLOWS, RICH, SCHEDULED, SIMPLE, TIMED


@pytest.mark.parametrize("flow", FLOWS, ids=FLOW_IDS)
def test_round_trip(flow):
    assert from_text(to_text(flow), name=flow["name"], description=flow["description"]) == flow


def test_text_shape_nests_by_indentation():
    lines = to_text(RICH).split("\n")
    assert lines[0] == "record_update | table=incident | condition=priority=1^active=true"
    assert (
        lines[3] == "  3 send_email | to={{1.record.manager.email}} | subject=VIP P1 {{trigger.current.number}}"
        " | body=Please act now"
    )
    assert lines[9] == (
        "    9 update_record | record={{7.item}} | table=incident_task | values=state=3^close_notes=Closed by flow"
    )
    assert lines[14] == "14 notify_stakeholders | record={{trigger.current}} | table=incident | message=Triage done"


def test_date_conditions_stay_on_their_line_as_written():
    lines = to_text(TIMED).split("\n")
    assert lines[2] == (
        "2 look_up_records | table=change_request | conditions=start_dateBETWEEN"
        "javascript:gs.dateGenerate('2024-01-01','00:00:00')@javascript:gs.dateGenerate('2024-01-31','23:59:59')"
    )
    assert from_text("\n".join(lines))["components"][2]["inputs"] == TIMED["components"][2]["inputs"]


def test_newlines_and_backslashes_are_escaped_on_one_line():
    text = to_text(SCHEDULED)
    assert text.count("\n") == 2 and "body=Open P1s: {{1.count}}\\nRegards \\\\ the flow" in text
    assert from_text(text)["components"][1]["inputs"][2]["value"] == "Open P1s: {{1.count}}\nRegards \\ the flow"


def test_category_scope_and_block_come_back_from_the_catalog():
    comps = from_text(to_text(RICH))["components"]
    assert (comps[10]["category"], comps[10]["scope"], comps[10]["block"]) == ("action", "sn_itsm_spoke", 10)
    assert comps[13]["category"] == "subflow" and "block" not in comps[13]
    assert comps[1]["category"] == "flowlogic"


def test_trigger_without_inputs_and_flow_without_components():
    flow = {"name": "", "description": "", "trigger": {"type": "sla_task", "inputs": []}, "components": []}
    assert to_text(flow) == "sla_task"
    assert from_text("sla_task\n") == flow


def test_blank_lines_are_ignored():
    assert from_text(to_text(SIMPLE).replace("\n", "\n\n"), name="P1 log", description="log P1 incidents") == SIMPLE


@pytest.mark.parametrize(
    "text, where",
    [
        ("", "empty model output"),
        ("record create | table=incident", "line 1"),
        ("record_create | table=incident\nlog | message=x", "line 2: expected '<order> <definition>"),
        ("record_create | table=incident\n1 log | message", "line 2: input 'message' is not name=value"),
        ("record_create | table=incident\n1 log | message=x\n    2 log | message=y", "line 3: indented deeper"),
        ("record_create | table=incident\n1 log message=x", "line 2: expected ' | ' before the inputs"),
        ("record_create table=incident", "line 1"),
    ],
)
def test_errors_name_the_line(text, where):
    with pytest.raises(SerializationError, match=where):
        from_text(text)
