"""Catalog, validate, health, metrics and the editor page."""

from agent.unsupported import placeholder_step
from plugin.routes.editor import STATIC_DIR
from plugin.testing.fake_copilot import GENERATED, FakeCopilot
from tests.plugin.conftest import make_settings


def test_catalog_is_the_default_catalog(client):
    body = client.get("/v1/catalog").json()
    assert body["platform"] == "servicenow"
    assert "record_create" in body["triggers"] and "log" in body["actions"]


def test_validate_valid_flow(client):
    assert client.post("/v1/validate", json={"flow": GENERATED}).json() == {"ok": True, "problems": [], "omitted": 0}


def test_validate_reports_every_problem_with_paths(client):
    flow = {**GENERATED, "components": [{**GENERATED["components"][1], "definition": "no_such_action"}]}
    body = client.post("/v1/validate", json={"flow": flow}).json()
    assert not body["ok"]
    assert any(p["path"].startswith("/components/0") for p in body["problems"])
    shape = client.post("/v1/validate", json={"flow": {"trigger": {}}}).json()
    required = {"code": "schema", "path": "/trigger/type", "message": "Field required", "severity": "error"}
    assert required in shape["problems"]


def test_validate_shows_a_placeholder_as_a_warning_and_the_flow_as_ok(client):
    step = placeholder_step(len(GENERATED["components"]) + 1, "send a fax to the vendor")
    flow = {**GENERATED, "components": [*GENERATED["components"], step]}
    body = client.post("/v1/validate", json={"flow": flow}).json()
    assert body["ok"] and [(p["code"], p["severity"]) for p in body["problems"]] == [("placeholder", "warning")]
    assert "replace it before activating the flow" in body["problems"][0]["message"]


def test_validate_needs_an_object(client):
    response = client.post("/v1/validate", json={"flow": [1, 2]})
    assert response.status_code == 422 and "body.flow" in response.json()["message"]


def test_healthz(client):
    assert client.get("/healthz").json() == {"status": "ok", "config_version": 1, "copilot_ready": True}


def test_metrics_count_routes_and_paths(client):
    for _ in range(3):
        client.post("/v1/generate", json={"request": "x"})
    client.post("/v1/generate", json={"request": ""})
    client.post("/v1/edit?stream=true", json={"flow": GENERATED, "instruction": "x"})
    body = client.get("/metrics").json()
    generate = body["routes"]["POST /v1/generate"]
    assert generate["count"] == 4 and generate["errors"] == 1
    assert 0 < generate["p50_ms"] <= generate["p95_ms"]
    assert body["routes"]["POST /v1/edit"]["count"] == 1
    assert body["paths"] == {"slm": 4}


def test_editor_page_and_bundle_are_served(client):
    page = client.get("/editor")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "static/editor.bundle.js" in page.text
    bundle = client.get("/static/editor.bundle.js")
    assert bundle.status_code == 200
    assert bundle.text == (STATIC_DIR / "editor.bundle.js").read_text(encoding="utf-8")


def test_cors_preflight_for_configured_origins(tmp_path):
    from plugin.app import create_app
    from plugin.testing.apps import user_client
    from plugin.testing.fake_copilot import FakeCopilot
    from tests.plugin.conftest import make_settings

    settings = make_settings(tmp_path, cors_origins=["http://editor.example"])
    headers = {"Origin": "http://editor.example", "Access-Control-Request-Method": "POST"}
    with user_client(create_app(settings, copilot_factory=FakeCopilot)) as client:
        allowed = client.options("/v1/generate", headers=headers)
        other = client.options("/v1/generate", headers={**headers, "Origin": "http://evil.example"})
    assert allowed.headers["access-control-allow-origin"] == "http://editor.example"
    assert "access-control-allow-origin" not in other.headers


def test_settings_come_from_flowsmith_env(monkeypatch, tmp_path):
    from plugin.settings import Settings

    monkeypatch.setenv("FLOWSMITH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("FLOWSMITH_RATE_LIMIT_PER_MINUTE", "7")
    monkeypatch.setenv("FLOWSMITH_ADMIN_TOKEN", "s3cret-token")
    settings = Settings()
    assert settings.admin_db == tmp_path / "admin.sqlite"
    assert settings.rate_limit_per_minute == 7
    assert "s3cret" not in repr(settings)


def test_the_default_copilot_is_built_with_the_apps_settings(tmp_path, monkeypatch):
    """create_app(settings) without a factory: the real copilot gets those settings, not the environment's."""
    import plugin.runtime
    from plugin.app import create_app
    from plugin.testing.apps import user_client

    seen = []

    def load_copilot(config, settings):
        seen.append(settings)
        return FakeCopilot(config)

    monkeypatch.setattr(plugin.runtime, "load_copilot", load_copilot)
    settings = make_settings(tmp_path / "mine", rest_allowed_hosts=["api.example.com"])
    with user_client(create_app(settings)) as client:
        assert client.get("/healthz").status_code == 200
    assert seen == [settings]
