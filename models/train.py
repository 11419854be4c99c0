"""LoRA fine-tuning of the drafting SLM: one function, typed arguments, resumable.

`flowsmith train --recipe models/recipes/smollm2-lora.yaml`; multi-device:
`accelerate launch -m models.train --recipe ...`.
"""

import math
import time
from pathlib import Path

import torch
from accelerate import Accelerator
from peft import LoraConfig, get_peft_model
from tqdm.auto import tqdm
from transformers import AutoModelForCausalLM, AutoTokenizer, get_cosine_schedule_with_warmup

from models.base_model import resolve_base_model
from models.checkpoint import export_adapter, load_checkpoint, save_checkpoint
from models.train_args import TrainArgs
from models.train_data import batches, collate, read_rows, tokenize
from models.train_eval import evaluate


def _load(args: TrainArgs, peft_config: LoraConfig):
    base_dir = resolve_base_model(args.base_model)
    tokenizer = AutoTokenizer.from_pretrained(base_dir)
    model = AutoModelForCausalLM.from_pretrained(base_dir, dtype=torch.float32)
    torch.manual_seed(args.seed)
    if args.init_adapter:
        from peft import PeftModel

        return PeftModel.from_pretrained(model, args.init_adapter, is_trainable=True), tokenizer
    return get_peft_model(model, peft_config), tokenizer


def _plan(args: TrainArgs, n_batches: int) -> int:
    steps = math.ceil(n_batches * args.epochs / args.grad_accum)
    return min(steps, args.max_steps) if args.max_steps else steps


def train(args: TrainArgs, peft_config: LoraConfig) -> dict:
    """Train, checkpoint every `save_every` steps (resuming from the last one), export the adapter."""
    accel = Accelerator(gradient_accumulation_steps=args.grad_accum)
    out = Path(args.output_dir)
    model, tokenizer = _load(args, peft_config)
    rows = read_rows(Path(args.data_dir) / "train.jsonl", tuple(args.tasks), args.max_examples, args.seed)
    examples = tokenize(rows, tokenizer, args.max_seq_len)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    epoch_batches = batches(examples, args.batch_size, args.seed)
    total = _plan(args, len(epoch_batches))
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=args.lr, weight_decay=args.weight_decay)
    scheduler = get_cosine_schedule_with_warmup(optimizer, args.warmup_steps, total)
    state = load_checkpoint(model, optimizer, scheduler, out / "checkpoint") or {"step": 0, "tokens": 0, "log": []}
    model, optimizer, scheduler = accel.prepare(model, optimizer, scheduler)
    state = _loop(args, accel, model, tokenizer, optimizer, scheduler, examples, epoch_batches, pad_id, total, state)
    if accel.is_main_process:
        metrics = evaluate(accel.unwrap_model(model), tokenizer, args, limit=args.eval_examples)
        state["final_eval"] = metrics
        export_adapter(
            accel.unwrap_model(model),
            tokenizer,
            Path(args.export_dir or out / "adapter"),
            {
                "base_model": args.base_model,
                "hyperparameters": args.to_dict(),
                "train_examples": len(examples),
                "steps": state["step"],
                "tokens": state["tokens"],
                "train_seconds": state.get("seconds", 0.0),
                "metrics": metrics,
                "log": state["log"][-50:],
            },
        )
    return state


def _loop(args, accel, model, tokenizer, optimizer, scheduler, examples, epoch_batches, pad_id, total, state):
    model.train()
    started = time.time() - state.get("seconds", 0.0)
    bar = tqdm(total=total, initial=state["step"], desc="train", disable=not accel.is_main_process)
    micro = state["step"] * args.grad_accum
    while state["step"] < total:
        batch = collate([examples[i] for i in epoch_batches[micro % len(epoch_batches)]], pad_id)
        with accel.accumulate(model):
            loss = model(**{k: v.to(accel.device) for k, v in batch.items()}).loss
            accel.backward(loss)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
        micro += 1
        state["tokens"] += int(batch["attention_mask"].sum())
        if micro % args.grad_accum:
            continue
        state["step"] += 1
        state["seconds"] = time.time() - started
        _after_step(args, accel, model, tokenizer, optimizer, scheduler, state, loss.item(), bar)
        if args.time_budget_min and state["seconds"] > args.time_budget_min * 60:
            break
    bar.close()
    if accel.is_main_process:
        save_checkpoint(accel.unwrap_model(model), optimizer, scheduler, state, Path(args.output_dir) / "checkpoint")
    return state


def _after_step(args, accel, model, tokenizer, optimizer, scheduler, state, loss, bar) -> None:
    tok_s = state["tokens"] / max(state["seconds"], 1e-9)
    bar.update(1)
    bar.set_postfix(loss=f"{loss:.3f}", tok_s=f"{tok_s:.0f}")
    entry = {"step": state["step"], "loss": round(loss, 4), "tokens_per_s": round(tok_s, 1)}
    if args.eval_every and state["step"] % args.eval_every == 0 and accel.is_main_process:
        entry["val"] = evaluate(accel.unwrap_model(model), tokenizer, args, limit=args.eval_examples)
        model.train()
        bar.write(f"step {state['step']}: {entry['val']}")
    state["log"].append(entry)
    if args.save_every and state["step"] % args.save_every == 0 and accel.is_main_process:
        save_checkpoint(accel.unwrap_model(model), optimizer, scheduler, state, Path(args.output_dir) / "checkpoint")


def main(argv: list[str] | None = None) -> None:
    """`python -m models.train --recipe FILE` (what `accelerate launch -m models.train` runs)."""
    import argparse

    from models.train_args import load_recipe

    parser = argparse.ArgumentParser(description="LoRA fine-tuning of the Flowsmith drafter")
    parser.add_argument("--recipe", required=True)
    recipe = load_recipe(parser.parse_args(argv).recipe)
    train(recipe, recipe.lora.peft_config())


if __name__ == "__main__":
    main()
