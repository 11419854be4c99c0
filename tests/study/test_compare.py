"""Unasked changes in the bench, and two bench runs (synthetic and human test) side by side, with fake systems."""

import json

import pytest
import typer
from typer.testing import CliRunner

from models.serialize import from_text
from study import cli as bench_command
from study.analysis import analyse
from study.compare import load_run
from study.config import DEFAULT_SYSTEMS, SystemConfig, load_systems
from study.params import AgentParams
from study.report import PREDICTIONS_DIR, REFERENCES, REPORT, SUMMARY, write_report
from study.run import RESULTS, Runner, load_rows, read_results
from study.systems import Output
from tests.study.bench_data import fake_slm_system, write_dataset

ORIGINAL = (
    "record_create | table=incident | condition=priority=1\n"
    "1 send_email | to=noc@acme.com | subject=P1 {{trigger.current.number}} | body=New P1\n"
    "2 add_worknote | record={{trigger.current}} | table=incident | work_note=NOC notified"
)
ASKED = ORIGINAL.replace("work_note=NOC notified", "work_note=NOC paged")  # "say paged in the work note"
UNRELATED = ASKED.replace("to=noc@acme.com", "to=ops@acme.com")


def _edit(i: int, request: str, flow: str, target: str) -> dict:
    return {
        "id": f"human-test-{i:04d}",
        "task": "edit",
        "request": request,
        "flow": from_text(flow),
        "target": from_text(target),
        "meta": {"source": "human"},
    }


EDITS = [
    _edit(1, "say paged in the work note", ORIGINAL, ASKED),
    _edit(2, "work note: paged", ORIGINAL, ASKED),
    _edit(3, "note it was paged", ORIGINAL, ASKED),
]
ANSWERS = {"human-test-0001": from_text(ASKED), "human-test-0002": from_text(UNRELATED), "human-test-0003": None}


class FakeEditor:
    """Right on the first edit, also changes the recipient on the second, no flow on the third."""

    def predict_many(self, rows: list[dict]) -> list[Output]:
        return [Output(ANSWERS[r["id"]], "text", error=None if ANSWERS[r["id"]] else "no flow") for r in rows]


CONFIGS = [SystemConfig(name="fake-slm", kind="slm")]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("compare")
    synthetic_rows = load_rows(write_dataset(folder / "data"), "test")
    Runner(folder / "synthetic", synthetic_rows, progress=False).run("fake-slm", fake_slm_system)
    write_report(folder / "synthetic", {r["id"]: r for r in synthetic_rows}, CONFIGS)
    Runner(folder / "human", EDITS, progress=False).run("fake-slm", FakeEditor)
    write_report(folder / "human", {r["id"]: r for r in EDITS}, CONFIGS)
    return folder


def _invoke(*args: str):
    app = typer.Typer()
    bench_command.register(app)
    return CliRunner().invoke(app, list(args))


def test_each_edit_answer_records_its_unasked_changes(runs):
    results = {r["id"]: r for r in read_results(runs / "human" / RESULTS)}
    assert [results[i]["unasked_change"] for i in ANSWERS] == [False, True, None]
    assert results["human-test-0002"]["unasked_changes"] == ["step send_email input to"]
    assert results["human-test-0002"]["unasked_count"] == 1
    assert all(r["unasked_change"] is None for r in read_results(runs / "synthetic" / RESULTS))  # no edits


def test_the_unasked_share_is_over_edit_answers_that_are_flows(runs):
    human = json.loads((runs / "human" / SUMMARY).read_text())["fake-slm"]
    assert (human["edits"], human["unasked_rate"], human["unasked_mean"]) == (2, 0.5, 0.5)
    assert json.loads((runs / "synthetic" / SUMMARY).read_text())["fake-slm"]["unasked_rate"] is None
    report = (runs / "human" / REPORT).read_text()
    assert "## Unasked changes (edit)" in report and "step send_email input to (1)" in report
    assert "## Unasked changes" not in (runs / "synthetic" / REPORT).read_text()


def test_results_written_before_the_measure_are_scored_for_it(runs):
    old = [{k: v for k, v in r.items() if not k.startswith("unasked")} for r in read_results(runs / "human" / RESULTS)]
    stats = analyse(old, {r["id"]: r for r in EDITS})[0].stats
    assert (stats.edits, stats.unasked_rate) == (2, 0.5)


def test_bench_compare_writes_both_splits_side_by_side(runs, tmp_path):
    result = _invoke(
        "bench-compare",
        str(runs / "synthetic"),
        str(runs / "human"),
        "--labels",
        "synthetic,human",
        "--out",
        str(tmp_path / "both"),
    )
    assert result.exit_code == 0, result.output
    assert "Benchmark by split" in result.output
    report = (tmp_path / "both" / REPORT).read_text()
    table = report.split("## Results by split")[1].split("##")[0]
    rows = [line for line in table.splitlines() if line.startswith("| `fake-slm` |")]
    assert [row.split(" | ")[1] for row in rows] == ["synthetic", "human"]
    assert rows[0].split(" | ")[7] == "-" and rows[1].split(" | ")[7] == "50.0%"
    assert "## Error analysis: synthetic" in report and "## Error analysis: human" in report
    assert "### Unasked changes (edit): human" in report and "edit): synthetic" not in report
    assert "flowsmith bench-compare" in report


def test_the_numbers_are_each_runs_own(runs):
    synthetic = load_run("synthetic", runs / "synthetic")
    summary = json.loads((runs / "synthetic" / SUMMARY).read_text())["fake-slm"]
    assert synthetic.systems[0].stats.flowsim == pytest.approx(summary["flowsim"])


def test_bench_compare_needs_folders_bench_wrote(runs, tmp_path):
    (tmp_path / "empty").mkdir()
    result = _invoke("bench-compare", str(runs / "human"), str(tmp_path / "empty"), "--out", str(tmp_path / "o"))
    assert result.exit_code == 1 and f"{PREDICTIONS_DIR}/{REFERENCES}" in result.output
    result = _invoke("bench-compare", str(runs / "human"), "--labels", "a,b")
    assert result.exit_code != 0


def test_the_llamacpp_copilot_is_a_default_system():
    config = next(s for s in load_systems(DEFAULT_SYSTEMS) if s.name == "slm-agent-llamacpp")
    params = AgentParams.model_validate(config.params)
    assert config.kind == "slm-agent" and params.slm.engine == "llamacpp" and params.chat is None
    assert params.slm.constrain and params.policy == {}
