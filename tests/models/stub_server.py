"""A stub OpenAI-compatible completions server on 127.0.0.1 for drafter and CLI tests."""

import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Stub(BaseHTTPRequestHandler):
    """Answers every POST with `server.reply(body) -> (status, bytes)`; records what it was sent."""

    def do_POST(self):  # noqa: N802 (http.server naming)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.seen.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
        status, payload = self.server.reply(body)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


def answer(text: str, finish: str = "stop") -> tuple[int, bytes]:
    """A completions reply with one choice."""
    return 200, json.dumps({"choices": [{"text": text, "finish_reason": finish}]}).encode()


def url(httpd) -> str:
    return f"http://127.0.0.1:{httpd.server_address[1]}/v1"


@contextmanager
def stub_server():
    """A running server; set `.reply` to choose its answers, read `.seen` for the requests."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    httpd.seen = []
    httpd.reply = lambda body: (200, b"{}")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
