"""The `flowsmith` command line: one typer app; each area registers its commands from its own module."""

import typer

from plugin.commands import bench, chat, data, generate, score, serve, train, validate

app = typer.Typer(help="Flowsmith: draft, validate, score and serve low-code workflows.", no_args_is_help=True)

@app.callback()
def main() -> None:
    """Flowsmith: draft, validate, score and serve low-code workflows."""

for module in (serve, generate, chat, data, validate, score, train, bench):
    module.register(app)
