"""Where the service keeps its state, chosen by one setting: SQLite files under `data_dir` (the embedded
default), or one PostgreSQL that every replica shares (`FLOWSMITH_DATABASE_URL`).

Every store opens through here: the admin config, conversation ownership and the memory.
"""

import atexit
import threading

from langgraph.checkpoint.base import BaseCheckpointSaver

from agent.memory import postgres_checkpointer, sqlite_checkpointer
from plugin.admin_store import AdminStore, ConfigStore
from plugin.conversations import ConversationStore, PostgresConversationStore
from plugin.settings import Settings

_savers: dict[str, BaseCheckpointSaver] = {}  # one pool per database and process, whatever rebuilds the copilot
_savers_lock = threading.Lock()


def database_url(settings: Settings) -> str | None:
    """The PostgreSQL URL, or None for SQLite under `settings.data_dir`."""
    return settings.database_url.get_secret_value() if settings.database_url else None


def open_admin_store(settings: Settings) -> ConfigStore:
    """The versioned admin config store (close it when done)."""
    if (url := database_url(settings)) is None:
        return AdminStore(settings.admin_db)
    from plugin.admin_store_pg import PostgresAdminStore

    return PostgresAdminStore(url)


def open_conversation_store(settings: Settings) -> ConversationStore:
    """Who owns which conversation: a table under `data_dir`, or in the shared PostgreSQL."""
    if (url := database_url(settings)) is None:
        return ConversationStore(settings.conversations_db, settings.conversation_ttl_s)
    return PostgresConversationStore(url, settings.conversation_ttl_s)


def checkpointer(settings: Settings) -> BaseCheckpointSaver:
    """The conversation memory: a new SQLite connection on `<data_dir>/memory.sqlite`, or this process's
    one PostgreSQL saver on the database URL (its pool closed at exit)."""
    if (url := database_url(settings)) is None:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        return sqlite_checkpointer(settings.data_dir / "memory.sqlite")
    with _savers_lock:
        if url not in _savers:
            _savers[url] = saver = postgres_checkpointer(url)
            atexit.register(saver.conn.close)
        return _savers[url]
