"""Reusable example flows (fresh dicts each time) for schema tests and other helpers' tests."""

import pytest

from schemas.validate import validate_flow


def rich_flow() -> dict:
    """A valid flow using record trigger + condition, look-ups, IF/ELSE, FOREACH, flow variables and a spoke."""
    return {
        "name": "VIP incident follow-up",
        "description": "Escalate new P1 incidents of VIP callers and comment on their other open incidents.",
        "trigger": {
            "type": "record_create",
            "inputs": [
                {"name": "table", "value": "incident"},
                {"name": "condition", "value": "priority=1^active=true"},
            ],
        },
        "components": [
            make_step(
                "action", "look_up_record", 1, table="sys_user", conditions="sys_id={{trigger.current.caller_id}}"
            ),
            make_step(
                "flowlogic", "SETFLOWVARIABLES", 2, variables="{{flow_var.manager_email}}={{1.record.manager.email}}"
            ),
            make_step("flowlogic", "IF", 3, condition="{{1.record.vip}}=true^{{trigger.current.urgency}}IN1,2"),
            make_step(
                "action",
                "slack_post_message",
                4,
                block=3,
                scope="sn_slack_spoke",
                channel="#vip-support",
                message="VIP incident {{trigger.current.number}}",
            ),
            make_step("flowlogic", "ELSE", 5),
            make_step(
                "action",
                "add_worknote",
                6,
                block=5,
                record="{{trigger.current}}",
                table="incident",
                work_note="Standard handling for {{trigger.current.number}}",
            ),
            make_step(
                "action",
                "look_up_records",
                7,
                table="incident",
                conditions="caller_id={{trigger.current.caller_id}}^active=true",
                max_results="10",
            ),
            make_step("flowlogic", "FOREACH", 8, items="{{7.records}}"),
            make_step(
                "action",
                "add_comment",
                9,
                block=8,
                record="{{8.item}}",
                table="incident",
                comment="Related to {{trigger.current.number}} ({{8.item.priority}})",
            ),
            make_step(
                "action",
                "send_email",
                10,
                to="{{flow_var.manager_email}}",
                subject="VIP incident {{trigger.current.number}}",
                body="{{trigger.current.short_description}}",
            ),
        ],
    }


def make_step(
    category: str, definition: str, order: int, block: int | None = None, scope: str = "global", **inputs: str
) -> dict:
    step = {
        "category": category,
        "definition": definition,
        "scope": scope,
        "order": order,
        "inputs": [{"name": k, "value": v} for k, v in inputs.items()],
    }
    if block is not None:
        step["block"] = block
    return step


def schedule_flow() -> dict:
    """A valid scheduled flow with a TRY/CATCH and a DOUNTIL loop with BREAK."""
    return {
        "name": "Nightly stale tasks",
        "trigger": {"type": "daily", "inputs": [{"name": "time", "value": "02:30:00"}]},
        "components": [
            make_step("flowlogic", "TRY", 1),
            make_step(
                "action",
                "update_multiple_records",
                2,
                block=1,
                table="incident",
                conditions="state=6^sys_updated_on<2024-01-01 00:00:00",
                values="state=7^close_notes=Closed by flow",
            ),
            make_step("flowlogic", "CATCH", 3),
            make_step("action", "log", 4, block=3, message="failed: {{3.error_message}}", level="error"),
            make_step("flowlogic", "DOUNTIL", 5, condition="{{trigger.run_start_time}}ISNOTEMPTY"),
            make_step("flowlogic", "WAITFORDURATION", 6, block=5, duration="00:05:00"),
            make_step("flowlogic", "BREAK", 7, block=5),
            make_step(
                "action",
                "rest_call",
                8,
                scope="sn_rest_spoke",
                method="POST",
                url="https://hooks.example.com/{{trigger.run_start_time}}",
                body="done",
            ),
        ],
    }


def set_input(node: dict, name: str, value: str) -> dict:
    """Set (or append) input `name` of a trigger/component dict; returns the node."""
    for item in node.setdefault("inputs", []):
        if item["name"] == name:
            item["value"] = value
            return node
    node["inputs"].append({"name": name, "value": value})
    return node


def drop_input(node: dict, name: str) -> dict:
    node["inputs"] = [i for i in node.get("inputs", []) if i["name"] != name]
    return node


def pairs(flow: object, catalog=None) -> list[tuple[str, str]]:
    """(code, path) of every problem validate_flow reports."""
    return [(p.code, p.path) for p in validate_flow(flow, catalog)]


@pytest.fixture
def valid_flow_dict() -> dict:
    return rich_flow()


@pytest.fixture
def schedule_flow_dict() -> dict:
    return schedule_flow()
