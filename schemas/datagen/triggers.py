"""Sample one of the 11 trigger types with its inputs, its request phrase and its context."""

from random import Random

from schemas.base import StrictModel
from schemas.datagen import vocab
from schemas.datagen.conds import Cond, sample_conditions
from schemas.datagen.context import Ctx

TRIGGER_WEIGHTS = {
    "record_create": 30,
    "record_update": 16,
    "record_create_or_update": 6,
    "daily": 6,
    "weekly": 6,
    "monthly": 4,
    "repeat": 4,
    "run_once": 3,
    "email": 7,
    "sla_task": 5,
    "service_catalog": 8,
}
_EVENTS = {
    "record_create": ["is created", "is opened", "is logged", "is submitted", "comes in"],
    "record_update": ["is updated", "is modified", "changes"],
    "record_create_or_update": ["is created or updated", "is created or changed"],
}


class Trig(StrictModel):
    type: str
    inputs: dict[str, str]
    phrase: str  # adverbial phrase: "when a P1 incident is created", "every Monday at 9am"
    ctx: Ctx
    conds: list[Cond] = []
    explicit: bool | None = None


def article(word: str) -> str:
    if word.startswith(("user", "uni")):
        return "a"
    return "an" if word[:1].lower() in "aeiou" or word.startswith(("HR", "SLA")) else "a"


def record_phrase(rng: Random, trigger: str, table: str, conds: list[Cond]) -> str:
    label = vocab.TABLES[table][0]
    adj = " ".join(c.adj for c in conds if c.adj)
    post = " and ".join(c.post for c in conds if c.post)
    event = next((c.event for c in conds if c.event), "") or rng.choice(_EVENTS[trigger])
    noun = f"{adj} {label}".strip()
    det = "a new" if event == "comes in" else article(noun)
    words = [rng.choice(vocab.WHEN), det, noun, post, event]
    return " ".join(w for w in words if w)


def record_ctx(table: str, rec: str = "{{trigger.current}}") -> Ctx:
    label, _, ident, person = vocab.TABLES[table]
    ctx = Ctx(kind="record", rec=rec, table=table, label=label, is_task=table in vocab.TASK_TABLES)
    ctx.ident = ctx.field(ident)
    ctx.ident_word = ident.replace("_", " ")
    if person:
        ctx.person = ctx.field(person)
        ctx.person_email = ctx.field(person + ".email")
        ctx.person_word = {
            "caller_id": "the caller",
            "author": "the author",
            "assigned_to": "the owner",
            "opened_for": "the employee",
        }.get(person, "the requester")
    return ctx


def _record(rng: Random, trigger: str) -> Trig:
    tables = list(vocab.TABLE_WEIGHTS)
    table = rng.choices(tables, weights=[vocab.TABLE_WEIGHTS[t] for t in tables])[0]
    conds = sample_conditions(rng, table, trigger)
    inputs = {"table": table}
    if conds:
        inputs["condition"] = "^".join(c.query for c in conds)
    explicit = any(c.explicit for c in conds) if conds else None
    return Trig(
        type=trigger,
        inputs=inputs,
        phrase=record_phrase(rng, trigger, table, conds),
        ctx=record_ctx(table),
        conds=conds,
        explicit=explicit,
    )


def _schedule(rng: Random, trigger: str) -> Trig:
    spoken, time = rng.choice(vocab.TIMES)
    ctx = Ctx(kind="schedule", label=trigger)
    if trigger == "daily":
        phrase = rng.choice(["every day at {t}", "daily at {t}", "each day at {t}", "at {t} every day"])
        return Trig(type=trigger, inputs={"time": time}, phrase=phrase.format(t=spoken), ctx=ctx)
    if trigger == "weekly":
        day = rng.choice(vocab.DAYS)
        phrase = rng.choice(["every {d} at {t}", "weekly on {d}s at {t}", "each {d} at {t}", "on {d}s at {t}"])
        return Trig(
            type=trigger,
            inputs={"day_of_week": day, "time": time},
            phrase=phrase.format(d=day.capitalize(), t=spoken),
            ctx=ctx,
        )
    if trigger == "monthly":
        day = rng.choice(sorted(vocab.ORDINALS))
        phrase = rng.choice(
            ["on the {o} of every month at {t}", "monthly on day {d} at {t}", "every month on the {o} at {t}"]
        )
        return Trig(
            type=trigger,
            inputs={"day_of_month": str(day), "time": time},
            phrase=phrase.format(o=vocab.ORDINALS[day], d=day, t=spoken),
            ctx=ctx,
        )
    if trigger == "repeat":
        spoken_d, duration = rng.choice(vocab.DURATIONS)
        phrase = "hourly" if duration == "01:00:00" and rng.random() < 0.5 else f"every {spoken_d}"
        return Trig(type=trigger, inputs={"interval": duration}, phrase=phrase, ctx=ctx)
    return _run_once(rng, ctx)


