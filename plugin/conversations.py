"""Who owns each conversation and when it expires: one table, in SQLite under the data dir or in the
PostgreSQL that replicas share (`PostgresConversationStore`, chosen by plugin.database).

A conversation id is made here (random, unguessable) when a request comes without one, and belongs
to that (tenant, user) for good. `find` answers only the owner's, unexpired ids, so that someone
else's id reads exactly like one that never existed. A conversation unused for the TTL expires;
`prune` deletes expired rows and returns their ids, so that their memory can be forgotten too.

The service uses only `start`, `find`, `owned_by`, `delete` and `prune`; both stores share them
and differ only in how they connect and write parameters.
"""

import logging
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import anyio

from plugin.auth import Principal
from plugin.sqlite import connection

SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    tenant TEXT NOT NULL,
    user_id TEXT NOT NULL,
    created_at REAL NOT NULL,
    used_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_owner ON conversations (tenant, user_id, used_at);
CREATE INDEX IF NOT EXISTS conversations_used ON conversations (used_at);
"""
BUSY_TIMEOUT_S = 10.0
SCHEMA_LOCK = 0x466C6F79  # pg_advisory_xact_lock key: one replica creates the table at a time
MAX_LISTED = 1000  # newest first
MAX_PRUNE_INTERVAL_S = 600.0
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Conversation:
    id: str
    owner: Principal
    created_at: float  # unix seconds
    used_at: float
    expires_at: float


class ConversationStore:
    """The SQLite store (one file under the data dir)."""

    def __init__(self, path: Path, ttl_s: float, clock: Callable[[], float] = time.time) -> None:
        self.path, self.ttl_s, self.clock = path, ttl_s, clock
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.executescript(SCHEMA)

    def _connect(self) -> AbstractContextManager[sqlite3.Connection]:
        return connection(self.path, BUSY_TIMEOUT_S)  # read at each call (tests shorten it)

    def _execute(self, conn, sql: str, args: tuple = ()):
        return conn.execute(sql, args)

    def _row(self, row: tuple) -> Conversation:
        id_, tenant, user, created_at, used_at = row
        return Conversation(id_, Principal(tenant, user), created_at, used_at, used_at + self.ttl_s)

    def start(self, owner: Principal) -> Conversation:
        """A new conversation of `owner`'s."""
        now = self.clock()
        conversation = Conversation(secrets.token_urlsafe(18), owner, now, now, now + self.ttl_s)
        with self._connect() as conn:
            self._execute(
                conn,
                "INSERT INTO conversations (id, tenant, user_id, created_at, used_at) VALUES (?, ?, ?, ?, ?)",
                (conversation.id, owner.tenant, owner.user, now, now),
            )
        return conversation

    def find(self, owner: Principal, conversation_id: str, touch: bool = False) -> Conversation | None:
        """`owner`'s unexpired conversation `conversation_id` (its expiry pushed back when `touch`), else None."""
        now = self.clock()
        where = "id = ? AND tenant = ? AND user_id = ? AND used_at > ?"
        args = (conversation_id, owner.tenant, owner.user, now - self.ttl_s)
        with self._connect() as conn:
            if touch:
                self._execute(conn, f"UPDATE conversations SET used_at = ? WHERE {where}", (now, *args))
            row = self._execute(
                conn, f"SELECT id, tenant, user_id, created_at, used_at FROM conversations WHERE {where}", args
            )
            found = row.fetchone()
        return self._row(found) if found else None

    def owned_by(self, owner: Principal) -> list[Conversation]:
        """`owner`'s unexpired conversations, most recently used first."""
        with self._connect() as conn:
            rows = self._execute(
                conn,
                "SELECT id, tenant, user_id, created_at, used_at FROM conversations "
                "WHERE tenant = ? AND user_id = ? AND used_at > ? ORDER BY used_at DESC LIMIT ?",
                (owner.tenant, owner.user, self.clock() - self.ttl_s, MAX_LISTED),
            ).fetchall()
        return [self._row(r) for r in rows]

    def delete(self, owner: Principal, conversation_id: str) -> bool:
        """Delete `owner`'s conversation; False when there is none of theirs by that id."""
        with self._connect() as conn:
            cursor = self._execute(
                conn,
                "DELETE FROM conversations WHERE id = ? AND tenant = ? AND user_id = ?",
                (conversation_id, owner.tenant, owner.user),
            )
        return cursor.rowcount > 0

    def prune(self) -> list[str]:
        """Delete every expired conversation; their ids."""
        with self._connect() as conn:
            rows = self._execute(
                conn, "DELETE FROM conversations WHERE used_at <= ? RETURNING id", (self.clock() - self.ttl_s,)
            ).fetchall()
        return [r[0] for r in rows]


class PostgresConversationStore(ConversationStore):
    """The same table in PostgreSQL, shared by every replica."""

    def __init__(self, dsn: str, ttl_s: float, clock: Callable[[], float] = time.time) -> None:
        self.dsn, self.ttl_s, self.clock = dsn, ttl_s, clock
        with self._connect() as conn, conn.transaction():
            # replicas start together: CREATE ... IF NOT EXISTS is not safe against a concurrent one
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            for statement in SCHEMA.replace("REAL", "DOUBLE PRECISION").split(";"):
                if statement.strip():
                    conn.execute(statement)

    @contextmanager
    def _connect(self):
        import psycopg

        with psycopg.connect(self.dsn, autocommit=True, connect_timeout=int(BUSY_TIMEOUT_S)) as conn:
            yield conn

    def _execute(self, conn, sql: str, args: tuple = ()):
        return conn.execute(sql.replace("?", "%s"), args)


async def prune_every(
    store: ConversationStore, forget: Callable[[Iterable[str]], None], interval_s: float | None = None
) -> None:
    """Prune now and then every `interval_s` (default: a quarter of the TTL, at most 10 minutes), forgetting
    the pruned conversations' memory; runs until cancelled. A failed round is logged and retried next time."""
    interval_s = interval_s or min(MAX_PRUNE_INTERVAL_S, max(1.0, store.ttl_s / 4))
    while True:
        try:
            if pruned := await anyio.to_thread.run_sync(store.prune):
                await anyio.to_thread.run_sync(forget, pruned)
                log.info("pruned %d expired conversations", len(pruned))
        except Exception:  # a locked database: the next round tries again
            log.exception("pruning expired conversations failed")
        await anyio.sleep(interval_s)
