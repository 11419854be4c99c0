"""Fast stand-ins for the tests and benchmarks: drafters, the real agent over one, settings, user tokens, an LLM
endpoint.

`EchoDrafter` drives the real agent (`agent.service.Copilot`) without a model; `LLMStub` is an
OpenAI-compatible chat endpoint on 127.0.0.1 that answers well, slowly, with garbage or hugely.
"""

import copy
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jwt

from agent.service import Copilot
from models.drafter import DraftRequest
from plugin.admin_config import AdminConfig
from plugin.auth import Principal
from plugin.settings import Settings
from plugin.testing.flows import NOTIFY, log_step

ADMIN_TOKEN = "reliability-admin-token-7"
JWT_KEY = "flowsmith-tests-hs256-secret-do-not-deploy-0123"  # the host platform's HS256 secret in tests
ALICE = Principal("acme", "alice")  # the user tests act as by default
BOB = Principal("acme", "bob")  # alice's colleague: same tenant, another user
EVE = Principal("globex", "alice")  # another tenant, a user of the same name


class EchoDrafter:
    """generate -> NOTIFY; edit/complete -> the current flow plus a log step carrying the request."""

    def draft(self, req: DraftRequest) -> dict:
        if req.task == "generate" or req.flow is None:
            return copy.deepcopy(NOTIFY)
        return log_step(req.flow, req.request or "done")

    def drafts(self, reqs: list[DraftRequest]) -> list[dict]:
        return [self.draft(r) for r in reqs]


class ScriptedDrafter:
    """Returns `make(request)` for every draft: a drafter that does what a hostile request asks."""

    def __init__(self, make: Callable[[DraftRequest], dict]) -> None:
        self.make = make
        self.requests: list[DraftRequest] = []

    def draft(self, req: DraftRequest) -> dict:
        self.requests.append(req)
        return self.make(req)

    def drafts(self, reqs: list[DraftRequest]) -> list[dict]:
        return [self.draft(r) for r in reqs]


def echo_factory(config: AdminConfig) -> Copilot:
    """The real agent over EchoDrafter, whatever the config says (no model, no LLM)."""
    return Copilot(EchoDrafter(), fallback_policy="never")


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    values = {
        "data_dir": data_dir,
        "admin_token": ADMIN_TOKEN,
        "jwt_key": JWT_KEY,
        "rate_limit_per_minute": 1_000_000,
        "user_rate_limit_per_minute": 1_000_000,
        "max_waiting_per_user": 1000,
        **overrides,
    }
    return Settings(**values)


def admin_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def user_token(user: Principal = ALICE, ttl_s: float = 3600, key: str = JWT_KEY, **claims: object) -> str:
    """A token as the host platform signs it (HS256 with `key`): tenant, sub, iat, exp, and `claims`."""
    now = int(time.time())
    payload = {"tenant": user.tenant, "sub": user.user, "iat": now, "exp": now + int(ttl_s), **claims}
    return jwt.encode(payload, key, algorithm="HS256")


def user_headers(user: Principal = ALICE, **token: object) -> dict[str, str]:
    """`Authorization: Bearer <user_token(user, ...)>`."""
    return {"Authorization": f"Bearer {user_token(user, **token)}"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def completion(content: str) -> bytes:
    """An OpenAI chat-completion body answering `content`."""
    return json.dumps(
        {
            "id": "chatcmpl-stub",
            "object": "chat.completion",
            "created": 0,
            "model": "stub",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
    ).encode()


class _StubHandler(BaseHTTPRequestHandler):
    answers: dict[str, Callable[[], tuple[str, bytes]]]
    state: dict  # {"mode": str, "requests": list, "release": threading.Event}

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.state["requests"].append(body)
        if self.state["mode"] == "slow":
            self.state["release"].wait()
            return
        kind, payload = self.answers[self.state["mode"]]()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


HUGE_CHARS = 5_000_000


def _answers(good: dict) -> dict[str, Callable[[], tuple[str, bytes]]]:
    fenced = f"```json\n{json.dumps(good)}\n```"
    return {
        "good": lambda: ("application/json", completion(fenced)),
        "garbage": lambda: ("application/json", completion("I cannot help with that. {not json] ```json\n{,}\n```")),
        "html": lambda: ("text/html", b"<html><body><h1>502 Bad Gateway</h1></body></html>"),
        "huge": lambda: ("application/json", completion("[" * HUGE_CHARS)),
        "huge_prose": lambda: ("application/json", completion("x" * HUGE_CHARS)),
    }


@contextmanager
def llm_stub(good: dict = NOTIFY) -> Iterator[dict]:
    """An OpenAI-compatible endpoint; yields its state: set state["mode"], read state["requests"].

    state["url"] is the base URL (…/v1). Modes: good, slow (never answers), garbage, html, huge
    (5 MB of brackets), huge_prose (5 MB of text).
    """
    state = {"mode": "good", "requests": [], "release": threading.Event()}
    handler = type("Handler", (_StubHandler,), {"answers": _answers(good), "state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state["url"] = f"http://127.0.0.1:{server.server_port}/v1"
    try:
        yield state
    finally:
        state["release"].set()
        server.shutdown()
        server.server_close()
