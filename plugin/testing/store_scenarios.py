"""Admin-database fault scenarios, driven through the HTTP API (tests assert, benchmarks print).

locked:    another connection holds an exclusive lock while the API reads and writes.
read-only: the database file is mode 0444 (root's DAC override dropped with setpriv).
killed:    a writer process is SIGKILLed mid-loop; the API then reads what survived.
"""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from fastapi.testclient import TestClient

from plugin import admin_store
from plugin.app import create_app
from plugin.testing.apps import user_client
from plugin.testing.fake_copilot import FakeCopilot
from plugin.testing.stubs import ADMIN_TOKEN, make_settings

ROOT = Path(__file__).resolve().parents[2]
CONFIG = {"fallback_policy": "never", "llm": None, "max_repair_rounds": 0}
HEADERS = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def client_for(data_dir: Path) -> TestClient:
    return user_client(create_app(make_settings(data_dir), copilot_factory=FakeCopilot), raise_server_exceptions=False)


@contextmanager
def exclusive_lock(db: Path) -> Iterator[None]:
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def locked(data_dir: Path) -> dict:
    """Responses while the DB is locked (waiting 0.2 s, not 10), then after the lock is gone."""
    with mock.patch.object(admin_store, "BUSY_TIMEOUT_S", 0.2), client_for(data_dir) as client:
        with exclusive_lock(make_settings(data_dir).admin_db):
            during = {
                "write": client.put("/v1/admin/config", json=CONFIG, headers=HEADERS),
                "health": client.get("/healthz"),
                "generate": client.post("/v1/generate", json={"request": "notify VIP callers"}),
            }
        after = client.put("/v1/admin/config", json=CONFIG, headers=HEADERS)
        history = client.get("/v1/admin/config/history", headers=HEADERS).json()["versions"]
    return {"during": during, "after": after, "history": [(v["version"], v["source"]) for v in history]}


def unprivileged() -> list[str] | None:
    """A command prefix under which file modes bind (None: cannot be arranged here)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        return None
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}"]


def read_only(data_dir: Path, prefix: list[str]) -> dict:
    """What a server on a read-only DB (holding versions 1 and 2) answered, by request name."""
    with client_for(data_dir) as client:
        client.put("/v1/admin/config", json=CONFIG, headers=HEADERS)
    make_settings(data_dir).admin_db.chmod(0o444)
    command = [*prefix, sys.executable, "-m", "plugin.testing.child_readonly", str(data_dir)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@dataclass
class KillReport:
    last_reported: int  # the last version the writer printed as committed before SIGKILL
    status: int  # GET /v1/admin/config after the kill
    versions: list[int]  # the history, newest first
    current_is_newest: bool
    whole: bool  # every version holds exactly the config the writer wrote for it


def _write_then_kill(data_dir: Path, writes: int) -> int:
    command = [sys.executable, "-m", "plugin.testing.child_writer", str(data_dir)]
    writer = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        committed = [int(writer.stdout.readline()) for _ in range(writes)]
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
    return committed[-1]


def killed_writer(data_dir: Path, writes: int = 25) -> KillReport:
    """SIGKILL a config writer after `writes` commits, then read everything back through the API."""
    last = _write_then_kill(data_dir, writes)
    with client_for(data_dir) as client:
        current = client.get("/v1/admin/config", headers=HEADERS)
        history = client.get("/v1/admin/config/history", headers=HEADERS).json()["versions"]
    whole = all(v["config"]["timeouts"]["slm_s"] == v["version"] - 1 for v in history[:-1])
    return KillReport(last, current.status_code, [v["version"] for v in history], current.json() == history[0], whole)
