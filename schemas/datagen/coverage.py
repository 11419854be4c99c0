"""Opt-in units for the constructs people ask for most; off by default, so seeds keep their rows.

`generate_dataset(..., with_coverage=True)` (`flowsmith data --coverage`) draws triggers with more intervals, inbound
emails, SLA tasks and catalog items, and adds units for: acting on each looked-up record (update, close, delete,
notify inside FOREACH), intervals said as people say them ("every hour" -> 01:00:00), a record made from the email's
subject and body and a reply to its sender, catalog variables with a catalog task, ELSEIF chains, waits until
approved/resolved, empty fields as ISEMPTY, and state names as their values ("resolved" -> state=6). Values a request
names (priorities, groups, quoted texts, variable names) are the ones that land in the inputs.
"""

from random import Random

from schemas.datagen import dated, logic, vocab
from schemas.datagen.actions import pick_leaf
from schemas.datagen.context import Ctx, new_key
from schemas.datagen.lookups import each_record
from schemas.datagen.messaging import email
from schemas.datagen.phrases import NOTES
from schemas.datagen.spec import Step
from schemas.datagen.triggers import TRIGGER_WEIGHTS, Trig, make_trigger

# Incident state names and their values (the task table's state choices).
STATES = {"new": "1", "in progress": "2", "on hold": "3", "resolved": "6", "closed": "7", "canceled": "8"}
# (words, interval): intervals as people say them.
INTERVALS = [
    ("every hour", "01:00:00"),
    ("hourly", "01:00:00"),
    ("once an hour", "01:00:00"),
    ("every 15 minutes", "00:15:00"),
    ("every quarter of an hour", "00:15:00"),
    ("every 30 minutes", "00:30:00"),
    ("every half hour", "00:30:00"),
    ("every 5 minutes", "00:05:00"),
    ("every 10 minutes", "00:10:00"),
    ("every 2 hours", "02:00:00"),
    ("every 4 hours", "04:00:00"),
    ("every 6 hours", "06:00:00"),
    ("every 12 hours", "12:00:00"),
]
WEIGHTS = {**TRIGGER_WEIGHTS, "repeat": 10, "email": 12, "sla_task": 8, "service_catalog": 10}
# Variables a catalog item's form asks for.
VARIABLES = {
    "New Laptop": "laptop_model,delivery_address",
    "Software License": "software_name,license_type",
    "VPN Access": "vpn_profile,justification",
    "New Mobile Phone": "phone_model,carrier",
    "Office Move": "new_location,move_date",
    "Password Reset": "account_name",
    "Shared Mailbox": "mailbox_name,members",
    "Database Access": "database_name,access_level",
    "Monitor Request": "monitor_size",
    "Guest WiFi": "guest_name,visit_date",
}


def _step(prefix: str, definition: str, inputs: dict, phrase: str = "", tag: str = "") -> Step:
    return Step(key=new_key(prefix), definition=definition, inputs=inputs, phrase=phrase, tag=tag or definition)


def sample_trigger(rng: Random) -> Trig:
    """A trigger drawn with WEIGHTS; intervals are said the way people say them."""
    names = list(WEIGHTS)
    name = rng.choices(names, weights=[WEIGHTS[n] for n in names])[0]
    if name != "repeat":
        return make_trigger(rng, name)
    words, interval = rng.choice(INTERVALS)
    return Trig(type="repeat", inputs={"interval": interval}, phrase=words, ctx=Ctx(kind="schedule", label="repeat"))


# --- acting on each looked-up record (schedules) -------------------------------------------------------------------


def _sets(rng: Random) -> list[tuple[str, str, str]]:
    days = rng.choice([7, 14, 30])
    stale = "active=true^" + dated._before("sys_updated_on", "dayofweek", "ago", days)
    state, value = rng.choice([("resolved", "6"), ("on hold", "3"), ("in progress", "2"), ("new", "1")])
    return [
        (
            "incident",
            stale,
            rng.choice([f"stale incidents not updated for {days} days", f"incidents idle {days} days"]),
        ),
        ("incident", f"state={value}", f"incidents in state {state}" if rng.random() < 0.5 else f"{state} incidents"),
        (
            "incident",
            "active=true^assigned_toISEMPTY",
            rng.choice(["unassigned incidents", "open incidents with no assignee"]),
        ),
        ("incident", "active=true^assignment_groupISEMPTY", "open incidents with an empty assignment group"),
        ("problem", "active=true^assigned_toISEMPTY", "unassigned problems"),
        ("sc_task", "active=true^assigned_toISEMPTY", "unassigned catalog tasks"),
        ("change_request", "approval=requested", "changes waiting for approval"),
        ("sys_user", "active=false", "inactive users"),
    ]


