"""The `openai` drafter engine against a real llama.cpp server process (`python -m llama_cpp.server`)
on 127.0.0.1, serving the fine-tuned GGUF, the flow grammar sent as GBNF."""

import socket
import subprocess
import sys
import time

import httpx
import pytest

from models.base_model import BaseModelError, smollm2_gguf
from models.drafter import DraftRequest, build_drafter
from models.loading import SHIPPED_ADAPTER, llama_gguf
from schemas.catalog import default_catalog
from schemas.validate import validate_flow
from tests.models.flows import RICH

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    try:
        smollm2_gguf()
    except BaseModelError as exc:
        pytest.skip(str(exc))
    port = _free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(llama_gguf(SHIPPED_ADAPTER))]
    command += ["--model_alias", "flowsmith", "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048"]
    log = tmp_path_factory.mktemp("llama_server") / "server.log"  # a file: its verbose log would fill a pipe
    proc = subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                pytest.fail(f"llama.cpp server exited: {log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{url}/models", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("llama.cpp server did not come up within 120 s")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_the_openai_engine_drafts_valid_flows_through_a_llama_cpp_server(server_url):
    drafter = build_drafter("openai", base_url=server_url, model="flowsmith", grammar_field="grammar")
    catalog = default_catalog()
    flow = drafter.draft(DraftRequest("generate", "when a P1 incident is created, email the caller's manager"))
    assert flow["trigger"]["type"] in catalog.triggers
    assert not [p for p in validate_flow(flow) if p.code.startswith("unknown_")]
    partial = {**RICH, "components": RICH["components"][:2]}
    done = drafter.draft(DraftRequest("complete", "", partial))
    assert done["components"][:2] == partial["components"]


def test_the_server_enforces_the_grammar(server_url):
    """Unconstrained, the same request may wander; with the grammar every line is catalog text."""
    drafter = build_drafter("openai", base_url=server_url, model="flowsmith", grammar_field="grammar")
    body = drafter.request_body(DraftRequest("generate", "write me a poem about spring"))
    text = httpx.post(f"{server_url}/completions", json=body, timeout=60).json()["choices"][0]["text"]
    first = text.splitlines()[0].split(" | ")[0] if text else ""
    assert first in default_catalog().triggers, text
