"""The bench end to end on 5 hand-made rows with a fake SLM and a fake chat model (no real models)."""

import json

import pytest
import typer
from typer.testing import CliRunner

from schemas.similarity import score_files, score_records
from study import cli as bench_command
from study.config import SystemConfig
from study.plots import FIGURES
from study.report import FIGURE_DIR, PREDICTIONS_DIR, REFERENCES, REPORT, SUMMARY, write_report
from study.run import RESULTS, Runner, load_rows, read_results
from tests.study.bench_data import fake_chat_system, fake_slm_system, rows, write_dataset

CONFIGS = [
    SystemConfig(name="fake-slm", kind="slm"),
    SystemConfig(name="fake-chat", kind="prompted-chat", price_in_per_1k=1.0, price_out_per_1k=2.0),
]


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench")
    data = write_dataset(folder / "data")
    test_rows = load_rows(data, "test")
    runner = Runner(folder / "out", test_rows, workers=2, progress=False)
    assert runner.run("fake-slm", fake_slm_system) == 5
    assert runner.run("fake-chat", lambda: fake_chat_system(load_rows(data, "train")), remote=True) == 5
    write_report(folder / "out", {r["id"]: r for r in test_rows}, CONFIGS, ["flowsmith bench --data data"])
    return folder


def by_system(results: list[dict], name: str) -> list[dict]:
    order = [r["id"] for r in rows("test")]
    return sorted((r for r in results if r["system"] == name), key=lambda r: order.index(r["id"]))


def test_every_row_is_recorded_with_its_fields(run_dir):
    results = read_results(run_dir / "out" / RESULTS)
    assert sorted((r["system"], r["id"]) for r in results) == sorted(
        (s, r["id"]) for s in ("fake-slm", "fake-chat") for r in rows("test")
    )
    slm = by_system(results, "fake-slm")
    assert [r["flowsim"] == 1.0 for r in slm] == [True, True, True, False, False]
    assert slm[4]["prediction"] is None and slm[4]["raw"] == "not a flow at all" and slm[4]["error"]
    assert slm[4]["errors"] == ["invalid_json"]
    assert all(r["latency_s"] >= 0 and r["output_tokens"] for r in slm)


def test_chat_answers_are_extracted_from_fences_and_chatter(run_dir):
    chat = read_results(run_dir / "out" / RESULTS)
    parsed = [r for r in chat if r["system"] == "fake-chat" and r["prediction"] is not None]
    assert len(parsed) == 4  # "I cannot help with that." is the one unusable answer
    assert sum(r["flowsim"] == 1.0 for r in parsed) == 3


def test_summary_numbers_equal_score_records(run_dir):
    results = read_results(run_dir / "out" / RESULTS)
    summary = json.loads((run_dir / "out" / SUMMARY).read_text())
    refs = {r["id"]: r for r in rows("test")}
    for name in ("fake-slm", "fake-chat"):
        mine = by_system(results, name)
        expected = score_records([r["prediction"] for r in mine], [refs[r["id"]] for r in mine])
        got = summary[name]
        assert got["flowsim"] == pytest.approx(expected.flowsim)
        assert got["flowsim_no_inputs"] == pytest.approx(expected.flowsim_no_inputs)
        assert got["trigger_em"] == pytest.approx(expected.trigger_em)
        assert got["steps_f1"] == pytest.approx(expected.steps_f1)
        assert got["parse_rate"] == pytest.approx(expected.parse_rate)
        assert got["taxonomy"] == expected.taxonomy
        assert got["flowsim_ci"][0] <= expected.flowsim <= got["flowsim_ci"][1]
        assert [r["flowsim"] for r in mine] == pytest.approx([s.flowsim for s in expected.records])


def test_prediction_files_score_to_the_report_numbers(run_dir):
    out = run_dir / "out"
    summary = json.loads((out / SUMMARY).read_text())
    for name in ("fake-slm", "fake-chat"):
        report = score_files(out / PREDICTIONS_DIR / f"{name}.jsonl", out / PREDICTIONS_DIR / REFERENCES)
        assert (report.n, report.flowsim, report.taxonomy) == (5, summary[name]["flowsim"], summary[name]["taxonomy"])


