"""Smoke test of the LoRA trainer on a tiny random model: same code path as the real recipe."""

import json
from pathlib import Path

import pytest
from safetensors.torch import load_file

from models.checkpoint import ADAPTER_WEIGHTS, METADATA
from models.train import train
from models.train_args import LoraArgs, TrainArgs, load_recipe

FLOW = {
    "name": "",
    "description": "",
    "trigger": {
        "type": "record_create",
        "inputs": [{"name": "table", "value": "incident"}, {"name": "condition", "value": "priority=1"}],
    },
    "components": [
        {
            "category": "action",
            "definition": "log",
            "scope": "global",
            "order": 1,
            "inputs": [{"name": "message", "value": "P1 {{trigger.current.number}}"}],
        }
    ],
}


def _write_data(root: Path) -> Path:
    rows = [
        {
            "id": f"r{i}",
            "task": "generate",
            "request": f"log P1 incidents {i}",
            "flow": None,
            "target": FLOW,
            "meta": {},
        }
        for i in range(12)
    ]
    rows.append(
        {"id": "c", "task": "complete", "request": "", "flow": {**FLOW, "components": []}, "target": FLOW, "meta": {}}
    )
    root.mkdir(parents=True, exist_ok=True)
    for split in ("train", "val"):
        (root / f"{split}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return root


def _args(tmp_path: Path, base: Path, **kw) -> TrainArgs:
    return TrainArgs(
        data_dir=str(_write_data(tmp_path / "data")),
        output_dir=str(tmp_path / "run"),
        base_model=str(base),
        batch_size=4,
        lr=5e-3,
        warmup_steps=0,
        eval_every=2,
        eval_examples=1,
        save_every=1,
        lora=LoraArgs(r=4, alpha=8, target_modules=["q_proj", "v_proj"]),
        **kw,
    )


def test_train_changes_weights_writes_adapter_and_resumes(tmp_path, tiny_base_dir):
    args = _args(tmp_path, tiny_base_dir, max_steps=2)
    state = train(args, args.lora.peft_config())
    assert state["step"] == 2 and state["tokens"] > 0
    adapter = tmp_path / "run" / "adapter"
    weights = load_file(adapter / ADAPTER_WEIGHTS)
    lora_b = [v for k, v in weights.items() if "lora_B" in k]
    assert lora_b and any(float(v.abs().sum()) > 0 for v in lora_b)  # B starts at zero: training moved it
    meta = json.loads((adapter / METADATA).read_text())
    assert meta["hyperparameters"]["lora"]["r"] == 4 and meta["steps"] == 2 and "flowsim" in meta["metrics"]
    assert (adapter / "adapter_config.json").exists() and (adapter / "tokenizer.json").exists()

    resumed = train(_args(tmp_path, tiny_base_dir, max_steps=3), args.lora.peft_config())
    assert resumed["step"] == 3  # continued from the step-2 checkpoint, one more step
    assert [e["step"] for e in resumed["log"]] == [1, 2, 3]


def test_recipe_mirrors_train_args_and_rejects_unknown_keys(tmp_path):
    recipe = Path(__file__).resolve().parents[2] / "models" / "recipes" / "smollm2-lora.yaml"
    args = load_recipe(recipe)
    assert args.base_model == "smollm2" and args.lora.r > 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("learning_rate: 0.1\n")
    with pytest.raises(ValueError, match="learning_rate"):
        load_recipe(bad)
