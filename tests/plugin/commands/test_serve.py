"""`flowsmith serve` builds the app from settings and hands it to uvicorn, set up by `plugin.server`."""

import typer
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from plugin.commands import serve


def test_serve_passes_host_port_and_app(monkeypatch, tmp_path):
    seen = {}

    def run(server: uvicorn.Server) -> None:
        config = server.config
        seen.update(app=config.app, host=config.host, port=config.port, proxy_headers=config.proxy_headers)

    monkeypatch.setattr(uvicorn.Server, "run", run)
    monkeypatch.setenv("FLOWSMITH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("FLOWSMITH_HOST", "0.0.0.0")
    app = typer.Typer()
    serve.register(app)
    app.command()(lambda: None)  # a second command keeps `serve` a subcommand
    result = CliRunner().invoke(app, ["serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (seen["host"], seen["port"]) == ("0.0.0.0", 8123)
    assert isinstance(seen["app"], FastAPI)
    assert seen["proxy_headers"] is False  # no trusted proxy configured: X-Forwarded-For is ignored
    assert seen["app"].state.settings.data_dir == tmp_path
