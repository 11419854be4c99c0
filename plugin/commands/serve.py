"""`flowsmith serve`: run the plugin service with uvicorn (set up in `plugin.server`)."""

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command()(serve)


def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default: FLOWSMITH_HOST or 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: FLOWSMITH_PORT or 8000).")] = None,
) -> None:
    """Serve the copilot API and the demo editor (/editor)."""
    from plugin.app import create_app
    from plugin.auth import AuthConfigError
    from plugin.server import serve as run
    from plugin.settings import Settings

    overrides = {k: v for k, v in {"host": host, "port": port}.items() if v is not None}
    settings = Settings(**overrides)
    try:
        run(settings, create_app(settings))
    except AuthConfigError as exc:
        typer.echo(f"flowsmith serve: {exc}", err=True)
        raise typer.Exit(2) from exc
