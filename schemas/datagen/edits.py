"""Edit instructions on a spec: add, remove, replace, insert a step, change a condition or a value.

Each edit returns (instruction, edited spec, kind) or None when it does not apply; the
edited spec differs only where the instruction says, so rendering renumbers the rest.
"""

from random import Random

from schemas.datagen import vocab
from schemas.datagen.actions import pick_leaf
from schemas.datagen.messaging import worknote
from schemas.datagen.phrases import NOTES
from schemas.datagen.spec import Spec, Step, walk

Edit = tuple[str, Spec, str]
WORDS = {
    "send_email": "the email",
    "slack_post_message": "the Slack message",
    "teams_post_message": "the Teams message",
    "send_sms": "the SMS",
    "send_notification": "the notification",
    "add_worknote": "the worknote",
    "add_comment": "the comment",
    "log": "the log step",
    "jira_create_issue": "the Jira issue",
    "github_create_issue": "the GitHub issue",
    "pagerduty_create_incident": "the PagerDuty incident",
    "rest_call": "the REST call",
    "zoom_create_meeting": "the Zoom meeting",
    "update_record": "the record update",
    "create_task": "the task creation",
    "fire_event": "the event",
    "generate_document": "the document step",
}
_FOLLOWERS = ("ELSE", "ELSEIF", "CATCH")


def _siblings(steps: list[Step]):
    """Yield (list, index) for every step, its containing list included."""
    for i, step in enumerate(steps):
        yield steps, i
        yield from _siblings(step.children)


def _referenced(spec: Spec, key: str) -> bool:
    return any("{{@" + key + "." in v for s, _ in walk(spec.steps) for v in s.inputs.values())


def _unique(spec: Spec, definition: str) -> bool:
    return sum(s.definition == definition for s, _ in walk(spec.steps)) == 1


def add_step(rng: Random, spec: Spec) -> Edit | None:
    new = spec.model_copy(deep=True)
    used = tuple(s.tag for s, _ in walk(spec.steps))
    step = pick_leaf(rng, spec.trig.ctx, exclude=used)
    new.steps.append(step)
    text = rng.choice(["also {p}", "add a step to {p}", "{p} as well", "at the end, {p}", "and {p}"])
    return text.format(p=step.phrase), new, "add"


def remove_step(rng: Random, spec: Spec) -> Edit | None:
    new = spec.model_copy(deep=True)
    options = [
        (lst, i)
        for lst, i in _siblings(new.steps)
        if lst[i].definition in WORDS
        and not lst[i].children
        and _unique(new, lst[i].definition)
        and not _referenced(new, lst[i].key)
        and (len(lst) > 1 or lst is new.steps)
    ]
    if not options or len(list(walk(new.steps))) < 2:
        return None
    lst, i = rng.choice(options)
    if i + 1 < len(lst) and lst[i + 1].definition in _FOLLOWERS:
        return None
    words = WORDS[lst.pop(i).definition]
    text = rng.choice(["remove {w}", "drop {w}", "delete {w} step", "no need for {w}", "get rid of {w}"])
    return text.format(w=words), new, "remove"


def replace_chat(rng: Random, spec: Spec) -> Edit | None:
    new = spec.model_copy(deep=True)
    for lst, i in _siblings(new.steps):
        old = lst[i]
        if old.definition == "slack_post_message":
            team, channel = rng.choice(vocab.TEAMS), rng.choice(vocab.TEAMS_CHANNELS)
            lst[i] = Step(
                key=old.key,
                definition="teams_post_message",
                tag="teams",
                inputs={"team": team, "channel": channel, "message": old.inputs["message"]},
            )
            text = rng.choice(
                [
                    f"send a Teams message to {team} / {channel} instead of Slack",
                    f"use Teams ({team} team, {channel} channel) instead of Slack",
                ]
            )
            return text, new, "replace"
        if old.definition == "teams_post_message":
            channel = rng.choice(vocab.SLACK_CHANNELS)
            lst[i] = Step(
                key=old.key,
                definition="slack_post_message",
                tag="slack",
                inputs={"channel": channel, "message": old.inputs["message"]},
            )
            return (
                rng.choice(
                    [f"post to {channel} on Slack instead of Teams", f"use Slack channel {channel} instead of Teams"]
                ),
                new,
                "replace",
            )
    return None


