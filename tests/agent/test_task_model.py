"""The learned router on the held-out hand-written chat turns (benchmarks/router.py prints the comparison)."""

from agent.task_model import load_turns, predict_task

OPEN_FLOW = {"components": []}


def test_the_router_is_right_on_held_out_chat_turns():
    turns = load_turns("test")
    right = sum(predict_task(t["message"], OPEN_FLOW if t["flow"] else None) == t["label"] for t in turns)
    assert right / len(turns) >= 0.92  # 0.935 measured; the keyword heuristic it replaced: 0.672


def test_without_a_flow_only_generate_or_question():
    for message in ("finish it", "add a log step", "when a P1 incident opens, page on-call", "what can you do?"):
        assert predict_task(message, None) in ("generate", "question")
