"""Sample flows shared by the model tests (Flow.to_json() shape, valid against the default catalog)."""


def _inputs(**values: str) -> list[dict]:
    return [{"name": k, "value": v} for k, v in values.items()]


def _comp(
    order: int,
    definition: str,
    category: str = "action",
    block: int | None = None,
    scope: str = "global",
    **inputs: str,
) -> dict:
    comp = {"category": category, "definition": definition, "scope": scope, "order": order}
    if block is not None:
        comp["block"] = block
    comp["inputs"] = _inputs(**inputs)
    return comp


SIMPLE = {
    "name": "P1 log",
    "description": "log P1 incidents",
    "trigger": {"type": "record_create", "inputs": _inputs(table="incident", condition="priority=1")},
    "components": [_comp(1, "log", message="P1 {{trigger.current.number}}", level="warn")],
}

SCHEDULED = {
    "name": "Weekly",
    "description": "weekly report",
    "trigger": {"type": "weekly", "inputs": _inputs(day_of_week="monday", time="09:00:00")},
    "components": [
        _comp(1, "look_up_records", table="incident", conditions="active=true^priority=1", max_results="50"),
        _comp(
            2,
            "send_email",
            to="ops@example.com",
            subject="Weekly report",
            body="Open P1s: {{1.count}}\nRegards \\ the flow",
        ),
    ],
}

RICH = {
    "name": "VIP triage",
    "description": "triage incidents of VIP callers",
    "trigger": {"type": "record_update", "inputs": _inputs(table="incident", condition="priority=1^active=true")},
    "components": [
        _comp(1, "look_up_record", table="sys_user", conditions="sys_id={{trigger.current.caller_id}}"),
        _comp(2, "IF", "flowlogic", condition="{{1.record.vip}}=true"),
        _comp(
            3,
            "send_email",
            block=2,
            to="{{1.record.manager.email}}",
            subject="VIP P1 {{trigger.current.number}}",
            body="Please act now",
        ),
        _comp(4, "ELSE", "flowlogic"),
        _comp(5, "log", block=4, message="not a VIP", level="info"),
        _comp(6, "look_up_records", table="incident_task", conditions="incident={{trigger.current.sys_id}}"),
        _comp(7, "FOREACH", "flowlogic", items="{{6.records}}"),
        _comp(8, "IF", "flowlogic", block=7, condition="{{7.item.state}}=1"),
        _comp(
            9,
            "update_record",
            block=8,
            record="{{7.item}}",
            table="incident_task",
            values="state=3^close_notes=Closed by flow",
        ),
        _comp(10, "TRY", "flowlogic"),
        _comp(11, "create_incident", block=10, scope="sn_itsm_spoke", short_description="Follow up", priority="2"),
        _comp(12, "CATCH", "flowlogic"),
        _comp(13, "log", block=12, message="{{12.error_message}}", level="error"),
        _comp(
            14, "notify_stakeholders", "subflow", record="{{trigger.current}}", table="incident", message="Triage done"
        ),
    ],
}

# Date conditions: values with `@`, quotes, parentheses and blanks (schemas.date_queries).
TIMED = {
    "name": "Stale incidents",
    "description": "chase incidents nobody touched for 30 days",
    "trigger": {
        "type": "record_update",
        "inputs": _inputs(
            table="incident",
            condition="priority=1^sys_created_onONLast 7 days"
            "@javascript:gs.daysAgoStart(7)@javascript:gs.daysAgoEnd(0)",
        ),
    },
    "components": [
        _comp(
            1,
            "look_up_records",
            table="incident",
            conditions="active=true^sys_updated_onRELATIVELT@dayofweek@ago@30^ORdue_dateRELATIVELT@dayofweek@ahead@2",
        ),
        _comp(
            2,
            "look_up_records",
            table="change_request",
            conditions="start_dateBETWEENjavascript:gs.dateGenerate('2024-01-01','00:00:00')"
            "@javascript:gs.dateGenerate('2024-01-31','23:59:59')",
        ),
        _comp(
            3,
            "IF",
            "flowlogic",
            condition="{{trigger.current.due_date}}NOTONThis week"
            "@javascript:gs.beginningOfThisWeek()@javascript:gs.endOfThisWeek()",
        ),
        _comp(4, "log", block=3, message="{{1.count}} stale, due {{trigger.current.due_date}}", level="info"),
    ],
}

FLOWS = [SIMPLE, SCHEDULED, RICH, TIMED]
FLOW_IDS = ["simple", "scheduled", "rich", "timed"]
