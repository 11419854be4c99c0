"""The repair path over real HTTP: langchain-openai against an OpenAI-compatible stub on 127.0.0.1."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from agent.service import Copilot
from models.llm import chat_model
from plugin.testing.flows import NOTIFY, unfixable
from plugin.testing.stubs import completion
from tests.agent.fakes import FakeDrafter, fenced

CLIENT_TIMEOUT_S = 0.5


class Stub(BaseHTTPRequestHandler):
    mode = "good"  # set per test on the server's handler class
    requests: list[dict] = []
    release: threading.Event  # "slow" mode holds the answer until the test is over

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append({"path": self.path, "body": body})
        if self.mode == "slow":
            self.release.wait()
            return  # the client is long gone
        kind, payload = {
            "good": ("application/json", completion(fenced(NOTIFY))),
            "html": ("text/html", b"<html><body><h1>502 Bad Gateway</h1></body></html>"),
            "prose": ("application/json", completion("I am sorry, I cannot help with that.")),
        }[self.mode]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@pytest.fixture
def stub():
    handler = type("StubHandler", (Stub,), {"requests": [], "release": threading.Event()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler, f"http://127.0.0.1:{server.server_port}/v1"
    handler.release.set()
    server.shutdown()
    server.server_close()


def _copilot(base_url: str) -> Copilot:
    model = chat_model("openai:stub", base_url=base_url, timeout=CLIENT_TIMEOUT_S)
    return Copilot(FakeDrafter(unfixable()), chat_model=model, max_repair_rounds=2)


def test_a_good_answer_repairs(stub):
    handler, url = stub
    result = _copilot(url).run("email VIP callers")
    assert result.ok and result.path == "llm-repair" and result.flow == NOTIFY
    assert handler.requests[0]["path"] == "/v1/chat/completions"
    prompt = handler.requests[0]["body"]["messages"][-1]["content"]
    assert "[missing_input]" in prompt and "send_email" in prompt


@pytest.mark.parametrize(
    ("mode", "why"), [("slow", "Timeout"), ("html", "chat model failed"), ("prose", "unusable answer")]
)
def test_failures_degrade_to_a_clean_error(stub, mode, why):
    handler, url = stub
    handler.mode = mode
    result = _copilot(url).run("email VIP callers")
    assert not result.ok and why in result.error, result.error
    assert result.patch == [] and result.flow is None and [p.code for p in result.problems] == ["missing_input"]
    assert len(handler.requests) == 1  # max_retries=0, and a failed round ends the repair


def test_the_agent_deadline_holds_without_a_client_timeout(stub):
    handler, url = stub
    handler.mode = "slow"
    model = chat_model("openai:stub", base_url=url)
    result = Copilot(FakeDrafter(unfixable()), chat_model=model, llm_timeout_s=CLIENT_TIMEOUT_S).run(
        "email VIP callers"
    )
    assert not result.ok and "did not answer within" in result.error
