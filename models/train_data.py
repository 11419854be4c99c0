"""Training data for the SLM: dataset rows → tokenised (prompt, target) examples → padded batches."""

import json
import random
from pathlib import Path

import torch

from models.prompts import training_pair
from schemas.datagen.human_corpus import guard_training_rows

IGNORE = -100


def read_rows(path: str | Path, tasks: tuple[str, ...], limit: int = 0, seed: int = 0) -> list[dict]:
    """Rows of a JSONL split whose task is in `tasks`; a seeded sample of `limit` rows if set.
    Refuses rows of the held-out human test split."""
    with open(path, encoding="utf-8") as handle:
        rows = guard_training_rows([r for r in map(json.loads, handle) if r["task"] in tasks])
    if limit and limit < len(rows):
        rows = random.Random(seed).sample(rows, limit)
    return rows


def tokenize(rows: list[dict], tokenizer, max_len: int) -> list[dict]:
    """input_ids + labels (loss on the target only); rows longer than max_len are dropped."""
    examples = []
    for row in rows:
        prompt, target = training_pair(row)
        p_ids = tokenizer(prompt, add_special_tokens=False).input_ids
        t_ids = tokenizer(target, add_special_tokens=False).input_ids
        if len(p_ids) + len(t_ids) <= max_len:
            examples.append({"input_ids": p_ids + t_ids, "labels": [IGNORE] * len(p_ids) + t_ids})
    return examples


def batches(examples: list[dict], batch_size: int, seed: int) -> list[list[int]]:
    """Index batches of similar length (less padding on CPU), in a seeded random order."""
    rng = random.Random(seed)
    order = sorted(range(len(examples)), key=lambda i: (len(examples[i]["input_ids"]), rng.random()))
    groups = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(groups)
    return groups


def collate(examples: list[dict], pad_id: int) -> dict[str, torch.Tensor]:
    """Right-pad a batch; padding is masked out of attention and loss."""
    width = max(len(e["input_ids"]) for e in examples)
    ids, labels, mask = [], [], []
    for e in examples:
        pad = width - len(e["input_ids"])
        ids.append(e["input_ids"] + [pad_id] * pad)
        labels.append(e["labels"] + [IGNORE] * pad)
        mask.append([1] * len(e["input_ids"]) + [0] * pad)
    return {"input_ids": torch.tensor(ids), "labels": torch.tensor(labels), "attention_mask": torch.tensor(mask)}
