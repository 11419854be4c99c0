"""Flow similarity: FlowSim (tree edit distance), trigger match, steps F1, error taxonomy, scoring, unasked edits."""

from schemas.similarity.flowsim import flowsim
from schemas.similarity.scoring import RecordScore, ScoreReport, score_files, score_records
from schemas.similarity.steps import steps_f1, trigger_match
from schemas.similarity.taxonomy import CATEGORIES, error_taxonomy
from schemas.similarity.tree import flow_tree
from schemas.similarity.unasked import unasked_changes

__all__ = [
    "CATEGORIES",
    "RecordScore",
    "ScoreReport",
    "error_taxonomy",
    "flow_tree",
    "flowsim",
    "score_files",
    "score_records",
    "steps_f1",
    "trigger_match",
    "unasked_changes",
]
