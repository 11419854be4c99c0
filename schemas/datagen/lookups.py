"""Record sets a flow looks up (mostly on schedules) and the loops and bulk steps over them."""

from random import Random

from schemas.datagen import vocab
from schemas.datagen.actions import pick_leaf
from schemas.datagen.context import Ctx, new_key
from schemas.datagen.spec import Step
from schemas.datagen.triggers import record_ctx

# (table, encoded query, words)
SETS = [
    ("incident", "active=true^priority=1", "all active P1 incidents"),
    ("incident", "active=true^assigned_toISEMPTY", "open incidents with no assignee"),
    ("incident", "state=6", "resolved incidents"),
    ("incident", "active=true^caller_id.vip=true", "open incidents from VIP callers"),
    ("change_request", "type=emergency^active=true", "open emergency changes"),
    ("change_request", "approval=requested", "changes waiting for approval"),
    ("problem", "known_error=true^active=true", "open known errors"),
    ("sc_task", "active=true^assigned_toISEMPTY", "unassigned catalog tasks"),
    ("sc_req_item", "active=true^stage=waiting_for_approval", "requested items waiting for approval"),
    ("sys_user", "active=false", "inactive users"),
    ("sys_user", "locked_out=true", "locked out users"),
    ("kb_knowledge", "workflow_state=review", "knowledge articles in review"),
    ("cmdb_ci_server", "environment=production", "production servers"),
    ("alm_asset", "assigned_toISEMPTY", "assets with no owner"),
    ("sn_hr_core_case", "active=true", "open HR cases"),
]


def look_up(rng: Random, sets: list[tuple[str, str, str]] = SETS) -> tuple[Step, str, str]:
    table, query, words = rng.choice(sets)
    inputs = {"table": table, "conditions": query}
    phrase = f"{rng.choice(vocab.LOOK_UP)} {words}"
    if rng.random() < 0.25:
        n = rng.choice([10, 20, 50, 100])
        inputs["max_results"] = str(n)
        phrase += f" (max {n})"
    return (
        Step(key=new_key("lk"), definition="look_up_records", tag="lookup", inputs=inputs, phrase=phrase),
        table,
        words,
    )


def each_record(look: Step, table: str) -> tuple[Step, Ctx]:
    """A FOREACH over the records `look` finds (its body left empty), and the context of its item."""
    loop = Step(
        key=new_key("each"),
        category="flowlogic",
        definition="FOREACH",
        tag="foreach",
        inputs={"items": "{{@" + look.key + ".records}}"},
    )
    item = record_ctx(table, "{{@" + loop.key + ".item}}")
    item.kind = "item"
    return loop, item


def for_each(rng: Random, ctx: Ctx, sets: list[tuple[str, str, str]] = SETS) -> list[Step]:
    look, table, _ = look_up(rng, sets)
    loop, item = each_record(look, table)
    first = pick_leaf(rng, item, exclude=("delete",))
    loop.children = [first]
    words = first.phrase
    if rng.random() < 0.3:
        second = pick_leaf(rng, item, exclude=(first.tag, "delete"))
        loop.children.append(second)
        words += f" and {second.phrase}"
    look.phrase += rng.choice(
        [f" and for each one, {words}", f", then for each of them {words}", f" and loop over them to {words}"]
    )
    return [look, loop]


def report(rng: Random, ctx: Ctx, sets: list[tuple[str, str, str]] = SETS) -> list[Step]:
    look, _, words = look_up(rng, sets)
    to = rng.choice(vocab.MAILBOXES)
    subject = rng.choice(["Daily report", "Weekly summary", "Open items", "Status report"])
    mail = Step(
        key=new_key("mail"),
        definition="send_email",
        tag="email",
        inputs={"to": f"{to}@{vocab.DOMAIN}", "subject": subject, "body": "Count: {{@" + look.key + ".count}}"},
    )
    look.phrase = rng.choice(
        [
            f"count {words} and email the number to {to}@{vocab.DOMAIN} with subject '{subject}'",
            f"{look.phrase} and send {to}@{vocab.DOMAIN} a '{subject}' email with the count",
        ]
    )
    return [look, mail]


def bulk(rng: Random, ctx: Ctx) -> list[Step]:
    table, query, words, values, verb = rng.choice(
        [
            ("incident", "state=6", "resolved incidents", "state=7", "close all resolved incidents"),
            ("sys_user", "active=false", "inactive users", "locked_out=true", "lock out all inactive users"),
            (
                "incident",
                "active=true^priority=4",
                "open P4 incidents",
                "priority=3",
                "raise all open P4 incidents to P3",
            ),
            ("kb_knowledge", "workflow_state=retired", "retired articles", "", "delete all retired knowledge articles"),
            ("sys_email", "subjectLIKEspam", "spam emails", "", "delete emails with 'spam' in the subject"),
        ]
    )
    if not values:
        return [
            Step(
                key=new_key("del"),
                definition="delete_multiple_records",
                tag="delete",
                inputs={"table": table, "conditions": query},
                phrase=verb,
            )
        ]
    return [
        Step(
            key=new_key("bulk"),
            definition="update_multiple_records",
            tag="update",
            inputs={"table": table, "conditions": query, "values": values},
            phrase=verb,
        )
    ]


SCHEDULE_UNITS = [for_each, for_each, for_each, report, bulk]
