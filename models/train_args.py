"""Typed training arguments; a YAML recipe mirrors them field for field."""

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import yaml
from peft import LoraConfig


@dataclass
class LoraArgs:
    r: int = 16
    alpha: int = 32
    dropout: float = 0.05
    target_modules: list[str] = field(
        default_factory=lambda: ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
    )

    def peft_config(self) -> LoraConfig:
        return LoraConfig(
            r=self.r,
            lora_alpha=self.alpha,
            lora_dropout=self.dropout,
            target_modules=list(self.target_modules),
            task_type="CAUSAL_LM",
        )


@dataclass
class TrainArgs:
    data_dir: str = "data"
    output_dir: str = "runs/smollm2-lora"
    base_model: str = "smollm2"  # 'smollm2', an HF model directory, or a .gguf file
    export_dir: str = ""  # where the final fp16 adapter goes ('' = output_dir/adapter)
    init_adapter: str = ""  # continue from this adapter's weights (its own LoRA config); '' = a fresh LoRA
    tasks: list[str] = field(default_factory=lambda: ["generate", "edit", "complete"])  # and "repair"
    max_examples: int = 0  # 0 = the whole train split
    max_seq_len: int = 320
    epochs: float = 1.0
    max_steps: int = 0  # 0 = epochs decide
    time_budget_min: float = 0.0  # stop (and export) after this many minutes; 0 = no budget
    batch_size: int = 8
    grad_accum: int = 1
    lr: float = 1e-3
    warmup_steps: int = 20
    weight_decay: float = 0.0
    eval_every: int = 100
    eval_examples: int = 8
    save_every: int = 50
    seed: int = 0
    lora: LoraArgs = field(default_factory=LoraArgs)

    def to_dict(self) -> dict:
        return asdict(self)


def load_recipe(path: str | Path, overrides: dict | None = None) -> TrainArgs:
    """TrainArgs from a YAML recipe; unknown keys are an error naming the key."""
    with open(path, encoding="utf-8") as handle:
        raw = {**(yaml.safe_load(handle) or {}), **(overrides or {})}
    known = {f.name for f in fields(TrainArgs)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ValueError(f"{path}: unknown recipe keys {unknown}; known: {sorted(known)}")
    lora_raw = raw.pop("lora", {}) or {}
    lora_known = {f.name for f in fields(LoraArgs)}
    if set(lora_raw) - lora_known:
        raise ValueError(f"{path}: unknown lora keys {sorted(set(lora_raw) - lora_known)}")
    return TrainArgs(**raw, lora=LoraArgs(**lora_raw))
