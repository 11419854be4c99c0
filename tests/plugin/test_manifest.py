"""manifest.json is current, and its endpoints are exactly the app's."""

import json

import pytest

from plugin.admin_config import AdminConfig
from plugin.manifest import MANIFEST, build_manifest, render
from schemas.catalog import default_catalog
from schemas.workflow import FORMAT_VERSION

FILE = json.loads(MANIFEST.read_text(encoding="utf-8"))


def test_file_is_the_generated_manifest():
    assert FILE == build_manifest(), "manifest.json is stale: run `python -m plugin.manifest`"
    assert MANIFEST.read_text(encoding="utf-8") == render()


def test_admin_config_schema_is_the_models():
    assert FILE["admin_config_schema"] == AdminConfig.model_json_schema()


def test_catalog_and_format_version():
    catalog = default_catalog()
    assert FILE["catalog"] == {"platform": catalog.platform, "version": catalog.version}
    assert FILE["flow_format_version"] == FORMAT_VERSION
    assert set(FILE["capabilities"]) == {"chat", "generate", "edit", "complete", "validate"}


def test_the_user_auth_scheme_is_declared():
    user = FILE["auth"]["user"]
    assert (user["scheme"], user["bearer_format"]) == ("bearer", "JWT")
    assert set(user["algorithms"]) == {"HS256", "RS256", "ES256"} and "exp" in user["claims"]["required"]


@pytest.mark.parametrize("endpoint", FILE["endpoints"], ids=lambda e: f"{e['method']} {e['path']}")
def test_every_manifest_endpoint_answers(client, admin, endpoint):
    conversation = client.post("/v1/generate", json={"request": "x"}).json()["conversation_id"]
    path = endpoint["path"].replace("{version}", "1").replace("{conversation_id}", conversation)
    headers = admin if endpoint["auth"] == "admin" else {}
    response = client.request(endpoint["method"], path, json={}, headers=headers)
    assert response.status_code not in (404, 405), response.text


def test_every_v1_route_is_in_the_manifest(client):
    listed = {(e["method"], e["path"]) for e in FILE["endpoints"]}
    served = {
        (method.upper(), path) for path, operations in client.app.openapi()["paths"].items() for method in operations
    }
    assert {s for s in served if s[1].startswith("/v1/")} <= listed
    assert listed <= served


def test_admin_routes_need_the_token_and_stream_flags_match(client):
    public = {"/v1/catalog", "/v1/auth/dev-token", "/healthz", "/metrics"}
    for endpoint in FILE["endpoints"]:
        assert (endpoint["auth"] == "admin") == endpoint["path"].startswith("/v1/admin/")
        assert (endpoint["auth"] == "user") == (endpoint["auth"] != "admin" and endpoint["path"] not in public)
        assert endpoint["streams"] == (endpoint["path"] in {"/v1/generate", "/v1/edit", "/v1/complete", "/v1/chat"})
