"""CopilotRunner: one generation at a time; a timeout says whether the copilot was busy or slow."""

import threading

import anyio
import pytest

from plugin.admin_store import AdminStore
from plugin.runner import BUSY, Call, CopilotBusy, CopilotRunner, UserBusy, error_event
from tests.plugin.conftest import BlockingCopilot

CALL = Call(task="generate", request="x", flow=None, thread_id="t")


class EnteredCopilot(BlockingCopilot):
    """A BlockingCopilot that sets `entered` when a run has started."""

    def __init__(self, config, release: threading.Event, entered: threading.Event) -> None:
        super().__init__(config, release)
        self.entered = entered

    def run(self, *args, **kwargs):
        self.entered.set()
        return super().run(*args, **kwargs)


@pytest.fixture
def blocked(tmp_path):
    release, entered = threading.Event(), threading.Event()
    copilots: list[EnteredCopilot] = []

    def factory(config):
        copilots.append(EnteredCopilot(config, release, entered))
        return copilots[-1]

    runner = CopilotRunner(factory, AdminStore(tmp_path / "admin.sqlite"))
    yield runner, copilots, release, entered
    release.set()


def test_a_slow_copilot_times_out_without_saying_busy(blocked):
    runner, _, release, _ = blocked
    with pytest.raises(TimeoutError) as info:
        anyio.run(runner.run, CALL, 0.5)
    assert BUSY not in str(info.value)
    release.set()
    assert anyio.run(runner.run, CALL, 5.0).ok  # the lock was freed by the abandoned run


def test_a_call_waiting_behind_another_times_out_as_busy(blocked):
    runner, copilots, release, entered = blocked
    first = threading.Thread(target=lambda: anyio.run(runner.run, CALL, 30.0))
    first.start()
    assert entered.wait(10)
    for timeout in (0.0, 0.05, 0.2):  # whichever of the lock wait and fail_after ends first
        with pytest.raises(TimeoutError, match=BUSY):
            anyio.run(runner.run, CALL, timeout)
        assert anyio.run(streamed, runner, timeout) == [error_event(TimeoutError(BUSY))]
    release.set()
    first.join(5)
    assert len(copilots[0].calls) == 1


async def streamed(runner: CopilotRunner, timeout: float, call: Call = CALL) -> list[dict]:
    return [event async for event in runner.stream(call, timeout)]


def test_a_full_queue_refuses_at_once_and_frees_its_places(tmp_path):
    release, entered = threading.Event(), threading.Event()
    runner = CopilotRunner(lambda c: EnteredCopilot(c, release, entered), AdminStore(tmp_path / "a.sqlite"), 1)
    running = threading.Thread(target=lambda: anyio.run(runner.run, CALL, 30.0))
    running.start()
    assert entered.wait(10)
    waiting = threading.Thread(target=lambda: anyio.run(runner.run, CALL, 30.0))
    waiting.start()
    while runner._places._value:  # the second turn holds the one waiting place
        threading.Event().wait(0.01)
    with pytest.raises(CopilotBusy):
        anyio.run(runner.run, CALL, 30.0)
    assert anyio.run(streamed, runner, 30.0)[0]["code"] == "busy"
    release.set()
    running.join(5)
    waiting.join(5)
    assert anyio.run(runner.run, CALL, 5.0).ok  # every place was given back


def test_one_user_cannot_take_the_whole_queue(tmp_path):
    release, entered = threading.Event(), threading.Event()
    factory = lambda c: EnteredCopilot(c, release, entered)  # noqa: E731
    runner = CopilotRunner(factory, AdminStore(tmp_path / "a.sqlite"), max_waiting=4, max_waiting_per_user=1)
    alice, bob = (Call(task="generate", request="x", flow=None, thread_id=u, user=u) for u in ("alice", "bob"))
    threads = [threading.Thread(target=lambda c=c: anyio.run(runner.run, c, 30.0)) for c in (alice, alice, bob)]
    threads[0].start()
    assert entered.wait(10)
    for thread in threads[1:]:
        thread.start()
    while runner._per_user != {"alice": 2, "bob": 1}:  # alice's running turn and one waiting; bob's waiting
        threading.Event().wait(0.01)
    with pytest.raises(UserBusy, match="you already have 2 requests"):
        anyio.run(runner.run, alice, 30.0)
    assert anyio.run(streamed, runner, 30.0, alice)[0]["code"] == "busy"
    release.set()
    for thread in threads:
        thread.join(5)
    assert not runner._per_user and runner._places._value == 5  # every place given back, per user too
    assert anyio.run(runner.run, alice, 5.0).ok
