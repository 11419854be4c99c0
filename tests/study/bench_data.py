"""A tiny hand-made benchmark dataset and fake systems for the bench tests (not a test module)."""

import json
from pathlib import Path

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from models.serialize import from_text
from models.slm import Generation
from schemas.catalog import default_catalog
from study.backends import ChatLM
from study.prompted import PromptedDrafter
from study.retrieval import ExamplePool
from study.systems import PromptedSystem, SLMSystem

TEST_FLOWS = {
    "When a P1 incident is created, add a work note saying it is being handled": (
        "record_create | table=incident | condition=priority=1\n"
        "1 add_worknote | record={{trigger.current}} | table=incident | work_note=Being handled"
    ),
    "Every day at 02:30 close resolved incidents": (
        "daily | time=02:30:00\n1 update_multiple_records | table=incident | conditions=state=6 | values=state=7"
    ),
    "When an incident is updated and its caller is a VIP, post to #vip on Slack": (
        "record_update | table=incident\n"
        "1 look_up_record | table=sys_user | conditions=sys_id={{trigger.current.caller_id}}\n"
        "2 IF | condition={{1.record.vip}}=true\n"
        "  3 slack_post_message | channel=#vip | message=VIP {{trigger.current.number}}"
    ),
    "Every Monday at 08:00 email the owner of each open problem": (
        "weekly | day_of_week=monday | time=08:00:00\n"
        "1 look_up_records | table=problem | conditions=active=true\n"
        "2 FOREACH | items={{1.records}}\n"
        "  3 send_email | to={{2.item.assigned_to.email}} | subject=Open problem | body={{2.item.number}}"
    ),
    "When a change request is created, log its number": (
        "record_create | table=change_request\n1 log | message={{trigger.current.number}}"
    ),
}
TRAIN_FLOWS = {
    "When a P2 incident is created, add a work note": (
        "record_create | table=incident | condition=priority=2\n"
        "1 add_worknote | record={{trigger.current}} | table=incident | work_note=Noted"
    ),
    "Every day at 01:00 log a heartbeat": "daily | time=01:00:00\n1 log | message=heartbeat",
    "When a problem is updated, post its number to #problems on Slack": (
        "record_update | table=problem\n1 slack_post_message | channel=#problems | message={{trigger.current.number}}"
    ),
}


def _row(split: str, i: int, request: str, text: str) -> dict:
    target = from_text(text, name=request[:30], description=request)
    definitions = sorted({c["definition"] for c in target["components"]})
    condition = next((x["value"] for x in target["trigger"]["inputs"] if x["name"] == "condition"), None)
    meta = {
        "trigger": target["trigger"]["type"],
        "constructs": definitions,
        "explicit_condition": None if condition is None else True,
        "n_components": len(target["components"]),
    }
    return {
        "id": f"{split}-{i:06d}",
        "task": "generate",
        "request": request,
        "flow": None,
        "target": target,
        "meta": meta,
    }


def rows(split: str) -> list[dict]:
    """The 5 test rows (val: the same flows), or the 3 train rows."""
    flows = TRAIN_FLOWS if split == "train" else TEST_FLOWS
    return [_row(split, i, request, text) for i, (request, text) in enumerate(flows.items())]


def write_dataset(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for split in ("train", "val", "test"):
        (folder / f"{split}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows(split)))
    return folder


class FakeSLM:
    """Stands in for SLMDrafter: right on some requests, one wrong step on others, garbage on one."""

    def __init__(self) -> None:
        self.catalog = default_catalog()
        self.calls = 0

    def generate(self, reqs: list) -> list[Generation]:
        self.calls += len(reqs)
        out = []
        for req in reqs:
            text = TEST_FLOWS[req.request]
            if "Monday" in req.request:
                text = text.replace("send_email", "send_sms")
            if "change request" in req.request:
                text = "not a flow at all"
            out.append(Generation(text, len(text.split()), True))
        return out


def fake_slm_system() -> SLMSystem:
    return SLMSystem(FakeSLM())


def chat_answers() -> list[str]:
    """What the fake chat model says, in call order: fenced, chatty, wrong, and useless answers."""
    texts = list(TEST_FLOWS.values())
    return [
        f"Here is the flow:\n```\n{texts[0]}\n```",
        texts[1] + "\n\nThis runs daily.",
        texts[2].replace("table=incident", "table=problem"),
        "I cannot help with that.",
        texts[4],
    ]


class KeyedChat(FakeListChatModel):
    """Answers by which test request the prompt ends with, so that concurrent calls get stable answers."""

    def _call(self, messages, stop=None, run_manager=None, **kwargs) -> str:
        query = str(messages[-1].content)
        return next(a for r, a in zip(TEST_FLOWS, self.responses) if r in query)


def fake_chat_system(train: list[dict]) -> PromptedSystem:
    backend = ChatLM(KeyedChat(responses=chat_answers()))
    return PromptedSystem(PromptedDrafter(backend, ExamplePool(train), k=2))
