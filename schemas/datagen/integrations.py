"""Spoke steps: Jira, GitHub, PagerDuty, REST, Zoom, Azure AD, ITSM spoke, subflows."""

from random import Random

from schemas.datagen import vocab
from schemas.datagen.context import Ctx, new_key
from schemas.datagen.phrases import TITLES, message, title
from schemas.datagen.spec import Step


def jira(rng: Random, ctx: Ctx) -> Step:
    project, kind = rng.choice(vocab.JIRA_PROJECTS), rng.choice(["Bug", "Task", "Incident", "Story"])
    summary, say = title(rng, ctx)
    phrase = (
        rng.choice(
            [
                f"create a Jira {kind.lower()} in {project}",
                f"open a {kind} in the {project} Jira project",
                f"raise {'an' if project[0] in 'AEIOU' else 'a'} {project} Jira {kind.lower()}",
            ]
        )
        + say
    )
    return Step(
        key=new_key("jira"),
        definition="jira_create_issue",
        tag="jira",
        inputs={"project_key": project, "issue_type": kind, "summary": summary},
        phrase=phrase,
    )


def github(rng: Random, ctx: Ctx) -> Step:
    repo = rng.choice(vocab.REPOS)
    text, say = title(rng, ctx)
    phrase = rng.choice([f"open a GitHub issue in {repo}", f"create an issue on GitHub repo {repo}"]) + say
    return Step(
        key=new_key("gh"),
        definition="github_create_issue",
        tag="github",
        inputs={"repository": repo, "title": text},
        phrase=phrase,
    )


def pagerduty(rng: Random, ctx: Ctx) -> Step:
    service = rng.choice(vocab.PD_SERVICES)
    text, say = message(rng, ctx)
    inputs = {"service_id": service, "title": text}
    high = rng.random() < 0.4
    if high:
        inputs["urgency"] = "high"
    urgent = "a high-urgency " if high else "a "
    phrase = rng.choice(
        [f"page on-call via PagerDuty service {service}", f"create {urgent}PagerDuty incident on service {service}"]
    )
    if high and "page" in phrase:
        phrase += " with high urgency"
    return Step(
        key=new_key("pd"), definition="pagerduty_create_incident", tag="pagerduty", inputs=inputs, phrase=phrase + say
    )


def rest(rng: Random, ctx: Ctx) -> Step:
    url = rng.choice(vocab.URLS)
    if ctx.rec and rng.random() < 0.6:
        inputs = {"method": "POST", "url": url, "body": ctx.ident}
        what = f"the {ctx.label} {ctx.ident_word}"
        phrase = rng.choice([f"POST {what} to {url}", f"send {what} to {url}"])
    else:
        method = rng.choice(["GET", "POST", "PUT"])
        inputs = {"method": method, "url": url}
        phrase = rng.choice([f"call {url} with {method}", f"make a {method} request to {url}"])
    return Step(key=new_key("rest"), definition="rest_call", tag="rest", inputs=inputs, phrase=phrase)


def zoom(rng: Random, ctx: Ctx) -> Step:
    topic = rng.choice(vocab.ZOOM_TOPICS)
    return Step(
        key=new_key("zoom"),
        definition="zoom_create_meeting",
        tag="zoom",
        inputs={"topic": topic},
        phrase=rng.choice([f"create a Zoom meeting '{topic}'", f"set up the '{topic}' Zoom call"]),
    )


def azure(rng: Random, ctx: Ctx) -> Step | None:
    if ctx.table == "sys_user":
        upn, who = ctx.field("email"), "the user"
    elif ctx.kind == "catalog":
        upn, who = ctx.person_email, ctx.person_word
    else:
        return None
    roll = rng.random()
    if roll < 0.35:
        return Step(
            key=new_key("az"),
            definition="azure_ad_reset_password",
            tag="azure",
            inputs={"user_principal_name": upn},
            phrase=f"reset {who}'s Azure AD password",
        )
    if roll < 0.7:
        return Step(
            key=new_key("az"),
            definition="azure_ad_disable_user",
            tag="azure",
            inputs={"user_principal_name": upn},
            phrase=f"disable {who} in Azure AD",
        )
    group = rng.choice(["VPN Users", "All Staff", "Engineering", "Contractors", "Finance"])
    return Step(
        key=new_key("az"),
        definition="azure_ad_add_user_to_group",
        tag="azure",
        inputs={"user_principal_name": upn, "group_name": group},
        phrase=f"add {who} to the '{group}' group in Azure AD",
    )


def create_incident(rng: Random, ctx: Ctx) -> Step:
    if ctx.kind == "email":
        inputs, phrase = {"short_description": "{{trigger.subject}}", "caller": "{{trigger.user}}"}, ""
        phrase = rng.choice(["create an incident from it", "open an incident for the sender", "log an incident"])
    else:
        text = rng.choice(TITLES)
        inputs, phrase = {"short_description": text}, f"create an incident '{text}'"
    if rng.random() < 0.4:
        p = rng.choice("1234")
        inputs["priority"] = p
        phrase += f" with priority {p}"
    if rng.random() < 0.3:
        group = rng.choice(vocab.GROUPS)
        inputs["assignment_group"] = group
        phrase += f" for the {group} group"
    return Step(key=new_key("inc"), definition="create_incident", tag="incident", inputs=inputs, phrase=phrase)


def change(rng: Random, ctx: Ctx) -> Step:
    kind, text = rng.choice(["normal", "standard", "emergency"]), rng.choice(TITLES)
    return Step(
        key=new_key("chg"),
        definition="create_change_request",
        tag="change",
        inputs={"short_description": text, "type": kind},
        phrase=f"raise {'an' if kind == 'emergency' else 'a'} {kind} change '{text}'",
    )


def subflow(rng: Random, ctx: Ctx) -> Step | None:
    if ctx.table == "incident" and rng.random() < 0.4:
        return Step(
            key=new_key("mip"),
            category="subflow",
            definition="major_incident_process",
            tag="subflow",
            inputs={"incident": ctx.rec},
            phrase=rng.choice(["start the major incident process", "run the Major Incident Process subflow"]),
        )
    if ctx.table == "sys_user" or (ctx.kind == "catalog" and rng.random() < 0.3):
        user = ctx.rec if ctx.table == "sys_user" else ctx.person
        who = "the user" if ctx.table == "sys_user" else ctx.person_word
        return Step(
            key=new_key("off"),
            category="subflow",
            definition="offboard_user",
            tag="subflow",
            inputs={"user": user},
            phrase=f"run the offboarding subflow for {who}",
        )
    if not ctx.is_task:
        return None
    text, say = message(rng, ctx)
    return Step(
        key=new_key("stk"),
        category="subflow",
        definition="notify_stakeholders",
        tag="subflow",
        inputs={"record": ctx.rec, "table": ctx.table, "message": text},
        phrase=rng.choice(["notify the stakeholders", "run the Notify Stakeholders subflow"]) + say,
    )


BUILDERS = [jira, jira, github, pagerduty, rest, rest, zoom, azure, create_incident, change, subflow, subflow]
