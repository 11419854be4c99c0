"""Repair prompts carry the draft, exact problems and relevant catalog; answers parse leniently."""

import json

import pytest

from models.repair_prompts import AnswerError, catalog_context, parse_answer, repair_messages
from schemas.catalog import default_catalog
from schemas.problems import Problem

CATALOG = default_catalog()
DRAFT = {
    "trigger": {"type": "record_created", "inputs": [{"name": "table", "value": "incident"}]},
    "components": [{"category": "action", "definition": "send_emial", "order": 1, "inputs": []}],
}


def test_catalog_context_has_named_nearest_and_requested_entries():
    text = catalog_context(DRAFT, "post to slack", CATALOG)
    lines = text.splitlines()
    assert any(line.startswith("trigger record_create ") for line in lines)
    assert any(line.startswith("action send_email ") and "to: email*" in line for line in lines)
    assert any(line.startswith("action slack_post_message ") for line in lines)
    assert any(line.startswith("table incident fields:") and "caller_id: ref:sys_user" in line for line in lines)


def test_repair_prompt_has_the_draft_and_exact_problems():
    problem = Problem(code="unknown_action", path="/components/0/definition", message="unknown action 'send_emial'")
    system, human = repair_messages(DRAFT, [problem], CATALOG, "email the caller")
    assert "JSON patch" in system.content
    assert "/components/0/definition: [unknown_action] unknown action 'send_emial'" in human.content
    assert json.dumps(DRAFT, indent=1) in human.content and "Request: email the caller" in human.content


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('```json\n{"trigger": {"type": "daily"}}\n```', {"trigger": {"type": "daily"}}),
        ('Sure! {"flow": {"trigger": {}, "components": []}} done', {"trigger": {}, "components": []}),
        ('```\n[{"op": "remove", "path": "/components/0"}]\n```', [{"op": "remove", "path": "/components/0"}]),
        ('Step [1] was wrong. ```json\n{"note": 1}\n``` {"trigger": {"type": "x"}}', {"trigger": {"type": "x"}}),
    ],
)
def test_parse_answer_is_lenient(text, expected):
    assert parse_answer(text) == expected


@pytest.mark.parametrize("text", ["", "<html>502</html>", "```json\n{broken\n```", "[1, 2]", '{"name": "no trigger"}'])
def test_parse_answer_refuses_garbage(text):
    with pytest.raises(AnswerError):
        parse_answer(text)


def test_a_refused_answer_is_quoted_without_its_credentials():
    with pytest.raises(AnswerError) as refused:
        parse_answer("Sure! Use the key AKIAIOSFODNN7EXAMPLE in the header.")
    assert "AKIAIOSFODNN7EXAMPLE" not in str(refused.value) and "the key <redacted> in" in str(refused.value)
