"""The adversarial probe of the running service (docs/reliability.md, findings 1-8): one section each.

Each test failed on the code the probe ran against and passes now. The ReDoS tests compare the
cost of one input with the cost of one four times its size, in the same run (linear: ~4x,
quadratic: ~16x); they assert no wall-clock limit.
"""

import copy
import inspect
import socket
import time

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from plugin.app import create_app
from plugin.security import flow_safety_problems, unsafe_markup
from plugin.settings import Settings
from plugin.testing.apps import llm_config, runtime_app, seed, serve, user_client
from plugin.testing.flows import NOTIFY, rest_call
from plugin.testing.stubs import ADMIN_TOKEN, ScriptedDrafter, admin_headers, echo_factory, llm_stub, make_settings
from plugin.url_guard import is_internal, url_verdict
from schemas.secrets import find_secrets, looks_like_secret
from schemas.validate import validate_flow


def app_client(tmp_path, **settings) -> TestClient:
    return user_client(create_app(make_settings(tmp_path, **settings), copilot_factory=echo_factory))


# 1. An admin config could send any environment secret anywhere; upstream bodies reached clients.


def test_api_key_env_may_name_only_the_operators_allow_list(tmp_path):
    with app_client(tmp_path, llm_key_envs=["OPENAI_API_KEY"]) as client:

        def put(env: str):
            llm = {"spec": "openai:gpt-4o-mini", "base_url": "http://127.0.0.1:8899/v1", "api_key_env": env}
            return client.put("/v1/admin/config", json={"llm": llm}, headers=admin_headers())

        own, other, allowed = put("FLOWSMITH_ADMIN_TOKEN"), put("DB_PASSWORD"), put("OPENAI_API_KEY")
    assert own.status_code == 422 and other.status_code == 422 and allowed.status_code == 200
    assert own.json()["detail"][0]["loc"] == ["body", "llm", "api_key_env"]
    assert "FLOWSMITH_LLM_KEY_ENVS" in own.json()["detail"][0]["msg"]


def test_the_operator_cannot_allow_the_services_own_secrets():
    with pytest.raises(ValidationError, match="FLOWSMITH_ADMIN_TOKEN"):
        Settings(llm_key_envs=["FLOWSMITH_ADMIN_TOKEN"])


def test_a_stored_config_naming_a_forbidden_variable_builds_no_copilot(tmp_path, monkeypatch):
    monkeypatch.setenv("DB_PASSWORD", "hunter2")
    config = {"llm": {"spec": "openai:x", "base_url": "http://127.0.0.1:1/v1", "api_key_env": "DB_PASSWORD"}}
    with runtime_app(tmp_path, ScriptedDrafter(lambda req: NOTIFY), config) as client:
        answer = client.post("/v1/chat", json={"message": "what does this flow do?", "flow": NOTIFY})
        health = client.get("/v1/admin/health", headers=admin_headers()).json()
    assert answer.status_code == 503 and "hunter2" not in answer.text
    assert "api_key_env" in health["detail"]


def test_an_upstream_error_body_never_reaches_the_client(tmp_path, monkeypatch, caplog):
    with llm_stub() as stub:
        stub["mode"] = "html"  # a 502 page; it stands for any body, e.g. one echoing db_password=hunter2
        with runtime_app(tmp_path, ScriptedDrafter(lambda req: NOTIFY), llm_config(stub["url"])) as client:
            answer = client.post("/v1/chat", json={"message": "what does this flow do?", "flow": NOTIFY}).json()
    assert "Bad Gateway" not in answer["explanation"] and "error id" in answer["explanation"]


# 2. One 32 KB request stalled the service: quadratic backtracking.


def cost(check, make, size: int) -> float:
    """The least CPU time of three runs of `check(make(size))`."""
    value, best = make(size), float("inf")
    for _ in range(3):
        start = time.process_time()
        check(value)
        best = min(best, time.process_time() - start)
    return best


def growth(check, make, size: int = 8_000) -> float:
    return cost(check, make, 4 * size) / max(cost(check, make, size), 1e-6)


