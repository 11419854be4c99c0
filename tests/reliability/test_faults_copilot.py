"""Faults of the models behind the service: the LLM endpoint and the drafter, seen through HTTP."""

import pytest

from models.drafter import DraftError
from plugin.testing.scenarios import drafter_fault, llm_fault

LLM_ERRORS = {
    "down": "the chat model failed (OpenAIConnectionError; error id",
    "slow": "did not answer within 1s",
    "garbage": "unusable answer: no flow JSON",
    "html": "the chat model failed",
    "huge": "unusable answer: 5000000 characters",
    "huge_prose": "unusable answer: 5000000 characters",
}


@pytest.mark.parametrize("mode", list(LLM_ERRORS))
def test_llm_faults_fail_the_turn_cleanly_and_keep_the_flow(tmp_path, mode):
    seen = llm_fault(mode, tmp_path)
    assert seen.status == 200 and seen.ok is False
    assert seen.message.startswith("LLM repair failed in round 1: ")
    assert LLM_ERRORS[mode] in seen.message, seen.message
    assert "Bad Gateway" not in seen.message  # an upstream's error body never reaches the client
    assert seen.flow_kept and seen.recovered


def test_a_known_drafter_failure_is_a_failed_turn(tmp_path):
    seen = drafter_fault(DraftError("the model produced no flow"), tmp_path)
    assert seen.status == 200 and seen.ok is False
    assert seen.message == "the drafter failed: the model produced no flow"
    assert seen.flow_kept and seen.recovered


def test_a_drafter_crash_is_a_500_that_says_what_failed_and_the_next_call_works(tmp_path):
    seen = drafter_fault(RuntimeError("CUDA error: out of memory"), tmp_path)
    assert seen.status == 500
    assert seen.message.startswith("the copilot failed (RuntimeError; error id ")  # the text is in the log only
    assert seen.recovered  # the copilot lock was released and the thread's memory is usable
