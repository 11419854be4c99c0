"""The whole copilot graph driven with a fake drafter and langchain's fake chat models."""

import json

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel, GenericFakeChatModel
from langchain_core.messages import AIMessage

from agent.patches import apply_checked
from agent.service import Copilot
from models.drafter import DraftError
from plugin.testing.flows import NOTIFY, flow, rest_call, unfixable
from plugin.testing.stubs import ScriptedDrafter
from schemas.validate import validate_flow
from tests.agent.fakes import CallCounter, FakeDrafter, fenced, with_log


def chat(*answers: str, counter: CallCounter | None = None) -> FakeListChatModel:
    return FakeListChatModel(responses=list(answers), callbacks=[counter] if counter else None)


def test_generate_takes_the_slm_path_and_patches_from_empty():
    result = Copilot(FakeDrafter(NOTIFY)).run("email VIP callers of P1 incidents")
    assert result.ok and result.task == "generate" and result.path == "slm"
    assert result.flow == NOTIFY
    assert apply_checked({}, result.patch) == NOTIFY
    assert "Send Email" in result.explanation


def test_edit_sends_the_current_flow_and_returns_the_minimal_patch():
    drafter = FakeDrafter(with_log())
    result = Copilot(drafter).run("add a log step at the end", flow=flow())
    assert drafter.requests[0].task == "edit" and drafter.requests[0].flow == NOTIFY
    assert result.ok and result.task == "edit"
    assert result.patch == [{"op": "add", "path": "/components/3", "value": with_log()["components"][3]}]
    assert apply_checked(NOTIFY, result.patch) == result.flow == with_log()
    assert "Added: Log (step 4)" in result.explanation


def test_complete_extends_the_partial_flow():
    partial = flow(components=NOTIFY["components"][:1])
    drafter = FakeDrafter(NOTIFY)
    result = Copilot(drafter).run("", flow=partial)
    assert result.task == "complete" and drafter.requests[0].flow == partial
    assert result.ok and apply_checked(partial, result.patch) == NOTIFY
    assert [op["path"] for op in result.patch] == ["/components/1", "/components/2"]


def test_deterministic_fixes_make_the_draft_valid_without_the_llm():
    draft = flow()
    draft["trigger"]["type"] = "record_created"
    draft["components"][2]["definition"] = "send_emial"
    counter = CallCounter()
    result = Copilot(FakeDrafter(draft), chat_model=chat(counter=counter)).run("notify")
    assert result.ok and result.path == "fixed" and result.flow == NOTIFY
    assert counter.calls == 0
    assert [e["event"] for e in result.events].count("fixing") == 1


def test_llm_repair_succeeds_with_a_full_flow():
    counter = CallCounter()
    result = Copilot(FakeDrafter(unfixable()), chat_model=chat(fenced(NOTIFY), counter=counter)).run("notify")
    assert result.ok and result.path == "llm-repair" and result.rounds == 1
    assert result.flow == NOTIFY and counter.calls == 1


def test_llm_repair_succeeds_with_a_patch_list():
    fix = [{"op": "add", "path": "/components/2/inputs/1", "value": {"name": "subject", "value": "P1 incident"}}]
    result = Copilot(FakeDrafter(unfixable()), chat_model=chat(fenced(fix))).run("notify")
    assert result.ok and result.flow == NOTIFY


def test_failed_repair_leaves_the_current_flow_untouched():
    counter = CallCounter()
    copilot = Copilot(
        FakeDrafter(unfixable()),
        chat_model=chat(fenced(unfixable()), counter=counter),
        max_repair_rounds=3,
        placeholders_for_unresolved=False,
    )
    result = copilot.run("add a log step", flow=flow())
    assert not result.ok and result.patch == [] and result.flow == NOTIFY
    assert [p.code for p in result.problems] == ["missing_input"]
    assert result.rounds == 3 and counter.calls == 3  # the retry bound
    assert copilot.current_flow() == NOTIFY
    assert result.events[-1]["event"] == "error"


def test_policy_never_does_not_call_the_chat_model():
    counter = CallCounter()
    copilot = Copilot(
        FakeDrafter(unfixable()),
        chat_model=chat(fenced(NOTIFY), counter=counter),
        fallback_policy="never",
        placeholders_for_unresolved=False,
    )
    result = copilot.run("notify")
    assert not result.ok and result.flow is None and counter.calls == 0


def test_zero_repair_rounds_means_no_repair():
    counter = CallCounter()
    result = Copilot(
        FakeDrafter(unfixable()),
        chat_model=chat(fenced(NOTIFY), counter=counter),
        max_repair_rounds=0,
        placeholders_for_unresolved=False,
    ).run("x")
    assert not result.ok and counter.calls == 0