def test_tokens_and_cost_only_where_known(run_dir):
    summary = json.loads((run_dir / "out" / SUMMARY).read_text())
    assert summary["fake-slm"]["output_tokens"] > 0
    assert summary["fake-slm"]["cost_per_1k_flows"] is None  # not priced
    assert summary["fake-chat"]["output_tokens"] is None  # FakeListChatModel reports no usage
    assert summary["fake-chat"]["cost_per_1k_flows"] is None


def test_report_and_figures_are_written(run_dir):
    out = run_dir / "out"
    report = (out / REPORT).read_text()
    summary = json.loads((out / SUMMARY).read_text())
    for name in ("fake-slm", "fake-chat"):
        assert f"| `{name}` | 5 | {summary[name]['flowsim']:.3f} [" in report
    for heading in (
        "## Error taxonomy",
        "## Worked examples",
        "### `invalid_json`",
        "## Reproduce",
        "### Flow-logic construct",
        "### Trigger type",
        "```diff",
    ):
        assert heading in report
    assert "flowsmith bench --data data" in report
    for name in FIGURES.values():
        png = out / FIGURE_DIR / name
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f"]({FIGURE_DIR}/{name})" in report


def test_report_has_a_results_table_per_task_when_the_rows_mix_tasks(run_dir):
    from study.report import _task_section

    refs = {r["id"]: r for r in rows("test")}
    assert _task_section(analyse_all(run_dir, refs), refs, CONFIGS) == []  # one task: no per-task tables
    first = next(iter(refs))
    mixed = {**refs, first: {**refs[first], "task": "complete"}}
    section = _task_section(analyse_all(run_dir, mixed), mixed, CONFIGS)
    assert section[0] == "### Per task"
    assert section[1] == "**complete** (1 rows)" and "| `fake-slm` | 1 |" in section[2]
    assert section[3] == "**generate** (4 rows)" and "| `fake-slm` | 4 |" in section[4]


def analyse_all(run_dir, refs):
    from study.analysis import analyse
    from study.run import read_results

    return analyse(read_results(run_dir / "out" / "results.jsonl"), refs, CONFIGS)


