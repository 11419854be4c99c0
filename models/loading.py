"""Load the drafting SLM, cached: on llama.cpp (base GGUF + adapter merged into one GGUF), or on
transformers (base checkpoint + merged LoRA, fp32, eval mode)."""

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from models.base_model import DEFAULT_BASE, base_gguf, resolve_base_model

if TYPE_CHECKING:
    from models.drafter import GGUFKind
    from models.llama_engine import LlamaEngine

SHIPPED_ADAPTER = Path(__file__).resolve().parent / "adapters" / "flowsmith-smollm2"
METADATA = "flowsmith_adapter.json"  # beside every exported adapter
PROMPT_FORMAT = "v1"  # the prompt text models.prompts writes; an adapter records the one it learned


class AdapterError(RuntimeError):
    """An adapter directory that cannot be used (missing files, other prompt format)."""


def adapter_metadata(adapter_dir: str | Path) -> dict:
    """The adapter's `flowsmith_adapter.json`, checked for the prompt format this code speaks."""
    path = Path(adapter_dir) / METADATA
    if not path.exists():
        raise AdapterError(f"{adapter_dir}: no {METADATA}; not a Flowsmith adapter directory")
    meta = json.loads(path.read_text(encoding="utf-8"))
    if meta.get("prompt_format") != PROMPT_FORMAT:
        raise AdapterError(f"{path}: prompt_format {meta.get('prompt_format')!r}, this code decodes {PROMPT_FORMAT!r}")
    return meta


def base_for(adapter_dir: str | Path | None, base_model: str | None) -> str:
    """The base to load: the explicit one, else the adapter's recorded base, else smollm2."""
    if base_model:
        return base_model
    if adapter_dir is None:
        return DEFAULT_BASE
    return adapter_metadata(adapter_dir).get("base_model") or DEFAULT_BASE


def load_slm(adapter_dir: str | Path | None = None, base_model: str | None = None):
    """(model, tokenizer): base from resolve_base_model, adapter merged in; cached per (adapter, base)."""
    adapter = str(Path(adapter_dir).resolve()) if adapter_dir is not None else None
    return _load(adapter, base_for(adapter, base_model))


@cache
def _load(adapter_dir: str | None, base_model: str):
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    base_dir = resolve_base_model(base_model)
    model = AutoModelForCausalLM.from_pretrained(base_dir, dtype=torch.float32)
    tokenizer_dir = base_dir
    if adapter_dir is not None:
        from peft import PeftModel

        adapter_metadata(adapter_dir)
        model = PeftModel.from_pretrained(model, adapter_dir).merge_and_unload()
        if (Path(adapter_dir) / "tokenizer_config.json").exists():
            tokenizer_dir = adapter_dir
    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    model.eval()
    return model, tokenizer


def llama_gguf(adapter_dir: str | Path | None = None, base_model: str | None = None, kind: "GGUFKind" = "f16") -> Path:
    """The GGUF llama.cpp loads: the base's GGUF with the adapter merged in (cached), or the bare base."""
    from models.gguf_merge import merged_gguf

    base = base_gguf(base_for(adapter_dir, base_model))
    if adapter_dir is None:
        return base
    adapter_metadata(adapter_dir)
    return merged_gguf(base, Path(adapter_dir).resolve(), kind)


@cache
def load_llama(gguf: Path) -> "LlamaEngine":
    """One llama.cpp engine per GGUF file in this process."""
    from models.llama_engine import LlamaEngine

    return LlamaEngine(gguf)
