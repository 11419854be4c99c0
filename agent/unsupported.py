"""What a request asks for that the catalog cannot do, and the placeholder steps that mark where it goes.

A small curated lexicon: tools and channels the catalog has no spoke for (the catalog's own Slack, Teams,
PagerDuty, Jira, GitHub, Zoom, Azure AD, email and SMS are supported) and things no action does (fax, a phone
call, printing, a letter by post). The clause of the request that asks for it becomes the placeholder's
description. Nothing is mapped onto a different action: the rest of the flow is built, and one placeholder per
missing thing goes at the end of the top level, where a person replaces it before activation.
"""

import re
from dataclasses import dataclass

from schemas.base import StrictModel
from schemas.catalog import PLACEHOLDER


@dataclass(frozen=True)
class Capability:
    """One thing the catalog cannot do: how a request says it, and how the answer names it."""

    name: str  # "fax", "Discord"
    what: str  # what Flowsmith cannot do: "send a fax"
    lacks: str  # what the catalog lacks: "no fax action"
    pattern: re.Pattern[str]


def _cap(name: str, what: str, lacks: str, pattern: str) -> Capability:
    return Capability(name, what, lacks, re.compile(pattern, re.IGNORECASE))


def _tool(name: str, what: str, pattern: str) -> Capability:
    return _cap(name, what, f"no {name} spoke", pattern)


LEXICON: tuple[Capability, ...] = (
    _cap("fax", "send a fax", "no fax action", r"\bfax(?:es|ed|ing)?\b"),
    _cap(
        "phone call",
        "make a phone call",
        "no phone-call action",
        r"\b(?:phone|voice|telephone) calls?\b|\bcall\b[^.;,]{0,40}?\b(?:by|over the|on (?:the|their|his|her)) "
        r"(?:tele)?phone\b|\b(?:phone|ring) (?:the|him|her|them|me|us|their|his)\b",
    ),
    _cap("printing", "print", "no print action", r"\bprint(?:s|ed|ing|out)?\b|\b(?:to|on|at) the printers?\b"),
    _cap("postal mail", "send postal mail", "no postal-mail action", r"\b(?:postal mail|snail mail|by post)\b"),
    _tool("Discord", "post to Discord", r"\bdiscord\b"),
    _tool("WhatsApp", "send WhatsApp messages", r"\bwhats ?app\b"),
    _tool("Telegram", "send Telegram messages", r"\btelegram\b"),
    _tool(
        "Signal",
        "send Signal messages",
        r"\bsignal (?:app|messenger|message|group|chat)s?\b|\b(?:on|via|over|in) signal\b",
    ),
    _tool("Webex", "use Webex", r"\bwebex\b"),
    _tool("Google Chat", "post to Google Chat", r"\bgoogle chat\b"),
    _tool("Mattermost", "post to Mattermost", r"\bmattermost\b"),
    _tool("Salesforce", "work with Salesforce", r"\bsalesforce\b"),
    _tool("HubSpot", "work with HubSpot", r"\bhubspot\b"),
    _tool("Zendesk", "work with Zendesk", r"\bzendesk\b"),
    _tool("Trello", "create Trello cards", r"\btrello\b"),
    _tool("Asana", "create Asana tasks", r"\basana\b"),
    _tool("Okta", "manage Okta users", r"\bokta\b"),
    _tool("SharePoint", "work with SharePoint", r"\bshare ?point\b"),
    _tool("Google Sheets", "write to Google Sheets", r"\bgoogle (?:sheets?|spreadsheets?)\b"),
    _tool("Google Drive", "work with Google Drive", r"\bgoogle drive\b"),
    _tool("Dropbox", "work with Dropbox", r"\bdropbox\b"),
    _tool("Opsgenie", "page through Opsgenie", r"\bops ?genie\b"),
    _tool("Viber", "send Viber messages", r"\bviber\b"),
    _tool("Rocket.Chat", "post to Rocket.Chat", r"\brocket(?:\.? ?chat)?\b"),
    _tool("Google Calendar", "work with Google Calendar", r"\bgoogle calendar\b"),
    _tool("Google Meet", "start a Google Meet", r"\bgoogle meet\b"),
    _tool("Confluence", "work with Confluence", r"\bconfluence\b"),
    _tool("Notion", "work with Notion", r"\bnotion (?:page|database|doc)s?\b|\bin notion\b"),
    _tool("GitLab", "work with GitLab", r"\bgit ?lab\b"),
    _tool("Bitbucket", "work with Bitbucket", r"\bbit ?bucket\b"),
    _tool("SentinelOne", "act through SentinelOne", r"\bsentinel ?one\b|\bs1 agent\b"),
    _tool("CrowdStrike", "act through CrowdStrike", r"\bcrowd ?strike\b"),
    _tool("Splunk", "work with Splunk", r"\bsplunk\b"),
    _tool("Datadog", "work with Datadog", r"\bdata ?dog\b"),
    _tool("Intune", "manage devices in Intune", r"\bintune\b"),
    _tool("Jamf", "manage devices in Jamf", r"\bjamf\b"),
    _tool("Yammer", "post to Yammer", r"\byammer\b"),
    _tool("Statuspage", "update a Statuspage", r"\bstatus ?page\b"),
    _tool("Twitter", "post to Twitter", r"\btweet(?:s|ed|ing)?\b|\btwitter\b"),
    _tool(
        "Workday",
        "work with Workday",
        r"\b(?:in|to|from|into|via) workday\b|\bworkday (?:hcm|profile|record|worker)s?\b",
    ),
)

