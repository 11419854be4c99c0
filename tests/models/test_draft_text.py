"""Model text to flow dict: names, cut-off outputs, parse failures as DraftError."""

from models.draft_text import complete_lines, parse_draft, short_title
from models.drafter import DraftError, DraftRequest
from tests.models.flows import SIMPLE


def test_short_title_takes_the_first_words():
    assert short_title("when a P1 incident is created, email the manager") == "When a P1 incident is created"
    assert short_title("  log   it.  ") == "Log it"
    assert short_title("") == "Untitled flow"


def test_a_cut_off_output_loses_its_unfinished_line():
    assert complete_lines("daily | time=09:00:00\n1 log | mess", finished=False) == "daily | time=09:00:00"
    assert complete_lines("daily | time=09:00:00\n1 log | mess", finished=True).endswith("mess")
    assert complete_lines("daily | ti", finished=False) == ""


def test_parse_draft_names_generated_flows_and_keeps_edited_ones():
    generated = parse_draft(DraftRequest("generate", "log P1 incidents please"), "sla_task")
    assert (generated["name"], generated["description"]) == ("Log P1 incidents please", "log P1 incidents please")
    edited = parse_draft(DraftRequest("edit", "rename", SIMPLE), "sla_task")
    assert (edited["name"], edited["description"]) == (SIMPLE["name"], SIMPLE["description"])


def test_parse_failures_are_draft_errors_with_the_line_and_text():
    error = parse_draft(DraftRequest("generate", "x"), "sla_task\nlog | message=x")
    assert isinstance(error, DraftError) and "line 2" in str(error) and "log | message=x" in str(error)


def test_a_parse_failure_quotes_the_text_without_its_credentials():
    token = "ghp_abcdefghijklmnopqrstuvwxyz123456"
    error = parse_draft(DraftRequest("generate", "x"), f"sla_task\nlog | message=Bearer {token}")
    assert isinstance(error, DraftError) and token not in str(error)
    assert "log | message=Bearer <redacted>" in str(error)
