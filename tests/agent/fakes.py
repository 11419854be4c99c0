"""Fakes shared by the agent tests: a canned drafter, sample flows, a chat-model call counter."""

import copy
import json

from langchain_core.callbacks import BaseCallbackHandler

from models.drafter import DraftRequest

NOTIFY = {
    "name": "Notify VIP caller",
    "description": "",
    "trigger": {"type": "record_create", "inputs": [
        {"name": "table", "value": "incident"}, {"name": "condition", "value": "priority=1"}]},
    "components": [
        {"category": "action", "definition": "look_up_record", "scope": "global", "order": 1, "inputs": [
            {"name": "table", "value": "sys_user"},
            {"name": "conditions", "value": "sys_id={{trigger.current.caller_id}}"}]},
        {"category": "flowlogic", "definition": "IF", "scope": "global", "order": 2, "inputs": [
            {"name": "condition", "value": "{{1.record.vip}}=true"}]},
        {"category": "action", "definition": "send_email", "scope": "global", "order": 3, "block": 2, "inputs": [
            {"name": "to", "value": "{{1.record.email}}"}, {"name": "subject", "value": "P1 incident"},
            {"name": "body", "value": "Incident {{trigger.current.number}} was opened"}]},
    ],
}

LOG_STEP = {"category": "action", "definition": "log", "scope": "global", "order": 4,
            "inputs": [{"name": "message", "value": "notified"}]}


def flow(**changes: object) -> dict:
    """A deep copy of NOTIFY with top-level keys replaced."""
    return {**copy.deepcopy(NOTIFY), **copy.deepcopy(changes)}


def with_log() -> dict:
    """NOTIFY plus a trailing log step (the 'edit' target)."""
    result = flow()
    result["components"].append(copy.deepcopy(LOG_STEP))
    return result


def unfixable() -> dict:
    """NOTIFY missing the required `subject` of send_email: deterministic fixes cannot help."""
    result = flow()
    result["components"][2]["inputs"] = [i for i in result["components"][2]["inputs"] if i["name"] != "subject"]
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
