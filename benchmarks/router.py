"""The router on hand-written chat turns it never saw (a benchmark, not a test): learned vs keyword.

    python benchmarks/router.py

Accuracy on `agent/router_turns/test.jsonl` of the learned router (`agent.task_model`, trained on
`train.jsonl` only) and of the keyword heuristic it replaced (kept here, word for word, for the
comparison), side by side, with each one's confusions.
"""

import re
from collections import Counter

from rich.console import Console
from rich.table import Table

from agent.task_model import load_turns, predict_task

# the keyword heuristic of agent/nodes/route.py before the learned router
QUESTION_STARTS = {"what", "why", "explain", "describe", "which", "who", "when", "where", "how", "does", "is", "are"}
EDIT_VERBS = {"add", "remove", "delete", "drop", "change", "replace", "insert", "rename", "set", "update", "make"}
EDIT_VERBS |= {"move", "use", "append", "swap", "put", "include"}
_NEW = re.compile(r"\b(new|another|different|from scratch|start over)\b")
_FLOW_WORD = re.compile(r"\b(flow|workflow)\b")
_WORDS = re.compile(r"[a-z']+")


def keyword_task(request: str, has_flow: bool) -> str:
    text = request.strip().lower()
    words = _WORDS.findall(text)
    if not has_flow or ((asked := _NEW.search(text)) and _FLOW_WORD.search(text, asked.end())):
        return "generate"
    if not words:
        return "complete"
    if words[0] in {"explain", "describe", "what", "why"}:
        return "question"
    if (words[0] in QUESTION_STARTS or text.endswith("?")) and not EDIT_VERBS & set(words):
        return "question"
    return "edit"


def main() -> None:
    turns = load_turns("test")
    flow = {"components": []}  # any open flow: the router only asks whether there is one
    routers = {
        "learned (agent.task_model)": lambda t: predict_task(t["message"], flow if t["flow"] else None),
        "keyword heuristic (before)": lambda t: keyword_task(t["message"], t["flow"] is not None),
    }
    table = Table("router", "turns", "accuracy", "most common confusions (label → routed)")
    for name, route in routers.items():
        wrong = Counter((t["label"], route(t)) for t in turns if route(t) != t["label"])
        accuracy = 1 - sum(wrong.values()) / len(turns)
        confusions = ", ".join(f"{a}→{b}: {n}" for (a, b), n in wrong.most_common(4))
        table.add_row(name, str(len(turns)), f"{accuracy:.3f}", confusions)
    Console().print(table)


if __name__ == "__main__":
    main()
