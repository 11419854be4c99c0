"""Sample flows the harness drafts and edits: NOTIFY (valid), an unfixable variant, a log step or REST call added."""

import copy

NOTIFY = {
    "name": "Notify VIP caller",
    "description": "",
    "trigger": {
        "type": "record_create",
        "inputs": [{"name": "table", "value": "incident"}, {"name": "condition", "value": "priority=1"}],
    },
    "components": [
        {
            "category": "action",
            "definition": "look_up_record",
            "scope": "global",
            "order": 1,
            "inputs": [
                {"name": "table", "value": "sys_user"},
                {"name": "conditions", "value": "sys_id={{trigger.current.caller_id}}"},
            ],
        },
        {
            "category": "flowlogic",
            "definition": "IF",
            "scope": "global",
            "order": 2,
            "inputs": [{"name": "condition", "value": "{{1.record.vip}}=true"}],
        },
        {
            "category": "action",
            "definition": "send_email",
            "scope": "global",
            "order": 3,
            "block": 2,
            "inputs": [
                {"name": "to", "value": "{{1.record.email}}"},
                {"name": "subject", "value": "P1 incident"},
                {"name": "body", "value": "Incident {{trigger.current.number}} was opened"},
            ],
        },
    ],
}


def flow(**changes: object) -> dict:
    """A deep copy of NOTIFY with top-level keys replaced."""
    return {**copy.deepcopy(NOTIFY), **copy.deepcopy(changes)}


def unfixable() -> dict:
    """NOTIFY missing the required `subject` of send_email: deterministic fixes cannot help."""
    result = flow()
    result["components"][2]["inputs"] = [i for i in result["components"][2]["inputs"] if i["name"] != "subject"]
    return result


def log_step(flow: dict, message: str) -> dict:
    """`flow` with a top-level `log` action appended (valid when `flow` is)."""
    return _appended(flow, "log", "global", message=message)


def rest_call(flow: dict, **values: str) -> dict:
    """`flow` with a top-level REST call appended, its inputs `values` in the order given."""
    return _appended(flow, "rest_call", "sn_rest_spoke", **values)


def _appended(flow: dict, definition: str, scope: str, **values: str) -> dict:
    new = copy.deepcopy(flow)
    comps = new.setdefault("components", [])
    comps.append(
        {
            "category": "action",
            "definition": definition,
            "scope": scope,
            "order": len(comps) + 1,
            "inputs": [{"name": k, "value": v} for k, v in values.items()],
        }
    )
    return new
