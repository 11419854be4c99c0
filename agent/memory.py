"""Conversation memory: a LangGraph checkpointer keeps each thread's turns and current flow.

`sqlite_checkpointer(path)` is the default (one file, survives restarts). For a shared, multi-process
service use Postgres (`pip install langgraph-checkpoint-postgres`)::

    from langgraph.checkpoint.postgres import PostgresSaver

    with PostgresSaver.from_conn_string("postgresql://user:pass@host:5432/flowsmith") as saver:
        saver.setup()  # once: creates the checkpoint tables
        copilot = Copilot(drafter, checkpointer=saver)

(`AsyncPostgresSaver` from `langgraph.checkpoint.postgres.aio` is the asyncio variant.)
"""

import os
import sqlite3
from pathlib import Path

from langgraph.checkpoint.sqlite import SqliteSaver

DEFAULT_MEMORY_PATH = Path(os.environ.get("FLOWSMITH_MEMORY_DB", ".flowsmith/memory.sqlite"))


def sqlite_checkpointer(path: str | Path = DEFAULT_MEMORY_PATH) -> SqliteSaver:
    """A SqliteSaver on `path` (parent folders created); usable from several threads.

    Close it with `saver.conn.close()` when done.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, check_same_thread=False)
    return SqliteSaver(conn)
