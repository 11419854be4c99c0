"""In-process metrics: request counts and latency percentiles per route, answers per agent path."""

import statistics
import time
from collections import Counter, defaultdict, deque

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from plugin.api import MetricsResponse, RouteMetrics

WINDOW = 2048  # latencies kept per route


class Metrics:
    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()
        self._errors: Counter[str] = Counter()
        self._latencies: defaultdict[str, deque[float]] = defaultdict(lambda: deque(maxlen=WINDOW))
        self._paths: Counter[str] = Counter()

    def record_request(self, route: str, status: int, seconds: float) -> None:
        self._counts[route] += 1
        self._errors[route] += status >= 400
        self._latencies[route].append(seconds * 1000)

    def record_path(self, path: str) -> None:
        self._paths[path] += 1

    def snapshot(self) -> MetricsResponse:
        routes = {
            route: RouteMetrics(count=count, errors=self._errors[route], **_percentiles(list(self._latencies[route])))
            for route, count in sorted(self._counts.items())
        }
        return MetricsResponse(routes=routes, paths=dict(self._paths))


def _percentiles(values: list[float]) -> dict[str, float]:
    if len(values) == 1:
        return {"p50_ms": round(values[0], 3), "p95_ms": round(values[0], 3)}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50_ms": round(cuts[49], 3), "p95_ms": round(cuts[94], 3)}


class MetricsMiddleware:
    """Times every HTTP request until its last body chunk; keys it by method and route template."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def timed_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, timed_send)
        finally:
            route = scope.get("route")
            key = f"{scope['method']} {route.path if route is not None else '(unmatched)'}"
            self.metrics.record_request(key, status, time.perf_counter() - start)
