"""Fakes shared by the agent tests: a canned drafter, flows built on plugin.testing.flows, a call counter."""

import copy
import json

from langchain_core.callbacks import BaseCallbackHandler

from agent.fixes import apply_fixes
from models.drafter import DraftRequest
from plugin.testing.flows import flow
from schemas.catalog import default_catalog
from schemas.validate import validate_flow

LOG_STEP = {
    "category": "action",
    "definition": "log",
    "scope": "global",
    "order": 4,
    "inputs": [{"name": "message", "value": "notified"}],
}


def with_log() -> dict:
    """NOTIFY plus a trailing log step (the 'edit' target)."""
    result = flow()
    result["components"].append(copy.deepcopy(LOG_STEP))
    return result


def fenced(value: object) -> str:
    return f"Here you go:\n```json\n{json.dumps(value)}\n```"


class FakeDrafter:
    """Returns (or raises) canned results in turn; records every request."""

    def __init__(self, *results: dict | Exception) -> None:
        self.results = list(results)
        self.requests: list[DraftRequest] = []

    def draft(self, req: DraftRequest) -> dict:
        self.requests.append(req)
        result = self.results.pop(0)
        if isinstance(result, Exception):
            raise result
        return copy.deepcopy(result)

    def drafts(self, reqs: list[DraftRequest]) -> list:
        return [self.draft(r) for r in reqs]


class CallCounter(BaseCallbackHandler):
    """Counts chat-model calls (pass as `callbacks=[counter]` to a fake chat model)."""

    def __init__(self) -> None:
        self.calls = 0

    def on_chat_model_start(self, *args: object, **kwargs: object) -> None:
        self.calls += 1


def fixed_and_valid(draft: dict, code: str) -> tuple[dict, list[str]]:
    """apply_fixes on a draft that fails with `code`; the result must validate."""
    assert code in {p.code for p in validate_flow(draft)}
    fixed, notes = apply_fixes(draft, default_catalog())
    assert validate_flow(fixed) == [], notes
    return fixed, notes


def input_values(comp: dict) -> dict[str, str]:
    return {i["name"]: i["value"] for i in comp["inputs"]}


def step(order: int, definition: str, block: int | None = None, category: str = "action", **values: str) -> dict:
    comp = {
        "category": category,
        "definition": definition,
        "scope": "global",
        "order": order,
        "inputs": [{"name": k, "value": v} for k, v in values.items()],
    }
    return comp if block is None else {**comp, "block": block}


def daily_loop(*after: dict) -> dict:
    """Daily: look up P1 incidents, log each one's number; then `after`."""
    return {
        "name": "loop",
        "description": "",
        "trigger": {"type": "daily", "inputs": [{"name": "time", "value": "09:00:00"}]},
        "components": [
            step(1, "look_up_records", table="incident", conditions="priority=1"),
            step(2, "FOREACH", category="flowlogic", items="{{1.records}}"),
            step(3, "log", block=2, message="{{2.item.number}}"),
            *after,
        ],
    }
