"""PostgresAdminStore: the SQLite store's versions, history and rollback, and writers in parallel keep them whole."""

from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest

from plugin import admin_store_pg
from plugin.admin_config import AdminConfig
from plugin.admin_store import AdminStore, UnknownVersion
from plugin.admin_store_pg import PostgresAdminStore
from plugin.database import open_admin_store
from plugin.testing.stubs import make_settings

OFFLINE = AdminConfig(llm=None, fallback_policy="never")


@pytest.fixture
def store(database_url):
    opened = PostgresAdminStore(database_url)
    yield opened
    opened.close()


def test_the_database_url_selects_postgresql_and_its_absence_sqlite(tmp_path, database_url):
    on_postgres = open_admin_store(make_settings(tmp_path / "pg", database_url=database_url))
    on_postgres.close()
    assert isinstance(on_postgres, PostgresAdminStore) and not (tmp_path / "pg").exists()
    assert isinstance(open_admin_store(make_settings(tmp_path / "lite")), AdminStore)
    assert (tmp_path / "lite" / "admin.sqlite").is_file()


def test_new_store_holds_the_default_as_version_1_once(database_url):
    first, second = PostgresAdminStore(database_url), PostgresAdminStore(database_url)
    try:
        assert [(v.version, v.source, v.config) for v in second.history()] == [(1, "default", AdminConfig())]
    finally:
        first.close()
        second.close()


def test_put_rollback_and_history(store):
    written = store.put(OFFLINE, actor="admin token ab from 10.0.0.1")
    rolled = store.rollback(1)
    assert (written.version, store.get(2).config, store.get(2).actor) == (2, OFFLINE, "admin token ab from 10.0.0.1")
    assert (rolled.version, rolled.source, rolled.config) == (3, "rollback:1", AdminConfig())
    assert store.current() == rolled and store.current_version() == 3
    assert [(v.version, v.source) for v in store.history()] == [(3, "rollback:1"), (2, "put"), (1, "default")]


def test_rollback_to_an_unknown_version_changes_nothing(store):
    with pytest.raises(UnknownVersion, match="version 9 does not exist"):
        store.rollback(9)
    with pytest.raises(UnknownVersion):
        store.get(9)
    assert store.current_version() == 1


def test_a_failed_transaction_writes_nothing(store, monkeypatch):
    def broken(conn, config, source, actor=""):
        conn.execute("INSERT INTO config_versions VALUES (2, 't', 'half', '{}', '')")
        raise psycopg.OperationalError("disk full")

    monkeypatch.setattr(admin_store_pg, "_insert", broken)
    with pytest.raises(psycopg.OperationalError):
        store.put(OFFLINE)
    monkeypatch.undo()
    assert [v.source for v in store.history()] == ["default"]


def test_parallel_writers_on_two_stores_keep_the_history_whole(database_url):
    stores = [PostgresAdminStore(database_url), PostgresAdminStore(database_url)]
    configs = [AdminConfig(llm=None, fallback_policy="never", timeouts={"slm_s": 100.0 + i}) for i in range(40)]
    try:
        with ThreadPoolExecutor(8) as pool:
            written = list(pool.map(lambda i: stores[i % 2].put(configs[i], actor=str(i)), range(len(configs))))
        history = stores[0].history()
    finally:
        for opened in stores:
            opened.close()
    assert sorted(w.version for w in written) == list(range(2, 42))
    assert [v.version for v in history] == list(range(41, 0, -1))
    assert all(v.config == configs[int(v.actor)] for v in history[:-1])  # each version holds what was written
