"""Service replicas under test: `python -m plugin.testing.replica PORT DATA_DIR` serves one on 127.0.0.1:PORT.

Each is its own process, set up from FLOWSMITH_* as a deployed replica is (FLOWSMITH_DATABASE_URL names the
shared database), with copilots from `plugin.runtime` (memory and admin config as shipped) drafting with
`ConfigEcho`, which names every new flow after the config it was built from. `replicas` starts several.
"""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from unittest import mock

import httpx
import uvicorn

from models.drafter import DraftRequest
from plugin import runtime
from plugin.app import create_app
from plugin.server import server_config
from plugin.testing.stubs import EchoDrafter, free_port, make_settings

ROOT = Path(__file__).resolve().parents[2]
START_S = 120.0  # importing the agent and the model code takes a while on 2 busy cores


class ConfigEcho(EchoDrafter):
    """EchoDrafter whose new flows are named after the drafting timeout (`timeouts.slm_s`) it was built with."""

    def __init__(self, timeout_s: float) -> None:
        self.timeout_s = timeout_s

    def draft(self, req: DraftRequest) -> dict:
        flow = super().draft(req)
        if req.task == "generate" or req.flow is None:
            flow["name"] = drafted_name(self.timeout_s)
        return flow


def drafted_name(slm_s: float) -> str:
    return f"Drafted within {slm_s:g} s"


def serve_replica(port: int, data_dir: Path) -> None:
    settings = make_settings(data_dir, host="127.0.0.1", port=port)
    with mock.patch.object(runtime, "configured_drafter", lambda slm, timeout_s, settings: ConfigEcho(timeout_s)):
        app = create_app(settings, copilot_factory=lambda config: runtime.load_copilot(config, settings))
        uvicorn.Server(server_config(app, settings, log_level="warning")).run()


def _wait_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the replica at {url} exited with {process.returncode}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"the replica at {url} did not answer within {START_S:g} s")


@contextmanager
def replicas(data_dir: Path, count: int = 2, **env: str) -> Iterator[list[str]]:
    """`count` replica processes, each with its own data dir under `data_dir` and `env` added (FLOWSMITH_*);
    yields their base URLs once all answer /healthz. Terminated on exit."""
    with ExitStack() as stack:
        started = []
        for index in range(count):
            port, own = free_port(), data_dir / f"replica-{index}"
            command = [sys.executable, "-m", "plugin.testing.replica", str(port), str(own)]
            process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **env})
            stack.callback(_stop, process)
            started.append((f"http://127.0.0.1:{port}", process))
        for url, process in started:
            _wait_up(url, process)
        yield [url for url, _ in started]


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


if __name__ == "__main__":
    serve_replica(int(sys.argv[1]), Path(sys.argv[2]))
