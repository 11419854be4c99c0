"""Admin auth (constant-time compare) and secrets: never logged, never returned."""

import hmac
import logging

import pytest

from plugin.app import create_app
from plugin.testing.apps import llm_config, runtime_app, user_client
from plugin.testing.flows import NOTIFY, unfixable
from plugin.testing.stubs import ADMIN_TOKEN, ScriptedDrafter, admin_headers, echo_factory, llm_stub, make_settings

SECRET = "sk-live-" + "Q7w" * 12  # what a real provider key looks like
ADMIN_ROUTES = [
    ("GET", "/v1/admin/config"),
    ("PUT", "/v1/admin/config"),
    ("GET", "/v1/admin/config/history"),
    ("POST", "/v1/admin/config/rollback/1"),
]


@pytest.fixture
def client(tmp_path):
    with user_client(create_app(make_settings(tmp_path), copilot_factory=echo_factory)) as test_client:
        yield test_client


@pytest.mark.parametrize(("method", "url"), ADMIN_ROUTES)
@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer"}, 401),
        ({"Authorization": f"Basic {ADMIN_TOKEN}"}, 401),
        ({"Authorization": "Bearer wrong"}, 403),
        ({"Authorization": f"Bearer {ADMIN_TOKEN[:-1]}"}, 403),  # a prefix is not the token
        ({"Authorization": f"Bearer {ADMIN_TOKEN}x"}, 403),
    ],
)
def test_admin_routes_refuse_without_the_token(client, method, url, headers, status):
    del client.headers["Authorization"]  # the harness's user token is no admin credential either (tested below)
    response = client.request(method, url, json={"fallback_policy": "never", "llm": None}, headers=headers)
    assert response.status_code == status
    assert ADMIN_TOKEN not in response.text
    assert client.get("/v1/admin/config", headers=admin_headers()).json()["version"] == 1  # nothing written


def test_the_token_is_compared_in_constant_time(client, monkeypatch):
    calls, compare = [], hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return compare(a, b)

    monkeypatch.setattr("plugin.deps.hmac.compare_digest", spy)
    assert client.get("/v1/admin/config", headers=admin_headers()).status_code == 200
    assert client.get("/v1/admin/config", headers={"Authorization": "Bearer nope"}).status_code == 403
    assert calls == [(ADMIN_TOKEN.encode(), ADMIN_TOKEN.encode()), (b"nope", ADMIN_TOKEN.encode())]


def test_a_key_in_the_config_is_refused_without_being_echoed(client, caplog):
    config = {"llm": {"spec": "openai:gpt-4o-mini", "base_url": f"https://api.example.com/v1?api_key={SECRET}"}}
    with caplog.at_level(logging.DEBUG):
        response = client.put("/v1/admin/config", json=config, headers=admin_headers())
    assert response.status_code == 422
    assert "environment variable" in response.json()["message"]
    assert SECRET not in response.text and SECRET not in caplog.text


def test_the_llm_key_reaches_only_the_llm_never_logs_or_responses(tmp_path, monkeypatch, caplog, capfd):
    monkeypatch.setenv("RELIABILITY_LLM_KEY", SECRET)
    with llm_stub() as stub, caplog.at_level(logging.DEBUG):
        stub["mode"] = "garbage"  # a failing repair: error paths are where keys leak
        config = {
            **llm_config(stub["url"]),
            "llm": {"spec": "openai:stub", "base_url": stub["url"], "api_key_env": "RELIABILITY_LLM_KEY"},
        }
        with runtime_app(
            tmp_path, ScriptedDrafter(lambda req: unfixable()), config, llm_key_envs=["RELIABILITY_LLM_KEY"]
        ) as client:
            answers = [
                client.post("/v1/edit", json={"flow": NOTIFY, "instruction": "add a log step"}),
                client.post("/v1/generate?stream=true", json={"request": "notify"}),
                client.get("/v1/admin/config", headers=admin_headers()),
                client.get("/v1/admin/config/history", headers=admin_headers()),
                client.get("/healthz"),
                client.get("/metrics"),
            ]
    assert answers[0].json()["ok"] is False and stub["requests"]  # the LLM was called, and failed
    assert answers[2].json()["config"]["llm"]["api_key_env"] == "RELIABILITY_LLM_KEY"
    out, err = capfd.readouterr()
    for text in [*(a.text for a in answers), caplog.text, out, err]:
        assert SECRET not in text and ADMIN_TOKEN not in text