_QUOTED = re.compile(r"(?<!\w)'[^']*'(?!\w)|\"[^\"]*\"|‘[^’]*’|“[^”]*”")  # not the ' of "today's"
_CLAUSES = re.compile(r"[.;!?\n]+|,\s*|\s+(?:and\s+)?then\s+|\s+and\s+(?:also\s+)?")
_LEAD = re.compile(r"^(?:and|then|also|please)\s+", re.IGNORECASE)
_UNWANTED = re.compile(
    r"\b(?:remove|delete|drop|replace|get rid of|instead of|no longer|don't|do not|never|without)\b", re.IGNORECASE
)
_UNSAFE = re.compile(r"[{}<>|]")  # pills, markup and the compact text's separator never enter a description
MAX_DESCRIPTION = 160


class Missing(StrictModel):
    """A thing the request asks for that the catalog cannot do."""

    name: str
    what: str
    lacks: str
    description: str  # the request's clause that asks for it


def _capability(name: str) -> Capability:
    return next(c for c in LEXICON if c.name == name)


def _blanked(text: str) -> str:
    """The request with quoted texts blanked out (same length): a quoted message is content, not a step."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def _clauses(request: str) -> list[tuple[str, str]]:
    """(clause as written, clause with quotes blanked), split where the blanked text has a clause break."""
    blanked, out, start = _blanked(request), [], 0
    for match in [*_CLAUSES.finditer(blanked), None]:
        end = match.start() if match else len(request)
        written = _LEAD.sub("", request[start:end].strip())
        if written:
            out.append((written, _LEAD.sub("", blanked[start:end].strip())))
        start = match.end() if match else end
    return out


def _description(clause: str) -> str:
    text = " ".join(_UNSAFE.sub(" ", clause).split())
    return text if len(text) <= MAX_DESCRIPTION else text[: MAX_DESCRIPTION - 3].rstrip() + "..."


def find_missing(request: str) -> list[Missing]:
    """What `request` asks for that the catalog cannot do, once each, in the order the request says it."""
    found: dict[str, Missing] = {}
    for written, blanked in _clauses(request):
        if _UNWANTED.search(blanked):
            continue  # "remove the fax step", "instead of faxing": not asked for
        for cap in LEXICON:
            if cap.name not in found and cap.pattern.search(blanked):
                described = _description(written)
                found[cap.name] = Missing(name=cap.name, what=cap.what, lacks=cap.lacks, description=described)
    return list(found.values())


def placeholders(flow: dict | None) -> list[dict]:
    """The flow's placeholder components."""
    comps = (flow or {}).get("components") or []
    return [c for c in comps if isinstance(c, dict) and c.get("definition") == PLACEHOLDER]


def _description_of(comp: dict) -> str:
    items = [i for i in comp.get("inputs") or [] if isinstance(i, dict)]
    values = [i.get("value") for i in items if i.get("name") == "description"]
    return str(values[0]) if values else ""


def _covers(comp: dict, missing: Missing) -> bool:
    text = _description_of(comp)
    return text == missing.description or bool(_capability(missing.name).pattern.search(_blanked(text)))


def _removal_asked(request: str, comp: dict) -> bool:
    """The request asks to remove or replace this placeholder (by the word, or by what it stands for)."""
    text = _description_of(comp)
    for _, blanked in _clauses(request):
        if not _UNWANTED.search(blanked):
            continue
        if re.search(r"\bplaceholders?\b", blanked, re.IGNORECASE) or text.lower() in blanked.lower():
            return True
        if any(c.pattern.search(blanked) and c.pattern.search(text) for c in LEXICON):
            return True
    return False


def placeholder_step(order: int, description: str) -> dict:
    """A top-level placeholder component."""
    inputs = [{"name": "description", "value": description}]
    return {"category": "action", "definition": PLACEHOLDER, "scope": "global", "order": order, "inputs": inputs}


def with_placeholders(draft: dict, current: dict | None, request: str) -> tuple[dict, list[Missing]]:
    """`draft` plus, at the end of its top level, the current flow's placeholders the draft lost (a drafter
    cannot write one) unless the request removes them, and one placeholder per new missing thing; and
    what the new ones stand for. Nothing already in the draft is changed."""
    comps = [c for c in draft.get("components") or [] if isinstance(c, dict)]
    kept = {_description_of(c) for c in placeholders(draft)}
    added: list[dict] = []
    for comp in placeholders(current):
        if _description_of(comp) not in kept and not _removal_asked(request, comp):
            added.append(placeholder_step(0, _description_of(comp)))
            kept.add(_description_of(comp))
    new = [m for m in find_missing(request) if not any(_covers(c, m) for c in [*placeholders(draft), *added])]
    added += [placeholder_step(0, m.description) for m in new]
    if not added:
        return draft, []
    start = len(comps)
    for i, comp in enumerate(added, start=1):
        comp["order"] = start + i
    return {**draft, "components": [*comps, *added]}, new
