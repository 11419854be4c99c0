"""`flowsmith score` through typer's CliRunner."""

import json

from typer.testing import CliRunner

from plugin.cli import app
from tests.schemas.similarity_examples import example_flow


def write_files(tmp_path) -> tuple[str, str]:
    ref = tmp_path / "ref.jsonl"
    pred = tmp_path / "pred.jsonl"
    ref.write_text("\n".join(json.dumps({"id": i, "target": example_flow()}) for i in ("a", "b")) + "\n")
    pred.write_text(
        json.dumps({"id": "a", "prediction": example_flow()})
        + "\n"
        + json.dumps({"id": "b", "prediction": "nope"})
        + "\n"
    )
    return str(pred), str(ref)


def test_score_prints_tables(tmp_path):
    result = CliRunner().invoke(app, ["score", *write_files(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "FlowSim" in result.output and "Trigger EM" in result.output
    assert "invalid_json" in result.output and "0.500" in result.output


def test_score_json(tmp_path):
    result = CliRunner().invoke(app, ["score", *write_files(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["n"] == 2 and report["parse_rate"] == 0.5 and report["taxonomy"]["invalid_json"] == 1


def test_missing_file_fails(tmp_path):
    result = CliRunner().invoke(app, ["score", str(tmp_path / "none.jsonl"), str(tmp_path / "none.jsonl")])
    assert result.exit_code != 0
