"""The `flowsmith` command line: one typer app; each area registers its commands from its own module.

The study's `flowsmith bench` commands live in `study.cli`; they are loaded by name (importlib), so no
product module imports the study package (the layering contract: nothing imports study).
"""

import importlib

import typer

from plugin.commands import chat, data, generate, gguf, score, serve, train, validate

app = typer.Typer(help="Flowsmith: draft, validate, score and serve low-code workflows.", no_args_is_help=True)


@app.callback()
def main() -> None:
    """Flowsmith: draft, validate, score and serve low-code workflows."""


for module in (serve, generate, gguf, chat, data, validate, score, train, importlib.import_module("study.cli")):
    module.register(app)
