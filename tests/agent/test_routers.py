"""Task routing (the learned router on plain cases) and the conditional edges."""

from types import SimpleNamespace

import pytest

from agent.context import Context
from agent.routers import after_draft, after_repair, after_route, after_validate
from agent.state import State
from agent.task_model import predict_task
from plugin.testing.flows import NOTIFY
from tests.agent.fakes import FakeDrafter


@pytest.mark.parametrize(
    ("request_text", "has_flow", "task"),
    [
        ("email the caller when a P1 incident opens", False, "generate"),
        ("what does it do?", False, "question"),  # answered: there is no flow yet
        ("When it's a P2 do the same", True, "edit"),
        ("Is it possible to also cc the manager?", True, "edit"),
        ("how about notifying the group instead?", True, "edit"),
        ("start over with a new flow for changes", True, "generate"),
        ("", True, "complete"),
        ("   ", True, "complete"),
        ("What does step 3 send?", True, "question"),
        ("explain the condition", True, "question"),
        ("is the email sent to the manager?", True, "question"),
        ("can you add a log step?", True, "edit"),
        ("add a log step", True, "edit"),
        ("send it to the manager instead", True, "edit"),
    ],
)
def test_routing(request_text, has_flow, task):
    assert predict_task(request_text, NOTIFY if has_flow else None) == task


def _runtime(**policy) -> SimpleNamespace:
    return SimpleNamespace(context=Context(drafter=FakeDrafter(), **policy))


def test_after_route_and_after_draft_stop_on_error():
    assert after_route(State(task="question")) == "answer"
    assert after_route(State(task="edit")) == "draft"
    assert after_route(State(task="edit", error="x")) == "respond"
    assert after_draft(State(error="x")) == "respond" and after_draft(State()) == "validate"
    assert after_repair(State(error="x")) == "respond" and after_repair(State()) == "validate"


def test_after_validate():
    bad = [{"code": "c", "path": "", "message": "m"}]
    llm = object()
    assert after_validate(State(), _runtime()) == "diff"
    assert after_validate(State(problems=bad), _runtime()) == "fix"
    warning = [{"code": "placeholder", "path": "/components/3", "message": "m", "severity": "warning"}]
    assert after_validate(State(problems=warning), _runtime()) == "diff"  # warnings never send a draft to fixes
    assert after_validate(State(problems=warning + bad), _runtime()) == "fix"
    assert after_validate(State(problems=bad, fixed=True), _runtime()) == "respond"  # no chat model
    runtime = _runtime(max_repair_rounds=2)
    runtime.context.chat_model = llm
    assert after_validate(State(problems=bad, fixed=True, rounds=1), runtime) == "repair"
    assert after_validate(State(problems=bad, fixed=True, rounds=2), runtime) == "respond"
    runtime.context.fallback_policy = "never"
    assert after_validate(State(problems=bad, fixed=True), runtime) == "respond"


def test_context_checks_its_policy():
    with pytest.raises(ValueError, match="fallback_policy"):
        Context(drafter=FakeDrafter(), fallback_policy="sometimes")
    with pytest.raises(ValueError, match="needs a chat_model"):
        Context(drafter=FakeDrafter(), fallback_policy="always_llm")
    with pytest.raises(ValueError, match="max_repair_rounds"):
        Context(drafter=FakeDrafter(), max_repair_rounds=-1)