def test_always_llm_drafts_with_the_chat_model():
    drafter = FakeDrafter()
    result = Copilot(drafter, chat_model=chat(fenced(NOTIFY)), fallback_policy="always_llm").run("notify")
    assert result.ok and result.path == "llm" and drafter.requests == []


def test_drafter_error_is_a_clean_error():
    result = Copilot(FakeDrafter(DraftError("model crashed"))).run("add a log step", flow=flow())
    assert not result.ok and "model crashed" in result.error and result.flow == NOTIFY and result.patch == []


def test_drafter_error_falls_back_to_the_chat_model_when_allowed():
    result = Copilot(FakeDrafter(DraftError("model crashed")), chat_model=chat(fenced(NOTIFY))).run("notify")
    assert result.ok and result.path == "llm"
    assert {k: v for k, v in result.events[1].items() if k != "elapsed_s"} == {"event": "drafting", "by": "slm"}
    times = [e["elapsed_s"] for e in result.events]  # every stage says the turn's time so far
    assert times == sorted(times) and times[0] >= 0
    assert result.events[2]["by"] == "llm" and "model crashed" in result.events[2]["reason"]


class RaisingChat(GenericFakeChatModel):
    def _generate(self, *args, **kwargs):
        raise ConnectionError("server went away")


def test_chat_model_exception_is_a_clean_error():
    model = RaisingChat(messages=iter([]))
    result = Copilot(FakeDrafter(unfixable()), chat_model=model).run("notify")
    assert not result.ok and "ConnectionError" in result.error and result.rounds == 1
    assert "server went away" not in result.error  # an upstream's text stays in the service log


def test_garbage_answer_is_a_clean_error():
    model = GenericFakeChatModel(messages=iter([AIMessage(content="<html><body>502 Bad Gateway</body></html>")]))
    result = Copilot(FakeDrafter(unfixable()), chat_model=model).run("notify")
    assert not result.ok and "unusable answer" in result.error and result.problems


def test_edit_without_a_flow_is_refused():
    drafter = FakeDrafter()
    result = Copilot(drafter).run("add a log step", task="edit")
    assert not result.ok and "needs a current flow" in result.error and drafter.requests == []


def test_unknown_task_is_rejected():
    with pytest.raises(ValueError, match="task must be one of"):
        Copilot(FakeDrafter()).run("x", task="rewrite")


def test_question_without_chat_model_describes_the_flow():
    drafter = FakeDrafter()
    result = Copilot(drafter).run("what does this flow do?", flow=flow())
    assert result.ok and result.task == "question" and result.patch == [] and result.flow == NOTIFY
    assert "Created on incident" in result.explanation and drafter.requests == []


def test_question_with_chat_model_uses_its_answer():
    result = Copilot(FakeDrafter(), chat_model=chat("It emails VIP callers.")).run("explain the flow", flow=flow())
    assert result.ok and result.explanation == "It emails VIP callers." and result.path == "llm"


def test_every_patch_reproduces_the_flow_and_validates():
    current = flow()
    target = with_log()
    target["components"][2]["inputs"][1]["value"] = "Urgent"
    target["trigger"]["inputs"][1]["value"] = "priority=2"
    result = Copilot(FakeDrafter(target)).run("change subject, trigger and add a log", flow=current)
    assert result.ok and apply_checked(current, result.patch) == target and validate_flow(result.flow) == []
    assert "Trigger:" in result.explanation and "Changed: Send Email (step 3): subject" in result.explanation
    assert current == NOTIFY


def test_stream_yields_progress_then_the_result():
    copilot = Copilot(FakeDrafter(unfixable()), chat_model=chat(fenced(NOTIFY)))
    events = list(copilot.stream("notify"))
    names = [e["event"] for e in events]
    assert names == [
        "routing",
        "drafting",
        "validating",
        "fixing",
        "validating",
        "repairing",
        "validating",
        "diffing",
        "done",
    ]
    assert events[-1]["result"]["ok"] and events[-1]["result"]["flow"] == NOTIFY


def test_stream_ends_with_error_on_failure():
    events = list(Copilot(FakeDrafter(DraftError("down"))).stream("notify"))
    assert events[-1]["event"] == "error" and events[-1]["result"]["ok"] is False


def test_second_turn_edits_the_first_turns_flow():
    drafter = FakeDrafter(NOTIFY, with_log())
    copilot = Copilot(drafter)
    copilot.run("notify VIP callers", thread_id="a")
    second = copilot.run("add a log step", thread_id="a")
    assert second.task == "edit" and drafter.requests[1].flow == NOTIFY
    assert second.patch == [{"op": "add", "path": "/components/3", "value": with_log()["components"][3]}]
    assert copilot.current_flow("b") is None


SECRET = "ghp_abcdefghijklmnopqrstuvwxyz123456"


