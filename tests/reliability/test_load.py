"""200 concurrent requests against uvicorn on 127.0.0.1: all answered or cleanly refused, none lost."""

import time

from agent.nodes.respond import KEPT_MESSAGES
from agent.service import Copilot
from plugin.app import create_app
from plugin.testing.apps import serve
from plugin.testing.fake_copilot import FakeCopilot
from plugin.testing.loadgen import REFUSALS, fire, rss_mb
from plugin.testing.stubs import EchoDrafter, make_settings

N = 200
GENERATE = {"request": "notify the caller of P1 incidents"}
ROUNDS = 2
RSS_GROWTH_MB = 60


class SlowCopilot(FakeCopilot):
    """Each answer takes 20 ms: 200 of them cannot all finish within a 1 s request timeout."""

    def run(self, *args, **kwargs):
        time.sleep(0.02)
        return super().run(*args, **kwargs)


def test_every_request_is_answered_and_memory_stays_bounded(tmp_path):
    with serve(create_app(make_settings(tmp_path, max_waiting=N), copilot_factory=FakeCopilot)) as url:
        warm = fire(url, "/v1/generate", GENERATE, N)
        before = rss_mb()
        rounds = [fire(url, "/v1/generate", GENERATE, N) for _ in range(ROUNDS)]
        after = rss_mb()
    for report in (warm, *rounds):
        assert report.lost == 0 and report.statuses == {200: N}, report.summary()
    assert after - before < RSS_GROWTH_MB, f"RSS grew {after - before:.0f} MB over {ROUNDS * N} requests"


def test_over_the_rate_limit_requests_are_refused_with_429(tmp_path):
    settings = make_settings(tmp_path, rate_limit_per_minute=60, max_waiting=N)
    with serve(create_app(settings, copilot_factory=FakeCopilot)) as url:
        report = fire(url, "/v1/generate", GENERATE, N)
    assert report.lost == 0 and set(report.statuses) == {200, 429}, report.summary()
    assert report.statuses[200] >= 60  # the bucket's capacity, plus whatever refilled meanwhile


def test_past_the_request_timeout_requests_are_refused_with_504(tmp_path):
    settings = make_settings(tmp_path, request_timeout_s=1.0, max_waiting=N)
    with serve(create_app(settings, copilot_factory=SlowCopilot)) as url:
        report = fire(url, "/v1/generate", GENERATE, N)
        health = fire(url, "/healthz", None, 1, method="GET")
    assert report.lost == 0 and set(report.statuses) <= {200} | REFUSALS, report.summary()
    assert report.statuses[504] > 0  # 200 x 20 ms of serialized work cannot fit in 1 s
    assert health.statuses == {200: 1}  # and the server is fine afterwards


def test_past_the_queue_requests_are_refused_at_once_with_503(tmp_path):
    """The default queue (8 waiting) in front of a copilot that takes 20 ms a turn: a burst of 200
    is answered or refused with 503 + Retry-After, none lost, none kept waiting for the timeout."""
    with serve(create_app(make_settings(tmp_path), copilot_factory=SlowCopilot)) as url:
        report = fire(url, "/v1/generate", GENERATE, N)
    assert report.lost == 0 and set(report.statuses) == {200, 503}, report.summary()
    assert report.statuses[200] >= 9  # the running turn and the queue, at least
    assert max(report.latencies_ms) < 10_000  # nobody waited for the 30 s request timeout


def test_a_long_conversation_keeps_a_bounded_state():
    """One conversation's thread, however long it runs, must not grow forever."""
    copilot = Copilot(EchoDrafter(), fallback_policy="never")
    results = [copilot.run(f"turn {i}", task="generate") for i in range(KEPT_MESSAGES)]
    messages = copilot.graph.get_state({"configurable": {"thread_id": "default"}}).values["messages"]
    assert len(messages) == KEPT_MESSAGES  # 2 per turn: 20 turns would be 40
    assert messages[-2].content == f"turn {KEPT_MESSAGES - 1}" and messages[-1].content == results[-1].explanation
    assert messages[0].content == f"turn {KEPT_MESSAGES // 2}"  # the oldest kept turn
