"""The CLI commands, one module per area; each has `register(app)` (see `plugin/cli.py`)."""
