"""Repair rows: a valid flow broken the way drafts go wrong, paired with the flow it came from.

Each corruption breaks one thing the validator reports (the problem code it aims at is in the row's
`meta.problem_codes`, as the validator reports them for the broken flow): an invented action or
trigger name, a misspelt table, a renamed or missing input, a field that does not exist, a state or
priority by name instead of its value, a step reference off by one, a record pill on a scheduled
trigger, a literal where a record goes, a team's name where an address goes, an invented last step
missing what it needs. A row is kept only when the validator rejects the broken flow, so the SLM
learns (draft + problems) → valid flow (`task: "repair"`).

`settle` (given by the caller: the agent's deterministic fixes) turns a broken flow into what the
SLM is shown in a turn, which is the draft the fixes left invalid. With it, a row whose breakage the
fixes undo is skipped: the SLM only trains on what is left to it.
"""

import copy
import re
from collections.abc import Callable
from random import Random

from schemas.catalog import Catalog, default_catalog
from schemas.validate import is_valid, validate_flow

Corruption = Callable[[Random, dict, Catalog], bool]  # breaks the flow in place; False when it does not apply
Settle = Callable[[dict], dict]  # a broken flow -> the flow the SLM is asked to repair

_ACTION_NAMES = {
    "send_email": ["email_user", "send_mail", "email"],
    "slack_post_message": ["post_slack_message", "slack_message", "send_slack"],
    "teams_post_message": ["post_teams_message", "teams_message", "send_teams"],
    "update_record": ["update_incident", "set_values", "update"],
    "create_record": ["create_incident", "new_record", "insert_record"],
    "look_up_record": ["lookup_record", "get_record", "find_record"],
    "look_up_records": ["lookup_records", "get_records", "find_records"],
    "add_worknote": ["add_work_note", "worknote", "add_note"],
    "add_comment": ["comment", "add_comments"],
    "ask_for_approval": ["request_approval", "approval", "ask_approval"],
    "send_sms": ["sms", "send_text"],
    "send_notification": ["notify", "notification"],
    "delete_record": ["remove_record", "delete"],
    "create_task": ["new_task", "create_incident_task"],
    "assign_to_on_call": ["assign_on_call", "page_on_call"],
}
_TRIGGER_NAMES = {
    "record_create": ["record_created", "on_create"],
    "record_update": ["record_updated", "on_update"],
    "daily": ["schedule_daily", "every_day"],
    "weekly": ["schedule_weekly", "every_week"],
    "monthly": ["schedule_monthly"],
    "repeat": ["interval", "every"],
    "email": ["inbound_email"],
    "service_catalog": ["catalog_item"],
}
_TABLE_NAMES = {
    "incident": ["incidents", "inc"],
    "change_request": ["change", "changes"],
    "sc_req_item": ["ritm", "requested_item"],
    "problem": ["problems"],
    "sys_user": ["user", "users"],
    "kb_knowledge": ["knowledge", "kb_article"],
    "sc_task": ["catalog_task"],
    "sys_user_group": ["group", "groups"],
}
_INPUT_NAMES = {
    "to": ["recipient", "email"],
    "message": ["text", "body"],
    "channel": ["channel_name"],
    "conditions": ["condition", "query"],
    "condition": ["conditions", "filter"],
    "work_note": ["note", "worknote"],
    "comment": ["comments", "text"],
    "values": ["fields", "field_values"],
    "subject": ["title"],
    "approvers": ["approver"],
    "short_description": ["description", "title"],
    "items": ["records", "list"],
}
_FIELD_NAMES = {
    "priority": ["prio", "urgency_level"],
    "state": ["status"],
    "assignment_group": ["group", "assigned_group"],
    "short_description": ["title", "summary"],
    "assigned_to": ["assignee", "owner"],
    "caller_id": ["caller", "requester"],
    "sys_updated_on": ["updated", "last_updated"],
    "category": ["type_of"],
    "active": ["is_active", "open"],
}
_STATE_NAMES = {"1": "new", "2": "in_progress", "3": "on_hold", "6": "resolved", "7": "closed", "8": "canceled"}
_PRIORITY_NAMES = {"1": "critical", "2": "high", "3": "moderate", "4": "low"}
_SCHEDULES = {"daily", "weekly", "monthly", "repeat", "run_once"}
_TEAMS = ["Service Desk", "App Support", "Network Ops", "the caller", "managers", "#it-alerts", "on-call"]
_ADDRESS_INPUTS = {"to", "cc", "user_email"}


