"""The deterministic fix engine: repairs of a drafted flow dict, tried before any LLM.

It imports no LangGraph; the graph's "fix" node, `flowsmith generate` and benchmarks/fix_rate.py
all call `apply_fixes`. It reads flows through `schemas.validation`'s public names only.

Modules: `engine` (the ordered passes and `apply_fixes`), `shape`, `secrets` and `names` (whole-flow passes),
`renumber` (step numbering), `loop` (the validator-driven loop), the per-problem candidate makers
`inputs`, `pills`, `fields`, `queries`, `values`, `defaults`, `structure`, and the helpers
`trial` (keep-if-better) and `flowdict` (reading the raw dict).

Glossary (the engine's own words):
- where: the trigger or a component's index in the flow dict (`flowdict.Where`).
- target: one fixable validator problem, as `(kind, where[, index])` (`loop.targets`), worked on in
  rank order: block, component, names, pills, value, missing.
- spot: one input value of a target with everything needed to change it: its owner, input spec and
  validation context (`inputs.Spot`).
- candidate: `(note, edit)`, one proposed change with its human-readable note (`trial.Candidate`);
  candidates come nearest first.
- edit: the function that applies a candidate to a copy of the flow in place; it returns True when
  it dropped a step.
- trial: trying candidates on copies and keeping the first that leaves fewer problems (`trial.Trial`);
  the validator is the only judge.
- settle: after an edit that dropped a step, repair what pointed at it before the copy is judged.
- note: one line per kept change, returned next to the fixed flow.
"""

from agent.fixes.engine import FIXES, apply_fixes
from agent.fixes.names import fix_definitions, fix_input_names, fix_scopes, fix_tables, fix_trigger_type, nearest

__all__ = [
    "FIXES",
    "apply_fixes",
    "fix_definitions",
    "fix_input_names",
    "fix_scopes",
    "fix_tables",
    "fix_trigger_type",
    "nearest",
]
