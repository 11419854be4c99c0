"""Conversations belong to a (tenant, user): new ones per request without an id, 404 for anyone else's, expiry."""

import time

import anyio
import pytest

from plugin.app import create_app
from plugin.conversations import ConversationStore, prune_every
from plugin.testing.apps import user_client
from plugin.testing.fake_copilot import GENERATED, FakeCopilot
from plugin.testing.flows import NOTIFY, log_step
from plugin.testing.stubs import ALICE, BOB, EVE, echo_factory, user_headers
from tests.plugin.conftest import make_settings


def start(client, user=ALICE) -> str:
    response = client.post("/v1/generate", json={"request": "notify the caller"}, headers=user_headers(user))
    assert response.status_code == 200
    return response.json()["conversation_id"]


def test_two_requests_without_ids_never_share_state(tmp_path):
    with user_client(create_app(make_settings(tmp_path), copilot_factory=echo_factory)) as client:
        first = client.post("/v1/generate", json={"request": "notify the caller"}).json()
        second = client.post("/v1/edit", json={"flow": NOTIFY, "instruction": "add a log step"}).json()
        follow = client.post("/v1/chat", json={"message": "log this too", "conversation_id": first["conversation_id"]})
        flows = [client.get(f"/v1/conversations/{a['conversation_id']}").json()["flow"] for a in (first, second)]
    assert first["conversation_id"] != second["conversation_id"]
    assert follow.json()["flow"] == log_step(NOTIFY, "log this too")  # built on its own conversation's flow
    assert flows == [log_step(NOTIFY, "log this too"), log_step(NOTIFY, "add a log step")]


def test_a_conversation_continues_for_its_owner(client, built):
    conversation = start(client)
    body = client.post("/v1/chat", json={"message": "log it", "conversation_id": conversation}).json()
    assert body["conversation_id"] == conversation
    assert [call[3] for call in built[-1].calls] == [conversation, conversation]
    assert client.get(f"/v1/conversations/{conversation}").json()["flow"] == body["flow"]


@pytest.mark.parametrize("intruder", [BOB, EVE], ids=["same tenant", "other tenant"])
def test_no_one_else_can_read_continue_list_or_delete_it(client, built, intruder):
    conversation = start(client)
    headers = user_headers(intruder)
    answers = [
        client.get(f"/v1/conversations/{conversation}", headers=headers),
        client.post("/v1/chat", json={"message": "x", "conversation_id": conversation}, headers=headers),
        client.post(
            "/v1/edit", json={"flow": GENERATED, "instruction": "x", "conversation_id": conversation}, headers=headers
        ),
        client.delete(f"/v1/conversations/{conversation}", headers=headers),
    ]
    assert [a.status_code for a in answers] == [404] * 4
    unknown = client.get("/v1/conversations/never-issued", headers=headers)
    assert {a.json()["detail"].replace(conversation, "ID") for a in answers} == {
        unknown.json()["detail"].replace("never-issued", "ID")
    }  # someone else's reads exactly as one that does not exist
    assert client.get("/v1/conversations", headers=headers).json() == {"conversations": []}
    assert len(built[-1].calls) == 1  # nothing reached the copilot
    assert client.get(f"/v1/conversations/{conversation}").json()["flow"] == GENERATED  # the owner's is intact


def test_list_and_delete_your_own(client, built):
    ids = [start(client) for _ in range(3)]
    other = start(client, BOB)
    listed = client.get("/v1/conversations").json()["conversations"]
    assert [c["conversation_id"] for c in listed] == ids[::-1]  # most recently used first
    assert client.delete(f"/v1/conversations/{ids[0]}").status_code == 204
    assert client.delete(f"/v1/conversations/{ids[0]}").status_code == 404
    assert {c["conversation_id"] for c in client.get("/v1/conversations").json()["conversations"]} == set(ids[1:])
    assert built[-1].forgotten == [ids[0]] and built[-1].current_flow(ids[0]) is None  # its memory too
    assert client.post("/v1/chat", json={"message": "x", "conversation_id": ids[0]}).status_code == 404
    assert client.get(f"/v1/conversations/{other}", headers=user_headers(BOB)).status_code == 200


def test_an_expired_conversation_is_gone(tmp_path):
    now = [1000.0]
    store = ConversationStore(tmp_path / "c.sqlite", ttl_s=60, clock=lambda: now[0])
    old, kept = store.start(ALICE), store.start(ALICE)
    now[0] += 30
    assert store.find(ALICE, kept.id, touch=True) is not None  # used again: its expiry moves
    now[0] += 31
    assert store.find(ALICE, old.id) is None and [c.id for c in store.owned_by(ALICE)] == [kept.id]
    assert store.prune() == [old.id]
    assert store.prune() == [] and store.find(ALICE, kept.id) is not None
    now[0] += 61
    assert store.prune() == [kept.id] and store.owned_by(ALICE) == []


def test_the_service_prunes_expired_conversations_and_their_memory(tmp_path):
    copilots: list[FakeCopilot] = []
    factory = lambda config: copilots.append(FakeCopilot(config)) or copilots[-1]  # noqa: E731
    settings = make_settings(tmp_path, conversation_ttl_s=0.5)
    with user_client(create_app(settings, copilot_factory=factory)) as client:
        conversation = start(client)
        store = client.app.state.conversations
        time.sleep(0.6)
        assert client.get(f"/v1/conversations/{conversation}").status_code == 404  # expired, even before pruning

        async def one_round() -> None:
            with anyio.move_on_after(0.5):
                await prune_every(store, client.app.state.runner.forget, interval_s=10)

        anyio.run(one_round)
    assert ConversationStore(settings.conversations_db, 3600).find(ALICE, conversation) is None  # the row is gone
    assert copilots[-1].forgotten == [conversation] and copilots[-1].current_flow(conversation) is None


def test_a_conversation_id_is_still_checked_for_shape(client):
    response = client.post("/v1/generate", json={"request": "x", "conversation_id": "a b"})
    assert response.status_code == 422 and "body.conversation_id" in response.json()["message"]
