"""FakeCopilot: a deterministic copilot for the service (no model, no graph), answering CopilotResult."""

import copy

import jsonpatch

from agent.service import CopilotResult
from plugin.admin_config import AdminConfig
from plugin.testing.flows import log_step
from schemas.problems import Problem

GENERATED = {
    "name": "Notify caller of P1 incidents",
    "description": "",
    "trigger": {
        "type": "record_create",
        "inputs": [{"name": "table", "value": "incident"}, {"name": "condition", "value": "active=true"}],
    },
    "components": [
        {
            "category": "flowlogic",
            "definition": "IF",
            "scope": "global",
            "order": 1,
            "inputs": [{"name": "condition", "value": "{{trigger.current.priority}}=1"}],
        },
        {
            "category": "action",
            "definition": "send_email",
            "scope": "global",
            "order": 2,
            "block": 1,
            "inputs": [
                {"name": "to", "value": "{{trigger.current.caller_id.email}}"},
                {"name": "subject", "value": "P1 incident"},
                {"name": "body", "value": "We are on it."},
            ],
        },
    ],
}


class FakeCopilot:
    """Generate → GENERATED; edit/chat on a flow → append a log step; complete → append 'Done'.

    'explode' raises; 'unfixable' answers ok=False with a problem (streamed as a final `error`).
    Remembers each thread's last flow (`current_flow`) until it is forgotten.
    """

    def __init__(self, config: AdminConfig) -> None:
        self.config = config
        self.calls: list[tuple] = []
        self.flows: dict[str, dict] = {}  # thread id -> its flow after the last turn
        self.forgotten: list[str] = []

    def run(self, request: str, flow: dict | None = None, task: str | None = None, thread_id: str = "default"):
        self.calls.append((request, flow, task, thread_id))
        if request == "explode":
            raise RuntimeError("the drafter crashed")
        if request == "unfixable":
            problem = Problem(code="unknown_definition", path="/components/0/definition", message="no such action")
            return CopilotResult(
                ok=False,
                task="generate",
                flow=flow,
                problems=[problem],
                path="llm-repair",
                rounds=2,
                error="the draft is still invalid after 2 repair rounds",
            )
        task = task or ("generate" if flow is None else "edit")
        new = {
            "generate": lambda: copy.deepcopy(GENERATED),
            "edit": lambda: log_step(flow, request),
            "complete": lambda: log_step(flow, "Done"),
        }[task]()
        patch = jsonpatch.make_patch(flow if flow is not None else {}, new).patch
        self.flows[thread_id] = new
        return CopilotResult(ok=True, task=task, flow=new, patch=patch, explanation=f"{task}: ok", path="slm", rounds=0)

    def current_flow(self, thread_id: str) -> dict | None:
        return self.flows.get(thread_id)

    def forget(self, thread_id: str) -> None:
        self.flows.pop(thread_id, None)
        self.forgotten.append(thread_id)

    def stream(self, request: str, flow: dict | None = None, task: str | None = None, thread_id: str = "default"):
        yield {"event": "routing", "task": task or "chat"}
        yield {"event": "drafting", "model": "fake"}
        result = self.run(request, flow, task, thread_id)
        yield {"event": "validating", "problems": len(result.problems)}
        if not result.ok:
            yield {"event": "error", "message": result.error, "result": result.model_dump(mode="json")}
            return
        yield {"event": "diffing", "ops": len(result.patch)}
        yield {"event": "done", "result": result.model_dump(mode="json")}
