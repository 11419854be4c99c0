"""Tenants and users never reach each other's conversations: every route tried, on the shipped runtime's memory.

The figures in docs/reliability.md ("Tenants and users") come from these sweeps' summaries.
"""

from plugin.auth import Principal
from plugin.testing.apps import runtime_app
from plugin.testing.isolation import sweep
from plugin.testing.stubs import ALICE, BOB, EVE, EchoDrafter

USERS = [ALICE, BOB, EVE, Principal("globex", "bob")]


def test_no_user_reaches_another_users_conversation(tmp_path):
    with runtime_app(tmp_path, EchoDrafter()) as client:
        report = sweep(client, USERS)
    print(report.summary())
    assert not report.leaks, report.leaks
    assert report.refused == report.attempts and report.cross_tenant_refused == report.cross_tenant > 0


def test_a_restart_keeps_conversations_with_their_owners(tmp_path):
    with runtime_app(tmp_path, EchoDrafter()) as client:
        conversation = client.post("/v1/generate", json={"request": "notify"}).json()["conversation_id"]
    with runtime_app(tmp_path, EchoDrafter()) as client:
        mine = client.get(f"/v1/conversations/{conversation}")
        report = sweep(client, [ALICE, EVE])
    assert mine.status_code == 200 and mine.json()["flow"] is not None  # memory and ownership both survived
    assert not report.leaks, report.leaks
