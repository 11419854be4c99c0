"""A deterministic fake copilot and app fixtures for the plugin tests."""

import copy
import threading
from collections.abc import Iterator

import jsonpatch
import pytest
from fastapi.testclient import TestClient

from agent.service import CopilotResult
from plugin.admin_config import AdminConfig
from plugin.app import create_app
from plugin.settings import Settings
from schemas.problems import Problem

ADMIN_TOKEN = "test-admin-token-1"

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


def log_step(flow: dict, message: str) -> dict:
    """`flow` with a top-level log action appended."""
    new = copy.deepcopy(flow)
    order = len(new["components"]) + 1
    step = {
        "category": "action",
        "definition": "log",
        "scope": "global",
        "order": order,
        "inputs": [{"name": "message", "value": message}],
    }
    new["components"].append(step)
    return new


class FakeCopilot:
    """Generate → GENERATED; edit/chat on a flow → append a log step; complete → append 'Done'.

    'explode' raises; 'unfixable' answers ok=False with a problem (streamed as a final `error`).
    """

    def __init__(self, config: AdminConfig) -> None:
        self.config = config
        self.calls: list[tuple] = []

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
        return CopilotResult(ok=True, task=task, flow=new, patch=patch, explanation=f"{task}: ok", path="slm", rounds=0)

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


class BlockingCopilot(FakeCopilot):
    """Blocks every run until `release` is set (for timeout tests)."""

    def __init__(self, config: AdminConfig, release: threading.Event) -> None:
        super().__init__(config)
        self.release = release

    def run(self, request: str, flow: dict | None = None, task: str | None = None, thread_id: str = "default"):
        self.release.wait()
        return super().run(request, flow, task, thread_id)


def make_settings(data_dir, **overrides) -> Settings:
    values = {
        "data_dir": data_dir,
        "admin_token": ADMIN_TOKEN,
        "rate_limit_per_minute": 1000,
        "llm_key_envs": ["OPENAI_API_KEY"],
        **overrides,
    }
    return Settings(**values)


@pytest.fixture
def settings(tmp_path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def built() -> list[FakeCopilot]:
    """Every copilot the factory built, in order."""
    return []


@pytest.fixture
def client(settings, built) -> Iterator[TestClient]:
    def factory(config: AdminConfig) -> FakeCopilot:
        built.append(FakeCopilot(config))
        return built[-1]

    with TestClient(create_app(settings, copilot_factory=factory)) as test_client:
        yield test_client


@pytest.fixture
def admin() -> dict[str, str]:
    return {"Authorization": f"Bearer {ADMIN_TOKEN}"}
