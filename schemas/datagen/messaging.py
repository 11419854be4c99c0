"""Steps that tell people things: email, notification, SMS, Slack, Teams, worknotes, log."""

from random import Random

from schemas.datagen import vocab
from schemas.datagen.context import Ctx, new_key
from schemas.datagen.phrases import NOTES, message, quoted
from schemas.datagen.spec import Step


def _recipients(ctx: Ctx) -> list[tuple[str, str]]:
    """(email value, words) for who a step may email."""
    out = [(f"{m}@{vocab.DOMAIN}", f"{m}@{vocab.DOMAIN}") for m in vocab.MAILBOXES[:4]]
    if ctx.person:
        out.append((ctx.person_email, ctx.person_word))
        if ctx.kind != "email":
            out.append((ctx.person[:-2] + ".manager.email}}", f"{ctx.person_word}'s manager"))
    if ctx.is_task:
        out += [
            (ctx.field("assigned_to.email"), "the assignee"),
            (ctx.field("assignment_group.email"), "the assignment group"),
        ]
    return out


def email(rng: Random, ctx: Ctx, to: tuple[str, str] | None = None) -> Step:
    value, who = to or rng.choice(_recipients(ctx))
    if ctx.rec is None or rng.random() < 0.4:
        subject, say = quoted(rng, vocab_subjects())
        say = rng.choice([f" with subject '{subject}'", say])
    else:
        subject, say = ctx.headline, ""
    body = ctx.summary if ctx.rec else subject
    phrase = rng.choice(vocab.EMAIL_VERB).format(who=who) + say
    return Step(
        key=new_key("mail"),
        definition="send_email",
        tag="email",
        inputs={"to": value, "subject": subject, "body": body},
        phrase=phrase,
    )


def vocab_subjects() -> list[str]:
    return [
        "Daily report",
        "Action needed",
        "Weekly summary",
        "Approval needed",
        "Your request",
        "Ticket update",
        "Reminder",
        "Outage notice",
    ]


def slack(rng: Random, ctx: Ctx) -> Step:
    channel = rng.choice(vocab.SLACK_CHANNELS)
    text, say = message(rng, ctx)
    phrase = (
        rng.choice(
            [
                f"post to {channel} on Slack",
                f"send a Slack message to {channel}",
                f"notify {channel} in Slack",
                f"post a message in Slack channel {channel}",
            ]
        )
        + say
    )
    return Step(
        key=new_key("slack"),
        definition="slack_post_message",
        tag="slack",
        inputs={"channel": channel, "message": text},
        phrase=phrase,
    )


def teams(rng: Random, ctx: Ctx) -> Step:
    team, channel = rng.choice(vocab.TEAMS), rng.choice(vocab.TEAMS_CHANNELS)
    text, say = message(rng, ctx)
    phrase = (
        rng.choice(
            [
                f"post in the {channel} channel of the {team} team on Teams",
                f"send a Teams message to {team} / {channel}",
            ]
        )
        + say
    )
    return Step(
        key=new_key("teams"),
        definition="teams_post_message",
        tag="teams",
        inputs={"team": team, "channel": channel, "message": text},
        phrase=phrase,
    )


def direct_message(rng: Random, ctx: Ctx) -> Step | None:
    if not ctx.person_email:
        return None
    text, say = message(rng, ctx)
    if rng.random() < 0.5:
        return Step(
            key=new_key("dm"),
            definition="slack_send_direct_message",
            tag="slack",
            inputs={"user_email": ctx.person_email, "message": text},
            phrase=f"DM {ctx.person_word} on Slack{say}",
        )
    return Step(
        key=new_key("chat"),
        definition="teams_send_chat_message",
        tag="teams",
        inputs={"user_email": ctx.person_email, "message": text},
        phrase=f"send {ctx.person_word} a Teams chat{say}",
    )


def sms(rng: Random, ctx: Ctx) -> Step:
    text, say = message(rng, ctx)
    if ctx.is_task and rng.random() < 0.6:
        to, who = ctx.field("assigned_to.mobile_phone"), "the assignee"
    else:
        to = who = rng.choice(vocab.PHONES)
    phrase = rng.choice([f"text {who}", f"send an SMS to {who}", f"SMS {who}"]) + say
    return Step(key=new_key("sms"), definition="send_sms", tag="sms", inputs={"to": to, "message": text}, phrase=phrase)


def notification(rng: Random, ctx: Ctx) -> Step | None:
    if ctx.rec is None or ctx.kind == "email":
        return None
    name = rng.choice(vocab.NOTIFICATIONS)
    phrase = rng.choice([f"send the '{name}' notification", f"trigger the {name} notification"])
    return Step(
        key=new_key("note"),
        definition="send_notification",
        tag="notification",
        inputs={"notification": name, "record": ctx.rec, "table": ctx.table},
        phrase=phrase,
    )


def worknote(rng: Random, ctx: Ctx, text: str | None = None) -> Step | None:
    if not ctx.is_task:
        return None
    note, say = quoted(rng, NOTES) if text is None else (text, f" saying '{text}'")
    if rng.random() < 0.3 and text is None:
        return Step(
            key=new_key("cmt"),
            definition="add_comment",
            tag="comment",
            inputs={"record": ctx.rec, "table": ctx.table, "comment": note},
            phrase=f"add a comment{say}",
        )
    phrase = rng.choice(["add a worknote", "add a work note", "write a worknote"]) + say
    return Step(
        key=new_key("wn"),
        definition="add_worknote",
        tag="worknote",
        inputs={"record": ctx.rec, "table": ctx.table, "work_note": note},
        phrase=phrase,
    )


def log(rng: Random, ctx: Ctx, text: str | None = None) -> Step:
    if text is not None:
        value, say = text, ""
    else:
        value, say = message(rng, ctx)
    inputs = {"message": value}
    level = rng.choice(["", "", "", "warn", "error"])
    if level:
        inputs["level"] = level
    words = {"warn": "log a warning", "error": "log an error"}
    phrase = (words[level] if level else rng.choice(["log it", "write a log entry", "log a message"])) + say
    return Step(key=new_key("log"), definition="log", tag="log", inputs=inputs, phrase=phrase)


BUILDERS = [email, email, email, slack, slack, teams, direct_message, sms, notification, worknote, worknote, log]
