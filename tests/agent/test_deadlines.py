"""Deadlines that hold: a model call past its deadline stops consuming CPU, and a turn ends in its budget."""

import time

import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from agent.context import Context
from agent.llm_call import LLMError, ask
from agent.routers import MIN_REPAIR_S, can_repair
from agent.service import Copilot
from agent.state import State
from models.deadline import current_deadline, deadline_in, remaining
from models.drafter import DraftError
from plugin.testing.flows import flow
from tests.agent.fakes import FakeDrafter

MESSAGES = [HumanMessage(content="repair this flow")]


class SlowModel(BaseChatModel):
    """Burns CPU one "token" at a time; `obeys` decides whether it looks at the deadline."""

    obeys: bool = True
    seconds: float = 3.0

    @property
    def _llm_type(self) -> str:
        return "slow-fake"

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
        end = time.monotonic() + self.seconds
        while time.monotonic() < end:
            if self.obeys and (d := current_deadline()) is not None and time.monotonic() >= d:
                break
            sum(i * i for i in range(2_000))  # one token's worth of work
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content="{}"))])


def _cpu_after_the_call(model: BaseChatModel, timeout_s: float, watch_s: float = 0.8) -> float:
    """Process CPU seconds spent in the `watch_s` after `ask` gave up (or the model stopped) at its deadline."""
    start = time.monotonic()
    try:
        ask(model, MESSAGES, timeout_s)
    except LLMError:
        pass
    assert time.monotonic() - start < timeout_s + 0.2
    start = time.process_time()
    time.sleep(watch_s)
    return time.process_time() - start


def test_a_model_call_past_its_deadline_stops_consuming_cpu():
    assert _cpu_after_the_call(SlowModel(obeys=True), 0.3) < 0.1


def test_the_measure_sees_a_call_that_ignores_its_deadline():
    """The control: a model that does not look at the deadline keeps a core busy after ask gives up
    (for 1 s in all: it is done before the watch ends, so it cannot spill into the next test)."""
    assert _cpu_after_the_call(SlowModel(obeys=False, seconds=1.0), 0.3) > 0.4


def test_the_earlier_deadline_wins_and_none_leaks_out():
    with deadline_in(10):
        with deadline_in(0.5) as inner:
            assert remaining() <= 0.5
        with deadline_in(60) as outer:
            assert outer < time.monotonic() + 10.5  # the enclosing 10 s still bounds it
        assert inner < outer
    assert current_deadline() is None


class SlowDrafter:
    """Takes as long as the current deadline lets it, then fails as a model stopped mid-draft would."""

    def draft(self, req):
        while (left := remaining()) is None or left > 0:
            time.sleep(0.01)
        raise DraftError("stopped at the deadline")

    def drafts(self, reqs):
        return [self.draft(r) for r in reqs]


def test_a_turn_ends_within_its_budget_and_leaves_the_flow_untouched():
    copilot = Copilot(SlowDrafter(), fallback_policy="never", turn_budget_s=0.4)
    start = time.monotonic()
    result = copilot.run("add a step", flow=flow(), task="edit")
    assert time.monotonic() - start < 1.5
    assert not result.ok and result.patch == [] and "deadline" in (result.error or "")


def test_no_repair_starts_with_too_little_time_left():
    ctx = Context(drafter=FakeDrafter(), chat_model=SlowModel(), max_repair_rounds=3)
    state = State(problems=[], fixed=True)
    assert can_repair(state, ctx)  # no deadline: policy alone decides
    with deadline_in(MIN_REPAIR_S / 2):
        assert not can_repair(state, ctx)
    with deadline_in(MIN_REPAIR_S * 5):
        assert can_repair(state, ctx)


LOCAL_SCENARIO = """
import time
from langchain_core.messages import HumanMessage
from agent.llm_call import LLMError, ask
from models.local_chat import LocalChatModel
model = LocalChatModel(max_new_tokens=4000)
model.invoke([HumanMessage(content="hi")])  # loads the model
begun = time.monotonic()
try:
    ask(model, [HumanMessage(content="Write a very long story about a lighthouse keeper, in many chapters.")], 0.5)
except LLMError:
    pass
answered = time.monotonic() - begun
time.sleep(0.2)  # the token being computed at the deadline is finished
start = time.process_time()
time.sleep(0.8)
print(answered, time.process_time() - start)
"""


@pytest.mark.slow
def test_the_local_chat_model_on_llama_cpp_stops_at_the_deadline():
    """In a process of its own, so that no other test's threads count in its CPU time."""
    import subprocess
    import sys

    from models.base_model import BaseModelError, smollm2_gguf

    try:
        smollm2_gguf()
    except BaseModelError as exc:
        pytest.skip(str(exc))
    out = subprocess.run([sys.executable, "-c", LOCAL_SCENARIO], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    answered, cpu_after = map(float, out.stdout.split())
    assert answered < 0.8 and cpu_after < 0.1
