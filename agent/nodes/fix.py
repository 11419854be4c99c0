"""The node "fix": apply the deterministic fix engine (`agent.fixes`) to a draft that failed validation."""

from langgraph.runtime import Runtime

from agent.context import Context
from agent.fixes import apply_fixes
from agent.nodes.common import emit
from agent.state import State


def fix(state: State, runtime: Runtime[Context]) -> dict:
    fixed, notes = apply_fixes(state.draft, runtime.context.catalog)
    events = emit(state.events, runtime, "fixing", changes=notes)
    update: dict = {"fixed": True, "events": events}
    if notes:
        update["draft"] = fixed
        if state.path == "slm":
            update["path"] = "fixed"
    return update
