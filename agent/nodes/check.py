"""Validate the draft, and apply the deterministic fixes when it fails."""

from langgraph.runtime import Runtime

from agent.context import Context
from agent.fixes import apply_fixes
from agent.nodes.common import emit, validate
from agent.state import State


def validate_draft(state: State, runtime: Runtime[Context]) -> dict:
    problems = validate(state.draft, runtime)
    events = emit(state.events, runtime, "validating", problems=len(problems))
    return {"problems": [p.model_dump() for p in problems], "events": events}


def fix(state: State, runtime: Runtime[Context]) -> dict:
    fixed, notes = apply_fixes(state.draft, runtime.context.catalog)
    events = emit(state.events, runtime, "fixing", changes=notes)
    update: dict = {"fixed": True, "events": events}
    if notes:
        update["draft"] = fixed
        if state.path == "slm":
            update["path"] = "fixed"
    return update
