"""CORS origins, body size and JSON nesting depth at the HTTP boundary."""

import pytest
from fastapi.testclient import TestClient

from plugin.app import create_app
from plugin.testing.apps import user_client
from plugin.testing.flows import NOTIFY
from plugin.testing.stubs import echo_factory, make_settings

ALLOWED = "https://editor.example.com"


def app_client(tmp_path, **settings) -> TestClient:
    return user_client(create_app(make_settings(tmp_path, **settings), copilot_factory=echo_factory))


def preflight(client: TestClient, origin: str):
    return client.options(
        "/v1/generate",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )


def test_cors_preflight_allows_only_configured_origins(tmp_path):
    with app_client(tmp_path, cors_origins=[ALLOWED]) as client:
        allowed = preflight(client, ALLOWED)
        refused = preflight(client, "https://evil.example.com")
        simple = client.get("/v1/catalog", headers={"Origin": "https://evil.example.com"})
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == ALLOWED
    assert "POST" in allowed.headers["access-control-allow-methods"]
    assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers
    assert "access-control-allow-origin" not in simple.headers


def test_without_configured_origins_no_cross_origin_access(tmp_path):
    with app_client(tmp_path) as client:
        response = preflight(client, ALLOWED)
    assert "access-control-allow-origin" not in response.headers


def test_a_body_over_the_size_limit_is_413(tmp_path):
    with app_client(tmp_path, max_body_bytes=2_000) as client:
        response = client.post("/v1/validate", json={"flow": {**NOTIFY, "description": "x" * 5_000}})
    assert response.status_code == 413 and "larger than 2000 bytes" in response.json()["detail"]


def nested(depth: int) -> str:
    return '{"flow": {"description": ' + "[" * depth + "]" * depth + "}}"


@pytest.mark.parametrize("depth", [31, 100, 5_000, 200_000])
def test_json_nested_deeper_than_the_limit_is_422_with_the_limit_named(tmp_path, depth):
    with app_client(tmp_path) as client:
        response = client.post("/v1/validate", content=nested(depth), headers={"Content-Type": "application/json"})
    assert response.status_code == 422  # body + flow + 31 arrays = 33 levels > 32
    assert response.json()["message"] == (
        "body: request body nests JSON deeper than 32 levels (limit: FLOWSMITH_MAX_JSON_DEPTH)"
    )


def test_json_at_the_limit_is_parsed(tmp_path):
    with app_client(tmp_path) as client:
        response = client.post("/v1/validate", content=nested(30), headers={"Content-Type": "application/json"})
        brackets_in_strings = client.post("/v1/validate", json={"flow": {**NOTIFY, "description": "[" * 500}})
    assert response.status_code == 200 and not response.json()["ok"]  # a 32-deep body is read and validated
    assert brackets_in_strings.status_code == 200 and brackets_in_strings.json()["ok"]


def test_the_depth_limit_is_configurable(tmp_path):
    with app_client(tmp_path, max_json_depth=3) as client:
        shallow = client.post("/v1/generate", json={"request": "notify VIP callers"})
        deep = client.post("/v1/edit", json={"flow": NOTIFY, "instruction": "add a log step"})
    assert shallow.status_code == 200
    assert deep.status_code == 422 and "deeper than 3 levels" in deep.json()["message"]


LONE = "\\ud800"  # as escaped in the JSON text: decodes to an unpaired surrogate
UNICODE_CASES = [
    ("POST", "/v1/validate", '{"flow": {"trigger": {"type": "x%s"}, "components": []}}' % LONE),
    (
        "POST",
        "/v1/edit",
        '{"flow": {"trigger": {"type": "x", "inputs": [{"name": "a%s", "value": "b"}]},'
        ' "components": []}, "instruction": "x"}' % LONE,
    ),
    ("PUT", "/v1/admin/config", '{"slm": {"adapter_path": "/models/x%s"}}' % LONE),
    ("POST", "/v1/generate", '{"request": "notify \\udfff"}'),
]


@pytest.mark.parametrize(("method", "url", "body"), UNICODE_CASES)
def test_a_lone_surrogate_is_422_not_a_500_when_echoed(tmp_path, method, url, body):
    headers = {"Content-Type": "application/json", "Authorization": "Bearer reliability-admin-token-7"}
    with app_client(tmp_path) as client:
        response = client.request(method, url, content=body, headers=headers)
        paired = client.post(
            "/v1/generate", content='{"request": "notify \\ud83d\\ude00"}', headers={"Content-Type": "application/json"}
        )
    assert response.status_code == 422
    assert "lone UTF-16 surrogate" in response.json()["message"]
    assert paired.status_code == 200  # a proper surrogate pair (an emoji) is fine


def test_a_flow_integer_beyond_64_bits_is_422_not_a_500(tmp_path):
    flow = {**NOTIFY, "components": [{**NOTIFY["components"][0], "order": 2**64}]}
    with app_client(tmp_path) as client:
        response = client.post("/v1/edit", json={"flow": flow, "instruction": "add a log step"})
    assert response.status_code == 422
    assert "components[0].order = 18446744073709551616 does not fit in a 64-bit integer" in response.json()["message"]
