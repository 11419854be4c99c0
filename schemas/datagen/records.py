"""Steps on records: update, create, catalog tasks, look up the manager, on-call, events."""

from random import Random

from schemas.datagen import vocab
from schemas.datagen.context import Ctx, new_key
from schemas.datagen.messaging import email
from schemas.datagen.phrases import NOTES, title
from schemas.datagen.spec import Step

_TASK_CHILD = {"incident": "incident_task", "change_request": "change_task", "problem": "problem_task"}


def update(rng: Random, ctx: Ctx) -> Step | None:
    if ctx.table == "sys_user":
        values, phrase = rng.choice(
            [
                ("active=false", "deactivate the user"),
                ("locked_out=true", "lock the account"),
                ("vip=true", "mark the user as VIP"),
            ]
        )
    elif ctx.is_task:
        p = rng.choice("1234")
        values, phrase = rng.choice(
            [
                (f"priority={p}", rng.choice([f"set the priority to {p}", f"change it to P{p}"])),
                ("state=2", rng.choice(["set the state to in progress", "move it to in progress", "set state to 2"])),
                ("state=3", "put it on hold"),
                ("escalation=1", rng.choice(["escalate it", "set escalation to 1"])),
                ("urgency=1^impact=1", "set urgency and impact to 1"),
            ]
        )
    else:
        return None
    return Step(
        key=new_key("upd"),
        definition="update_record",
        tag="update",
        inputs={"record": ctx.rec, "table": ctx.table, "values": values},
        phrase=phrase,
    )


def create_task(rng: Random, ctx: Ctx) -> Step | None:
    child = _TASK_CHILD.get(ctx.table or "")
    if child is None:
        return None
    text, say = title(rng, ctx)
    label = vocab.TABLES[child][0]
    values = f"short_description={text}"
    if rng.random() < 0.4:
        p = rng.choice("1234")
        values += f"^priority={p}"
        say += f" with priority {p}"
    verb = rng.choice(["create", "open", "add"])
    return Step(
        key=new_key("task"),
        definition="create_task",
        tag="task",
        inputs={"table": child, "values": values},
        phrase=f"{verb} {'an' if label[0] in 'aei' else 'a'} {label}{say}",
    )


def create_problem(rng: Random, ctx: Ctx) -> Step | None:
    if ctx.table != "incident":
        return None
    return Step(
        key=new_key("prb"),
        definition="create_record",
        tag="problem",
        inputs={"table": "problem", "values": f"short_description={ctx.summary}"},
        phrase=rng.choice(["create a problem record from it", "open a problem for it"]),
    )


def catalog_task(rng: Random, ctx: Ctx) -> Step | None:
    if ctx.table != "sc_req_item":
        return None
    text = rng.choice(["Prepare laptop", "Grant access", "Order hardware", "Configure account", "Ship device"])
    inputs = {"request_item": ctx.rec, "short_description": text}
    phrase = rng.choice([f"create a catalog task '{text}'", f"add a catalog task to '{text}'"])
    if rng.random() < 0.5:
        group = rng.choice(vocab.GROUPS)
        inputs["assignment_group"] = group
        phrase += f" for {group}"
    if rng.random() < 0.3:
        inputs["wait"] = "true"
        phrase += " and wait for it"
    return Step(key=new_key("sct"), definition="create_catalog_task", tag="catalog_task", inputs=inputs, phrase=phrase)


def resolve(rng: Random, ctx: Ctx) -> Step | None:
    if ctx.table != "incident":
        return None
    note = rng.choice(NOTES)
    code, how = rng.choice(
        [
            ("Solved (Permanently)", ""),
            ("Solved (Work Around)", " as a workaround"),
            ("Closed/Resolved by Caller", " as resolved by caller"),
        ]
    )
    return Step(
        key=new_key("res"),
        definition="resolve_incident",
        tag="resolve",
        inputs={"incident": ctx.rec, "close_code": code, "close_notes": note},
        phrase=f"resolve the incident{how} with notes '{note}'",
    )


def manager(rng: Random, ctx: Ctx) -> list[Step] | None:
    """Look up the person's manager, then email them."""
    if not ctx.person or ctx.kind == "email":
        return None
    look = Step(
        key=new_key("mgr"),
        definition="look_up_record",
        tag="lookup",
        inputs={"table": "sys_user", "conditions": "sys_id=" + ctx.person[:-2] + ".manager}}"},
        phrase=f"{rng.choice(vocab.LOOK_UP)} {ctx.person_word}'s manager",
    )
    mail = email(rng, ctx, to=("{{@" + look.key + ".record.email}}", "them"))
    look.phrase = f"{look.phrase} and {mail.phrase}"
    mail.phrase = ""
    return [look, mail]


def on_call(rng: Random, ctx: Ctx) -> list[Step] | None:
    """Assign to on-call (subflow), sometimes then message the assignee."""
    if not ctx.is_task:
        return None
    group = rng.choice(vocab.GROUPS)
    step = Step(
        key=new_key("oc"),
        category="subflow",
        definition="assign_to_on_call",
        tag="subflow",
        inputs={"record": ctx.rec, "table": ctx.table, "group": group},
        phrase=rng.choice([f"assign it to the {group} on-call", f"assign the on-call person from {group}"]),
    )
    if rng.random() < 0.5:
        return [step]
    sms = Step(
        key=new_key("sms"),
        definition="send_sms",
        tag="sms",
        inputs={"to": "{{@" + step.key + ".assignee.mobile_phone}}", "message": ctx.headline},
        phrase="",
    )
    step.phrase += " and text them"
    return [step, sms]


def event(rng: Random, ctx: Ctx) -> Step | None:
    if ctx.rec is None:
        return None
    if rng.random() < 0.5 and ctx.is_task:
        template = rng.choice(vocab.TEMPLATES)
        return Step(
            key=new_key("doc"),
            definition="generate_document",
            tag="document",
            inputs={"template": template, "record": ctx.rec, "table": ctx.table},
            phrase=f"generate the '{template}' document",
        )
    name = rng.choice(vocab.EVENTS)
    return Step(
        key=new_key("evt"),
        definition="fire_event",
        tag="event",
        inputs={"event_name": name, "record": ctx.rec, "table": ctx.table},
        phrase=f"fire the {name} event",
    )


def conversation(rng: Random, ctx: Ctx) -> Step | None:
    if not ctx.person:
        return None
    topic = rng.choice(["Password reset", "Survey", "Request status", "Laptop setup"])
    return Step(
        key=new_key("va"),
        definition="create_conversation",
        tag="conversation",
        inputs={"user": ctx.person, "topic": topic},
        phrase=f"start a Virtual Agent chat with {ctx.person_word} about '{topic}'",
    )


def delete_email(rng: Random, ctx: Ctx) -> Step | None:
    if ctx.kind != "email":
        return None
    return Step(
        key=new_key("del"),
        definition="delete_record",
        tag="delete",
        inputs={"record": ctx.rec, "table": "sys_email"},
        phrase="delete the email",
    )


SINGLE = [
    update,
    update,
    create_task,
    create_problem,
    catalog_task,
    catalog_task,
    resolve,
    event,
    conversation,
    delete_email,
]
MULTI = [manager, manager, on_call]
