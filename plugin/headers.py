"""Response headers that tell browsers how to treat what the service sends.

Every response: `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy`.
The editor page and its static files also get a Content-Security-Policy: scripts, styles and
connections only from this origin, no plugins, no framing (`frame-ancestors 'none'`; a host that
embeds the editor sets FLOWSMITH_FRAME_ANCESTORS). `/docs` keeps its CDN assets, so it has none.
"""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

EDITOR_PAGE, EDITOR_ASSETS = "/editor", "/static/"


def editor_csp(frame_ancestors: str = "'none'") -> str:
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        f"font-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors {frame_ancestors}"
    )


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, frame_ancestors: str = "'none'") -> None:
        self.app = app
        self.csp = editor_csp(frame_ancestors)
        self.frame_options = "DENY" if frame_ancestors == "'none'" else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        editor = scope["path"] == EDITOR_PAGE or scope["path"].startswith(EDITOR_ASSETS)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                if self.frame_options:
                    headers["X-Frame-Options"] = self.frame_options
                if editor:
                    headers["Content-Security-Policy"] = self.csp
            await send(message)

        await self.app(scope, receive, with_headers)
