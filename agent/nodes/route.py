"""Decide the turn's task: explicit `task` wins, else the learned router (agent.task_model)."""

from langgraph.runtime import Runtime

from agent.context import Context
from agent.nodes.common import emit
from agent.state import State
from agent.task_model import predict_task


def route(state: State, runtime: Runtime[Context]) -> dict:
    task = state.task or predict_task(state.request, state.flow)
    events = emit(state.events, runtime, "routing", task=task)
    if task in ("edit", "complete") and state.flow is None:
        return {"task": task, "error": f"task '{task}' needs a current flow, and there is none", "events": events}
    return {"task": task, "events": events}
