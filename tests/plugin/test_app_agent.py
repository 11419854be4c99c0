"""The service in front of the real agent (`agent.service.Copilot`) with a canned drafter."""

import jsonpatch
import pytest

from agent.service import Copilot
from plugin.app import create_app
from plugin.testing.apps import user_client
from plugin.testing.flows import NOTIFY, unfixable
from tests.agent.fakes import FakeDrafter, with_log
from tests.plugin.conftest import make_settings
from tests.plugin.test_app_copilot import sse_events


@pytest.fixture
def agent_client(tmp_path):
    drafter = FakeDrafter(NOTIFY, with_log(), unfixable())
    factory = lambda config: Copilot(drafter, fallback_policy="never", placeholders_for_unresolved=False)  # noqa: E731
    with user_client(create_app(make_settings(tmp_path), copilot_factory=factory)) as client:
        yield client


def test_generate_stream_then_edit_then_unfixable(agent_client):
    events = sse_events(agent_client.post("/v1/generate?stream=true", json={"request": "notify VIP callers"}).text)
    names = [name for name, _ in events]
    assert names[-1] == "done" and "drafting" in names and "validating" in names
    done = events[-1][1]
    assert done["ok"] and done["path"] == "slm" and done["flow"] == NOTIFY
    assert jsonpatch.apply_patch({}, done["patch"]) == NOTIFY

    edit = agent_client.post("/v1/edit", json={"flow": NOTIFY, "instruction": "log it"}).json()
    assert edit["ok"] and jsonpatch.apply_patch(NOTIFY, edit["patch"]) == with_log()

    failed = agent_client.post("/v1/generate", json={"request": "x"})
    assert failed.status_code == 200
    body = failed.json()
    assert body["ok"] is False and body["patch"] == [] and body["problems"]

    paths = agent_client.get("/metrics").json()["paths"]
    assert paths["slm"] >= 2
