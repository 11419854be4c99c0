"""Flow-logic units: approvals with IF/ELSE, guards, loops, TRY/CATCH, waits, PARALLEL, flow variables."""

from random import Random

from schemas.datagen import vocab
from schemas.datagen.actions import pick_leaf
from schemas.datagen.context import Ctx, new_key
from schemas.datagen.messaging import email, log
from schemas.datagen.spec import Step


def _fl(prefix: str, definition: str, inputs: dict | None = None, children: list | None = None) -> Step:
    return Step(
        key=new_key(prefix),
        category="flowlogic",
        definition=definition,
        inputs=inputs or {},
        children=children or [],
        tag=definition.lower(),
    )


def _approvers(rng: Random, ctx: Ctx) -> tuple[str, str]:
    options = [(g, f"the {g} group") for g in rng.sample(vocab.GROUPS, 2)]
    if ctx.person and ctx.kind != "email":
        options += [(ctx.person[:-2] + ".manager}}", f"{ctx.person_word}'s manager")] * 2
    if ctx.is_task:
        options.append((ctx.field("assigned_to"), "the assignee"))
    return rng.choice(options)


def approval(rng: Random, ctx: Ctx) -> list[Step] | None:
    if not (ctx.is_task and ctx.rec):
        return None
    value, who = _approvers(rng, ctx)
    inputs = {"record": ctx.rec, "table": ctx.table, "approvers": value}
    due = ""
    if rng.random() < 0.3:
        spoken, inputs["due_in"] = rng.choice(vocab.DURATIONS[5:8])
        due = f" within {spoken}"
    ask = Step(key=new_key("appr"), definition="ask_for_approval", tag="approval", inputs=inputs)
    yes = pick_leaf(rng, ctx, exclude=("delete",))
    branch = _fl("if", "IF", {"condition": "{{@" + ask.key + ".approval_state}}=approved"}, [yes])
    steps = [ask, branch]
    verb = rng.choice(
        [f"ask {who} for approval{due}", f"get approval from {who}{due}", f"request approval from {who}{due}"]
    )
    ask.phrase = f"{verb}; if approved, {yes.phrase}"
    if rng.random() < 0.6:
        no = pick_leaf(rng, ctx, exclude=(yes.tag, "delete"))
        steps.append(_fl("else", "ELSE", children=[no]))
        ask.phrase += rng.choice([f", otherwise {no.phrase}", f"; if rejected, {no.phrase}"])
    return steps


def if_field(rng: Random, ctx: Ctx) -> list[Step] | None:
    if not (ctx.is_task and ctx.rec):
        return None
    p = rng.choice("12")
    cond, words = rng.choice(
        [
            (f"{ctx.field('priority')}={p}", f"it is P{p}"),
            (f"{ctx.field('priority')}={p}", f"the priority is {p}"),
            (f"{ctx.field('assigned_to')}ISEMPTY", "nobody is assigned"),
        ]
    )
    yes = pick_leaf(rng, ctx)
    steps = [_fl("if", "IF", {"condition": cond}, [yes])]
    steps[0].phrase = f"if {words}, {yes.phrase}"
    if rng.random() < 0.6:
        no = pick_leaf(rng, ctx, exclude=(yes.tag,))
        steps.append(_fl("else", "ELSE", children=[no]))
        steps[0].phrase += rng.choice([f", otherwise {no.phrase}", f"; else {no.phrase}"])
    return steps


def guard(rng: Random, ctx: Ctx) -> list[Step] | None:
    if not (ctx.is_task and ctx.rec):
        return None
    cond, words = rng.choice(
        [
            (f"{ctx.field('assigned_to')}ISNOTEMPTY", "it is already assigned"),
            (f"{ctx.field('active')}=false", "it is no longer active"),
        ]
    )
    step = _fl("if", "IF", {"condition": cond}, [_fl("end", "ENDFLOW")])
    step.phrase = rng.choice([f"stop if {words}", f"end the flow if {words}"])
    return [step]


