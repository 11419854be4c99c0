"""The fine-tuned drafter as one GGUF file for llama.cpp: the base GGUF with the LoRA adapter merged in.

numpy only (gguf + safetensors), so the llama.cpp path never imports torch: each adapted weight
is the base tensor dequantised exactly as the transformers path sees it, plus `alpha/r · B @ A`,
written as f32, f16 or q8_0. Attention q/k rows are permuted the way llama.cpp's converter lays
them out. The file is written once per (base, adapter, kind) into the cache, atomically.
"""

import hashlib
import json
import os
from pathlib import Path

import numpy as np

from models.base_model import cache_dir
from models.drafter import GGUFKind as Kind

MERGE_VERSION = 1  # bump when the merge changes what it writes
_MODULES = {  # HF module path (after `layers.N.`) → llama.cpp tensor name (after `blk.N.`)
    "self_attn.q_proj": "attn_q",
    "self_attn.k_proj": "attn_k",
    "self_attn.v_proj": "attn_v",
    "self_attn.o_proj": "attn_output",
    "mlp.gate_proj": "ffn_gate",
    "mlp.up_proj": "ffn_up",
    "mlp.down_proj": "ffn_down",
}


class MergeError(RuntimeError):
    """The adapter does not fit the base GGUF (unknown module, wrong shape, unsupported option)."""


def _digest(*paths: Path) -> str:
    h = hashlib.sha256(f"merge-v{MERGE_VERSION}".encode())
    for path in paths:
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()[:16]


def merged_path(base_gguf: Path, adapter_dir: Path, kind: Kind) -> Path:
    """Where the merged file for these inputs lives in the cache (content-addressed)."""
    key = _digest(base_gguf, adapter_dir / "adapter_config.json", adapter_dir / "adapter_model.safetensors")
    return cache_dir() / "gguf" / f"{adapter_dir.name}-{key}-{kind}.gguf"


def _permute(rows: np.ndarray, n_head: int) -> np.ndarray:
    """HF q/k row order → llama.cpp's (its converter's `permute`): per head, interleave the rotary halves."""
    return rows.reshape(n_head, 2, rows.shape[0] // n_head // 2, *rows.shape[1:]).swapaxes(1, 2).reshape(rows.shape)


def lora_deltas(adapter_dir: Path, n_head: int, n_head_kv: int) -> dict[str, np.ndarray]:
    """llama.cpp tensor name → the fp32 weight delta `alpha/r · B @ A` in llama.cpp's row order."""
    from safetensors.numpy import load_file

    config = json.loads((adapter_dir / "adapter_config.json").read_text(encoding="utf-8"))
    if config.get("use_rslora") or config.get("use_dora") or config.get("rank_pattern") or config.get("alpha_pattern"):
        raise MergeError(f"{adapter_dir}: rslora/dora/per-module ranks are not supported by the GGUF merge")
    scale = config["lora_alpha"] / config["r"]
    weights = load_file(adapter_dir / "adapter_model.safetensors")
    deltas = {}
    for key, a in weights.items():
        if ".lora_A." not in key:
            continue
        b = weights[key.replace(".lora_A.", ".lora_B.")]
        layer, module = key.split(".layers.", 1)[1].split(".lora_A.")[0].split(".", 1)
        if module not in _MODULES:
            raise MergeError(f"{adapter_dir}: adapted module {module!r} has no llama.cpp tensor")
        delta = scale * (b.astype(np.float32) @ a.astype(np.float32))
        if module == "self_attn.q_proj":
            delta = _permute(delta, n_head)
        elif module == "self_attn.k_proj":
            delta = _permute(delta, n_head_kv)
        deltas[f"blk.{layer}.{_MODULES[module]}.weight"] = delta
    return deltas


def _field(reader, key: str):
    return reader.fields[key].contents()


def write_merged(base_gguf: Path, adapter_dir: Path, out: Path, kind: Kind) -> Path:
    """Write base + adapter to `out` (via a `.partial` file renamed into place)."""
    import gguf

    reader = gguf.GGUFReader(base_gguf)
    arch = _field(reader, "general.architecture")
    deltas = lora_deltas(
        adapter_dir, _field(reader, f"{arch}.attention.head_count"), _field(reader, f"{arch}.attention.head_count_kv")
    )
    file_type = {"f32": gguf.LlamaFileType.ALL_F32, "f16": gguf.LlamaFileType.MOSTLY_F16}.get(
        kind, gguf.LlamaFileType.MOSTLY_Q8_0
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".partial")
    writer = gguf.GGUFWriter(tmp, arch)
    for field in reader.fields.values():
        if field.name == "general.architecture" or field.name.startswith("GGUF."):
            continue
        value = int(file_type) if field.name == "general.file_type" else field.contents()
        sub = field.types[-1] if field.types[0] == gguf.GGUFValueType.ARRAY else None
        writer.add_key_value(field.name, value, field.types[0], sub_type=sub)
    for tensor in reader.tensors:
        qtype = tensor.tensor_type
        if qtype in (gguf.GGMLQuantizationType.F32,) and tensor.name not in deltas:
            writer.add_tensor(tensor.name, np.asarray(tensor.data))  # norms stay f32
            continue
        if tensor.name not in deltas and kind == "q8_0" and qtype == gguf.GGMLQuantizationType.Q8_0:
            writer.add_tensor(tensor.name, np.asarray(tensor.data), raw_dtype=qtype)  # exact bytes
            continue
        weight = gguf.quants.dequantize(tensor.data, qtype).astype(np.float32)
        if tensor.name in deltas:
            if deltas[tensor.name].shape != weight.shape:
                raise MergeError(f"{tensor.name}: adapter delta {deltas[tensor.name].shape} vs base {weight.shape}")
            weight = weight + deltas.pop(tensor.name)
        if kind == "q8_0":
            writer.add_tensor(
                tensor.name,
                gguf.quants.quantize(weight, gguf.GGMLQuantizationType.Q8_0),
                raw_dtype=gguf.GGMLQuantizationType.Q8_0,
            )
        else:
            writer.add_tensor(tensor.name, weight.astype(np.float16 if kind == "f16" else np.float32))
    if deltas:
        raise MergeError(f"{adapter_dir}: no base tensor for {sorted(deltas)[:3]}")
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    os.replace(tmp, out)  # atomic: a half-written file is never loaded
    return out


def merged_gguf(base_gguf: Path, adapter_dir: Path, kind: Kind = "f16") -> Path:
    """The merged GGUF for this base and adapter, written on first use."""
    out = merged_path(base_gguf, Path(adapter_dir), kind)
    return out if out.exists() else write_merged(base_gguf, Path(adapter_dir), out, kind)