def _each_action(rng: Random, item: Ctx) -> tuple[Step, str, str] | None:
    """One step on the loop's item (close, update, delete or notify) and its words for all of them / for one."""
    kind = rng.choice(["close", "close", "update", "delete", "notify", "notify"])
    rec = {"record": item.rec, "table": item.table}
    if kind == "close" and item.table == "incident":
        state, words = rng.choice(
            [("closed", ("close them", "close it")), ("resolved", ("mark them resolved", "set it to resolved"))]
        )
        return _step("upd", "update_record", {**rec, "values": f"state={STATES[state]}"}, tag="update"), *words
    if kind == "update" and item.is_task:
        p, u = rng.choice("1234"), rng.choice("123")
        values, words = rng.choice(
            [
                (f"priority={p}", (f"set their priority to {p}", f"set its priority to {p}")),
                ("state=3", ("put them on hold", "put it on hold")),
                ("escalation=1", ("escalate them", "escalate it")),
                (f"urgency={u}", (f"set their urgency to {u}", f"set its urgency to {u}")),
            ]
        )
        return _step("upd", "update_record", {**rec, "values": values}, tag="update"), *words
    if kind == "update" and item.table == "sys_user":
        step = _step("upd", "update_record", {**rec, "values": "locked_out=true"}, tag="update")
        return step, "lock their accounts", "lock the account"
    if kind == "delete":
        return _step("del", "delete_record", rec, tag="delete"), rng.choice(["delete them", "remove them"]), "delete it"
    if item.person_email:
        to, one = (item.person_email, item.person_word.replace("the ", "each ")), item.person_word
    elif item.is_task:
        to, one = (item.field("assigned_to.email"), "each assignee"), "the assignee"
    else:
        return None
    mail = email(rng, item, to=to)
    return mail, mail.phrase, mail.phrase.replace(to[1], one)


def act_on_each(rng: Random, ctx: Ctx) -> list[Step] | None:
    """Look records up and act on each: "find stale incidents and close them"."""
    table, query, words = rng.choice(_sets(rng))
    look = _step("lk", "look_up_records", {"table": table, "conditions": query}, tag="lookup")
    loop, item = each_record(look, table)
    action = _each_action(rng, item)
    if action is None:
        return None
    first, all_words, one_words = action
    loop.children = [first]
    if rng.random() < 0.3 and first.tag != "delete":
        note = rng.choice(NOTES)
        inputs = {"record": item.rec, "table": table, "work_note": note}
        loop.children.append(_step("wn", "add_worknote", inputs, tag="worknote"))
        all_words += f" with the work note '{note}'"
        one_words += f" with the work note '{note}'"
    find = rng.choice(vocab.LOOK_UP)
    look.phrase = rng.choice(
        [
            f"{find} {words} and {all_words}",
            f"{find} {words}, then for each one, {one_words}",
            f"go through all {words} and {all_words}",
            f"for each of the {words}, {one_words}",
        ]
    )
    return [look, loop]


# --- inbound email ---------------------------------------------------------------------------------------------------


def _reply(rng: Random, ctx: Ctx, body: str | None = None) -> Step:
    subject = rng.choice(["We got your email", "Request received", "Re: your email", "Ticket created"])
    return _step(
        "mail",
        "send_email",
        {"to": "{{trigger.from_address}}", "subject": subject, "body": body or subject},
        rng.choice([f"reply to the sender with subject '{subject}'", f"send the sender a '{subject}' reply"]),
        "email",
    )


def email_to_record(rng: Random, ctx: Ctx) -> list[Step] | None:
    """Create a record from the email (subject and body pills), then often reply to the sender."""
    if ctx.kind != "email":
        return None
    if rng.random() < 0.6:
        table = rng.choice(["incident", "incident", "sn_hr_core_case", "problem"])
        label = vocab.TABLES[table][0]
        values = "short_description={{trigger.subject}}"
        det = "an" if label[0] in "aeiouAEIOU" or label.startswith("HR") else "a"
        said = f"create {det} {label} from it with the subject as short description"
        if rng.random() < 0.8:
            values += "^description={{trigger.body_text}}"
            said += " and the body as description"
        made = _step("rec", "create_record", {"table": table, "values": values}, said, "create")
        number = "{{@" + made.key + ".record.number}}"
    else:
        inputs = {"short_description": "{{trigger.subject}}", "caller": "{{trigger.user}}"}
        said = rng.choice(
            ["open an incident from the email for the sender", "create an incident from it with the sender as caller"]
        )
        if rng.random() < 0.5:
            p = rng.choice("1234")
            inputs["priority"] = p
            said += f" at priority {p}"
        if rng.random() < 0.5:
            group = rng.choice(vocab.GROUPS)
            inputs["assignment_group"] = group
            said += f" for the {group} group"
        made = _step("inc", "create_incident", inputs, said, "incident")
        number = "{{@" + made.key + ".number}}"
    if rng.random() < 0.35:
        return [made]
    reply = _reply(rng, ctx, body=f"We logged it as {number}")
    made.phrase += rng.choice([f", then {reply.phrase}", f" and {reply.phrase}"]) + rng.choice(["", " and the number"])
    reply.phrase = ""
    return [made, reply]


