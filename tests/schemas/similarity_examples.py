"""Example flows shared by the similarity tests (not a test module)."""

import copy
import random


def example_flow() -> dict:
    """Trigger + look-up + IF containing a send_email: 24 non-structural tree nodes with inputs, 4 without."""
    return copy.deepcopy(
        {
            "name": "x",
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
                        {"name": "to", "value": "{{1.record.manager.email}}"},
                        {"name": "subject", "value": "P1"},
                        {"name": "body", "value": "Hi"},
                    ],
                },
            ],
        }
    )


def component(flow: dict, definition: str) -> dict:
    return next(c for c in flow["components"] if c["definition"] == definition)


def set_input(item: dict, name: str, value: str | None) -> None:
    """Set (or, with None, drop) the input `name` of a trigger or component."""
    item["inputs"] = [i for i in item["inputs"] if i["name"] != name]
    if value is not None:
        item["inputs"].append({"name": name, "value": value})


_STEPS = [
    ("action", "log", {"message": "hello"}),
    ("action", "send_sms", {"to": "555", "message": "m"}),
    ("action", "look_up_records", {"table": "problem", "conditions": "active=true^priority<=2"}),
    ("flowlogic", "IF", {"condition": "{{trigger.current.priority}}=1^ORurgency=1"}),
    ("flowlogic", "FOREACH", {"items": "{{1.records}}"}),
    ("action", "update_record", {"record": "{{trigger.current}}", "table": "incident", "values": "state=2"}),
]
_TRIGGERS = [("record_create", "incident"), ("record_update", "problem"), ("record_update", "incident")]


def random_flow(rng: random.Random) -> dict:
    """A small valid-shaped flow; containers may enclose the step after them."""
    kind, table = rng.choice(_TRIGGERS)
    trigger = {"type": kind, "inputs": [{"name": "table", "value": table}]}
    if rng.random() < 0.5:
        trigger["inputs"].append({"name": "condition", "value": rng.choice(["priority=1", "active=true^state=2"])})
    components = []
    for order in range(1, rng.randint(0, 5) + 1):
        category, definition, inputs = rng.choice(_STEPS)
        comp = {
            "category": category,
            "definition": definition,
            "order": order,
            "inputs": [{"name": k, "value": v} for k, v in inputs.items() if rng.random() < 0.8],
        }
        previous = components[-1] if components else None
        if previous and previous["definition"] in ("IF", "FOREACH") and rng.random() < 0.7:
            comp["block"] = previous["order"]
        components.append(comp)
    return {"trigger": trigger, "components": components}
