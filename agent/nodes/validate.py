"""The node "validate": check the draft against the catalog and the output-safety checks."""

from langgraph.runtime import Runtime

from agent.context import Context
from agent.nodes.common import emit, validate
from agent.state import State


def validate_draft(state: State, runtime: Runtime[Context]) -> dict:
    problems = validate(state.draft, runtime)
    events = emit(state.events, runtime, "validating", problems=len(problems))
    return {"problems": [p.model_dump() for p in problems], "events": events}
