"""SLMDrafter on tiny random Llamas: constrained greedy decoding always yields catalog-only flow text."""

from pathlib import Path

import pytest
import torch
import xgrammar as xgr

from models.base_model import BaseModelError, smollm2_gguf
from models.drafter import DraftError, DraftRequest
from models.grammar import compiled_grammar
from models.slm import SLMDrafter
from schemas.catalog import default_catalog
from schemas.validate import validate_flow
from tests.models.flows import RICH, SIMPLE

CATALOG_CODES = {
    "unknown_trigger",
    "unknown_action",
    "unknown_flowlogic",
    "unknown_input",
    "unknown_table",
    "wrong_scope",
}
REQS = [
    DraftRequest("generate", "When a P1 incident is created, email the caller's manager."),
    DraftRequest("generate", "every day at 9 log hello"),
    DraftRequest("complete", "", {**RICH, "components": RICH["components"][:8]}),
    DraftRequest("edit", "also log the number", SIMPLE),
]


def _biased(src: Path, out: Path, newline: float, stop: float) -> Path:
    """The random model with a constant hidden unit that adds a bias to the output head:
    tokens with a newline get `newline`, the stop token `stop` (short lines, or an early stop)."""
    from transformers import AutoTokenizer, LlamaForCausalLM

    model, tokenizer = LlamaForCausalLM.from_pretrained(src), AutoTokenizer.from_pretrained(src)
    tokens = tokenizer.convert_ids_to_tokens(list(range(len(tokenizer))))
    bias = torch.tensor([newline if "Ċ" in t else 0.0 for t in tokens])
    bias[2] = stop
    with torch.no_grad():
        head = model.model.embed_tokens.weight.detach().clone() * 20
        head[:, 0] = bias / 8  # the normed constant unit is about 8
        model.model.embed_tokens.weight[:, 0] = 1.0
        for layer in model.model.layers:  # nothing writes to unit 0: it stays constant
            layer.self_attn.o_proj.weight[0, :] = 0
            layer.mlp.down_proj.weight[0, :] = 0
        model.config.tie_word_embeddings = False
        model.lm_head.weight = torch.nn.Parameter(head)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


@pytest.fixture(scope="module")
def liney_dir(tiny_base_dir, tmp_path_factory):
    return _biased(tiny_base_dir, tmp_path_factory.mktemp("liney"), newline=1.0, stop=0.0)


@pytest.fixture(scope="module")
def stopping_dir(tiny_base_dir, tmp_path_factory):
    return _biased(tiny_base_dir, tmp_path_factory.mktemp("stopping"), newline=1.0, stop=3.0)


def _catalog_only(flow: dict) -> None:
    catalog = default_catalog()
    assert flow["trigger"]["type"] in catalog.triggers
    for comp in flow["components"]:
        assert catalog.definition(comp["category"], comp["definition"]) is not None, comp
    assert not {p.code for p in validate_flow(flow)} & CATALOG_CODES


def test_constrained_drafts_parse_and_name_only_catalog_items(liney_dir):
    drafter = SLMDrafter(base_model=str(liney_dir), engine="transformers", max_new_tokens=40)
    gens = drafter.generate(REQS)
    assert [g.finished for g in gens] == [False] * 4 and {g.n_tokens for g in gens} == {40}  # budget cut all
    flows = drafter.drafts(REQS)
    for flow in flows:
        assert isinstance(flow, dict), flow
        _catalog_only(flow)
    assert flows[0]["components"]  # lines after the trigger survived the cut
    assert flows[2]["components"][:8] == RICH["components"][:8]  # complete keeps the pre-filled prefix
    assert len(flows[2]["components"]) > 8


def test_generated_tokens_are_accepted_by_the_grammar(liney_dir):
    drafter = SLMDrafter(base_model=str(liney_dir), engine="transformers", max_new_tokens=40)
    tokenizer = drafter._loaded()[1]
    matcher = xgr.GrammarMatcher(compiled_grammar(tokenizer))
    ids = tokenizer(drafter.generate(REQS[:1])[0].text, add_special_tokens=False).input_ids
    assert all(matcher.accept_token(t) for t in ids)


def test_batched_drafts_equal_one_by_one(liney_dir):
    drafter = SLMDrafter(base_model=str(liney_dir), engine="transformers", max_new_tokens=24, batch_size=3)
    assert drafter.drafts(REQS) == [drafter.draft(r) for r in REQS]


def test_a_model_that_stops_ends_on_the_stop_token(stopping_dir):
    drafter = SLMDrafter(base_model=str(stopping_dir), engine="transformers", max_new_tokens=40)
    gen = drafter.generate(REQS[:1])[0]
    assert gen.finished and 0 < gen.n_tokens < 40 and "<|im_end|>" not in gen.text
    flow = drafter.draft(REQS[0])
    _catalog_only(flow)
    assert flow["name"] == "When a P1 incident is created" and flow["description"] == REQS[0].request


def test_edit_keeps_the_flow_name_and_description(stopping_dir):
    flow = SLMDrafter(base_model=str(stopping_dir), engine="transformers", max_new_tokens=40).draft(REQS[3])
    assert (flow["name"], flow["description"]) == (SIMPLE["name"], SIMPLE["description"])


def test_unconstrained_text_that_is_no_flow_is_a_draft_error(liney_dir):
    drafter = SLMDrafter(base_model=str(liney_dir), engine="transformers", constrain=False, max_new_tokens=8)
    assert isinstance(drafter.drafts(REQS[:1])[0], DraftError)
    with pytest.raises(DraftError, match="not a flow"):
        drafter.draft(REQS[0])


def test_a_bad_request_fails_alone(stopping_dir):
    results = SLMDrafter(base_model=str(stopping_dir), engine="transformers", max_new_tokens=40).drafts(
        [DraftRequest("edit", "rename it"), REQS[0]]
    )
    assert isinstance(results[0], DraftError) and "needs the current flow" in str(results[0])
    assert isinstance(results[1], dict)


def test_the_model_loads_lazily_and_load_failures_are_draft_errors(tmp_path):
    drafter = SLMDrafter(base_model=str(tmp_path / "missing"), engine="transformers")  # nothing loads yet
    with pytest.raises(DraftError, match="local SLM failed: BaseModelError"):
        drafter.draft(REQS[0])


@pytest.mark.slow
def test_real_base_decodes_constrained_tokens():
    try:
        smollm2_gguf()
    except BaseModelError as exc:
        pytest.skip(str(exc))
    drafter = SLMDrafter(max_new_tokens=12, engine="transformers")
    gen = drafter.generate(REQS[:1])[0]
    tokenizer = drafter._loaded()[1]
    matcher = xgr.GrammarMatcher(compiled_grammar(tokenizer))
    assert 0 < gen.n_tokens <= 12
    assert all(matcher.accept_token(t) for t in tokenizer(gen.text, add_special_tokens=False).input_ids)
