"""The admin config API: auth, validated writes, history, rollback, hot reload, persistence."""

import time

import pytest

from plugin.admin_config import AdminConfig
from plugin.admin_store import AdminStore
from plugin.app import create_app
from plugin.testing.apps import user_client
from plugin.testing.fake_copilot import FakeCopilot
from tests.plugin.conftest import ADMIN_TOKEN, make_settings

LLM_CONFIG = {
    "slm": {"base_url": "http://localhost:8001/v1", "model": "flowsmith-slm"},
    "llm": {"spec": "openai:gpt-4o-mini", "api_key_env": "OPENAI_API_KEY"},
    "fallback_policy": "on_invalid",
    "max_repair_rounds": 3,
}

ROUTES = [
    ("get", "/v1/admin/config"),
    ("put", "/v1/admin/config"),
    ("get", "/v1/admin/config/history"),
    ("post", "/v1/admin/config/rollback/1"),
]


@pytest.mark.parametrize("method, url", ROUTES)
def test_missing_token_is_401(client, method, url):
    del client.headers["Authorization"]  # the fixture's user token: no admin credential at all
    response = client.request(method, url, json=LLM_CONFIG)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("method, url", ROUTES)
def test_wrong_token_is_403(client, method, url):
    response = client.request(method, url, json=LLM_CONFIG, headers={"Authorization": "Bearer nope"})
    assert response.status_code == 403
    assert response.json()["detail"] == "wrong admin token"


