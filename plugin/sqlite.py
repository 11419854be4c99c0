"""How the service opens its SQLite files (admin config, conversations): autocommit, so a caller that
writes several rows together says BEGIN IMMEDIATE itself; a busy timeout; closed when the block ends."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def connection(path: Path, timeout_s: float) -> Iterator[sqlite3.Connection]:
    """A connection to `path` that waits up to `timeout_s` for another writer's lock."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=timeout_s)
    try:
        yield conn
    finally:
        conn.close()
