"""Conversation memory in SQLite and PostgreSQL: a thread's flow and turns survive a restart, or another process."""

from agent.memory import postgres_checkpointer, sqlite_checkpointer
from agent.service import Copilot
from plugin.testing.flows import NOTIFY
from tests.agent.fakes import FakeDrafter, with_log


def test_memory_survives_a_restart(tmp_path):
    path = tmp_path / "nested" / "memory.sqlite"
    saver = sqlite_checkpointer(path)
    first = Copilot(FakeDrafter(NOTIFY), checkpointer=saver).run("email VIP callers", thread_id="t1")
    assert first.ok
    saver.conn.close()

    saver = sqlite_checkpointer(path)
    drafter = FakeDrafter(with_log())
    copilot = Copilot(drafter, checkpointer=saver)
    second = copilot.run("add a log step", thread_id="t1")
    assert second.task == "edit" and drafter.requests[0].flow == NOTIFY
    assert second.ok and second.flow == with_log() and len(second.patch) == 1
    turns = copilot.graph.get_state({"configurable": {"thread_id": "t1"}}).values["messages"]
    assert [m.type for m in turns] == ["human", "ai", "human", "ai"]
    assert copilot.current_flow("other") is None
    saver.conn.close()


def test_a_failed_turn_keeps_the_stored_flow(tmp_path):
    saver = sqlite_checkpointer(tmp_path / "m.sqlite")
    copilot = Copilot(FakeDrafter(NOTIFY, {"trigger": "nonsense"}), checkpointer=saver, fallback_policy="never")
    copilot.run("email VIP callers")
    failed = copilot.run("break it")
    assert not failed.ok and failed.flow == NOTIFY and copilot.current_flow() == NOTIFY
    saver.conn.close()


def test_two_postgres_savers_share_a_conversation(database_url):
    """As two service processes do: the second saver (its own pool) continues the first's thread."""
    first, second = postgres_checkpointer(database_url), postgres_checkpointer(database_url)  # setup runs twice
    try:
        assert Copilot(FakeDrafter(NOTIFY), checkpointer=first).run("email VIP callers", thread_id="t1").ok
        drafter = FakeDrafter(with_log())
        continued = Copilot(drafter, checkpointer=second).run("add a log step", thread_id="t1")
        assert continued.task == "edit" and drafter.requests[0].flow == NOTIFY and continued.flow == with_log()
    finally:
        first.conn.close()
        second.conn.close()