def change_channel(rng: Random, spec: Spec) -> Edit | None:
    new = spec.model_copy(deep=True)
    for step, _ in walk(new.steps):
        if step.definition == "slack_post_message":
            old = step.inputs["channel"]
            channel = rng.choice([c for c in vocab.SLACK_CHANNELS if c != old])
            step.inputs["channel"] = channel
            return (
                rng.choice([f"post to {channel} instead of {old}", f"change the Slack channel to {channel}"]),
                new,
                "value",
            )
    return None


def insert_worknote(rng: Random, spec: Spec) -> Edit | None:
    new = spec.model_copy(deep=True)
    for i, step in enumerate(new.steps):
        if step.definition in ("ask_for_approval", "update_record", "create_task") and _unique(new, step.definition):
            note = worknote(rng, new.trig.ctx, text=rng.choice(NOTES))
            if note is None or note.definition != "add_worknote":
                return None
            new.steps.insert(i + 1, note)
            what = {
                "ask_for_approval": "the approval",
                "update_record": "the update",
                "create_task": "creating the task",
            }
            return f"add a worknote after {what[step.definition]} saying '{note.inputs['work_note']}'", new, "insert"
    return None


def _set_condition(spec: Spec, query: str | None) -> None:
    if query:
        spec.trig.inputs["condition"] = query
        spec.trig.explicit = bool(spec.trig.explicit) or "vip" not in query
    else:
        spec.trig.inputs.pop("condition", None)
        spec.trig.explicit = None


def change_condition(rng: Random, spec: Spec) -> Edit | None:
    if not spec.trig.type.startswith("record"):
        return None
    new = spec.model_copy(deep=True)
    query = new.trig.inputs.get("condition", "")
    terms = query.split("^") if query else []
    for i, term in enumerate(terms):
        if term.startswith("priority=") and "^OR" not in query:
            old, v = term[-1], rng.choice([p for p in "1234" if p != term[-1]])
            terms[i] = f"priority={v}"
            _set_condition(new, "^".join(terms))
            return (
                rng.choice(
                    [
                        f"change the priority condition to P{v}",
                        f"make it P{v} instead of P{old}",
                        f"trigger on priority {v} instead",
                    ]
                ),
                new,
                "condition",
            )
    if terms and rng.random() < 0.5:
        _set_condition(new, None)
        plural = vocab.TABLES[new.trig.inputs["table"]][1]
        return rng.choice([f"run it for all {plural}", "remove the trigger condition"]), new, "condition"
    if new.trig.inputs["table"] == "incident" and "vip" not in query:
        _set_condition(new, "^".join(terms + ["caller_id.vip=true"]))
        return rng.choice(["only for VIP callers", "only run this for VIPs"]), new, "condition"
    return None


def change_time(rng: Random, spec: Spec) -> Edit | None:
    if "time" not in spec.trig.inputs:
        return None
    new = spec.model_copy(deep=True)
    spoken, time = rng.choice([t for t in vocab.TIMES if t[1] != spec.trig.inputs["time"]])
    new.trig.inputs["time"] = time
    return rng.choice([f"run it at {spoken} instead", f"change the time to {spoken}"]), new, "condition"


EDITS = [
    add_step,
    add_step,
    remove_step,
    remove_step,
    replace_chat,
    change_channel,
    insert_worknote,
    change_condition,
    change_condition,
    change_time,
]


def sample_edit(rng: Random, spec: Spec) -> Edit | None:
    for _ in range(6):
        edit = rng.choice(EDITS)(rng, spec)
        if edit:
            return edit
    return None