def _pick(rng: Random, items: list):
    return items[rng.randrange(len(items))] if items else None


def _rename_definition(rng: Random, flow: dict, catalog: Catalog) -> bool:
    comp = _pick(rng, [c for c in flow["components"] if c["definition"] in _ACTION_NAMES])
    if comp is None:
        return False
    comp["definition"] = rng.choice(_ACTION_NAMES[comp["definition"]])
    return True


def _rename_trigger(rng: Random, flow: dict, catalog: Catalog) -> bool:
    names = _TRIGGER_NAMES.get(flow["trigger"]["type"])
    if not names:
        return False
    flow["trigger"]["type"] = rng.choice(names)
    return True


def _table_inputs(flow: dict) -> list[dict]:
    everything = [flow["trigger"], *flow["components"]]
    return [i for part in everything for i in part["inputs"] if i["name"] == "table" and i["value"] in _TABLE_NAMES]


def _misspell_table(rng: Random, flow: dict, catalog: Catalog) -> bool:
    item = _pick(rng, _table_inputs(flow))
    if item is None:
        return False
    item["value"] = rng.choice(_TABLE_NAMES[item["value"]])
    return True


def _rename_input(rng: Random, flow: dict, catalog: Catalog) -> bool:
    pairs = [(c, i) for c in flow["components"] for i in c["inputs"] if i["name"] in _INPUT_NAMES]
    pair = _pick(rng, pairs)
    if pair is None:
        return False
    comp, item = pair
    taken = {i["name"] for i in comp["inputs"]}
    choices = [n for n in _INPUT_NAMES[item["name"]] if n not in taken]
    if not choices:
        return False
    item["name"] = rng.choice(choices)
    return True


def _drop_required_input(rng: Random, flow: dict, catalog: Catalog) -> bool:
    pairs = []
    for comp in flow["components"]:
        spec = catalog.definition(comp["category"], comp["definition"])
        if spec is None:
            continue
        pairs += [(comp, i) for i in comp["inputs"] if i["name"] in spec.inputs and spec.inputs[i["name"]].required]
    pair = _pick(rng, pairs)
    if pair is None:
        return False
    pair[0]["inputs"].remove(pair[1])
    return True


def _query_inputs(flow: dict) -> list[dict]:
    everything = [flow["trigger"], *flow["components"]]
    names = {"condition", "conditions", "values"}
    return [i for part in everything for i in part["inputs"] if i["name"] in names and "{{" not in i["value"][:2]]


def _misname_field(rng: Random, flow: dict, catalog: Catalog) -> bool:
    options = []
    for item in _query_inputs(flow):
        for field, wrong in _FIELD_NAMES.items():
            if re.search(rf"(^|\^|OR){field}(?=[=!<>A-Z])", item["value"]):
                options.append((item, field, wrong))
    choice = _pick(rng, options)
    if choice is None:
        return False
    item, field, wrong = choice
    item["value"] = re.sub(rf"(^|\^|OR){field}(?=[=!<>A-Z])", rf"\g<1>{rng.choice(wrong)}", item["value"], count=1)
    return True


def _name_for_value(rng: Random, flow: dict, catalog: Catalog) -> bool:
    options = []
    for item in _query_inputs(flow):
        for field, names in (("state", _STATE_NAMES), ("priority", _PRIORITY_NAMES)):
            for match in re.finditer(rf"(?:^|\^){field}(=|CHANGESTO)([0-9])(?=\^|$)", item["value"]):
                if match[2] in names:
                    options.append((item, match, names[match[2]]))
    choice = _pick(rng, options)
    if choice is None:
        return False
    item, match, name = choice
    start, end = match.span(2)
    item["value"] = item["value"][:start] + name + item["value"][end:]
    return True


def _pill_inputs(flow: dict, pattern: str) -> list[tuple[dict, re.Match]]:
    return [(i, m) for c in flow["components"] for i in c["inputs"] for m in re.finditer(pattern, i["value"])]


def _shift_step_pill(rng: Random, flow: dict, catalog: Catalog) -> bool:
    choice = _pick(rng, _pill_inputs(flow, r"\{\{([0-9]+)\."))
    if choice is None:
        return False
    item, match = choice
    wrong = str(int(match[1]) + rng.choice([1, 2, len(flow["components"]) + 1]))
    item["value"] = item["value"][: match.start(1)] + wrong + item["value"][match.end(1) :]
    return True


