"""Resumable training checkpoints and the final adapter export."""

import json
import shutil
from pathlib import Path

import torch
from peft import get_peft_model_state_dict, set_peft_model_state_dict
from safetensors.torch import load_file, save_file

from models.loading import METADATA, PROMPT_FORMAT

ADAPTER_WEIGHTS = "adapter_model.safetensors"


def _atomic_dir(target: Path, write) -> None:
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    write(tmp)
    old = target.with_name(target.name + ".old")
    if target.exists():
        target.rename(old)
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def save_checkpoint(model, optimizer, scheduler, state: dict, out: Path) -> None:
    """Adapter weights + optimizer + scheduler + loop state, replaced atomically."""

    def write(tmp: Path) -> None:
        save_file(get_peft_model_state_dict(model), tmp / ADAPTER_WEIGHTS)
        torch.save({"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}, tmp / "optim.pt")
        (tmp / "state.json").write_text(json.dumps(state, indent=2))

    _atomic_dir(out, write)


def load_checkpoint(model, optimizer, scheduler, out: Path) -> dict | None:
    """Restore a checkpoint into the live objects; None when there is none."""
    if not (out / "state.json").exists():
        return None
    set_peft_model_state_dict(model, load_file(out / ADAPTER_WEIGHTS))
    optim = torch.load(out / "optim.pt", weights_only=False)
    optimizer.load_state_dict(optim["optimizer"])
    scheduler.load_state_dict(optim["scheduler"])
    return json.loads((out / "state.json").read_text())


def export_adapter(model, tokenizer, out: Path, metadata: dict) -> None:
    """The shippable adapter: fp16 LoRA weights, peft config, tokenizer, hyperparameters, metrics."""

    def write(tmp: Path) -> None:
        weights = {k: v.detach().to(torch.float16).contiguous() for k, v in get_peft_model_state_dict(model).items()}
        save_file(weights, tmp / ADAPTER_WEIGHTS)
        model.peft_config["default"].save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        (tmp / METADATA).write_text(json.dumps({"prompt_format": PROMPT_FORMAT, **metadata}, indent=2))

    _atomic_dir(out, write)
