"""The prompted-LLM drafter: retrieval, catalog entries, the few-shot prompt, answer extraction."""

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from models.drafter import DraftError, DraftRequest
from models.serialize import to_text
from schemas.catalog import default_catalog
from study.backends import ChatLM
from study.catalog_context import CatalogIndex, render_entries
from study.extract import extract_flow_text
from study.fewshot import build_prompt
from study.prompted import PromptedDrafter
from study.retrieval import BM25Index, ExamplePool, tokenize
from study.retrieval_eval import retrieval_recall
from tests.study.bench_data import TEST_FLOWS, rows

FLOW = TEST_FLOWS["When a P1 incident is created, add a work note saying it is being handled"]


def test_tokenize_splits_snake_case_and_lowercases():
    assert tokenize("Look_up_record on P1 Incident!") == ["look", "up", "record", "on", "p1", "incident"]


def test_bm25_ranks_the_closest_request_first():
    index = BM25Index(rows("train"))
    assert index.top("post the problem number on Slack", 1)[0]["request"].startswith("When a problem is updated")


def test_pool_never_returns_the_row_itself_and_keeps_tasks_apart():
    train = rows("train")
    pool = ExamplePool(train)
    found = pool.examples("generate", train[0]["request"], 2, exclude_id=train[0]["id"])
    assert len(found) == 2 and train[0]["id"] not in {r["id"] for r in found}
    assert pool.examples("edit", "anything", 2) == []


@pytest.mark.parametrize(
    "answer",
    [
        f"Sure! Here is your flow:\n```text\n{FLOW}\n```\nLet me know.",
        f"{FLOW}\n\nThe flow adds a note.",
        f"Flow:\n{FLOW}\nRequest: something else",
    ],
)
def test_extract_finds_the_flow_inside_chatter(answer):
    assert extract_flow_text(answer, default_catalog()) == FLOW


def test_extract_keeps_text_without_a_trigger_for_the_parser_to_reject():
    assert extract_flow_text("no idea", default_catalog()) == "no idea"


def test_catalog_entries_cover_examples_and_request_words():
    index = CatalogIndex(default_catalog())
    examples = [r for r in rows("train") if "Slack" in r["request"]]
    names = {e.name for e in index.relevant("open a Jira issue", examples)}
    assert {"slack_post_message", "problem", "task", "jira_create_issue", "IF", "record_create"} <= names
    assert "azure_ad_disable_user" not in names
    text = render_entries(index.relevant("", examples, n_search=0))
    line = (
        "- slack_post_message (Post Message (Slack); scope sn_slack_spoke) inputs: channel: string*, message: string*"
    )
    assert f"{line}; outputs: message_ts: string" in text
    assert text.index("Triggers:") < text.index("Flow logic:") < text.index("Actions:") < text.index("Tables:")


def test_prompt_has_rules_catalog_examples_and_request():
    example = rows("train")[0]
    log = "- log (Log; scope global) inputs: message: string*; outputs: -"
    prompt = build_prompt("generate", "my request", None, [example], f"Actions:\n{log}")
    messages = prompt.messages()
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert log in messages[0]["content"]
    assert messages[2]["content"] == to_text(example["target"])
    assert messages[3]["content"] == "my request"
    transcript = prompt.transcript()
    assert transcript.endswith("Request: my request\nFlow:\n")
    assert f"Request: {example['request']}\nFlow:\n{to_text(example['target'])}" in transcript


def test_edit_prompt_shows_the_current_flow_and_needs_one():
    current = rows("test")[0]["target"]
    prompt = build_prompt("edit", "use priority 2", current, [], "")
    assert to_text(current) in prompt.query and "use priority 2" in prompt.query
    with pytest.raises(ValueError, match="current flow"):
        build_prompt("edit", "x", None, [], "")


def test_drafter_speaks_the_drafter_protocol():
    backend = ChatLM(FakeListChatModel(responses=[f"```\n{FLOW}\n```", "nothing useful"]))
    drafter = PromptedDrafter(backend, ExamplePool(rows("train")), k=1)
    req = DraftRequest(task="generate", request="When a P1 incident is created, add a work note")
    results = drafter.drafts([req, req])
    assert to_text(results[0]) == FLOW and results[0]["description"] == req.request
    assert isinstance(results[1], DraftError)


def test_retrieval_recall_counts_gold_steps_found():
    train = rows("train")
    result = retrieval_recall(ExamplePool(train), rows("test"), k=3)
    assert result["n"] == 5
    assert 0 < result["examples_recall"] < 1  # the train flows share some steps with the test flows, not all
    assert result["catalog_recall"] >= result["examples_recall"]
