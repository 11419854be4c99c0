"""The whole graph with a real (tiny, random) SLM drafter and a fake repair model."""

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from agent.patches import apply_checked
from agent.service import Copilot
from models.slm import SLMDrafter
from plugin.testing.flows import flow
from schemas.validate import validate_flow
from tests.agent.fakes import fenced


def test_tiny_slm_draft_goes_through_validation_and_repair(tiny_base_dir):
    drafter = SLMDrafter(base_model=str(tiny_base_dir), engine="transformers", max_new_tokens=48)
    repair = FakeListChatModel(responses=[fenced(flow())] * 3)
    copilot = Copilot(drafter, chat_model=repair, fallback_policy="on_invalid", max_repair_rounds=2)
    result = copilot.run("when a P1 incident is created, email the assignment group")
    assert result.ok, result.problems
    # a random model rarely drafts a valid flow: the fake LLM repairs it, or drafts when the SLM fails
    assert result.path in ("slm", "fixed", "llm-repair", "llm")
    assert any(e["event"] == "drafting" for e in result.events)
    assert validate_flow(result.flow) == []
    assert apply_checked({}, result.patch) == result.flow
