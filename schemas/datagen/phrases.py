"""Short literal texts a request may quote, and how quoted texts are phrased."""

from random import Random

from schemas.datagen.context import Ctx

MESSAGES = [
    "Server down",
    "Please review",
    "New P1 raised",
    "Action needed",
    "Approval pending",
    "Work has started",
    "Ticket escalated",
    "On it",
    "Check the dashboard",
    "Outage ongoing",
    "Needs attention",
    "SLA at risk",
    "Request received",
    "Change approved",
    "All done",
]
NOTES = [
    "Escalated by flow",
    "Waiting for approval",
    "Customer notified",
    "Assigned to on-call",
    "Approved by manager",
    "Rejected by manager",
    "Auto-closed",
    "Vendor contacted",
    "Reminder sent",
]
TITLES = [
    "Investigate outage",
    "Review access",
    "Patch servers",
    "Replace laptop",
    "Check backups",
    "Renew certificate",
    "Clean up accounts",
    "Update runbook",
]


def quoted(rng: Random, pool: list[str]) -> tuple[str, str]:
    """A literal and how a request quotes it."""
    text = rng.choice(pool)
    return text, rng.choice([f" saying '{text}'", f" with '{text}'", f": '{text}'"])


def message(rng: Random, ctx: Ctx, pool: list[str] = MESSAGES) -> tuple[str, str]:
    """Quoted text, or the context's default headline (not mentioned, or 'with the number')."""
    if ctx.rec is None or rng.random() < 0.45:
        return quoted(rng, pool)
    suffix = rng.choice(["", "", f" with the {ctx.label} {ctx.ident_word}"]) if ctx.kind != "email" else ""
    return ctx.headline, suffix


def title(rng: Random, ctx: Ctx) -> tuple[str, str]:
    """A summary/title: quoted, or the record's short description."""
    if ctx.rec is None or rng.random() < 0.4:
        text = rng.choice(TITLES)
        return text, rng.choice([f" '{text}'", f" called '{text}'", f" titled '{text}'"])
    return ctx.summary, ""
