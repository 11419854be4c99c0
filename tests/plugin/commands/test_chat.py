"""`flowsmith chat` driven through typer's CliRunner with a fake-backed Copilot."""

import json

import typer
from typer.testing import CliRunner

from agent.service import Copilot
from plugin.commands import chat
from plugin.testing.flows import NOTIFY, unfixable
from tests.agent.fakes import FakeDrafter, with_log


def _app(drafter: FakeDrafter) -> tuple[typer.Typer, list[Copilot]]:
    app = typer.Typer()
    built: list[Copilot] = []

    @app.callback()
    def main() -> None:
        """test app"""

    def factory() -> Copilot:
        built.append(Copilot(drafter, fallback_policy="never"))
        return built[-1]

    chat.register(app, factory)
    return app, built


def test_a_conversation_builds_then_edits_a_flow():
    drafter = FakeDrafter(NOTIFY, with_log())
    app, built = _app(drafter)
    lines = "email VIP callers of P1 incidents\nadd a log step\n\n/flow\n/quit\nnever read\n"
    result = CliRunner().invoke(app, ["chat", "--thread", "t"], input=lines)
    assert result.exit_code == 0, result.output
    assert "New flow 'Notify VIP caller'" in result.output and "Added: Log (step 4)" in result.output
    assert '"path": "/components/3"' in result.output
    assert drafter.requests[1].task == "edit" and drafter.requests[1].flow == NOTIFY
    assert len(drafter.requests) == 2 and built[0].current_flow("t") == with_log()


def test_a_flow_file_starts_the_conversation_and_failures_are_reported(tmp_path):
    path = tmp_path / "flow.json"
    path.write_text(json.dumps(NOTIFY))
    drafter = FakeDrafter(unfixable())
    app, built = _app(drafter)
    result = CliRunner().invoke(app, ["chat", "--flow", str(path)], input="remove the subject\n")
    assert result.exit_code == 0, result.output
    assert drafter.requests[0].flow == NOTIFY
    assert "The current flow is unchanged" in result.output and "missing_input" in result.output
    assert built[0].current_flow("cli") == NOTIFY


def test_complete_command_sends_an_empty_request():
    partial = {**NOTIFY, "components": NOTIFY["components"][:1]}
    drafter = FakeDrafter(partial, NOTIFY)
    app, _ = _app(drafter)
    result = CliRunner().invoke(app, ["chat"], input="start\n/complete\n")
    assert result.exit_code == 0, result.output
    assert drafter.requests[1].task == "complete" and drafter.requests[1].request == ""
    assert "Added: IF (step 2); Send Email (step 3)." in result.output