def test_resume_skips_rows_already_done(run_dir, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    kept = [r for r in read_results(run_dir / "out" / RESULTS) if r["system"] == "fake-slm"][:3]
    (out / RESULTS).write_text("".join(json.dumps(r) + "\n" for r in kept) + '{"half-written')
    system = fake_slm_system()
    runner = Runner(out, rows("test"), progress=False)
    assert runner.run("fake-slm", lambda: system) == 2
    assert system.drafter.calls == 2
    assert runner.run("fake-slm", lambda: pytest.fail("nothing pending: the system must not be built")) == 0
    assert sorted(r["id"] for r in read_results(out / RESULTS)) == sorted(r["id"] for r in rows("test"))


def test_cli_report_only_rebuilds_the_report(run_dir, tmp_path):
    config = tmp_path / "systems.yaml"
    config.write_text("systems:\n  - {name: fake-slm, kind: slm}\n  - {name: fake-chat, kind: prompted-chat}\n")
    (run_dir / "out" / REPORT).unlink()
    app = typer.Typer()
    bench_command.register(app)
    result = CliRunner().invoke(
        app,
        [
            "bench",
            "--data",
            str(run_dir / "data"),
            "--out",
            str(run_dir / "out"),
            "--systems",
            "fake-slm,fake-chat",
            "--config",
            str(config),
            "--report-only",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "--systems fake-slm,fake-chat" in (run_dir / "out" / REPORT).read_text()


def test_cli_rejects_unknown_systems(run_dir):
    app = typer.Typer()
    bench_command.register(app)
    result = CliRunner().invoke(app, ["bench", "--data", str(run_dir / "data"), "--systems", "nope", "--report-only"])
    assert result.exit_code != 0
    assert "nope" in result.output


def test_cli_bench_retrieval_prints_recall(run_dir):
    app = typer.Typer()
    bench_command.register(app)
    result = CliRunner().invoke(
        app, ["bench-retrieval", "--data", str(run_dir / "data"), "--methods", "bm25", "--n", "5", "--k", "2"]
    )
    assert result.exit_code == 0, result.output
    assert "bm25" in result.output and "Recall of gold actions" in result.output


def test_tiny_real_models_score_as_flowsmith_score(tmp_path, tiny_base_dir):
    """The same run with tiny random models (real decoding, batched) instead of fakes."""
    from models.slm import SLMDrafter
    from study.backends import LocalLM
    from study.prompted import PromptedDrafter
    from study.retrieval import ExamplePool
    from study.systems import PromptedSystem, SLMSystem

    data = write_dataset(tmp_path / "data")
    test_rows = load_rows(data, "test")
    runner = Runner(tmp_path / "out", test_rows, progress=False, batch=2)
    slm = SLMDrafter(base_model=str(tiny_base_dir), engine="transformers", max_new_tokens=12)
    assert runner.run("tiny-slm", lambda: SLMSystem(slm)) == 5
    lm = LocalLM(str(tiny_base_dir), style="plain", max_new_tokens=12)
    pool = ExamplePool(load_rows(data, "train"))
    assert runner.run("tiny-prompted", lambda: PromptedSystem(PromptedDrafter(lm, pool, k=1))) == 5
    configs = [SystemConfig(name="tiny-slm", kind="slm"), SystemConfig(name="tiny-prompted", kind="prompted-local")]
    write_report(tmp_path / "out", {r["id"]: r for r in test_rows}, configs)
    summary = json.loads((tmp_path / "out" / SUMMARY).read_text())
    for name in ("tiny-slm", "tiny-prompted"):
        report = score_files(
            tmp_path / "out" / PREDICTIONS_DIR / f"{name}.jsonl", tmp_path / "out" / PREDICTIONS_DIR / REFERENCES
        )
        assert (report.n, report.flowsim, report.taxonomy) == (5, summary[name]["flowsim"], summary[name]["taxonomy"])
    results = read_results(tmp_path / "out" / RESULTS)
    assert {r["batch"] for r in results} == {2, 1}
    assert all(r["output_tokens"] is not None and r["output_tokens"] <= 12 for r in results)


def test_cli_a_system_that_cannot_start_records_no_rows(run_dir, tmp_path):
    """A missing model stops that system before any row: a rerun must not skip rows that never ran."""
    import shutil

    out = tmp_path / "out"
    shutil.copytree(run_dir / "out", out)
    config = tmp_path / "systems.yaml"
    config.write_text(
        "systems:\n  - {name: fake-slm, kind: slm}\n"
        f"  - {{name: broken, kind: prompted-local, params: {{model: {tmp_path / 'missing'}}}}}\n"
    )
    app = typer.Typer()
    bench_command.register(app)
    result = CliRunner().invoke(
        app,
        [
            "bench",
            "--data",
            str(run_dir / "data"),
            "--out",
            str(out),
            "--systems",
            "fake-slm,broken",
            "--config",
            str(config),
        ],
    )
    assert result.exit_code == 1, result.output
    assert "broken: could not start, no rows recorded: BaseModelError" in result.output
    assert "fake-slm: 0 new rows" in result.output
    assert {r["system"] for r in read_results(out / RESULTS)} == {"fake-slm", "fake-chat"}
    assert (out / REPORT).exists()

    empty = CliRunner().invoke(
        app,
        [
            "bench",
            "--data",
            str(run_dir / "data"),
            "--out",
            str(tmp_path / "empty"),
            "--systems",
            "broken",
            "--config",
            str(config),
        ],
    )
    assert empty.exit_code == 1 and "no report:" in empty.output
