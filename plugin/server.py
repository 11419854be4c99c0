"""The HTTP server the service runs on (uvicorn), set up for exposure to untrusted clients.

- Forwarded headers (`X-Forwarded-For`, `-Proto`) are trusted only from the proxies in
  FLOWSMITH_FORWARDED_ALLOW_IPS (default none: the client is the TCP peer, so the rate limit
  cannot be dodged by sending a new address per request).
- A request's headers must arrive within FLOWSMITH_HEADER_TIMEOUT_S of the connection opening or
  of the last response (slow-headers attacks); the body's own deadline is `BodyLimitMiddleware`'s.
- Without a JWT key the service serves only loopback addresses (`plugin.auth.check_bind`).
- Requests with both Content-Length and Transfer-Encoding are refused (`plugin.limits`), and the
  connection closed, so that no proxy in front can disagree with us on where a request ends.
"""

import asyncio

import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.h11_impl import H11Protocol

from plugin.auth import check_bind
from plugin.settings import Settings


class HeaderDeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol, closing connections whose request headers do not arrive in time."""

    header_timeout_s = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_headers(after=None)

    def _await_headers(self, after: object) -> None:
        """Start the deadline for the next request's headers (the one after the cycle `after`)."""
        self._cycle_before = after
        self._header_timer = self.loop.call_later(self.header_timeout_s, self._headers_late)

    def _headers_late(self) -> None:
        self._header_timer = None
        if self.cycle is self._cycle_before and not self.transport.is_closing():
            self.logger.info("closing a connection whose request headers did not arrive in %gs", self.header_timeout_s)
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._header_timer is not None and self.cycle is not self._cycle_before:
            self._header_timer.cancel()  # the headers are in: a request cycle has begun
            self._header_timer = None

    def on_response_complete(self) -> None:
        done = self.cycle
        super().on_response_complete()
        if self.cycle is done and not self.transport.is_closing():
            self._await_headers(after=done)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        super().connection_lost(exc)


def server_config(app: FastAPI, settings: Settings, **overrides: object) -> uvicorn.Config:
    """The uvicorn config `flowsmith serve` runs with (`overrides`: other uvicorn options, e.g. log_level)."""
    protocol = type("HeaderDeadline", (HeaderDeadlineProtocol,), {"header_timeout_s": settings.header_timeout_s})
    trusted = settings.forwarded_allow_ips
    return uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        http=protocol,
        proxy_headers=bool(trusted),
        forwarded_allow_ips=list(trusted) if trusted else [],
        server_header=False,
        **overrides,
    )


def serve(settings: Settings, app: FastAPI) -> None:
    """Run the service; `plugin.auth.AuthConfigError` before the port opens when its auth settings cannot work."""
    check_bind(settings)
    uvicorn.Server(server_config(app, settings)).run()
