"""The copilot endpoints: JSON answers, SSE streams and failures."""

import json
import re

import jsonpatch
import pytest

from plugin.testing.fake_copilot import GENERATED
from plugin.testing.flows import log_step


def sse_events(text: str) -> list[tuple[str, dict]]:
    """(event, data) pairs of a text/event-stream body."""
    events = []
    for block in text.replace("\r\n", "\n").strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        events.append((fields["event"], json.loads(fields["data"])))
    return events


def test_generate_returns_flow_and_patch_from_empty(client, built):
    body = client.post("/v1/generate", json={"request": "notify the caller"}).json()
    assert body["ok"] and body["task"] == "generate" and body["path"] == "slm"
    assert body["flow"] == GENERATED
    assert jsonpatch.apply_patch({}, body["patch"]) == GENERATED
    conversation = body["conversation_id"]  # a new conversation: its id comes back
    assert built[-1].calls == [("notify the caller", None, "generate", conversation)]
    again = client.post("/v1/generate", json={"request": "and again", "conversation_id": conversation}).json()
    assert again["conversation_id"] == conversation and built[-1].calls[-1][3] == conversation


def test_edit_sends_flow_and_instruction(client, built):
    body = client.post("/v1/edit", json={"flow": GENERATED, "instruction": "log it"}).json()
    assert body["flow"] == log_step(GENERATED, "log it")
    assert jsonpatch.apply_patch(GENERATED, body["patch"]) == body["flow"]
    request, flow, task, thread = built[-1].calls[-1]
    assert (request, task, thread) == ("log it", "edit", body["conversation_id"])
    assert flow == GENERATED


def test_complete_asks_with_empty_request(client, built):
    body = client.post("/v1/complete", json={"flow": GENERATED}).json()
    assert body["task"] == "complete"
    assert body["patch"][0]["op"] == "add" and body["patch"][0]["path"] == "/components/2"
    assert built[-1].calls[-1][0] == "" and built[-1].calls[-1][2] == "complete"


@pytest.mark.parametrize("flow, task", [(None, "generate"), (GENERATED, "edit")])
def test_chat_lets_the_agent_route(client, built, flow, task):
    body = client.post("/v1/chat", json={"message": "add a log", "flow": flow}).json()
    assert body["task"] == task
    assert built[-1].calls[-1][2] is None


def test_stream_query_answers_with_progress_then_done(client):
    response = client.post("/v1/generate?stream=true", json={"request": "notify the caller"})
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response.text)
    assert [name for name, _ in events] == ["routing", "drafting", "validating", "diffing", "done"]
    assert events[0][1] == {"task": "generate"}
    done = events[-1][1]
    assert done["flow"] == GENERATED and done["conversation_id"] not in ("", "default")
    assert client.get(f"/v1/conversations/{done['conversation_id']}").json()["flow"] == GENERATED
    assert jsonpatch.apply_patch({}, done["patch"]) == GENERATED


def test_accept_header_also_streams(client):
    response = client.post(
        "/v1/edit", json={"flow": GENERATED, "instruction": "x"}, headers={"Accept": "text/event-stream"}
    )
    assert sse_events(response.text)[-1][0] == "done"


def test_stream_reports_a_crash_as_error_event(client):
    events = sse_events(client.post("/v1/chat?stream=true", json={"message": "explode"}).text)
    name, data = events[-1]
    assert name == "error" and data["code"] == "internal"
    assert "RuntimeError" in data["message"] and "error id" in data["message"]
    assert "the drafter crashed" not in data["message"]  # exception text stays in the service log


def test_crash_is_a_500_with_the_kind_and_an_error_id_the_log_explains(client, caplog):
    response = client.post("/v1/chat", json={"message": "explode"})
    assert response.status_code == 500
    detail = response.json()["detail"]
    assert "RuntimeError" in detail and "the drafter crashed" not in detail
    error_id = re.search(r"error id (\w+)", detail).group(1)
    assert any(error_id in r.getMessage() and "the drafter crashed" in str(r.exc_info[1]) for r in caplog.records)


@pytest.mark.parametrize(
    "url, body, where",
    [
        ("/v1/generate", {"request": ""}, "body.request"),
        ("/v1/generate", {"request": "x", "api_key": "y"}, "body.api_key"),
        ("/v1/generate", {"request": "x", "conversation_id": "a b"}, "body.conversation_id"),
        ("/v1/edit", {"flow": {"trigger": {}}, "instruction": "x"}, "body.flow.trigger.type"),
        ("/v1/edit", {"flow": GENERATED}, "body.instruction"),
        ("/v1/complete", {}, "body.flow"),
        (
            "/v1/chat",
            {"message": "x", "flow": {"trigger": {"type": "t"}, "components": [{"category": "x"}]}},
            "body.flow.components.0",
        ),
    ],
)
def test_bad_input_is_422_saying_where(client, url, body, where):
    response = client.post(url, json=body)
    assert response.status_code == 422
    assert where in response.json()["message"]


def test_malformed_json_is_422(client):
    response = client.post("/v1/generate", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert "body" in response.json()["message"]


def test_agent_failure_is_200_with_ok_false_and_problems(client):
    body = client.post("/v1/generate", json={"request": "unfixable"}).json()
    assert body["ok"] is False and body["patch"] == [] and body["path"] == "llm-repair"
    assert body["error"] == "the draft is still invalid after 2 repair rounds"
    assert body["problems"][0]["path"] == "/components/0/definition"


def test_agent_failure_streams_an_error_event_with_the_result(client):
    name, data = sse_events(client.post("/v1/generate?stream=true", json={"request": "unfixable"}).text)[-1]
    assert name == "error"
    assert data["message"] == "the draft is still invalid after 2 repair rounds"
    assert data["result"]["ok"] is False and data["result"]["conversation_id"] not in ("", "default")


def test_the_agents_copilot_result_converts():
    from agent.service import CopilotResult
    from plugin.http_answer import to_response

    result = CopilotResult(
        ok=True,
        task="edit",
        flow=GENERATED,
        patch=[{"op": "remove", "path": "/components/1"}],
        path="fixed",
        rounds=1,
        events=[{"event": "done"}],
    )
    response = to_response(result, "c9")
    assert response.model_dump(exclude={"problems", "explanation", "error"}) == {
        "ok": True,
        "task": "edit",
        "flow": GENERATED,
        "patch": [{"op": "remove", "path": "/components/1"}],
        "path": "fixed",
        "rounds": 1,
        "conversation_id": "c9",
    }
    assert to_response(result.model_dump(mode="json"), "c9") == response
