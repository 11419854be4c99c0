"""Versioned admin config in PostgreSQL, shared by every replica: the SQLite store's table, on a server.

Writes and rollbacks each run in one transaction that first takes `LOCK TABLE config_versions IN
EXCLUSIVE MODE` (readers go on; other writers, in any process, wait their turn) and then writes
MAX(version) + 1, so concurrent writes keep the history 1..n without gaps, each version whole.
Creating the table takes a transaction-level advisory lock, so replicas may start together.
"""

from datetime import UTC, datetime

import psycopg
from psycopg_pool import ConnectionPool

from plugin.admin_config import AdminConfig
from plugin.admin_store import SELECT, ConfigVersion, UnknownVersion, version_from_row

SCHEMA = """
CREATE TABLE IF NOT EXISTS config_versions (
    version BIGINT PRIMARY KEY,
    created_at TEXT NOT NULL,
    source TEXT NOT NULL,
    config TEXT NOT NULL,
    actor TEXT NOT NULL DEFAULT ''
)
"""
SCHEMA_LOCK = 0x466C6F77  # pg_advisory_xact_lock key held while one process creates the table
BUSY_TIMEOUT_S = 10.0  # how long a call waits for a connection or another writer's lock before failing
POOL_SIZE = 4  # connections per process: the copilot runs one turn at a time, admin calls are few


class PostgresAdminStore:
    """`plugin.admin_store.ConfigStore` on PostgreSQL (`dsn`: a postgresql:// URL)."""

    def __init__(self, dsn: str) -> None:
        self._pool = ConnectionPool(
            dsn,
            min_size=1,
            max_size=POOL_SIZE,
            timeout=BUSY_TIMEOUT_S,
            kwargs={"options": f"-c lock_timeout={int(BUSY_TIMEOUT_S * 1000)}"},
            open=True,
            name="flowsmith-admin",
        )
        try:
            with self._pool.connection() as conn, conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
                conn.execute(SCHEMA)
                if conn.execute("SELECT COUNT(*) FROM config_versions").fetchone()[0] == 0:
                    _insert(conn, AdminConfig(), "default")
        except BaseException:
            self._pool.close()
            raise

    def close(self) -> None:
        self._pool.close()

    def _one(self, query: str, params: tuple = ()) -> tuple | None:
        with self._pool.connection() as conn:
            return conn.execute(query, params).fetchone()

    def current_version(self) -> int:
        return self._one("SELECT MAX(version) FROM config_versions")[0]

    def current(self) -> ConfigVersion:
        return version_from_row(self._one(f"{SELECT} ORDER BY version DESC LIMIT 1"))

    def history(self) -> list[ConfigVersion]:
        """Every version, newest first."""
        with self._pool.connection() as conn:
            rows = conn.execute(f"{SELECT} ORDER BY version DESC").fetchall()
        return [version_from_row(r) for r in rows]

    def get(self, version: int) -> ConfigVersion:
        """One version; raises UnknownVersion."""
        row = self._one(f"{SELECT} WHERE version = %s", (version,))
        if row is None:
            raise UnknownVersion(f"config version {version} does not exist")
        return version_from_row(row)

    def put(self, config: AdminConfig, actor: str = "") -> ConfigVersion:
        with self._pool.connection() as conn, conn.transaction():
            conn.execute("LOCK TABLE config_versions IN EXCLUSIVE MODE")
            return _insert(conn, config, "put", actor)

    def rollback(self, version: int, actor: str = "") -> ConfigVersion:
        """Make `version`'s config current again, as a new version. Raises UnknownVersion."""
        with self._pool.connection() as conn, conn.transaction():
            conn.execute("LOCK TABLE config_versions IN EXCLUSIVE MODE")
            row = conn.execute(f"{SELECT} WHERE version = %s", (version,)).fetchone()
            if row is None:
                raise UnknownVersion(f"config version {version} does not exist")
            return _insert(conn, version_from_row(row).config, f"rollback:{version}", actor)


def _insert(conn: psycopg.Connection, config: AdminConfig, source: str, actor: str = "") -> ConfigVersion:
    """The next version (the caller holds the table lock, or the schema lock on an empty table)."""
    created_at = datetime.now(UTC).isoformat(timespec="seconds")
    (version,) = conn.execute(
        "INSERT INTO config_versions (version, created_at, source, config, actor) "
        "SELECT COALESCE(MAX(version), 0) + 1, %s, %s, %s, %s FROM config_versions RETURNING version",
        (created_at, source, config.model_dump_json(), actor),
    ).fetchone()
    return ConfigVersion(version=version, created_at=created_at, source=source, config=config, actor=actor)
