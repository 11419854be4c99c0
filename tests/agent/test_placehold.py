"""The last resort (agent/nodes/placehold.py): a step whose own inputs stay wrong becomes a placeholder that says
what it was and why, only when that makes the flow valid and leaves most of it as drafted."""

from agent.nodes.placehold import faulty_steps
from agent.service import Copilot
from plugin.testing.flows import NOTIFY, flow, log_step, unfixable
from schemas.problems import errors
from schemas.validate import validate_flow
from tests.agent.fakes import FakeDrafter


def _with_log_and_unfixable() -> dict:
    """NOTIFY plus a log step, its email sent to a team's name (what drafts do; no fix can know the address)."""
    draft = log_step(flow(), "VIP caller notified")
    draft["components"][2]["inputs"][0]["value"] = "Service Desk"
    return draft


def test_a_step_still_wrong_becomes_a_placeholder_the_answer_names():
    result = Copilot(FakeDrafter(_with_log_and_unfixable()), fallback_policy="never").run("notify")
    assert result.ok and result.path == "placeholders"
    step = result.flow["components"][2]
    assert step["definition"] == "placeholder" and step["order"] == 3 and step["block"] == 2
    description = step["inputs"][0]["value"]
    assert description.startswith("Send Email (could not be completed:") and "'Service Desk'" in description
    assert result.flow["components"][:2] == NOTIFY["components"][:2]  # the rest as drafted
    problems = validate_flow(result.flow)
    assert not errors(problems) and [p.code for p in problems] == ["placeholder"]
    assert "could not be completed" in result.explanation and "step 3" in result.explanation
    assert "placeholding" in [e["event"] for e in result.events]


def test_an_edit_gets_a_placeholder_for_a_new_step_never_for_one_of_theirs():
    added = flow()  # a Slack post in the IF, with no channel (no fix can know which)
    slack = {"category": "action", "definition": "slack_post_message", "scope": "sn_slack_spoke", "order": 4}
    added["components"].append({**slack, "block": 2, "inputs": [{"name": "message", "value": "P1 for a VIP"}]})
    copilot = Copilot(FakeDrafter(added), fallback_policy="never")
    result = copilot.run("also post it on slack", flow=flow())
    assert result.ok and result.flow["components"][3]["definition"] == "placeholder"
    assert result.flow["components"][:3] == NOTIFY["components"] and copilot.current_flow() == result.flow

    copilot = Copilot(FakeDrafter(_with_log_and_unfixable()), fallback_policy="never")
    result = copilot.run("email the service desk instead", flow=flow())
    assert not result.ok and result.patch == [] and copilot.current_flow() == NOTIFY


def test_no_placeholders_when_half_of_the_steps_or_more_would_go():
    result = Copilot(FakeDrafter(unfixable()), fallback_policy="never").run("notify")
    assert result.ok and result.path == "placeholders"  # one of its two action steps: half is allowed
    broken = unfixable()
    broken["components"][0]["inputs"] = [{"name": "conditions", "value": "active=true"}]  # look-up without table
    result = Copilot(FakeDrafter(broken), fallback_policy="never").run("notify")
    assert not result.ok and result.flow is None and {p.code for p in result.problems} >= {"missing_input"}


def test_no_placeholders_for_an_error_outside_a_step_s_inputs():
    broken = _with_log_and_unfixable()
    broken["trigger"]["inputs"][0]["value"] = "not_a_table_at_all"
    result = Copilot(FakeDrafter(broken), fallback_policy="never").run("notify")
    assert not result.ok and result.path != "placeholders"


def test_a_safety_refusal_is_never_turned_into_a_placeholder():
    from schemas.problems import Problem

    refused = Problem(code="blocked_url", path="/components/2/inputs/0/value", message="not an allowed host")
    assert faulty_steps(NOTIFY, [refused]) is None


def test_faulty_steps_groups_step_input_errors_and_refuses_the_rest():
    problems = validate_flow(unfixable())
    assert list(faulty_steps(unfixable(), problems)) == [2]
    trigger_broken = flow(trigger={"type": "record_create", "inputs": []})
    assert faulty_steps(trigger_broken, validate_flow(trigger_broken)) is None
    assert faulty_steps(NOTIFY, []) == {}
