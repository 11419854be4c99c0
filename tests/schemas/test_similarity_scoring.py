"""score_records / score_files: matching, averaging and counting."""

import json

import pytest

from schemas.similarity import score_files, score_records
from tests.schemas.similarity_examples import component, example_flow, set_input


def write_jsonl(path, rows) -> str:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    return str(path)


def dataset_row(row_id: str, flow: dict) -> dict:
    return {"id": row_id, "task": "generate", "request": "r", "flow": None, "target": flow, "meta": {}}


def test_score_records_averages_and_counts():
    wrong = example_flow()
    set_input(component(wrong, "send_email"), "subject", "P2")
    report = score_records([example_flow(), "garbage", wrong], [example_flow()] * 3)
    assert report.n == 3
    assert report.flowsim == pytest.approx((1 + 0 + (1 - 1 / 48)) / 3)
    assert report.flowsim_no_inputs == pytest.approx(2 / 3)
    assert report.parse_rate == pytest.approx(2 / 3)
    assert report.trigger_em == pytest.approx(2 / 3)
    assert report.correct == 1
    assert report.taxonomy["invalid_json"] == 1
    assert report.taxonomy["wrong_input_value"] == 1
    assert report.records[1].errors == ["invalid_json"]


def test_length_mismatch_raises():
    with pytest.raises(ValueError, match="2 predictions for 1 references"):
        score_records([None, None], [example_flow()])


def test_score_files_matches_by_id(tmp_path):
    refs = write_jsonl(tmp_path / "ref.jsonl", [dataset_row("a", example_flow()), dataset_row("b", example_flow())])
    preds = write_jsonl(
        tmp_path / "pred.jsonl", [{"id": "b", "prediction": "{broken"}, {"id": "a", "prediction": example_flow()}]
    )
    report = score_files(preds, refs)
    assert [r.id for r in report.records] == ["a", "b"]
    assert [r.flowsim for r in report.records] == [1.0, 0.0]
    assert report.taxonomy["invalid_json"] == 1 and report.correct == 1


def test_score_files_by_line_with_bare_flows_and_missing_rows(tmp_path):
    refs = write_jsonl(tmp_path / "ref.jsonl", [example_flow(), example_flow(), example_flow()])
    preds = write_jsonl(tmp_path / "pred.jsonl", ["not json at all", example_flow()])
    report = score_files(preds, refs)
    assert [r.parsed for r in report.records] == [False, True, False]
    assert report.flowsim == pytest.approx(1 / 3)


def test_missing_id_scores_as_empty(tmp_path):
    refs = write_jsonl(tmp_path / "ref.jsonl", [dataset_row("a", example_flow()), dataset_row("b", example_flow())])
    preds = write_jsonl(tmp_path / "pred.jsonl", [{"id": "b", "prediction": example_flow()}])
    report = score_files(preds, refs)
    assert [r.flowsim for r in report.records] == [0.0, 1.0]


def test_bad_reference_line_names_file_and_line(tmp_path):
    refs = write_jsonl(tmp_path / "ref.jsonl", [example_flow(), "{oops"])
    with pytest.raises(ValueError, match=r"ref.jsonl:2: not JSON"):
        score_files(write_jsonl(tmp_path / "pred.jsonl", [example_flow()]), refs)
