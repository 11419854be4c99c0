"""Record-trigger conditions: encoded query plus the words a request uses for it."""

from random import Random

from schemas.base import StrictModel
from schemas.datagen import vocab


class Cond(StrictModel):
    query: str
    field: str
    explicit: bool
    adj: str = ""  # before the label: "P1", "critical"
    post: str = ""  # after the label: "with priority 1"
    event: str = ""  # replaces the event verb: "is resolved"


def _priority(rng: Random, table: str, trigger: str) -> Cond:
    v = rng.choice("11123")
    if rng.random() < 0.35:
        return Cond(query=f"priority={v}", field="priority", explicit=False, adj=vocab.PRIORITY_WORDS[v])
    if rng.random() < 0.5:
        return Cond(query=f"priority={v}", field="priority", explicit=True, adj=f"P{v}")
    post = rng.choice([f"with priority {v}", f"whose priority is {v}", f"with a priority of {v}"])
    return Cond(query=f"priority={v}", field="priority", explicit=True, post=post)


def _urgency(rng: Random, table: str, trigger: str) -> Cond:
    if rng.random() < 0.4:
        return Cond(query="urgency=1", field="urgency", explicit=False, adj="urgent")
    v = rng.choice("123")
    return Cond(query=f"urgency={v}", field="urgency", explicit=True, post=f"with urgency {v}")


def _category(rng: Random, table: str, trigger: str) -> Cond:
    cats = {
        "incident": ["network", "hardware", "software", "database", "security"],
        "problem": ["network", "hardware", "software", "database"],
        "change_request": ["hardware", "software", "network"],
    }[table]
    if rng.random() < 0.25:
        a, b = rng.sample(cats, 2)
        q = f"categoryIN{a},{b}"
        if rng.random() < 0.5:
            return Cond(query=q, field="category", explicit=False, adj=f"{a} or {b}")
        return Cond(query=q, field="category", explicit=True, post=f"with category {a} or {b}")
    c = rng.choice(cats)
    if rng.random() < 0.5:
        return Cond(query=f"category={c}", field="category", explicit=False, adj=c)
    return Cond(
        query=f"category={c}",
        field="category",
        explicit=True,
        post=rng.choice([f"in the {c} category", f"with category {c}"]),
    )


def _vip(rng: Random, table: str, trigger: str) -> Cond:
    person = vocab.TABLES[table][3]
    field = "vip" if table == "sys_user" else f"{person}.vip"
    post = "who is a VIP" if table == "sys_user" else rng.choice(["from a VIP", "raised by a VIP", "for a VIP user"])
    return Cond(query=f"{field}=true", field=field, explicit=False, post=post)


def _group(rng: Random, table: str, trigger: str) -> Cond:
    g = rng.choice(vocab.GROUPS)
    post = rng.choice([f"assigned to the {g} group", f"for the {g} group", f"in the {g} queue"])
    return Cond(query=f"assignment_group.name={g}", field="assignment_group", explicit=True, post=post)


def _unassigned(rng: Random, table: str, trigger: str) -> Cond:
    if rng.random() < 0.5:
        return Cond(query="assigned_toISEMPTY", field="assigned_to", explicit=False, adj="unassigned")
    return Cond(query="assigned_toISEMPTY", field="assigned_to", explicit=True, post="with an empty assigned to")


def _keyword(rng: Random, table: str, trigger: str) -> Cond:
    kw = rng.choice(vocab.KEYWORDS)
    q = f"short_descriptionLIKE{kw}"
    if rng.random() < 0.5:
        return Cond(query=q, field="short_description", explicit=True, post=f"whose short description contains '{kw}'")
    return Cond(query=q, field="short_description", explicit=False, post=f"mentioning '{kw}'")


def _or_urgency(rng: Random, table: str, trigger: str) -> Cond:
    return Cond(query="priority=1^ORurgency=1", field="priority", explicit=True, post="with priority 1 or urgency 1")


def _state_change(rng: Random, table: str, trigger: str) -> Cond:
    v = rng.choice(["6", "6", "7", "3", "2"])
    word = vocab.INCIDENT_STATES[v]
    if rng.random() < 0.7:
        return Cond(
            query=f"stateCHANGESTO{v}",
            field="state",
            explicit=False,
            event=rng.choice([f"is {word}", f"gets {word}", f"is set to {word}"]),
        )
    return Cond(query=f"stateCHANGESTO{v}", field="state", explicit=True, event=f"has its state changed to {v}")


def _approval_change(rng: Random, table: str, trigger: str) -> Cond:
    v = rng.choice(["approved", "approved", "rejected"])
    return Cond(query=f"approvalCHANGESTO{v}", field="approval", explicit=False, event=f"is {v}")


def _published(rng: Random, table: str, trigger: str) -> Cond:
    return Cond(query="workflow_stateCHANGESTOpublished", field="workflow_state", explicit=False, event="is published")


def _deactivated(rng: Random, table: str, trigger: str) -> Cond:
    return Cond(query="activeCHANGESTOfalse", field="active", explicit=False, event="is deactivated")


def _production(rng: Random, table: str, trigger: str) -> Cond:
    return Cond(query="environment=production", field="environment", explicit=False, adj="production")


def _options(table: str, trigger: str) -> list:
    update = trigger == "record_update"
    if table == "kb_knowledge":
        return [_published] if update else []
    if table == "sys_user":
        return [_deactivated, _vip] if update else [_vip]
    if table == "cmdb_ci_server":
        return [_production]
    if table == "alm_asset":
        return [_unassigned]
    opts = [_priority, _priority, _group, _unassigned, _keyword]
    if table in ("incident", "problem", "change_request"):
        opts += [_category, _category]
    if table == "incident":
        opts += [_urgency, _or_urgency, _vip, _vip] + ([_state_change, _state_change] if update else [])
    if table in ("sc_req_item", "sc_request", "sn_hr_core_case"):
        opts += [_vip]
    if update and table in ("change_request", "sc_req_item"):
        opts += [_approval_change, _approval_change]
    return opts


def sample_conditions(rng: Random, table: str, trigger: str) -> list[Cond]:
    """Zero, one or two conditions on different fields (at most one event)."""
    opts = _options(table, trigger)
    roll = rng.random()
    if not opts or roll < 0.2:
        return []
    first = rng.choice(opts)(rng, table, trigger)
    if roll < 0.8:
        return [first]
    second = rng.choice(opts)(rng, table, trigger)
    if second.field == first.field or (second.event and first.event) or "^OR" in first.query + second.query:
        return [first]
    return [first, second]
