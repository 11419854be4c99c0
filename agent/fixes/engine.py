"""Deterministic repairs of a drafted flow dict, tried before any LLM: cheap and predictable.

First whole-flow passes (shape, literal credentials, names, scopes, input names, tables, numbering), then the
validator-driven loop (`agent.fixes.loop`) that repairs one remaining problem at a time with the
nearest change that helps. Each step returns one human-readable note per change.
"""

import copy

from agent.fixes.loop import fix_problems
from agent.fixes.names import fix_definitions, fix_input_names, fix_scopes, fix_tables, fix_trigger_type
from agent.fixes.renumber import renumber
from agent.fixes.secrets import fix_secrets
from agent.fixes.shape import fix_shape
from schemas.catalog import Catalog

# fix_secrets right after the shape: no later note can quote a credential that is already gone.
FIXES = (
    fix_shape,
    fix_secrets,
    fix_trigger_type,
    fix_definitions,
    fix_scopes,
    fix_input_names,
    fix_tables,
    renumber,
    fix_problems,
)


def apply_fixes(flow: object, catalog: Catalog) -> tuple[object, list[str]]:
    """A fixed copy of `flow` and what was changed (empty when nothing applied). Never raises:
    a fix that fails leaves the flow as it was before that fix, and says so in the notes."""
    fixed = copy.deepcopy(flow)
    if not isinstance(fixed, dict):
        return fixed, []
    notes: list[str] = []
    for fix in FIXES:
        before = copy.deepcopy(fixed)
        try:
            notes += fix(fixed, catalog)
        except Exception as exc:  # noqa: BLE001 - a draft may be any JSON; the contract is to never raise
            fixed.clear()
            fixed.update(before)
            notes.append(f"{fix.__name__} failed: {exc!r}")
    return fixed, notes