def try_catch(rng: Random, ctx: Ctx) -> list[Step] | None:
    body = pick_leaf(rng, ctx, exclude=("email", "log", "worknote", "comment", "update", "delete"))
    catch = _fl("catch", "CATCH")
    pill = "{{@" + catch.key + ".error_message}}"
    if rng.random() < 0.6:
        handler = log(rng, ctx, text=pill)
        handler.inputs["level"] = "error"
        words = rng.choice(["log the error", "log the error message"])
    else:
        handler = email(rng, ctx)
        handler.inputs["body"] = pill
        words = handler.phrase + " with the error"
    catch.children = [handler]
    step = _fl("try", "TRY", children=[body])
    step.phrase = rng.choice(
        [f"try to {body.phrase} and {words} if it fails", f"{body.phrase}; if that fails, {words}"]
    )
    return [step, catch]


def wait(rng: Random, ctx: Ctx) -> list[Step]:
    spoken, duration = rng.choice(vocab.DURATIONS)
    then = pick_leaf(rng, ctx)
    step = _fl("wait", "WAITFORDURATION", {"duration": duration})
    step.phrase = rng.choice([f"wait {spoken}, then {then.phrase}", f"after {spoken}, {then.phrase}"])
    then.phrase = ""
    return [step, then]


def wait_condition(rng: Random, ctx: Ctx) -> list[Step] | None:
    if ctx.table != "incident":
        return None
    inputs = {"record": ctx.rec, "table": ctx.table, "conditions": "state=6"}
    words = "wait until it is resolved"
    if rng.random() < 0.4:
        spoken, inputs["timeout"] = rng.choice(vocab.DURATIONS[4:8])
        words += f" (at most {spoken})"
    then = pick_leaf(rng, ctx)
    step = Step(
        key=new_key("wfc"),
        definition="wait_for_condition",
        tag="wait",
        inputs=inputs,
        phrase=f"{words}, then {then.phrase}",
    )
    then.phrase = ""
    return [step, then]


def do_until(rng: Random, ctx: Ctx) -> list[Step] | None:
    if not (ctx.is_task and ctx.rec):
        return None
    if ctx.table == "incident":
        cond, words = f"{ctx.field('state')}=6", "it is resolved"
    else:
        cond, words = f"{ctx.field('active')}=false", "it is closed"
    spoken, duration = rng.choice(vocab.DURATIONS[:6])
    body = pick_leaf(rng, ctx, exclude=("update", "delete", "resolve", "task", "problem", "catalog_task"))
    loop = _fl("until", "DOUNTIL", {"condition": cond}, [_fl("wait", "WAITFORDURATION", {"duration": duration}), body])
    loop.phrase = rng.choice(
        [f"every {spoken} until {words}, {body.phrase}", f"{body.phrase} every {spoken} until {words}"]
    )
    return [loop]


def parallel(rng: Random, ctx: Ctx) -> list[Step]:
    a = pick_leaf(rng, ctx)
    b = pick_leaf(rng, ctx, exclude=(a.tag,))
    step = _fl("par", "PARALLEL", children=[a, b])
    step.phrase = rng.choice([f"at the same time {a.phrase} and {b.phrase}", f"in parallel, {a.phrase} and {b.phrase}"])
    return [step]


def flow_var(rng: Random, ctx: Ctx) -> list[Step] | None:
    sources = [(ctx.person_email, f"{ctx.person_word}'s email")] if ctx.person_email else []
    if ctx.is_task:
        sources += [
            (ctx.field("assigned_to.email"), "the assignee's email"),
            (ctx.field("assignment_group.email"), "the group's email"),
        ]
    if not sources or ctx.kind == "email":
        return None
    value, words = rng.choice(sources)
    var = rng.choice(["owner", "contact", "recipient", "notify_to"])
    setter = _fl("vars", "SETFLOWVARIABLES", {"variables": f"{var}={value}"})
    mail = email(rng, ctx, to=("{{flow_var." + var + "}}", var))
    setter.phrase = f"set the flow variable {var} to {words}, then {mail.phrase}"
    mail.phrase = ""
    return [setter, mail]


UNITS = [
    approval,
    approval,
    approval,
    if_field,
    if_field,
    guard,
    try_catch,
    try_catch,
    wait,
    wait_condition,
    do_until,
    parallel,
    flow_var,
]
