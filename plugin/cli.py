"""The `flowsmith` command line: one typer app; each area adds its commands in its own module."""

import typer

app = typer.Typer(help="Flowsmith: draft, validate, score and serve low-code workflows.", no_args_is_help=True)


def _register() -> None:
    """Attach the subcommands (imported here so `flowsmith --help` stays light)."""
    from plugin.commands import contract

    contract.register(app)


_register()
