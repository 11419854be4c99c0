"""Scoring predictions against references: per-record scores and a macro-averaged report."""

import json
from pathlib import Path
from statistics import fmean

from schemas.base import StrictModel
from schemas.catalog import Catalog, default_catalog
from schemas.similarity.flowsim import flowsim
from schemas.similarity.parse import parse_prediction, require_flow
from schemas.similarity.steps import steps_f1, trigger_match
from schemas.similarity.taxonomy import CATEGORIES, error_taxonomy


class RecordScore(StrictModel):
    id: str | None = None
    flowsim: float
    flowsim_no_inputs: float
    trigger_match: bool
    steps_f1: float
    parsed: bool
    errors: list[str]


class ScoreReport(StrictModel):
    n: int
    flowsim: float
    flowsim_no_inputs: float
    trigger_em: float
    steps_f1: float
    parse_rate: float
    correct: int  # records with no error at all
    taxonomy: dict[str, int]  # every category in CATEGORIES order, zeros included
    records: list[RecordScore]


def unwrap_prediction(row: object) -> tuple[str | None, object]:
    """(id, prediction) from `{"id", "prediction"}` or a bare flow / raw text."""
    if isinstance(row, dict) and "prediction" in row:
        return row.get("id"), row["prediction"]
    return None, row


def unwrap_reference(row: object) -> tuple[str | None, object]:
    """(id, flow) from a dataset row `{"id", "target", ...}` or a bare flow."""
    if isinstance(row, dict) and "target" in row:
        return row.get("id"), row["target"]
    return None, row


def score_record(
    pred: object, ref: object, record_id: str | None = None, catalog: Catalog | None = None
) -> RecordScore:
    reference = require_flow(ref, f"record {record_id}" if record_id else "record")
    return RecordScore(
        id=record_id,
        flowsim=flowsim(pred, reference, True, catalog),
        flowsim_no_inputs=flowsim(pred, reference, False, catalog),
        trigger_match=trigger_match(pred, reference),
        steps_f1=steps_f1(pred, reference),
        parsed=parse_prediction(pred)[0] is not None,
        errors=error_taxonomy(pred, reference, catalog),
    )


def score_records(preds: list, refs: list, catalog: Catalog | None = None) -> ScoreReport:
    """Score aligned lists; rows may be wrapped (`prediction` / dataset rows) or bare; None = no prediction."""
    if len(preds) != len(refs):
        raise ValueError(f"score_records: {len(preds)} predictions for {len(refs)} references")
    catalog = catalog or default_catalog()
    records = []
    for pred_row, ref_row in zip(preds, refs):
        ref_id, ref = unwrap_reference(ref_row)
        pred_id, pred = unwrap_prediction(pred_row)
        records.append(score_record(pred, ref, ref_id or pred_id, catalog))
    return summarize(records)


def summarize(records: list[RecordScore]) -> ScoreReport:
    def mean(values: list[float]) -> float:
        return fmean(values) if values else 0.0

    taxonomy = {c: sum(c in r.errors for r in records) for c in CATEGORIES}
    return ScoreReport(
        n=len(records),
        flowsim=mean([r.flowsim for r in records]),
        flowsim_no_inputs=mean([r.flowsim_no_inputs for r in records]),
        trigger_em=mean([float(r.trigger_match) for r in records]),
        steps_f1=mean([r.steps_f1 for r in records]),
        parse_rate=mean([float(r.parsed) for r in records]),
        correct=sum(not r.errors for r in records),
        taxonomy=taxonomy,
        records=records,
    )


def read_predictions(path: str | Path) -> list:
    """One row per line (trailing blank lines dropped); a line that is not JSON stays its raw text."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    rows = []
    for line in lines:
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            rows.append(line)
    return rows


def read_references(path: str | Path) -> list:
    """JSONL rows, blank lines skipped; raises ValueError naming the file and line of bad JSON."""
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from exc
    return rows


def match_predictions(preds: list, refs: list) -> list:
    """Predictions aligned to `refs`: by `id` when every row on both sides has one, else by line."""
    pred_ids = [unwrap_prediction(p)[0] for p in preds]
    ref_ids = [unwrap_reference(r)[0] for r in refs]
    if preds and None not in pred_ids and None not in ref_ids:
        by_id = dict(zip(pred_ids, preds))
        return [by_id.get(ref_id) for ref_id in ref_ids]
    return [preds[i] if i < len(preds) else None for i in range(len(refs))]


def score_files(pred_path: str | Path, ref_path: str | Path, catalog: Catalog | None = None) -> ScoreReport:
    """Score a predictions JSONL against a references JSONL; missing predictions score as empty flows."""
    refs = read_references(ref_path)
    return score_records(match_predictions(read_predictions(pred_path), refs), refs, catalog)
