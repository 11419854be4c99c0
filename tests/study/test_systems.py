"""The system adapters: what each turns a dataset row into (fake models, the real agent graph)."""

from agent.service import Copilot
from models.serialize import from_text, to_text
from models.slm import Generation
from schemas.catalog import default_catalog
from study.params import OpenAIParams
from study.run import run_one
from study.systems import AgentSystem, OpenAISystem, SLMSystem
from tests.models.stub_server import stub_server, url
from tests.study.bench_data import TEST_FLOWS, rows

ROW = rows("test")[2]  # trigger + look-up + IF + Slack
TEXT = TEST_FLOWS[ROW["request"]]


class CutOffSLM:
    """Ran out of tokens in the middle of its last line."""

    catalog = default_catalog()

    def generate(self, reqs):
        return [Generation(TEXT + "\n4 send_em", 99, False) for _ in reqs]


class ListDrafter:
    def draft(self, req):
        return from_text(TEST_FLOWS[req.request])

    def drafts(self, reqs):
        return [self.draft(r) for r in reqs]


def test_slm_output_cut_off_loses_its_unfinished_line():
    out = SLMSystem(CutOffSLM()).predict(ROW)
    assert to_text(out.prediction) == TEXT
    assert out.raw.endswith("4 send_em") and out.output_tokens == 99 and out.error is None


def test_agent_system_returns_the_copilots_flow():
    out = AgentSystem(Copilot(ListDrafter())).predict(ROW)
    assert out.error is None
    assert to_text(out.prediction) == TEXT == out.raw


def test_a_failing_system_is_recorded_not_raised():
    class Broken:
        def predict_many(self, rows):
            raise RuntimeError("server down")

    result = run_one("broken", Broken(), ROW)
    assert result["error"] == "RuntimeError: server down"
    assert result["prediction"] is None and result["flowsim"] < 1 and result["errors"] == ["invalid_json"]
    assert result["valid"] is False


def test_the_openai_system_is_the_products_drafter_with_token_counts():
    import json

    with stub_server() as server:
        reply = {
            "choices": [{"text": TEXT, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 28, "completion_tokens": 70},
        }
        server.reply = lambda body: (200, json.dumps(reply).encode())
        out = OpenAISystem(OpenAIParams(model="m", base_url=url(server))).predict(ROW)
        server.reply = lambda body: (500, b'{"error": "db_password=hunter2"}')
        failed = OpenAISystem(OpenAIParams(model="m", base_url=url(server))).predict(ROW)
    assert out.error is None and out.prediction["components"] == from_text(TEXT)["components"]
    assert (out.raw, out.input_tokens, out.output_tokens) == (TEXT, 28, 70)
    assert failed.prediction is None and "HTTPStatusError" in failed.error and "hunter2" not in failed.error


def test_the_bench_copilot_runs_the_services_safety_check(monkeypatch):
    """`slm-agent` measures the copilot as the service builds it: the same output-safety check after validation."""
    import study.systems as systems
    from study.params import AgentParams

    monkeypatch.setattr(systems, "_slm", lambda params: ListDrafter())
    (check,) = systems._agent(AgentParams()).copilot.context.checks
    assert "message=VIP" in TEXT and check(from_text(TEXT)) == []
    assert check(from_text(TEXT.replace("message=VIP", "message=<script>alert(1)</script> VIP")))