def _record_pill_on_schedule(rng: Random, flow: dict, catalog: Catalog) -> bool:
    if flow["trigger"]["type"] not in _SCHEDULES:
        return False
    choice = _pick(rng, _pill_inputs(flow, r"\{\{[0-9]+\.(item|record)\b"))
    if choice is None:
        return False
    item, match = choice
    item["value"] = item["value"][: match.start()] + "{{trigger.current" + item["value"][match.end() :]
    return True


def _literal_record(rng: Random, flow: dict, catalog: Catalog) -> bool:
    options = [
        i for c in flow["components"] for i in c["inputs"] if i["name"] == "record" and i["value"].startswith("{{")
    ]
    item = _pick(rng, options)
    if item is None:
        return False
    table = next((i["value"] for i in flow["trigger"]["inputs"] if i["name"] == "table"), "record")
    item["value"] = rng.choice([table, "current", "the record"])
    return True


def _name_for_address(rng: Random, flow: dict, catalog: Catalog) -> bool:
    item = _pick(rng, [i for c in flow["components"] for i in c["inputs"] if i["name"] in _ADDRESS_INPUTS])
    if item is None:
        return False
    item["value"] = rng.choice(_TEAMS)
    return True


def _invented_step(rng: Random, flow: dict, catalog: Catalog) -> bool:
    """A last top-level step the request never asked for, without one of its required inputs."""
    names = [n for n, d in catalog.actions.items() if n != "placeholder" and any(s.required for s in d.inputs.values())]
    name = rng.choice(names)
    spec = catalog.actions[name]
    required = [n for n, s in spec.inputs.items() if s.required]
    kept = required[: rng.randrange(len(required))]
    flow["components"].append(
        {
            "category": "action",
            "definition": name,
            "scope": spec.scope,
            "order": len(flow["components"]) + 1,
            "inputs": [{"name": n, "value": "{{trigger.current.sys_id}}"} for n in kept],
        }
    )
    return True


CORRUPTIONS: dict[str, Corruption] = {
    "rename_definition": _rename_definition,
    "rename_trigger": _rename_trigger,
    "misspell_table": _misspell_table,
    "rename_input": _rename_input,
    "drop_required_input": _drop_required_input,
    "misname_field": _misname_field,
    "name_for_value": _name_for_value,
    "shift_step_pill": _shift_step_pill,
    "record_pill_on_schedule": _record_pill_on_schedule,
    "literal_record": _literal_record,
    "name_for_address": _name_for_address,
    "invented_step": _invented_step,
}


def corrupt(rng: Random, flow: dict, kinds: int = 1, catalog: Catalog | None = None) -> tuple[dict, list[str]] | None:
    """A copy of `flow` with `kinds` corruptions applied, and their names; None when none applies
    or the validator still accepts the result."""
    catalog = catalog or default_catalog()
    broken, applied = copy.deepcopy(flow), []
    names = list(CORRUPTIONS)
    rng.shuffle(names)
    for name in names:
        if len(applied) == kinds:
            break
        if CORRUPTIONS[name](rng, broken, catalog):
            applied.append(name)
    if not applied or is_valid(validate_flow(broken, catalog)):
        return None
    return broken, applied


def repair_rows(
    rows: list[dict], n: int, seed: int = 0, id_prefix: str = "repair", settle: Settle | None = None
) -> list[dict]:
    """Up to `n` repair rows from the targets of `rows` (one or two corruptions each); with `settle`,
    the row's flow is the settled broken flow, and only those it leaves invalid are kept."""
    rng, out = Random(seed), []
    catalog = default_catalog()
    order = list(range(len(rows)))
    rng.shuffle(order)
    for index in order:
        if len(out) == n:
            break
        row = rows[index]
        result = corrupt(rng, row["target"], 1 if rng.random() < 0.7 else 2, catalog)
        if result is None:
            continue
        broken, applied = result
        broken = settle(broken) if settle is not None else broken
        problems = validate_flow(broken, catalog)
        if is_valid(problems):  # only a settled flow can be valid here: corrupt() returns invalid ones
            continue
        codes = sorted({p.code for p in problems})
        out.append(
            {
                "id": f"{id_prefix}-{len(out):05d}",
                "task": "repair",
                "request": row["request"],
                "flow": broken,
                "target": row["target"],
                "meta": {
                    "source": row.get("meta", {}).get("source", "synthetic"),
                    "from": row["id"],
                    "corruptions": applied,
                    "problem_codes": codes,
                },
            }
        )
    return out