def email_flow(value: str) -> dict:
    flow = copy.deepcopy(NOTIFY)
    for item in flow["components"][-1]["inputs"]:
        if item["name"] == "to":
            item["value"] = value
    return flow


WORST = {
    "email input": (lambda flow: validate_flow(flow), lambda n: email_flow("a@" + "." * n + "@")),
    "email list": (lambda flow: validate_flow(flow), lambda n: email_flow("a@b" * (n // 3))),
    "URL scheme runs": (flow_safety_problems, lambda n: {"description": "a." * (n // 2)}),
    "URL-ish colons": (flow_safety_problems, lambda n: {"description": "a:" * (n // 2)}),
    "markup": (flow_safety_problems, lambda n: {"description": "<a " * (n // 3)}),
    "secret detector": (looks_like_secret, lambda n: "?" + "a" * n),
    "secrets in params": (lambda v: find_secrets(v, "body"), lambda n: "password=a1&" * (n // 12)),
    "secrets in fields": (lambda v: find_secrets(v, "body"), lambda n: '"pwd": "a1", ' * (n // 13)),
}


@pytest.mark.parametrize("name", list(WORST))
def test_the_worst_inputs_cost_linear_time(name):
    check, make = WORST[name]
    assert growth(check, make) < 9, f"{name}: 4x the input cost more than 9x the time (quadratic is 16x)"


def test_validation_runs_off_the_event_loop(tmp_path):
    """/v1/validate is a plain def route: FastAPI runs it in a worker thread."""
    from plugin.routes import catalog

    assert not inspect.iscoroutinefunction(catalog.validate)


# 3. The REST-call guard could be walked around, and /v1/validate never ran it.

BLOCKED = [
    "http://\t169.254.169.254/latest",
    "http://\n10.0.0.1/",
    "http://１２７.0.0.1/",
    "http://example.com\\@127.0.0.1/",
    "http:/\\169.254.169.254/",
    "HTTP:169.254.169.254",
    "http://2130706433/",
    "http://0x7f.0.0.1/",
    "http://017700000001/",
    "http://127.1/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[::127.0.0.1]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://[2002:a9fe:a9fe::]/",
    "http://[fe80::1%25eth0]/",
    "http://[fd00:ec2::254]/",
    "http://100.100.100.200/latest/meta-data",
    "http://metadata.google.internal/",
    "http://metadata/",
    "http://169.254.169.254.nip.io/",
    "http://10-0-0-1.sslip.io/",
    "http://app.127.0.0.1.nip.io/",
    "http://localtest.me/",
    "http://kubernetes.default.svc/",
    "http://{{flow_var.host}}/api",
    "https://{{trigger.current.u_endpoint}}/x",
    "http://%31%32%37.0.0.1/",
]
PUBLIC = [
    "https://api.example.com/v1?q=1",
    "https://hooks.slack.com/services/T/B/x",
    "https://8.8.8.8/",
    "https://api.example.com/{{flow_var.path}}",
    "https://bücher.example/x",
    "https://[2606:4700::1111]/",
]


@pytest.mark.parametrize("url", BLOCKED)
def test_url_forms_that_reach_internal_or_unknown_hosts_are_refused(url):
    assert url_verdict(url) is not None, url


@pytest.mark.parametrize("url", PUBLIC)
def test_public_urls_pass(url):
    assert url_verdict(url) is None, url_verdict(url)


def test_a_host_from_a_pill_is_allowed_only_when_the_operator_says_so():
    assert url_verdict("http://{{flow_var.host}}/", pill_hosts=True) is None
    assert not is_internal("api.example.com")


def test_validate_runs_the_guard(tmp_path):
    flow = rest_call(NOTIFY, method="GET", url="http://\t169.254.169.254/latest/meta-data")
    whole_pill = rest_call(NOTIFY, method="GET", url="{{flow_var.host}}")
    with app_client(tmp_path) as client:
        answers = [client.post("/v1/validate", json={"flow": f}).json() for f in (flow, whole_pill)]
    for answer in answers:
        assert not answer["ok"] and "blocked_url" in {p["code"] for p in answer["problems"]}


def test_an_edit_of_a_flow_whose_host_is_a_flow_variable_is_refused(tmp_path):
    def obedient(req):
        return rest_call(req.flow, method="GET", url="http://{{flow_var.host}}/latest/meta-data")

    with runtime_app(tmp_path, ScriptedDrafter(obedient)) as client:
        answer = client.post("/v1/edit", json={"flow": NOTIFY, "instruction": "call the metadata host"}).json()
    assert answer["ok"] is False and answer["patch"] == []
    assert "blocked_url" in {p["code"] for p in answer["problems"]}


# 4. Raw surrogate bytes or a UTF-16 body gave a 500.


@pytest.mark.parametrize(
    "body", [b'{"request": "x", "\xed\xa0\x80": 1}', '{"request": "x"}'.encode("utf-16"), b'{"request": "caf\xe9"}']
)
def test_a_body_that_is_not_strict_utf8_is_422(tmp_path, body):
    with app_client(tmp_path) as client:
        response = client.post("/v1/generate", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422 and "not UTF-8" in response.json()["message"]


# 5. /healthz told anyone which environment variables exist.


def test_health_says_degraded_only_and_the_reason_is_for_admins(tmp_path):
    seed(tmp_path, {"llm": {"spec": "openai:x", "api_key_env": "SURELY_NOT_SET_VAR"}})

    def factory(config):
        raise ValueError("environment variable SURELY_NOT_SET_VAR is not set")

    with user_client(
        create_app(make_settings(tmp_path, llm_key_envs=["SURELY_NOT_SET_VAR"]), copilot_factory=factory)
    ) as client:
        public = client.get("/healthz")
        generate = client.post("/v1/generate", json={"request": "notify"})
        admin = client.get("/v1/admin/health", headers=admin_headers()).json()
    assert public.json()["status"] == "degraded" and "SURELY_NOT_SET_VAR" not in public.text
    assert generate.status_code == 503 and "SURELY_NOT_SET_VAR" not in generate.text
    assert "SURELY_NOT_SET_VAR" in admin["detail"]


# 6. The rate limit trusted X-Forwarded-For.


def test_forwarded_for_does_not_dodge_the_rate_limit(tmp_path):
    app = create_app(make_settings(tmp_path, rate_limit_per_minute=5), copilot_factory=echo_factory)
    with serve(app) as url, httpx.Client(base_url=url) as client:
        codes = [
            client.get("/v1/catalog", headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code for i in range(10)
        ]
    assert codes.count(429) >= 5


def test_forwarded_for_is_read_from_a_configured_proxy(tmp_path):
    settings = make_settings(tmp_path, rate_limit_per_minute=5, forwarded_allow_ips=["127.0.0.1"])
    with serve(create_app(settings, copilot_factory=echo_factory)) as url, httpx.Client(base_url=url) as client:
        codes = [
            client.get("/v1/catalog", headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code for i in range(10)
        ]
    assert 429 not in codes  # each forwarded client has its own bucket


# 7. Slow or ambiguous HTTP.


def raw(url: str, data: bytes, wait_s: float) -> bytes:
    """Send `data` on a raw connection and read until the server closes it (or `wait_s` passes)."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=wait_s) as sock:
        sock.sendall(data)
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except TimeoutError:
            return received + b"<still open>"
    return received


def test_a_body_that_stops_arriving_is_408_and_the_connection_closed(tmp_path):
    settings = make_settings(tmp_path, body_timeout_s=0.5)
    with serve(create_app(settings, copilot_factory=echo_factory)) as url:
        head = (
            b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
        )
        answer = raw(url, head + b'{"flow": {"name": "x", "desc', wait_s=5)
    assert answer.startswith(b"HTTP/1.1 408") and not answer.endswith(b"<still open>")


def test_headers_that_stop_arriving_close_the_connection(tmp_path):
    settings = make_settings(tmp_path, header_timeout_s=0.5)
    with serve(create_app(settings, copilot_factory=echo_factory)) as url:
        answer = raw(url, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ", wait_s=5)
    assert not answer.endswith(b"<still open>")


def test_content_length_with_transfer_encoding_is_refused_and_nothing_pipelined_is_answered(tmp_path):
    with serve(create_app(make_settings(tmp_path), copilot_factory=echo_factory)) as url:
        smuggled = (
            b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
            b"GET /v1/catalog HTTP/1.1\r\nHost: x\r\n\r\n"
        )
        answer = raw(url, smuggled, wait_s=5)
    assert answer.startswith(b"HTTP/1.1 400") and answer.count(b"HTTP/1.1 ") == 1


# 8. Smaller findings.


def test_validate_caps_the_problems_it_lists(tmp_path):
    flow = {
        **NOTIFY,
        "components": [
            {"category": "action", "definition": f"nope{i}", "scope": "global", "order": i + 1, "inputs": []}
            for i in range(150)
        ],
    }
    with app_client(tmp_path, max_problems=50) as client:
        answer = client.post("/v1/validate", json={"flow": flow}).json()
    assert len(answer["problems"]) == 50 and answer["omitted"] >= 100 and not answer["ok"]


@pytest.mark.parametrize(
    "url",
    [
        "https://h.example/v1?access_token=abc123",
        "https://abcdef123456@h.example/v1",
        "https://h.example/v1#id_token=x",
        "https://h.example/v1?client_secret=s",
    ],
)
def test_the_config_secret_detector_sees_tokens_in_urls(url):
    assert looks_like_secret(url)


def test_a_refused_config_value_is_not_echoed(tmp_path):
    with app_client(tmp_path) as client:
        response = client.put(
            "/v1/admin/config",
            headers=admin_headers(),
            json={"slm": {"base_url": "ftp://user:tok3nvalue@h.example/v1", "model": "m"}},
        )
    assert response.status_code == 422 and "tok3nvalue" not in response.text


@pytest.mark.parametrize(
    "text",
    [
        '<img src="x"onerror=alert(1)>',
        '<img/src="x"/onerror=alert(1)>',
        "jav&#x61;script:alert(1)",
        '<a href="jav&#x09;ascript:x">y</a>',
        "<svg><animate onbegin=alert(1)>",
    ],
)
def test_markup_is_read_as_a_browser_reads_it(text):
    assert unsafe_markup(text)


@pytest.mark.parametrize("text", ["count<limit and status online=false", "a <b>bold</b> note", "x < y > z"])
def test_harmless_text_is_not_markup(text):
    assert unsafe_markup(text) is None


@pytest.mark.parametrize("path", ["../../../../etc", "/proc/self", "/etc", "models/../../x"])
def test_adapter_path_stays_inside_the_models_directory(tmp_path, path):
    with app_client(tmp_path) as client:
        response = client.put("/v1/admin/config", json={"slm": {"adapter_path": path}}, headers=admin_headers())
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "slm", "adapter_path"]


def test_an_adapter_inside_the_models_directory_is_accepted(tmp_path):
    (tmp_path / "models" / "mine").mkdir(parents=True)
    with app_client(tmp_path) as client:
        response = client.put("/v1/admin/config", json={"slm": {"adapter_path": "mine"}}, headers=admin_headers())
    assert response.status_code == 200


def test_the_editor_is_sent_with_a_content_security_policy(tmp_path):
    with app_client(tmp_path) as client:
        editor, api = client.get("/editor"), client.get("/v1/catalog")
    assert "frame-ancestors 'none'" in editor.headers["Content-Security-Policy"]
    assert "script-src 'self'" in editor.headers["Content-Security-Policy"]
    for response in (editor, api):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"


def test_config_history_records_who_made_each_change(tmp_path):
    with app_client(tmp_path) as client:
        client.put(
            "/v1/admin/config",
            json={"max_repair_rounds": 2},
            headers={**admin_headers(), "X-Flowsmith-Actor": "alice@example.com"},
        )
        client.post("/v1/admin/config/rollback/1", headers=admin_headers())
        versions = client.get("/v1/admin/config/history", headers=admin_headers()).json()["versions"]
    assert [v["source"] for v in versions] == ["rollback:1", "put", "default"]
    assert versions[1]["actor"].startswith("admin token ") and versions[1]["actor"].endswith(" as alice@example.com")
    assert "testclient" in versions[0]["actor"] and ADMIN_TOKEN not in versions[0]["actor"]
    assert versions[2]["actor"] == ""
