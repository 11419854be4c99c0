"""Fault scenarios driven through the HTTP API; each returns what the client saw.

Used by the fault tests (which assert on the outcome) and by `benchmarks/faults.py` (which
prints them). Every scenario edits a valid flow (NOTIFY) so that "no lost data" is checkable:
a failed turn must answer the flow it was sent, unchanged, with an empty patch.
"""

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from models.drafter import DraftError, DraftRequest
from plugin.testing.apps import OFFLINE, llm_config, runtime_app
from plugin.testing.flows import NOTIFY, unfixable
from plugin.testing.stubs import EchoDrafter, ScriptedDrafter, free_port, llm_stub

LLM_MODES = ("down", "slow", "garbage", "html", "huge", "huge_prose")
EDIT = {"flow": NOTIFY, "instruction": "add a log step"}  # each in a new conversation


@dataclass
class Outcome:
    fault: str
    status: int
    ok: bool | None  # the copilot's `ok` (None when the service answered an error)
    message: str  # the copilot's `error`, or the service's `detail`
    flow_kept: bool  # a failed turn answered the flow it was sent, with an empty patch
    recovered: bool = True  # the next, healthy request succeeded


def outcome(fault: str, response, recovered: bool = True) -> Outcome:
    body = response.json()
    if "ok" not in body:
        return Outcome(fault, response.status_code, None, str(body.get("detail")), True, recovered)
    kept = body["ok"] or (body["flow"] == NOTIFY and body["patch"] == [])
    return Outcome(fault, response.status_code, body["ok"], body.get("error") or "", kept, recovered)


def llm_fault(mode: str, data_dir: Path) -> Outcome:
    """The draft needs an LLM repair and the LLM endpoint is down/slow/garbage/huge."""
    with llm_stub() as stub:
        stub["mode"] = "good" if mode == "down" else mode
        url = f"http://127.0.0.1:{free_port()}/v1" if mode == "down" else stub["url"]
        drafter = ScriptedDrafter(lambda req: unfixable())
        llm_s = 1.0 if mode == "slow" else 60.0  # only "slow" should time out, even on a starved CPU
        with runtime_app(data_dir, drafter, llm_config(url, llm_s=llm_s)) as client:
            response = client.post("/v1/edit", json=EDIT)
            stub["mode"] = "good"  # heal the endpoint (a dead port stays dead: check the service instead)
            healthy = client.get("/healthz").status_code == 200
    return outcome(f"LLM {mode}", response, healthy)


def _raising(exc: Exception) -> Callable[[DraftRequest], dict]:
    calls = []

    def draft(req: DraftRequest) -> dict:
        calls.append(req)
        if len(calls) == 1:
            raise exc
        return EchoDrafter().draft(req)

    return draft


def drafter_fault(exc: Exception, data_dir: Path) -> Outcome:
    """The drafting model raises once (DraftError: a known failure; anything else: a crash)."""
    with runtime_app(data_dir, ScriptedDrafter(_raising(exc)), OFFLINE) as client:
        response = client.post("/v1/edit", json=EDIT)
        again = client.post("/v1/edit", json=EDIT)
    return outcome(f"drafter raises {type(exc).__name__}", response, again.status_code == 200 and again.json()["ok"])


def all_copilot_faults() -> list[Outcome]:
    """Every LLM and drafter fault, each on a fresh data directory."""
    found = []
    for mode in LLM_MODES:
        with tempfile.TemporaryDirectory() as tmp:
            found.append(llm_fault(mode, Path(tmp)))
    for exc in (DraftError("the model produced no flow"), RuntimeError("CUDA error: out of memory")):
        with tempfile.TemporaryDirectory() as tmp:
            found.append(drafter_fault(exc, Path(tmp)))
    return found
