"""Batched benchmarking: local systems decode several rows per call and give the same results."""

from agent.service import Copilot
from models.drafter import DraftError, DraftRequest
from study.backends import LocalLM
from study.fewshot import Prompt
from study.prefetch import PrefetchDrafter
from study.run import Runner, read_results, run_batch
from study.systems import AgentSystem
from tests.study.bench_data import FakeSLM, fake_slm_system, rows


class CountingDrafter:
    """Drafts the one known flow; counts the rows per `drafts` call."""

    def __init__(self) -> None:
        self.batches: list[int] = []
        self.slm = FakeSLM()

    def drafts(self, reqs):
        from models.draft_text import parse_draft

        self.batches.append(len(reqs))
        gens = self.slm.generate(reqs)
        return [parse_draft(r, g.text, self.slm.catalog) for r, g in zip(reqs, gens)]

    def draft(self, req):
        result = self.drafts([req])[0]
        if isinstance(result, DraftError):
            raise result
        return result


def test_batched_run_matches_one_row_at_a_time(tmp_path):
    test_rows = rows("test")
    Runner(tmp_path / "one", test_rows, progress=False).run("s", fake_slm_system)
    system = fake_slm_system()
    Runner(tmp_path / "two", test_rows, progress=False, batch=2).run("s", lambda: system)
    one, two = (read_results(tmp_path / d / "results.jsonl") for d in ("one", "two"))
    keys = ("id", "prediction", "flowsim", "valid", "errors")
    assert [{k: r[k] for k in keys} for r in one] == [{k: r[k] for k in keys} for r in two]
    assert [r["batch"] for r in two] == [2, 2, 2, 2, 1] and {r["batch"] for r in one} == {1}


def test_a_failing_batch_records_every_row():
    class Broken:
        def predict_many(self, rows):
            raise RuntimeError("out of memory")

    results = run_batch("broken", Broken(), rows("test")[:3])
    assert [r["error"] for r in results] == ["RuntimeError: out of memory"] * 3
    assert all(r["prediction"] is None and r["batch"] == 3 for r in results)


def test_agent_drafts_the_batch_in_one_call_and_reuses_it():
    inner = CountingDrafter()
    system = AgentSystem(Copilot(PrefetchDrafter(inner)))
    outs = system.predict_many(rows("test"))
    assert inner.batches == [5]  # one batched call; the graph's five drafts came from it
    one_by_one = AgentSystem(Copilot(CountingDrafter()))
    assert outs == [one_by_one.predict(row) for row in rows("test")]
    assert sum(o.prediction is not None for o in outs) >= 3


def test_prefetch_falls_back_to_the_drafter_when_not_prefetched():
    inner = CountingDrafter()
    drafter = PrefetchDrafter(inner)
    req = DraftRequest(task="generate", request=rows("test")[0]["request"])
    drafter.prefetch([req])
    first = drafter.draft(req)
    assert inner.batches == [1]
    assert drafter.draft(req) == first and inner.batches == [1, 1]  # used once, then drafted again


def test_local_lm_batch_equals_single_decoding(tiny_base_dir):
    lm = LocalLM(str(tiny_base_dir), style="plain", max_new_tokens=6)
    prompts = [Prompt(system="Write a flow.", shots=[], query=text) for text in ("short", "a much longer request")]
    batched = lm.complete_many(prompts)
    single = [lm.complete(p) for p in prompts]
    assert [g.text for g in batched] == [g.text for g in single]
    assert [g.input_tokens for g in batched] == [g.input_tokens for g in single]
    assert all(0 < g.output_tokens <= 6 for g in batched)
