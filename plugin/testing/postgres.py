"""A throwaway PostgreSQL server for tests: Debian's binaries, `initdb` + `pg_ctl` in a folder, on a free port.

Run as root, the server runs as the `postgres` user (initdb refuses root) through `runuser`. Trust
authentication on 127.0.0.1 only, and no fsync: nothing here outlives the test session. The tests use
the server named by FLOWSMITH_TEST_POSTGRES_URL (`.ci/run` starts one: `python -m plugin.testing.postgres
start DIR`, then `stop DIR`), else start their own.
"""

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from plugin.testing.stubs import free_port

USER = "flowsmith"  # the superuser initdb creates
URL_ENV = "FLOWSMITH_TEST_POSTGRES_URL"  # a running server the tests use instead of starting one
FAST = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


def bin_dir() -> Path | None:
    """Where initdb and pg_ctl are: on PATH, else the newest /usr/lib/postgresql/<major>/bin (None: not installed)."""
    if (found := shutil.which("pg_ctl")) and shutil.which("initdb"):
        return Path(found).resolve().parent
    installed = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name))
    return installed[-1].parent if installed else None


def unavailable() -> str:
    """Why no server can be started here ('' when one can)."""
    if bin_dir() is None:
        return "PostgreSQL is not installed (apt-get install postgresql; .ci/run installs it)"
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return "running as root without runuser: cannot start PostgreSQL as another user"
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no postgres user to run the server as"
    return ""


def _as_server(*args: str) -> None:
    as_server = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*as_server, *args], check=True, capture_output=True, text=True, timeout=120)


def start(root: Path) -> str:
    """A server with its data, socket and log under `root` (created, or an empty folder); its `postgres` URL."""
    tools, port = bin_dir(), free_port()
    root.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(root, user="postgres")
    _as_server(str(tools / "initdb"), "-D", str(root / "data"), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-sync")
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 {FAST}"
    _as_server(str(tools / "pg_ctl"), "-D", str(root / "data"), "-o", options, "-l", str(root / "log"), "-w", "start")
    return f"postgresql://{USER}@127.0.0.1:{port}/postgres"


def stop(root: Path) -> None:
    """Stop the server under `root`, if one runs there, and delete `root`."""
    if (root / "data" / "postmaster.pid").exists():
        _as_server(str(bin_dir() / "pg_ctl"), "-D", str(root / "data"), "-m", "immediate", "-w", "stop")
    shutil.rmtree(root, ignore_errors=True)


@contextmanager
def postgres_server() -> Iterator[str]:
    """A running server for the duration of the block; yields its `postgres` database's URL."""
    root = Path(tempfile.mkdtemp(prefix="flowsmith-pg-"))
    try:
        yield start(root)
    finally:
        stop(root)


def new_database(server_url: str) -> str:
    """A new, empty database on the server; its URL."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + f"/{name}"


if __name__ == "__main__":  # .ci/run: `start DIR` prints the URL, `stop DIR`
    command, folder = sys.argv[1], Path(sys.argv[2])
    if command == "start":
        print(start(folder))
    else:
        stop(folder)
