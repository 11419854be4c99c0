"""Two service processes sharing one PostgreSQL: conversations and admin writes carry over, history stays whole."""

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from plugin.admin_config import AdminConfig
from plugin.database import open_admin_store
from plugin.testing.flows import NOTIFY, log_step
from plugin.testing.postgres import new_database
from plugin.testing.replica import drafted_name, replicas
from plugin.testing.stubs import BOB, admin_headers, make_settings, user_headers

OFFLINE = {"llm": None, "fallback_policy": "never"}
POLL_S = 0.2


@pytest.fixture(scope="module")
def two(postgres_url, tmp_path_factory):
    """Replicas A and B on one fresh database whose config is offline (no chat model)."""
    url = new_database(postgres_url)
    store = open_admin_store(make_settings(tmp_path_factory.mktemp("seed"), database_url=url))
    store.put(AdminConfig.model_validate(OFFLINE))
    store.close()
    env = {"FLOWSMITH_DATABASE_URL": url, "FLOWSMITH_CONFIG_POLL_S": str(POLL_S)}
    with replicas(tmp_path_factory.mktemp("replicas"), **env) as urls:
        headers = user_headers()  # both replicas verify the same host key (make_settings' jwt_key)
        a = httpx.Client(base_url=urls[0], timeout=60, headers=headers)
        b = httpx.Client(base_url=urls[1], timeout=60, headers=headers)
        with a, b:
            yield a, b


def put_config(client: httpx.Client, slm_s: float) -> dict:
    config = {**OFFLINE, "timeouts": {"slm_s": slm_s, "llm_s": 5.0}}
    response = client.put("/v1/admin/config", json=config, headers=admin_headers())
    assert response.status_code == 200, response.text
    return response.json()


def test_a_conversation_begun_on_one_replica_continues_on_the_other(two):
    a, b = two
    begun = a.post("/v1/generate", json={"request": "notify VIP callers"}).json()
    conversation = {"message": "add a log step", "conversation_id": begun["conversation_id"]}
    follow = b.post("/v1/chat", json=conversation).json()
    assert begun["ok"] and begun["flow"]["components"] == NOTIFY["components"]
    assert follow["ok"] and follow["flow"] == log_step(begun["flow"], "add a log step")  # B read A's memory
    assert b.get(f"/v1/conversations/{begun['conversation_id']}", headers=user_headers(BOB)).status_code == 404


def test_an_admin_write_on_one_replica_is_in_effect_on_the_other_without_a_restart(two):
    a, b = two
    version = put_config(a, 7.0)["version"]
    assert b.get("/v1/admin/config", headers=admin_headers()).json()["version"] == version
    for _ in range(100):  # B rebuilds its copilot on its own (config_poll_s), before any turn asks
        health = b.get("/healthz").json()
        if health == {"status": "ok", "config_version": version, "copilot_ready": True}:
            break
        time.sleep(POLL_S / 2)
    assert health == {"status": "ok", "config_version": version, "copilot_ready": True}
    drafted = b.post("/v1/generate", json={"request": "notify VIP callers"}).json()
    assert drafted["flow"]["name"] == drafted_name(7.0)


def test_concurrent_admin_writes_on_both_replicas_keep_the_version_history_whole(two):
    a, b = two
    before = a.get("/v1/admin/config", headers=admin_headers()).json()["version"]
    timeouts = [200.0 + i for i in range(24)]
    with ThreadPoolExecutor(6) as pool:
        written = list(pool.map(lambda i: put_config((a, b)[i % 2], timeouts[i]), range(len(timeouts))))
    histories = [c.get("/v1/admin/config/history", headers=admin_headers()).json()["versions"] for c in (a, b)]
    assert histories[0] == histories[1]
    versions = [v["version"] for v in histories[0]]
    assert versions == list(range(before + len(timeouts), 0, -1))  # 1..n, no gaps, none lost
    assert sorted(w["version"] for w in written) == list(range(before + 1, before + len(timeouts) + 1))
    by_version = {v["version"]: v["config"]["timeouts"]["slm_s"] for v in histories[0]}
    assert all(by_version[w["version"]] == w["config"]["timeouts"]["slm_s"] for w in written)  # each one whole
