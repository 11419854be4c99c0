"""Request limits: framing (400), body size (413) and time (408), flow size (413), rate limits per client and per
user (429)."""

import math
import time
from collections.abc import Callable

import anyio
from fastapi import HTTPException, status
from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CLOSE = {"Connection": "close"}  # after a refusal mid-request, nothing more on this connection is read


class BodyLimitMiddleware:
    """Reads the body up front: at most max_bytes (413), within timeout_s (408), framed one way (400)."""

    def __init__(self, app: ASGIApp, max_bytes: int, timeout_s: float = 10.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if "content-length" in headers and "transfer-encoding" in headers:
            detail = "a request may not carry both Content-Length and Transfer-Encoding"
            await _refuse(status.HTTP_400_BAD_REQUEST, detail, scope, receive, send)
            return
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large(scope, receive, send)
            return
        chunks, size, complete = [], 0, False
        with anyio.move_on_after(self.timeout_s):
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if size > self.max_bytes:
                    await self._too_large(scope, receive, send)
                    return
                if not message.get("more_body", False):
                    complete = True
                    break
        if not complete:
            detail = f"the request body did not arrive within {self.timeout_s:g} s (FLOWSMITH_BODY_TIMEOUT_S)"
            await _refuse(status.HTTP_408_REQUEST_TIMEOUT, detail, scope, receive, send)
            return
        pending: list[Message] = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

        async def replay() -> Message:
            return pending.pop() if pending else await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        detail = f"request body is larger than {self.max_bytes} bytes (limit: FLOWSMITH_MAX_BODY_BYTES)"
        await _refuse(status.HTTP_413_CONTENT_TOO_LARGE, detail, scope, receive, send)


async def _refuse(code: int, detail: str, scope: Scope, receive: Receive, send: Send) -> None:
    """Answer `code` mid-request and close the connection: nothing more on it is read."""
    await JSONResponse({"detail": detail}, status_code=code, headers=CLOSE)(scope, receive, send)


def check_flow_size(flow: dict | None, max_components: int, where: str = "body.flow") -> None:
    """413 when a flow has more components than the server accepts."""
    components = (flow or {}).get("components")
    if isinstance(components, list) and len(components) > max_components:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"{where}.components has {len(components)} components; this server accepts at most "
            f"{max_components} (FLOWSMITH_MAX_FLOW_COMPONENTS)",
        )


class RateLimiter:
    """Token bucket per client (an address, or a user: `per` names it): `per_minute` requests, refilled continuously."""

    MAX_CLIENTS = 10_000

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic, per: str = "client") -> None:
        self.per = per
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, at)

    def _tokens(self, client: str, now: float) -> float:
        tokens, at = self._buckets.get(client, (self.capacity, now))
        return min(self.capacity, tokens + (now - at) * self.rate)

    def take(self, client: str) -> float:
        """0 when the request may go ahead, else the seconds until it may."""
        now = self.clock()
        tokens = self._tokens(client, now)
        if tokens < 1:
            self._buckets[client] = (tokens, now)
            return (1 - tokens) / self.rate
        if len(self._buckets) >= self.MAX_CLIENTS and client not in self._buckets:
            self._forget_full(now)
        self._buckets[client] = (tokens - 1, now)
        return 0.0

    def _forget_full(self, now: float) -> None:
        for client in [c for c in self._buckets if self._tokens(c, now) >= self.capacity]:
            del self._buckets[client]

    def check(self, client: str) -> None:
        """429 with Retry-After when `client` is over its rate."""
        wait = self.take(client)
        if wait:
            per_minute = int(self.capacity)
            raise HTTPException(
                status.HTTP_429_TOO_MANY_REQUESTS,
                f"rate limit: at most {per_minute} requests per minute per {self.per}; retry in {math.ceil(wait)} s",
                headers={"Retry-After": str(math.ceil(wait))},
            )