def _run_once(rng: Random, ctx: Ctx) -> Trig:
    year, month, day = rng.choice([2025, 2026]), rng.randint(1, 12), rng.randint(1, 28)
    spoken, time = rng.choice(vocab.TIMES)
    stamp = f"{year}-{month:02d}-{day:02d} {time}"
    if rng.random() < 0.5:
        phrase = f"once on {vocab.MONTHS[month - 1]} {day}, {year} at {spoken}"
    else:
        phrase = f"once at {stamp[:-3]}"
    return Trig(type="run_once", inputs={"run_at": stamp}, phrase=phrase, ctx=ctx)


def _email(rng: Random) -> Trig:
    ctx = Ctx(
        kind="email",
        rec="{{trigger.inbound_email}}",
        table="sys_email",
        label="email",
        ident="{{trigger.subject}}",
        ident_word="subject",
        person="{{trigger.user}}",
        person_word="the sender",
        person_email="{{trigger.from_address}}",
    )
    if rng.random() < 0.3:
        phrase = rng.choice(["when an email is received", "when an inbound email arrives", "whenever we get an email"])
        return Trig(type="email", inputs={}, phrase=phrase, ctx=ctx)
    word = rng.choice(vocab.EMAIL_WORDS)
    phrase = rng.choice(
        [
            f"when an email arrives with '{word}' in the subject",
            f"when we receive an email whose subject contains '{word}'",
            f"whenever an inbound email has '{word}' in its subject",
        ]
    )
    return Trig(type="email", inputs={"condition": f"subjectLIKE{word}"}, phrase=phrase, ctx=ctx, explicit=True)


def _sla(rng: Random) -> Trig:
    ctx = Ctx(
        kind="sla", rec="{{trigger.task}}", table="task", label="task", ident="{{trigger.task.number}}", is_task=True
    )
    if rng.random() < 0.3:
        return Trig(
            type="sla_task", inputs={}, phrase=rng.choice(["when an SLA task runs", "on any SLA task"]), ctx=ctx
        )
    sla = rng.choice(vocab.SLA_DEFS)
    phrase = rng.choice([f"when the '{sla}' SLA task runs", f"for the '{sla}' SLA", f"when the {sla} SLA fires"])
    return Trig(type="sla_task", inputs={"sla_definition": sla}, phrase=phrase, ctx=ctx)


def _catalog(rng: Random) -> Trig:
    ctx = record_ctx("sc_req_item", "{{trigger.request_item}}")
    ctx.kind = "catalog"
    if rng.random() < 0.25:
        phrase = rng.choice(["when a catalog item is requested", "when someone orders from the service catalog"])
        return Trig(type="service_catalog", inputs={}, phrase=phrase, ctx=ctx)
    item = rng.choice(vocab.CATALOG_ITEMS)
    ctx.item = item
    phrase = rng.choice(
        [
            f"when someone orders a {item}",
            f"when a '{item}' catalog item is requested",
            f"when the {item} item is ordered",
        ]
    )
    return Trig(type="service_catalog", inputs={"catalog_item": item}, phrase=phrase, ctx=ctx)


def sample_trigger(rng: Random) -> Trig:
    names = list(TRIGGER_WEIGHTS)
    return make_trigger(rng, rng.choices(names, weights=[TRIGGER_WEIGHTS[n] for n in names])[0])


def make_trigger(rng: Random, trigger: str) -> Trig:
    """A trigger of the given type with its inputs, phrase and context."""
    if trigger.startswith("record"):
        return _record(rng, trigger)
    if trigger == "email":
        return _email(rng)
    if trigger == "sla_task":
        return _sla(rng)
    if trigger == "service_catalog":
        return _catalog(rng)
    return _schedule(rng, trigger)
