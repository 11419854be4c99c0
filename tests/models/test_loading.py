"""load_slm: the base plus a merged LoRA adapter, fp32, eval mode, cached; adapter metadata checks."""

import json

import pytest
import torch
from peft import LoraConfig, PeftModel, get_peft_model
from transformers import AutoModelForCausalLM, AutoTokenizer

from models.checkpoint import METADATA, export_adapter
from models.loading import AdapterError, adapter_metadata, base_for, load_slm

IDS = torch.tensor([[1, 4093, 198, 6004, 2, 198]])


@pytest.fixture(scope="module")
def adapter(tiny_base_dir, tmp_path_factory):
    """A LoRA adapter with random (non-zero) B, exported by the trainer's export_adapter; plus its logits."""
    torch.manual_seed(1)
    base = AutoModelForCausalLM.from_pretrained(tiny_base_dir, dtype=torch.float32)
    peft_model = get_peft_model(base, LoraConfig(r=4, target_modules=["q_proj", "v_proj"], init_lora_weights=False))
    out = tmp_path_factory.mktemp("run") / "adapter"
    export_adapter(peft_model, AutoTokenizer.from_pretrained(tiny_base_dir), out, {"base_model": str(tiny_base_dir)})
    with torch.no_grad():
        return out, peft_model.eval()(IDS).logits


def test_the_adapter_is_merged_into_an_fp32_eval_model(adapter, tiny_base_dir):
    adapter_dir, expected = adapter
    model, tokenizer = load_slm(adapter_dir)
    assert not isinstance(model, PeftModel) and not model.training and model.dtype == torch.float32
    assert not any("lora" in name for name, _ in model.named_parameters())
    with torch.no_grad():
        torch.testing.assert_close(model(IDS).logits, expected, rtol=0, atol=2e-3)  # fp16 export
        assert (load_slm(None, str(tiny_base_dir))[0](IDS).logits - expected).abs().max() > 2e-2
    assert tokenizer.convert_tokens_to_ids("<|im_end|>") == 2


def test_loads_are_cached_per_adapter_and_base(adapter, tiny_base_dir):
    adapter_dir, _ = adapter
    assert load_slm(adapter_dir) is load_slm(str(adapter_dir), str(tiny_base_dir))
    assert load_slm(adapter_dir)[0] is not load_slm(None, str(tiny_base_dir))[0]


def test_base_comes_from_the_argument_the_adapter_or_the_default(adapter, tiny_base_dir):
    adapter_dir, _ = adapter
    assert base_for(adapter_dir, None) == str(tiny_base_dir)
    assert base_for(adapter_dir, "/elsewhere") == "/elsewhere"
    assert base_for(None, None) == "smollm2"


def test_an_adapter_needs_flowsmith_metadata_in_this_prompt_format(tmp_path):
    with pytest.raises(AdapterError, match="not a Flowsmith adapter"):
        adapter_metadata(tmp_path)
    (tmp_path / METADATA).write_text(json.dumps({"base_model": "smollm2", "prompt_format": "v0"}))
    with pytest.raises(AdapterError, match="prompt_format 'v0'"):
        load_slm(tmp_path)