def reply_to_sender(rng: Random, ctx: Ctx) -> list[Step] | None:
    return [_reply(rng, ctx)] if ctx.kind == "email" else None


# --- SLA tasks -------------------------------------------------------------------------------------------------------


def sla_escalate(rng: Random, ctx: Ctx) -> list[Step] | None:
    """Escalate the SLA's task and tell its assignee (or group)."""
    if ctx.kind != "sla":
        return None
    level = rng.choice("123")
    values, said = rng.choice(
        [
            (f"escalation={level}", f"set the task's escalation to {level}"),
            ("priority=1", "raise the task to priority 1"),
        ]
    )
    upd = _step("upd", "update_record", {"record": ctx.rec, "table": ctx.table, "values": values}, said, "update")
    who = rng.choice(
        [
            (ctx.field("assigned_to.email"), "the assignee"),
            (ctx.field("assignment_group.email"), "the assignment group"),
        ]
    )
    mail = email(rng, ctx, to=who)
    upd.phrase += f" and {mail.phrase}"
    mail.phrase = ""
    return [upd, mail]


# --- service catalog -------------------------------------------------------------------------------------------------


def catalog_variables(rng: Random, ctx: Ctx) -> list[Step] | None:
    """Read the item's variables, then create a catalog task (and sometimes email the requester) with them."""
    if ctx.kind != "catalog":
        return None
    names = VARIABLES.get(ctx.item) or rng.choice(list(VARIABLES.values()))
    said, plural = " and ".join(names.split(",")), "s" if "," in names else ""
    get = _step("var", "get_catalog_variables", {"request_item": ctx.rec, "variables": names}, tag="variables")
    pill = "{{@" + get.key + ".variables}}"
    text = rng.choice(["Prepare laptop", "Grant access", "Order hardware", "Configure account", "Ship device"])
    inputs = {"request_item": ctx.rec, "short_description": f"{text}: {pill}"}
    task_words = f"create a catalog task '{text}' with them"
    if rng.random() < 0.5:
        group = rng.choice(vocab.GROUPS)
        inputs["assignment_group"] = group
        task_words += f" for the {group} group"
    task = _step("sct", "create_catalog_task", inputs, tag="catalog_task")
    get.phrase = (
        rng.choice([f"get the catalog variable{plural} {said}", f"read the {said} variable{plural}"])
        + f" and {task_words}"
    )
    return [get, task]


# --- record triggers ------------------------------------------------------------------------------------------------


def elseif_chain(rng: Random, ctx: Ctx) -> list[Step] | None:
    """IF / ELSEIF (/ ELSEIF) / ELSE on the priority, or on the state by name."""
    if not (ctx.is_task and ctx.rec) or ctx.kind == "sla":
        return None
    if ctx.table == "incident" and rng.random() < 0.4:
        names = rng.sample(["new", "in progress", "on hold", "resolved"], 3)
        arms = [(f"{ctx.field('state')}={STATES[n]}", rng.choice([f"it is {n}", f"the state is {n}"])) for n in names]
    else:
        ps = sorted(rng.sample("1234", 3))
        arms = [(f"{ctx.field('priority')}={p}", rng.choice([f"it is P{p}", f"the priority is {p}"])) for p in ps]
    n_arms = rng.choice([2, 2, 3])
    used: tuple[str, ...] = ()
    steps, parts = [], []
    for i, (cond, words) in enumerate(arms[:n_arms]):
        leaf = pick_leaf(rng, ctx, exclude=used)
        used += (leaf.tag,)
        steps.append(logic._fl("if" if i == 0 else "elif", "IF" if i == 0 else "ELSEIF", {"condition": cond}, [leaf]))
        parts.append(f"{'if' if i == 0 else rng.choice(['else if', 'if instead', 'or if'])} {words}, {leaf.phrase}")
    if rng.random() < 0.6:
        leaf = pick_leaf(rng, ctx, exclude=used)
        steps.append(logic._fl("else", "ELSE", children=[leaf]))
        parts.append(f"{rng.choice(['otherwise', 'in any other case'])} {leaf.phrase}")
    steps[0].phrase = "; ".join(parts)
    return steps


