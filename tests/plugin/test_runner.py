"""CopilotRunner: one generation at a time; a timeout says whether the copilot was busy or slow."""

import threading

import anyio
import pytest

from plugin.admin_store import AdminStore
from plugin.runner import BUSY, Call, CopilotRunner
from tests.plugin.conftest import BlockingCopilot

CALL = Call(task="generate", request="x", flow=None, thread_id="t")


class EnteredCopilot(BlockingCopilot):
    """A BlockingCopilot that says when a run has started."""

    def __init__(self, config, release: threading.Event) -> None:
        super().__init__(config, release)
        self.entered = threading.Event()

    def run(self, *args, **kwargs):
        self.entered.set()
        return super().run(*args, **kwargs)


@pytest.fixture
def blocked(tmp_path):
    release = threading.Event()
    copilots: list[EnteredCopilot] = []

    def factory(config):
        copilots.append(EnteredCopilot(config, release))
        return copilots[-1]

    runner = CopilotRunner(factory, AdminStore(tmp_path / "admin.sqlite"))
    yield runner, copilots, release
    release.set()


def test_a_slow_copilot_times_out_without_saying_busy(blocked):
    runner, _, release = blocked
    with pytest.raises(TimeoutError) as info:
        anyio.run(runner.run, CALL, 0.5)
    assert BUSY not in str(info.value)
    release.set()
    assert anyio.run(runner.run, CALL, 5.0).ok  # the lock was freed by the abandoned run


def test_a_call_waiting_behind_another_times_out_as_busy(blocked):
    runner, copilots, release = blocked
    first = threading.Thread(target=lambda: anyio.run(runner.run, CALL, 30.0))
    first.start()
    assert runner_entered(copilots)
    for timeout in (0.0, 0.05, 0.2):  # whichever of the lock wait and fail_after ends first
        with pytest.raises(TimeoutError, match=BUSY):
            anyio.run(runner.run, CALL, timeout)
    release.set()
    first.join(5)
    assert len(copilots[0].calls) == 1


def runner_entered(copilots, wait: float = 10.0) -> bool:
    """Whether the first copilot started a run within `wait` seconds."""
    for _ in range(int(wait / 0.01)):
        if copilots and copilots[0].entered.is_set():
            return True
        threading.Event().wait(0.01)
    return False
