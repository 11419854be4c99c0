"""`flowsmith generate` against a stub OpenAI-compatible server (no model weights needed)."""

import json

import typer
from typer.testing import CliRunner

from models.serialize import to_text
from plugin.commands.generate import register
from tests.models.flows import SIMPLE
from tests.models.stub_server import answer, stub_server, url

app = typer.Typer()
app.callback()(lambda: None)  # keep `generate` a subcommand
register(app)
runner = CliRunner()


def test_prints_the_drafted_flow_as_json():
    with stub_server() as httpd:
        httpd.reply = lambda body: answer(to_text(SIMPLE))
        result = runner.invoke(
            app, ["generate", "log P1 incidents", "--engine", "openai", "--base-url", url(httpd), "--model", "m"]
        )
        grammar_sent = "structured_outputs" in httpd.seen[0]["body"]
    assert result.exit_code == 0, result.output
    flow = json.loads(result.stdout)
    assert flow["name"] == "Log P1 incidents" and flow["components"] == SIMPLE["components"] and grammar_sent


def test_validation_problems_go_to_stderr_with_exit_code_1():
    with stub_server() as httpd:
        httpd.reply = lambda body: answer("record_create | table=incident\n1 log | level=warn")
        result = runner.invoke(
            app,
            [
                "generate",
                "x",
                "--engine",
                "openai",
                "--base-url",
                url(httpd),
                "--model",
                "m",
                "--no-constrain",
                "--no-fix",
            ],
        )
        grammar_sent = "structured_outputs" in httpd.seen[0]["body"]
    assert result.exit_code == 1 and not grammar_sent
    assert json.loads(result.stdout)["components"][0]["definition"] == "log"
    assert "missing_input" in result.stderr


def test_catalog_fixes_apply_by_default():
    with stub_server() as httpd:
        httpd.reply = lambda body: answer("record_create | table=incidnt\n1 log | message=hi")
        result = runner.invoke(
            app, ["generate", "x", "--engine", "openai", "--base-url", url(httpd), "--model", "m", "--no-constrain"]
        )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["trigger"]["inputs"][0]["value"] == "incident"
    assert "fixed" in result.stderr and "'incidnt' -> 'incident'" in result.stderr


def test_a_failed_draft_exits_2():
    with stub_server() as httpd:
        httpd.reply = lambda body: (200, b"garbage")
        result = runner.invoke(app, ["generate", "x", "--engine", "openai", "--base-url", url(httpd), "--model", "m"])
    assert result.exit_code == 2 and "draft failed" in result.stderr


def test_openai_backend_needs_url_and_model():
    result = runner.invoke(app, ["generate", "x", "--engine", "openai"])
    assert result.exit_code == 2 and "--base-url" in result.output