def if_empty(rng: Random, ctx: Ctx) -> list[Step] | None:
    """An empty field as ISEMPTY: "if it is unassigned", "if the assignment group is empty"."""
    if not (ctx.is_task and ctx.rec):
        return None
    field, words = rng.choice(
        [
            ("assigned_to", rng.choice(["it is unassigned", "nobody is assigned", "the assigned to is empty"])),
            ("assignment_group", rng.choice(["the assignment group is empty", "it has no assignment group"])),
            ("short_description", "the short description is empty"),
        ]
    )
    yes = pick_leaf(rng, ctx)
    step = logic._fl("if", "IF", {"condition": f"{ctx.field(field)}ISEMPTY"}, [yes])
    step.phrase = f"if {words}, {yes.phrase}"
    return [step]


def set_state(rng: Random, ctx: Ctx) -> list[Step] | None:
    """A state named in words, set as its value: "mark it resolved" -> state=6."""
    if ctx.table != "incident" or ctx.rec is None:
        return None
    name = rng.choice(["in progress", "on hold", "resolved", "closed", "canceled"])
    words = rng.choice([f"set the state to {name}", f"mark it {name}", f"move it to {name}"])
    values = f"state={STATES[name]}"
    if name in ("resolved", "closed") and rng.random() < 0.5:
        note = rng.choice(NOTES)
        values += f"^close_notes={note}"
        words += f" with close notes '{note}'"
    return [_step("upd", "update_record", {"record": ctx.rec, "table": ctx.table, "values": values}, words, "update")]


def wait_until(rng: Random, ctx: Ctx) -> list[Step] | None:
    """Wait for a condition on the record ("until approved", "until it is resolved"), then act."""
    if not (ctx.is_task and ctx.rec) or ctx.kind == "sla":
        return None
    options = [("assigned_toISNOTEMPTY", "until someone is assigned")]
    if ctx.table in ("change_request", "sc_req_item"):
        options += [("approval=approved", rng.choice(["until it is approved", "until approved"]))] * 3
    if ctx.table == "incident":
        options += [(f"state={STATES[n]}", f"until it is {n}") for n in ("resolved", "closed", "in progress")]
    cond, words = rng.choice(options)
    inputs = {"record": ctx.rec, "table": ctx.table, "conditions": cond}
    said = rng.choice([f"wait {words}", f"hold on {words}"])
    if rng.random() < 0.4:
        spoken, inputs["timeout"] = rng.choice(vocab.DURATIONS[4:8])
        said += f" (at most {spoken})"
    then = pick_leaf(rng, ctx)
    step = _step("wfc", "wait_for_condition", inputs, f"{said}, then {then.phrase}", "wait")
    then.phrase = ""
    return [step, then]


def wait_days(rng: Random, ctx: Ctx) -> list[Step]:
    n = rng.choice([1, 2, 3, 5])
    spoken = rng.choice([f"{n} day{'s' if n > 1 else ''}", f"{24 * n} hours"] if n < 3 else [f"{n} days"])
    then = pick_leaf(rng, ctx)
    step = logic._fl("wait", "WAITFORDURATION", {"duration": f"{n}d 00:00:00"})
    step.phrase = rng.choice(
        [f"wait {spoken}, then {then.phrase}", f"after {spoken}, {then.phrase}", f"{then.phrase} {spoken} later"]
    )
    then.phrase = ""
    return [step, then]


def at_same_time(rng: Random, ctx: Ctx) -> list[Step]:
    a = pick_leaf(rng, ctx)
    b = pick_leaf(rng, ctx, exclude=(a.tag,))
    step = logic._fl("par", "PARALLEL", children=[a, b])
    step.phrase = rng.choice(
        [
            f"at the same time {a.phrase} and {b.phrase}",
            f"{a.phrase} and, at the same time, {b.phrase}",
            f"simultaneously {a.phrase} and {b.phrase}",
            f"in parallel, {a.phrase} and {b.phrase}",
        ]
    )
    return [step]


# What usually follows each kind of trigger: drawn first, most of the time.
FOLLOW_UPS = {
    "email": [email_to_record, email_to_record, reply_to_sender],
    "sla": [sla_escalate],
    "catalog": [catalog_variables],
}
RECORD_UNITS = [
    elseif_chain,
    elseif_chain,
    if_empty,
    set_state,
    wait_until,
    wait_until,
    wait_days,
    logic.try_catch,
    at_same_time,
]


def unit(rng: Random, ctx: Ctx, index: int) -> list[Step] | None:
    """A unit for the context, or None (then the ordinary units are drawn): what follows the trigger first, most of
    the time; a schedule's first unit half the time; any other unit half the time."""
    if index == 0 and ctx.kind in FOLLOW_UPS and rng.random() < 0.7:
        return rng.choice(FOLLOW_UPS[ctx.kind])(rng, ctx)
    if rng.random() < 0.5:
        return None
    if ctx.rec is None:
        return act_on_each(rng, ctx) if index == 0 else None
    for _ in range(4):
        steps = rng.choice(RECORD_UNITS)(rng, ctx)
        if steps:
            return steps
    return None
