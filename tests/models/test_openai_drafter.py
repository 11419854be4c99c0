"""OpenAIDrafter against a stub OpenAI-compatible completions server on 127.0.0.1."""

import time

import pytest

from models.drafter import DraftError, DraftRequest
from models.grammar import flow_grammar
from models.openai_drafter import OpenAIDrafter
from models.serialize import to_text
from tests.models.flows import RICH, SIMPLE
from tests.models.stub_server import answer, stub_server, url


@pytest.fixture
def server():
    with stub_server() as httpd:
        yield httpd


def test_a_good_answer_becomes_a_flow_and_the_request_carries_prompt_and_grammar(server, monkeypatch):
    monkeypatch.setenv("STUB_KEY", "sekret")
    server.reply = lambda body: answer(to_text(SIMPLE))
    req = DraftRequest("generate", "log P1 incidents")
    flow = OpenAIDrafter(url(server), "flowsmith", api_key_env="STUB_KEY").draft(req)
    assert flow["trigger"] == SIMPLE["trigger"] and flow["components"] == SIMPLE["components"]
    assert flow["name"] == "Log P1 incidents"
    seen = server.seen[0]
    assert seen["path"] == "/v1/completions" and seen["auth"] == "Bearer sekret"
    body = seen["body"]
    assert body["model"] == "flowsmith" and body["prompt"].endswith("<|im_start|>assistant\n")
    assert body["stop"] == ["<|im_end|>"] and body["temperature"] == 0
    assert body["structured_outputs"] == {"grammar": flow_grammar()}


def test_complete_sends_a_continuation_grammar_and_keeps_the_prefix(server):
    partial = {**RICH, "components": RICH["components"][:8]}
    rest = to_text(RICH)[len(to_text(partial)) + 1 :]
    server.reply = lambda body: answer(rest)
    flow = OpenAIDrafter(url(server), "m", grammar_field="guided_grammar").draft(DraftRequest("complete", "", partial))
    assert flow["components"] == RICH["components"]
    body = server.seen[0]["body"]
    assert body["guided_grammar"].startswith("root ::= open-2?") and "structured_outputs" not in body


def test_a_cut_off_answer_drops_its_unfinished_line(server):
    server.reply = lambda body: answer(to_text(SIMPLE) + "\n2 log | mess", finish="length")
    flow = OpenAIDrafter(url(server), "m", grammar_field="none").draft(DraftRequest("generate", "x"))
    assert [c["order"] for c in flow["components"]] == [1]
    assert "structured_outputs" not in server.seen[0]["body"]


@pytest.mark.parametrize(
    "reply, message",
    [
        (lambda body: (200, b"<html>not json</html>"), "not an OpenAI completions answer"),
        (lambda body: (200, b'{"choices": []}'), "not an OpenAI completions answer"),
        (lambda body: (200, b'{"choices": [{"text": 42}]}'), "not a string"),
        (lambda body: (500, b'{"error": "boom"}'), "HTTPStatusError"),
        (lambda body: answer("hello, I am a language model"), "model text is not a flow"),
    ],
)
def test_garbage_is_a_draft_error(server, reply, message):
    server.reply = reply
    with pytest.raises(DraftError, match=message):
        OpenAIDrafter(url(server), "m").draft(DraftRequest("generate", "x"))


def test_a_silent_server_times_out_as_a_draft_error(server):
    server.reply = lambda body: (time.sleep(1.0), answer(to_text(SIMPLE)))[1]
    with pytest.raises(DraftError, match="no answer within 0.2s"):
        OpenAIDrafter(url(server), "m", timeout=0.2).draft(DraftRequest("generate", "x"))


def test_a_closed_port_is_a_draft_error():
    with pytest.raises(DraftError, match="ConnectError"):
        OpenAIDrafter("http://127.0.0.1:9/v1", "m", timeout=2).draft(DraftRequest("generate", "x"))


def test_drafts_answers_each_request_in_order(server):
    server.reply = lambda body: answer(to_text(SIMPLE)) if "P1" in body["prompt"] else (200, b"nope")
    reqs = [DraftRequest("generate", "P1 log"), DraftRequest("generate", "other"), DraftRequest("edit", "no flow")]
    results = OpenAIDrafter(url(server), "m").drafts(reqs)
    assert isinstance(results[0], dict) and results[0]["name"] == "P1 log"
    assert isinstance(results[1], DraftError) and isinstance(results[2], DraftError)
    assert "needs the current flow" in str(results[2])


def test_a_missing_api_key_variable_is_refused_up_front(monkeypatch):
    monkeypatch.delenv("NO_SUCH_KEY", raising=False)
    with pytest.raises(ValueError, match="NO_SUCH_KEY is not set"):
        OpenAIDrafter("http://127.0.0.1:9/v1", "m", api_key_env="NO_SUCH_KEY")
