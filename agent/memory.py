"""Conversation memory: a LangGraph checkpointer keeps each thread's turns and current flow.

`sqlite_checkpointer(path)` is the default (one file, survives restarts). `postgres_checkpointer(dsn)`
keeps them in PostgreSQL, so several service processes (replicas) continue each other's conversations::

    saver = postgres_checkpointer("postgresql://user:pass@host:5432/flowsmith")
    copilot = Copilot(drafter, checkpointer=saver)
"""

import os
import sqlite3
import time
from pathlib import Path

from langgraph.checkpoint.postgres import PostgresSaver
from langgraph.checkpoint.sqlite import SqliteSaver
from psycopg import Connection
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

DEFAULT_MEMORY_PATH = Path(os.environ.get("FLOWSMITH_MEMORY_DB", ".flowsmith/memory.sqlite"))


def sqlite_checkpointer(path: str | Path = DEFAULT_MEMORY_PATH) -> SqliteSaver:
    """A SqliteSaver on `path` (parent folders created); usable from several threads.

    Close it with `saver.conn.close()` when done.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, check_same_thread=False)
    return SqliteSaver(conn)


SETUP_WAIT_S = 120.0  # how long a replica waits for another to finish creating the tables
SETUP_LOCK = 0x466C6F78  # pg_advisory_lock key: replicas starting together create the tables one at a time


def postgres_checkpointer(dsn: str, pool_size: int = 4) -> PostgresSaver:
    """A PostgresSaver over a connection pool on `dsn`, its tables created (or migrated) first.

    Usable from several threads; close it with `saver.conn.close()` (the pool) when done.
    """
    with Connection.connect(dsn, autocommit=True) as conn:  # a session lock, released when it closes
        # try, not wait: a session blocked in pg_advisory_lock holds a transaction open, which the
        # holder's CREATE INDEX CONCURRENTLY (a migration) waits for: a deadlock
        deadline = time.monotonic() + SETUP_WAIT_S
        while not conn.execute("SELECT pg_try_advisory_lock(%s)", (SETUP_LOCK,)).fetchone()[0]:
            if time.monotonic() > deadline:
                raise TimeoutError(f"another replica held the memory setup lock for over {SETUP_WAIT_S:g} s")
            time.sleep(0.1)
        PostgresSaver(conn).setup()
    # the settings PostgresSaver needs of each connection (as from_conn_string sets them)
    kwargs = {"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row}
    pool = ConnectionPool(dsn, min_size=1, max_size=pool_size, kwargs=kwargs, open=True, name="flowsmith-memory")
    return PostgresSaver(pool)
