"""Limits: body size and flow size (413), rate (429), timeouts (504)."""

import threading

from fastapi.testclient import TestClient

from plugin.app import create_app
from plugin.limits import RateLimiter
from plugin.testing.apps import user_client
from plugin.testing.fake_copilot import GENERATED, FakeCopilot
from plugin.testing.stubs import BOB, user_headers
from tests.plugin.conftest import BlockingCopilot, make_settings
from tests.plugin.test_app_copilot import sse_events


def app_client(tmp_path, factory=FakeCopilot, **settings) -> TestClient:
    return user_client(create_app(make_settings(tmp_path, **settings), copilot_factory=factory))


def test_body_over_the_limit_is_413(tmp_path):
    with app_client(tmp_path, max_body_bytes=200) as client:
        response = client.post("/v1/generate", json={"request": "x" * 300})
        small = client.post("/v1/generate", json={"request": "x"})
    assert response.status_code == 413
    assert "200 bytes" in response.json()["detail"] and "FLOWSMITH_MAX_BODY_BYTES" in response.json()["detail"]
    assert small.status_code == 200


def test_chunked_body_over_the_limit_is_413(tmp_path):
    chunks = iter([b'{"request": "', b"x" * 150, b"x" * 150, b'"}'])
    with app_client(tmp_path, max_body_bytes=200) as client:
        response = client.post("/v1/generate", content=chunks, headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_flow_with_too_many_components_is_413(tmp_path):
    with app_client(tmp_path, max_flow_components=1) as client:
        edit = client.post("/v1/edit", json={"flow": GENERATED, "instruction": "x"})
        validate = client.post("/v1/validate", json={"flow": GENERATED})
    for response in (edit, validate):
        assert response.status_code == 413
        assert "body.flow.components has 2 components" in response.json()["detail"]
        assert "at most 1" in response.json()["detail"]


def test_rate_limit_is_429_with_retry_after(tmp_path):
    with app_client(tmp_path, rate_limit_per_minute=2) as client:
        statuses = [client.get("/v1/catalog").status_code for _ in range(3)]
        refused = client.post("/v1/generate", json={"request": "x"})
        health = client.get("/healthz")
    assert statuses == [200, 200, 429]
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "at most 2 requests per minute" in refused.json()["detail"]
    assert health.status_code == 200  # ops routes are not rate limited


def test_rate_limiter_refills_per_client():
    now = [0.0]
    limiter = RateLimiter(per_minute=2, clock=lambda: now[0])
    assert [limiter.take("a"), limiter.take("a")] == [0.0, 0.0]
    assert limiter.take("a") == 30.0
    assert limiter.take("b") == 0.0
    now[0] = 30.0
    assert limiter.take("a") == 0.0
    assert limiter.take("a") > 0


def test_slow_copilot_is_504_and_the_next_call_waits_its_turn(tmp_path):
    release = threading.Event()
    factory = lambda config: BlockingCopilot(config, release)  # noqa: E731
    try:
        with app_client(tmp_path, factory=factory, request_timeout_s=0.2) as client:
            first = client.post("/v1/generate", json={"request": "x"})
            second = client.post("/v1/generate", json={"request": "y"})
            streamed = sse_events(client.post("/v1/generate?stream=true", json={"request": "z"}).text)
            release.set()
    finally:
        release.set()
    assert first.status_code == 504 and "did not answer in time" in first.json()["detail"]
    assert second.status_code == 504 and "busy with another request" in second.json()["detail"]
    assert streamed[-1][0] == "error" and streamed[-1][1]["code"] == "timeout"


def test_one_users_turns_past_their_share_are_429_others_still_queue(tmp_path):
    release = threading.Event()
    factory = lambda config: BlockingCopilot(config, release)  # noqa: E731
    try:
        with app_client(tmp_path, factory=factory, max_waiting_per_user=0) as client:
            runner = client.app.state.runner
            first = threading.Thread(target=lambda: client.post("/v1/generate", json={"request": "x"}))
            first.start()
            while not runner._per_user:  # alice's first turn holds the copilot
                threading.Event().wait(0.01)
            second = client.post("/v1/generate", json={"request": "y"})
            streamed = sse_events(client.post("/v1/generate?stream=true", json={"request": "z"}).text)
            bob = threading.Thread(
                target=lambda: client.post("/v1/chat", json={"message": "x"}, headers=user_headers(BOB))
            )
            bob.start()
            while len(runner._per_user) < 2:  # bob waits in the queue: his share is his own
                threading.Event().wait(0.01)
            release.set()
            first.join(10)
            bob.join(10)
    finally:
        release.set()
    assert second.status_code == 429 and second.headers["Retry-After"] == "1"
    assert "you already have 1 requests" in second.json()["detail"]
    assert streamed[-1][0] == "error" and streamed[-1][1]["code"] == "busy"
