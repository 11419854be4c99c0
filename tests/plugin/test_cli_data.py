"""`flowsmith data` writes the splits and the coverage report."""

import json

from typer.testing import CliRunner

from plugin.cli import app


def test_data_command_writes_splits_and_report(tmp_path):
    out = tmp_path / "ds"
    result = CliRunner().invoke(
        app, ["data", "--out", str(out), "--seed", "3", "--train", "40", "--val", "10", "--test", "10"]
    )
    assert result.exit_code == 0, result.output
    assert "Dataset coverage" in result.output
    lines = (out / "train.jsonl").read_text().splitlines()
    assert len(lines) == 40 + 8 + 8
    assert {json.loads(line)["task"] for line in lines} == {"generate", "edit", "complete"}
    assert len((out / "test.jsonl").read_text().splitlines()) == 14
    assert "## triggers" in (out / "report.md").read_text()


def test_data_command_is_deterministic(tmp_path):
    args = ["--seed", "5", "--train", "20", "--val", "5", "--test", "5"]
    runner = CliRunner()
    for name in ("a", "b"):
        assert runner.invoke(app, ["data", "--out", str(tmp_path / name), *args]).exit_code == 0
    assert (tmp_path / "a" / "val.jsonl").read_text() == (tmp_path / "b" / "val.jsonl").read_text()


def test_after_fixes_repair_rows_are_what_the_fixes_leave_invalid(tmp_path):
    from agent.fixes import apply_fixes
    from schemas.catalog import default_catalog
    from schemas.validate import is_valid, validate_flow

    out = tmp_path / "mix"
    args = ["data", "--out", str(out), "--train", "60", "--val", "5", "--test", "5", "--repairs", "12", "--after-fixes"]
    assert CliRunner().invoke(app, args).exit_code == 0
    repairs = [r for r in map(json.loads, (out / "train.jsonl").read_text().splitlines()) if r["task"] == "repair"]
    assert repairs
    for row in repairs:
        fixed, _ = apply_fixes(row["flow"], default_catalog())
        assert not is_valid(validate_flow(fixed)) and is_valid(validate_flow(row["target"]))
