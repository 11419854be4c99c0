"""Few-shot example retrieval over training rows: BM25 (rank_bm25) or MiniLM cosine similarity."""

import re
import threading
from typing import Literal, Protocol

import numpy as np
from rank_bm25 import BM25Okapi

from models.serialize import to_text

Method = Literal["bm25", "minilm"]
_WORD_RE = re.compile(r"[a-z0-9]+")


def tokenize(text: str) -> list[str]:
    """Lower-case words; snake_case names split into their parts (`look_up_record` → look, up, record)."""
    return _WORD_RE.findall(text.lower())


def query_text(row: dict) -> str:
    """What a row is retrieved by: its request, or (a `complete` row without one) its partial flow."""
    return row.get("request") or (to_text(row["flow"]) if row.get("flow") else "")


class Index(Protocol):
    rows: list[dict]

    def top(self, text: str, k: int) -> list[dict]:
        """The k rows most similar to `text`, best first."""
        ...


def _best(scores: np.ndarray, k: int) -> list[int]:
    return [int(i) for i in np.argsort(-scores, kind="stable")[:k]]


class BM25Index:
    def __init__(self, rows: list[dict]) -> None:
        if not rows:
            raise ValueError("BM25Index: no rows to index")
        self.rows = rows
        self._bm25 = BM25Okapi([tokenize(query_text(r)) for r in rows])

    def top(self, text: str, k: int) -> list[dict]:
        return [self.rows[i] for i in _best(self._bm25.get_scores(tokenize(text)), k)]


class MiniLMIndex:
    def __init__(self, rows: list[dict]) -> None:
        from study.embeddings import encode

        if not rows:
            raise ValueError("MiniLMIndex: no rows to index")
        self.rows = rows
        self._encode = encode
        self._vectors = encode([query_text(r) for r in rows])

    def top(self, text: str, k: int) -> list[dict]:
        scores = self._vectors @ self._encode([text])[0]
        return [self.rows[i] for i in _best(scores, k)]


def build_index(rows: list[dict], method: Method = "bm25") -> Index:
    if method == "bm25":
        return BM25Index(rows)
    if method == "minilm":
        return MiniLMIndex(rows)
    raise ValueError(f"unknown retrieval method {method!r}; use bm25 or minilm")


class ExamplePool:
    """One index per task over the training rows, built on first use."""

    def __init__(self, rows: list[dict], method: Method = "bm25", max_rows: int | None = None) -> None:
        self.method = method
        self._rows: dict[str, list[dict]] = {}
        for row in rows:
            self._rows.setdefault(row["task"], []).append(row)
        if max_rows is not None:
            self._rows = {task: group[:max_rows] for task, group in self._rows.items()}
        self._indexes: dict[str, Index] = {}
        self._lock = threading.Lock()  # remote systems retrieve from several threads

    def examples(self, task: str, text: str, k: int, exclude_id: str | None = None) -> list[dict]:
        """The k training rows of `task` closest to `text` (never the row `exclude_id` itself)."""
        if k <= 0 or task not in self._rows:
            return []
        with self._lock:
            if task not in self._indexes:
                self._indexes[task] = build_index(self._rows[task], self.method)
        found = self._indexes[task].top(text, k + 1)
        return [r for r in found if r.get("id") != exclude_id][:k]
