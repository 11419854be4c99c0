"""Apps under test: the service with the real runtime wiring (a scripted drafter), and a live server.

`runtime_app` builds copilots through `plugin.runtime.load_copilot`, so the admin config, the
chat model client, the memory and the safety checks are the shipped ones; only the drafting
model is replaced. `serve` runs uvicorn on 127.0.0.1 in a thread. `user_client` is a TestClient
that sends ALICE's token unless a request sends its own Authorization.
"""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from models.drafter import Drafter
from plugin import runtime
from plugin.admin_config import AdminConfig
from plugin.app import create_app
from plugin.auth import Principal
from plugin.database import open_admin_store
from plugin.server import server_config
from plugin.testing.stubs import ALICE, free_port, make_settings, user_headers

OFFLINE = {"llm": None, "fallback_policy": "never"}  # no chat model at all


def seed(data_dir: Path, config: dict, **settings: object) -> None:
    """Make `config` the current admin config before the app starts (in its settings' store)."""
    store = open_admin_store(make_settings(data_dir, **settings))
    try:
        store.put(AdminConfig.model_validate(config))
    finally:
        store.close()


def llm_config(url: str, llm_s: float = 5.0, rounds: int = 1) -> dict:
    """An admin config whose repair model is an OpenAI-compatible endpoint at `url`."""
    return {
        "llm": {"spec": "openai:stub", "base_url": url},
        "fallback_policy": "on_invalid",
        "max_repair_rounds": rounds,
        "timeouts": {"llm_s": llm_s, "slm_s": 5.0},
    }


@contextmanager
def runtime_app(data_dir: Path, drafter: Drafter, config: dict = OFFLINE, **settings: object) -> Iterator[TestClient]:
    """A TestClient on the service whose copilots come from plugin.runtime, drafting with `drafter`."""
    seed(data_dir, config, **settings)
    app_settings = make_settings(data_dir, **settings)
    with mock.patch.object(runtime, "configured_drafter", lambda slm, timeout_s, settings: drafter):
        factory = lambda config: runtime.load_copilot(config, app_settings)  # noqa: E731
        app = create_app(app_settings, copilot_factory=factory)
        with user_client(app, raise_server_exceptions=False) as client:
            yield client


def user_client(app: FastAPI, user: Principal = ALICE, **options: object) -> TestClient:
    """A TestClient on `app` whose requests carry `user`'s token by default (a request's own headers win)."""
    return TestClient(app, headers=user_headers(user), **options)


@contextmanager
def serve(app: FastAPI, **config: object) -> Iterator[str]:
    """uvicorn serving `app` on 127.0.0.1 (a free port) in a thread, set up as `flowsmith serve` sets it up
    (`plugin.server`, from the app's settings); yields the base URL."""
    port = free_port()
    settings = app.state.settings.model_copy(update={"host": "127.0.0.1", "port": port})
    server = uvicorn.Server(server_config(app, settings, log_level="warning", **config))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
