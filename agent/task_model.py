"""The learned router: which task a chat turn asks for, from its message and whether a flow is open.

tf-idf over word 1–2-grams and character 2–5-grams, then a logistic regression, trained on the
hand-written turns in `agent/router_turns/train.jsonl` the first time it is used (a few hundred
rows: well under a second). The held-out `test.jsonl` is never read here; `benchmarks/router.py`
measures on it. Without an open flow the answer is `generate` unless the turn is a question.
"""

import json
from functools import cache
from pathlib import Path

from agent.state import Task

TURNS = Path(__file__).resolve().parent / "router_turns"


def load_turns(split: str) -> list[dict]:
    """The hand-written turns of `split` ("train" or "test")."""
    lines = (TURNS / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def features(message: str, has_flow: bool) -> str:
    """What the model reads: the message, marked with whether a flow is open."""
    return f"{'[flow]' if has_flow else '[noflow]'} {message.strip().lower()}"


@cache
def _model():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    turns = load_turns("train")
    vectors = make_union(
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"[\w']+|[?!]", sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
    )
    model = make_pipeline(vectors, LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced"))
    model.fit([features(t["message"], t["flow"] is not None) for t in turns], [t["label"] for t in turns])
    return model


def load() -> None:
    """Train the router now (the service's lifespan), so that the first turn does not wait for it."""
    _model()


def predict_task(message: str, flow: dict | None) -> Task:
    """generate, edit, complete or question for this turn."""
    if flow is not None and not message.strip(" .…\n\t"):
        return "complete"  # nothing asked of an open flow: carry on with it
    if message.strip().lower().startswith(("explain", "describe")):
        return "question"
    task = str(_model().predict([features(message, flow is not None)])[0])
    if flow is None and task != "question":
        return "generate"  # nothing to edit or complete
    return task  # type: ignore[return-value]
