"""AdminStore: versions, history, rollback, persistence, atomic writes."""

import sqlite3

import pytest

from plugin.admin_config import AdminConfig, LLMConfig
from plugin.admin_store import AdminStore, UnknownVersion
from schemas.secrets import looks_like_secret

LLM = AdminConfig(llm=LLMConfig(spec="openai:gpt-4o-mini", api_key_env="OPENAI_API_KEY"), fallback_policy="on_invalid")


def test_new_store_holds_the_default_as_version_1(tmp_path):
    store = AdminStore(tmp_path / "a.sqlite")
    current = store.current()
    assert (current.version, current.source, current.config) == (1, "default", AdminConfig())
    assert store.current_version() == 1


def test_put_and_history(tmp_path):
    store = AdminStore(tmp_path / "a.sqlite")
    written = store.put(LLM)
    assert written.version == 2 and store.current().config == LLM
    assert [(v.version, v.source) for v in store.history()] == [(2, "put"), (1, "default")]


def test_rollback_writes_a_new_version_with_the_old_config(tmp_path):
    store = AdminStore(tmp_path / "a.sqlite")
    store.put(LLM)
    rolled = store.rollback(1)
    assert (rolled.version, rolled.source, rolled.config) == (3, "rollback:1", AdminConfig())
    assert store.current() == rolled


def test_rollback_to_unknown_version_changes_nothing(tmp_path):
    store = AdminStore(tmp_path / "a.sqlite")
    with pytest.raises(UnknownVersion, match="version 9 does not exist"):
        store.rollback(9)
    assert store.current_version() == 1


def test_reopening_keeps_everything(tmp_path):
    AdminStore(tmp_path / "a.sqlite").put(LLM)
    store = AdminStore(tmp_path / "nested" / ".." / "a.sqlite")
    assert store.current().config == LLM and len(store.history()) == 2


def test_failed_transaction_writes_nothing(tmp_path, monkeypatch):
    store = AdminStore(tmp_path / "a.sqlite")

    def broken(conn, config, source, actor=""):
        conn.execute("INSERT INTO config_versions (created_at, source, config) VALUES ('t', 'half', '{}')")
        raise sqlite3.OperationalError("disk full")

    monkeypatch.setattr("plugin.admin_store._insert", broken)
    with pytest.raises(sqlite3.OperationalError):
        store.rollback(1)
    monkeypatch.undo()
    assert [v.source for v in store.history()] == ["default"]


@pytest.mark.parametrize(
    "value, secret",
    [
        ("sk-proj-abcdefghijklmnop1234", True),
        ("ghp_abcdefghijklmnopqrstuvwxyz12", True),
        ("https://user:pw@example.com/v1", True),
        ("0123456789abcdef0123456789abcdef", True),
        ("OPENAI_API_KEY", False),
        ("openai:gpt-4o-mini", False),
        ("Qwen2.5-0.5B-Instruct-flowsmith-lora-v1-20240101", False),
        ("models/adapters/flowsmith-qwen2.5-0.5b", False),
        ("http://localhost:8001/v1", False),
    ],
)
def test_looks_like_secret(value, secret):
    assert looks_like_secret(value) is secret
