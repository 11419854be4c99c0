"""Versioned admin config in SQLite: every write is a new row; rollback copies an old row forward.

Version 1 is the default config, written when the database is created, so history is never
empty. Writes and rollbacks each run in one transaction (`BEGIN IMMEDIATE`). `ConfigStore` is what
the service needs of a store; `plugin/admin_store_pg.py` is the same store on PostgreSQL.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from plugin.admin_config import AdminConfig
from plugin.sqlite import connection
from schemas.base import StrictModel

SCHEMA = """
CREATE TABLE IF NOT EXISTS config_versions (
    version INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    source TEXT NOT NULL,
    config TEXT NOT NULL,
    actor TEXT NOT NULL DEFAULT ''
)
"""
ADD_ACTOR = "ALTER TABLE config_versions ADD COLUMN actor TEXT NOT NULL DEFAULT ''"  # stores made before it
BUSY_TIMEOUT_S = 10.0  # how long a call waits for another writer's lock before failing
SELECT = "SELECT version, created_at, source, config, actor FROM config_versions"


class ConfigVersion(StrictModel):
    version: int
    created_at: str
    source: str  # "default", "put" or "rollback:<version>"
    config: AdminConfig
    actor: str = ""  # who wrote it: "admin token <fingerprint> from <address>[ as <declared name>]"


class UnknownVersion(LookupError):
    """A rollback named a version that was never written."""


class ConfigStore(Protocol):
    """The versioned admin config, wherever it is kept (`plugin.database.open_admin_store` picks one)."""

    def current_version(self) -> int: ...
    def current(self) -> ConfigVersion: ...
    def history(self) -> list[ConfigVersion]: ...
    def get(self, version: int) -> ConfigVersion: ...
    def put(self, config: AdminConfig, actor: str = "") -> ConfigVersion: ...
    def rollback(self, version: int, actor: str = "") -> ConfigVersion: ...
    def close(self) -> None: ...


class AdminStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._transaction() as conn:
            conn.execute(SCHEMA)
            if "actor" not in {row[1] for row in conn.execute("PRAGMA table_info(config_versions)")}:
                conn.execute(ADD_ACTOR)
            if conn.execute("SELECT COUNT(*) FROM config_versions").fetchone()[0] == 0:
                _insert(conn, AdminConfig(), "default")

    def _connect(self) -> AbstractContextManager[sqlite3.Connection]:
        return connection(self.path, BUSY_TIMEOUT_S)  # read at each call (tests shorten it)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def close(self) -> None:
        """Nothing to close: every call opens and closes its own connection."""

    def current_version(self) -> int:
        with self._connect() as conn:
            return conn.execute("SELECT MAX(version) FROM config_versions").fetchone()[0]

    def current(self) -> ConfigVersion:
        with self._connect() as conn:
            row = conn.execute(f"{SELECT} ORDER BY version DESC LIMIT 1").fetchone()
        return version_from_row(row)

    def history(self) -> list[ConfigVersion]:
        """Every version, newest first."""
        with self._connect() as conn:
            rows = conn.execute(f"{SELECT} ORDER BY version DESC").fetchall()
        return [version_from_row(r) for r in rows]

    def get(self, version: int) -> ConfigVersion:
        """One version; raises UnknownVersion."""
        with self._connect() as conn:
            row = conn.execute(f"{SELECT} WHERE version = ?", (version,)).fetchone()
        if row is None:
            raise UnknownVersion(f"config version {version} does not exist")
        return version_from_row(row)

    def put(self, config: AdminConfig, actor: str = "") -> ConfigVersion:
        with self._transaction() as conn:
            return _insert(conn, config, "put", actor)

    def rollback(self, version: int, actor: str = "") -> ConfigVersion:
        """Make `version`'s config current again, as a new version. Raises UnknownVersion."""
        with self._transaction() as conn:
            row = conn.execute(f"{SELECT} WHERE version = ?", (version,)).fetchone()
            if row is None:
                raise UnknownVersion(f"config version {version} does not exist")
            return _insert(conn, version_from_row(row).config, f"rollback:{version}", actor)


def version_from_row(row: tuple) -> ConfigVersion:
    version, created_at, source, config, actor = row
    return ConfigVersion(
        version=version,
        created_at=created_at,
        source=source,
        config=AdminConfig.model_validate_json(config),
        actor=actor,
    )


def _insert(conn: sqlite3.Connection, config: AdminConfig, source: str, actor: str = "") -> ConfigVersion:
    created_at = datetime.now(UTC).isoformat(timespec="seconds")
    cursor = conn.execute(
        "INSERT INTO config_versions (created_at, source, config, actor) VALUES (?, ?, ?, ?)",
        (created_at, source, config.model_dump_json(), actor),
    )
    return ConfigVersion(version=cursor.lastrowid, created_at=created_at, source=source, config=config, actor=actor)