def test_admin_api_is_off_without_a_configured_token(tmp_path):
    settings = make_settings(tmp_path, admin_token=None)
    with user_client(create_app(settings, copilot_factory=FakeCopilot)) as client:
        response = client.get("/v1/admin/config", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert response.status_code == 403
    assert "FLOWSMITH_ADMIN_TOKEN" in response.json()["detail"]


def test_default_config_is_version_1(client, admin):
    body = client.get("/v1/admin/config", headers=admin).json()
    assert body["version"] == 1 and body["source"] == "default"
    assert body["config"]["fallback_policy"] == "on_invalid"  # repair when an llm is configured
    assert body["config"]["llm"] is None  # none by default: the bare local base could not repair


def test_put_writes_a_new_version_and_rebuilds_the_copilot(client, admin, built):
    written = client.put("/v1/admin/config", json=LLM_CONFIG, headers=admin).json()
    assert written["version"] == 2 and written["source"] == "put"
    assert client.get("/v1/admin/config", headers=admin).json()["config"]["max_repair_rounds"] == 3
    assert built[-1].config.llm.spec == "openai:gpt-4o-mini"
    client.post("/v1/generate", json={"request": "x"})
    assert len(built) == 2  # no rebuild while the version stays the same


def test_history_is_newest_first(client, admin):
    client.put("/v1/admin/config", json=LLM_CONFIG, headers=admin)
    versions = client.get("/v1/admin/config/history", headers=admin).json()["versions"]
    assert [v["version"] for v in versions] == [2, 1]


def test_rollback_copies_an_old_version_forward(client, admin, built):
    client.put("/v1/admin/config", json=LLM_CONFIG, headers=admin)
    rolled = client.post("/v1/admin/config/rollback/1", headers=admin).json()
    assert rolled["version"] == 3 and rolled["source"] == "rollback:1"
    assert rolled["config"]["llm"] is None
    assert built[-1].config.llm is None


def test_rollback_to_unknown_version_is_404(client, admin):
    response = client.post("/v1/admin/config/rollback/42", headers=admin)
    assert response.status_code == 404
    assert "42" in response.json()["detail"]


@pytest.mark.parametrize(
    "config, where",
    [
        (
            {**LLM_CONFIG, "llm": {"spec": "openai:gpt-4o", "api_key_env": "sk-proj-abcdefghijklmnopqrstu"}},
            "body.llm.api_key_env",
        ),
        ({**LLM_CONFIG, "llm": {"spec": "openai:gpt-4o", "api_key": "x"}}, "body.llm.api_key"),
        ({**LLM_CONFIG, "llm": {"spec": "openai:gpt-4o", "base_url": "https://h/v1?api_key=abc"}}, "body.llm.base_url"),
        ({**LLM_CONFIG, "slm": {"model": "AKIAABCDEFGHIJKLMNOP", "base_url": "http://h"}}, "body.slm.model"),
        ({**LLM_CONFIG, "fallback_policy": "sometimes"}, "body.fallback_policy"),
        ({"fallback_policy": "always_llm", "llm": None}, "body"),
        ({**LLM_CONFIG, "max_repair_rounds": -1}, "body.max_repair_rounds"),
        ({"slm": {"base_url": "http://h"}}, "body.slm"),
    ],
)
def test_bad_config_is_422_and_not_written(client, admin, config, where):
    response = client.put("/v1/admin/config", json=config, headers=admin)
    assert response.status_code == 422
    assert where in response.json()["message"]
    assert client.get("/v1/admin/config", headers=admin).json()["version"] == 1


def test_secret_never_echoed_in_error_message(client, admin):
    key = "sk-proj-abcdefghijklmnopqrstu"
    config = {**LLM_CONFIG, "llm": {"spec": "openai:gpt-4o", "api_key_env": key}}
    response = client.put("/v1/admin/config", json=config, headers=admin)
    assert response.status_code == 422
    assert key not in response.text


def test_config_survives_a_restart(tmp_path, admin):
    settings = make_settings(tmp_path)
    with user_client(create_app(settings, copilot_factory=FakeCopilot)) as client:
        client.put("/v1/admin/config", json=LLM_CONFIG, headers=admin)
    seen = []
    with user_client(create_app(settings, copilot_factory=lambda c: seen.append(c) or FakeCopilot(c))) as client:
        body = client.get("/v1/admin/config", headers=admin).json()
        history = client.get("/v1/admin/config/history", headers=admin).json()["versions"]
    assert body["version"] == 2 and body["config"]["max_repair_rounds"] == 3
    assert len(history) == 2
    assert seen[0].max_repair_rounds == 3  # the lifespan built the copilot from the stored config


def test_broken_config_makes_copilot_503_and_health_degraded(tmp_path, admin):
    def factory(config):
        if config.slm.base_url:
            raise OSError("endpoint unreachable")
        return FakeCopilot(config)

    with user_client(create_app(make_settings(tmp_path), copilot_factory=factory)) as client:
        client.put("/v1/admin/config", json=LLM_CONFIG, headers=admin)
        response = client.post("/v1/generate", json={"request": "x"})
        health = client.get("/healthz").json()
        admin_health = client.get("/v1/admin/health", headers=admin).json()
        client.post("/v1/admin/config/rollback/1", headers=admin)
        recovered = client.post("/v1/generate", json={"request": "x"})
    assert response.status_code == 503
    assert "config version 2" in response.json()["detail"] and "OSError" in response.json()["detail"]
    assert "endpoint unreachable" not in response.json()["detail"]  # the reason is for admins
    assert health["status"] == "degraded" and "detail" not in health
    assert admin_health["status"] == "degraded" and "endpoint unreachable" in admin_health["detail"]
    assert recovered.status_code == 200


def test_a_config_written_by_another_process_is_built_without_a_turn(tmp_path):
    """The runner polls the store (FLOWSMITH_CONFIG_POLL_S): a write from outside is picked up on its own."""
    built: list[FakeCopilot] = []
    settings = make_settings(tmp_path, config_poll_s=0.05)
    factory = lambda config: built.append(FakeCopilot(config)) or built[-1]  # noqa: E731
    with user_client(create_app(settings, copilot_factory=factory)) as client:
        AdminStore(settings.admin_db).put(AdminConfig(max_repair_rounds=5))  # as another replica would
        deadline = time.monotonic() + 10
        while client.get("/healthz").json() != {"status": "ok", "config_version": 2, "copilot_ready": True}:
            assert time.monotonic() < deadline, client.get("/healthz").json()
            time.sleep(0.05)
    assert [c.config.max_repair_rounds for c in built] == [AdminConfig().max_repair_rounds, 5]


def test_the_database_url_must_be_a_postgresql_url(tmp_path):
    with pytest.raises(ValueError, match="postgresql://"):
        make_settings(tmp_path, database_url="mysql://db/flowsmith")
