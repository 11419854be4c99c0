"""`flowsmith serve` builds the app from settings and hands it to uvicorn, set up by `plugin.server`."""

import typer
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from plugin.commands import serve
from plugin.testing.stubs import JWT_KEY


def test_serve_passes_host_port_and_app(monkeypatch, tmp_path):
    seen = {}

    def run(server: uvicorn.Server) -> None:
        config = server.config
        seen.update(app=config.app, host=config.host, port=config.port, proxy_headers=config.proxy_headers)

    monkeypatch.setattr(uvicorn.Server, "run", run)
    monkeypatch.setenv("FLOWSMITH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("FLOWSMITH_HOST", "0.0.0.0")
    monkeypatch.setenv("FLOWSMITH_JWT_KEY", JWT_KEY)  # any address but loopback needs the host platform's key
    app = typer.Typer()
    serve.register(app)
    app.command()(lambda: None)  # a second command keeps `serve` a subcommand
    result = CliRunner().invoke(app, ["serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (seen["host"], seen["port"]) == ("0.0.0.0", 8123)
    assert isinstance(seen["app"], FastAPI)
    assert seen["proxy_headers"] is False  # no trusted proxy configured: X-Forwarded-For is ignored
    assert seen["app"].state.settings.data_dir == tmp_path


def invoke_serve(monkeypatch, tmp_path, **env: str):
    """`flowsmith serve` with FLOWSMITH_<name>=value for each of `env`; what uvicorn would have run, and the result."""
    seen = {}
    monkeypatch.setattr(uvicorn.Server, "run", lambda server: seen.update(host=server.config.host))
    monkeypatch.setenv("FLOWSMITH_DATA_DIR", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(f"FLOWSMITH_{name.upper()}", value)
    app = typer.Typer()
    serve.register(app)
    app.command()(lambda: None)
    return seen, CliRunner().invoke(app, ["serve"])


def test_the_first_command_serves_loopback_with_dev_tokens_and_no_key(monkeypatch, tmp_path):
    seen, result = invoke_serve(monkeypatch, tmp_path)
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1"


def test_any_other_bind_without_a_key_refuses_to_start_saying_why(monkeypatch, tmp_path):
    for host in ("0.0.0.0", "::", "192.168.1.10", "flowsmith.internal"):
        seen, result = invoke_serve(monkeypatch, tmp_path, host=host)
        assert result.exit_code == 2 and not seen, result.output
        assert f"refusing to serve on {host}" in result.output and "FLOWSMITH_JWT_KEY" in result.output


def test_a_key_that_cannot_work_refuses_to_start_saying_why(monkeypatch, tmp_path):
    seen, result = invoke_serve(monkeypatch, tmp_path, jwt_key="too-short")
    assert result.exit_code == 2 and not seen
    assert "at least 32 bytes" in result.output
    seen, result = invoke_serve(monkeypatch, tmp_path, jwt_key="x" * 40, jwt_algorithm="RS256")
    assert result.exit_code == 2 and "not a usable RS256 key" in result.output
