"""JSON request bodies the service refuses up front (422): not UTF-8, nested too deeply, or not Unicode.

Bodies are decoded strictly as UTF-8 first: `json.loads` on bytes would also take UTF-16/32 and
raw surrogate bytes (`ED A0 80`), which no response can then encode.

Deep nesting (beyond FLOWSMITH_MAX_JSON_DEPTH) costs the parser and every recursive walk
downstream; a flow needs about 6 levels. A lone UTF-16 surrogate escape (`\\ud800`) decodes to
a Python string that cannot be stored or sent back as UTF-8.

Both checks work on the raw bytes without parsing: the depth check strips strings, keeps the
brackets and takes the running depth with numpy (skipped when there are fewer opening brackets
than the limit); the surrogate check is one regex, skipped when the body has no `\\u` escape.
"""

import re

import numpy as np
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from plugin.errors import unprocessable

NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))
SIGNS = bytes.maketrans(b"[]", b"\x01\xff")  # +1 / -1 as int8
HIGH, LOW = rb"\\u[dD][89abAB][0-9a-fA-F]{2}", rb"\\u[dD][c-fC-F][0-9a-fA-F]{2}"
LONE_SURROGATE = re.compile(HIGH + rb"(?!" + LOW + rb")|(?<!" + HIGH + rb")" + LOW)


def _brackets(body: bytes) -> bytes:
    """The brackets of `body` outside JSON strings, all as [ and ]."""
    unescaped = body.replace(b"\\\\", b"").replace(b'\\"', b"")
    outside = b"".join(unescaped.split(b'"')[::2])
    return outside.translate(None, NOT_BRACKETS).replace(b"{", b"[").replace(b"}", b"]")


def too_deep(body: bytes, limit: int) -> bool:
    """True when the JSON in `body` nests more than `limit` arrays/objects deep."""
    if body.count(b"{") + body.count(b"[") <= limit:
        return False
    signs = np.frombuffer(_brackets(body).translate(SIGNS), dtype=np.int8)
    return bool(signs.size) and int(np.cumsum(signs, dtype=np.int64).max()) > limit


def lone_surrogate(body: bytes) -> str | None:
    """The first unpaired `\\udXXX` escape in `body`, if any (escaped backslashes skipped)."""
    if b"\\u" not in body:
        return None
    match = LONE_SURROGATE.search(body.replace(b"\\\\", b"__"))  # an escaped backslash ends an escape
    return match.group().decode() if match else None


def not_utf8(body: bytes) -> str | None:
    """Where `body` stops being UTF-8 (strictly: no surrogates, no UTF-16/32), or None."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"byte {exc.start} ({body[exc.start : exc.start + 1].hex()}): {exc.reason}"
    return None


def refusal(body: bytes, max_depth: int) -> str | None:
    """Why `body` is refused, or None."""
    if where := not_utf8(body):
        return f"request body is not UTF-8 text (JSON bodies must be UTF-8): invalid at {where}"
    if too_deep(body, max_depth):
        return f"request body nests JSON deeper than {max_depth} levels (limit: FLOWSMITH_MAX_JSON_DEPTH)"
    if escape := lone_surrogate(body):
        return f"request body holds a lone UTF-16 surrogate ({escape}): not valid Unicode text"
    return None


class JsonGuardMiddleware:
    """Reads the body (bounded by BodyLimitMiddleware outside it) and answers 422 with `refusal`."""

    def __init__(self, app: ASGIApp, max_depth: int) -> None:
        self.app = app
        self.max_depth = max_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        chunks = []
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if detail := refusal(body, self.max_depth):  # shaped like FastAPI's own 422s (what the schema says)
            response = unprocessable([{"loc": ["body"], "msg": detail, "type": "body_refused"}])
            await response(scope, receive, send)
            return
        pending: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]

        async def replay() -> Message:
            return pending.pop() if pending else await receive()

        await self.app(scope, replay, send)
