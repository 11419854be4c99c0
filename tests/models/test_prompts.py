"""Prompts for generate / edit / complete and the training pairs built from dataset rows."""

import pytest

from models.drafter import DraftRequest
from models.prompts import ASSISTANT, END, USER, full_text, prompt_for, training_pair
from models.serialize import to_text
from tests.models.flows import RICH, SIMPLE


def _partial(flow: dict, n: int) -> dict:
    return {**flow, "components": flow["components"][:n]}


def test_generate_prompt_is_a_chat_turn_ending_where_the_model_writes():
    prompt = prompt_for(DraftRequest("generate", "log P1 incidents"))
    assert prompt == "<|im_start|>user\nlog P1 incidents<|im_end|>\n<|im_start|>assistant\n"


def test_edit_prompt_carries_the_current_flow_and_instruction():
    prompt = prompt_for(DraftRequest("edit", "also email the manager", SIMPLE))
    assert prompt == f"{USER}{to_text(SIMPLE)}\nEdit: also email the manager{ASSISTANT}"


def test_complete_prompt_prefills_the_partial_flow():
    partial = _partial(RICH, 3)
    prompt = prompt_for(DraftRequest("complete", "", partial))
    assert prompt.endswith(f"{ASSISTANT}{to_text(partial)}\n") and "Complete this flow." in prompt


@pytest.mark.parametrize("task", ["edit", "complete"])
def test_edit_and_complete_need_a_flow(task):
    with pytest.raises(ValueError, match="needs the"):
        prompt_for(DraftRequest(task, "x"))


def test_full_text_prepends_the_prefix_only_for_complete():
    partial = _partial(RICH, 3)
    assert full_text(DraftRequest("complete", "", partial), "4 ELSE") == to_text(partial) + "\n4 ELSE"
    assert full_text(DraftRequest("generate", "x"), "sla_task") == "sla_task"
    assert full_text(DraftRequest("edit", "x", SIMPLE), "sla_task") == "sla_task"


def test_training_pair_targets_end_with_the_stop_marker():
    row = {"id": "g", "task": "generate", "request": "log P1 incidents", "flow": None, "target": SIMPLE}
    prompt, target = training_pair(row)
    assert prompt == prompt_for(DraftRequest("generate", "log P1 incidents")) and target == to_text(SIMPLE) + END


def test_training_pair_for_complete_holds_only_the_missing_lines():
    row = {"id": "c", "task": "complete", "request": "", "flow": _partial(RICH, 8), "target": RICH}
    prompt, target = training_pair(row)
    assert prompt + target == prompt_for(DraftRequest("complete", "", RICH)).rsplit("\n", 1)[0] + END
    assert target.startswith("    9 update_record")


def test_training_pair_rejects_a_target_that_does_not_extend_its_prefix():
    row = {"id": "bad", "task": "complete", "request": "", "flow": SIMPLE, "target": RICH}
    with pytest.raises(ValueError, match="row bad"):
        training_pair(row)