def pasting(req) -> dict:
    """A drafter that copies the request into the description (as `models.draft_text.parse_draft`
    does) and its last word, a token, into a REST call's headers."""
    token = req.request.split()[-1]
    headers = f"Authorization: Bearer {token}"
    drafted = rest_call(NOTIFY, method="GET", url="https://api.example.com/v1", headers=headers)
    drafted["description"] = req.request
    return drafted


def test_a_secret_pasted_into_the_request_never_leaves_in_the_answer():
    copilot = Copilot(ScriptedDrafter(pasting))
    result = copilot.run(f"call the items API with my token {SECRET}")
    assert result.ok and result.path == "fixed"
    assert result.flow["components"][3]["inputs"][2] == {"name": "headers", "value": "Authorization: Bearer"}
    assert result.flow["description"] == "call the items API with my token"
    assert SECRET not in result.model_dump_json()  # flow, patch, explanation, problems, events
    [fixing] = [e for e in result.events if e["event"] == "fixing"]
    assert any("removed a literal credential (a GitHub token)" in note for note in fixing["changes"])
    streamed = list(copilot.stream(f"call the items API with my token {SECRET}", thread_id="s"))
    assert SECRET not in json.dumps(streamed)


def test_a_secret_the_repair_model_puts_back_is_cut_again():
    with_secret = flow()
    with_secret["components"][2]["inputs"][1]["value"] = SECRET  # send_email's required subject
    counter = CallCounter()
    copilot = Copilot(
        FakeDrafter(with_secret),
        chat_model=chat(fenced(with_secret), counter=counter),
        placeholders_for_unresolved=False,
    )
    result = copilot.run(f"email the caller, subject {SECRET}")
    assert not result.ok and counter.calls == 2  # both repair rounds answered the secret again
    assert [p.code for p in result.problems] == ["missing_input"]  # the emptied subject, explained
    assert SECRET not in result.model_dump_json()


def test_an_unmatched_request_gets_the_rest_of_the_flow_and_a_placeholder_it_names():
    drafter = FakeDrafter(NOTIFY)
    result = Copilot(drafter).run("email VIP callers of P1 incidents and send a fax to the vendor")
    assert result.ok and result.path == "slm"  # a warning sends nothing to fixes or repair
    assert result.flow["components"][:-1] == NOTIFY["components"]  # nothing invented, nothing remapped
    last = result.flow["components"][-1]
    assert (last["definition"], last["inputs"]) == (
        "placeholder",
        [{"name": "description", "value": "send a fax to the vendor"}],
    )
    assert [(p.code, p.severity) for p in result.problems] == [("placeholder", "warning")]
    assert "Flowsmith cannot send a fax: the catalog has no fax action" in result.explanation
    assert "a placeholder step marks where it goes" in result.explanation
    assert apply_checked({}, result.patch) == result.flow


def test_an_edit_keeps_the_placeholder_and_does_not_add_a_second():
    copilot = Copilot(FakeDrafter(NOTIFY, with_log()))
    first = copilot.run("email VIP callers of P1 incidents and fax the vendor", thread_id="p")
    second = copilot.run("add a log step and fax the vendor", thread_id="p")
    placeholders = [c for c in second.flow["components"] if c["definition"] == "placeholder"]
    assert len(placeholders) == 1 and placeholders[0]["inputs"] == first.flow["components"][-1]["inputs"]
    assert "cannot send a fax" not in second.explanation and second.ok


class RepairingDrafter(FakeDrafter):
    """A drafter trained on the repair task (`can_repair`)."""

    can_repair = True


def test_the_slm_repairs_a_draft_the_fixes_cannot_before_any_llm():
    counter = CallCounter()
    drafter = RepairingDrafter(unfixable(), NOTIFY)
    result = Copilot(drafter, chat_model=chat(fenced(NOTIFY), counter=counter)).run("notify")
    assert result.ok and result.path == "slm-repair" and result.flow == NOTIFY and counter.calls == 0
    repair = drafter.requests[1]
    assert repair.task == "repair" and repair.flow == unfixable() and repair.request == "notify"
    assert [p.split(": [")[1].split("]")[0] for p in repair.problems] == ["missing_input"]
    assert [e.get("by") for e in result.events if e["event"] == "repairing"] == ["slm"]


def test_a_failed_slm_repair_leaves_the_llm_its_turn_and_is_tried_once():
    counter = CallCounter()
    drafter = RepairingDrafter(unfixable(), unfixable())
    result = Copilot(drafter, chat_model=chat(fenced(NOTIFY), counter=counter)).run("notify")
    assert result.ok and result.path == "llm-repair" and counter.calls == 1
    assert [r.task for r in drafter.requests] == ["generate", "repair"]


def test_a_drafter_not_trained_to_repair_is_never_asked():
    drafter = FakeDrafter(unfixable())
    result = Copilot(drafter, fallback_policy="never", placeholders_for_unresolved=False).run("notify")
    assert not result.ok and [r.task for r in drafter.requests] == ["generate"]
