"""Concurrent HTTP load against a live server: every request is counted, answered or not (sent as one user,
plugin.testing.stubs.ALICE, unless other headers are given)."""

import asyncio
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx
import psutil

from plugin.testing.stubs import user_headers

REFUSALS = {429, 503, 504}  # clean refusals: rate limit, unavailable, timed out


@dataclass
class LoadReport:
    sent: int = 0
    statuses: Counter = field(default_factory=Counter)  # status code -> responses
    errors: Counter = field(default_factory=Counter)  # exception name -> requests with no response
    latencies_ms: list[float] = field(default_factory=list)  # answered requests
    seconds: float = 0.0

    @property
    def answered(self) -> int:
        return sum(self.statuses.values())

    @property
    def lost(self) -> int:
        return self.sent - self.answered

    def p(self, q: int) -> float:
        """The q-th percentile latency of answered requests, in ms."""
        values = self.latencies_ms
        if len(values) < 2:
            return round(values[0], 1) if values else 0.0
        return round(statistics.quantiles(values, n=100, method="inclusive")[q - 1], 1)

    def summary(self) -> str:
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(self.statuses.items()))
        return (
            f"{self.sent} sent, {self.answered} answered {{{statuses}}}, {self.lost} lost "
            f"{dict(self.errors) or ''}; {self.sent / self.seconds:.1f} req/s, "
            f"p50 {self.p(50)} ms, p95 {self.p(95)} ms"
        )


async def _one(client: httpx.AsyncClient, method: str, path: str, body: dict | None, report: LoadReport) -> None:
    start = time.perf_counter()
    try:
        response = await client.request(method, path, json=body)
    except httpx.HTTPError as exc:
        report.errors[type(exc).__name__] += 1
        return
    report.latencies_ms.append((time.perf_counter() - start) * 1000)
    report.statuses[response.status_code] += 1


async def _fire(
    base_url: str, method: str, path: str, body: dict | None, n: int, timeout_s: float, headers: dict[str, str]
) -> LoadReport:
    report = LoadReport(sent=n)
    limits = httpx.Limits(max_connections=n, max_keepalive_connections=n)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=timeout_s, headers=headers) as client:
        start = time.perf_counter()
        await asyncio.gather(*(_one(client, method, path, body, report) for _ in range(n)))
        report.seconds = time.perf_counter() - start
    return report


def fire(
    base_url: str,
    path: str,
    body: dict | None = None,
    n: int = 200,
    method: str = "POST",
    timeout_s: float = 300.0,
    headers: dict[str, str] | None = None,
) -> LoadReport:
    """`n` requests at once (one connection each); returns what came back."""
    headers = user_headers() if headers is None else headers
    return asyncio.run(_fire(base_url, method, path, body, n, timeout_s, headers))


def rss_mb() -> float:
    """Resident memory of this process (server thread included), in MB."""
    return psutil.Process().memory_info().rss / 2**20
