"""`flowsmith validate FILE` and `flowsmith schema`: check a flow against the catalog, print the JSON Schema."""

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
import yaml
from pydantic import ValidationError

from schemas.catalog import Catalog, default_catalog, load_catalog
from schemas.json_schema import flow_json_schema
from schemas.validate import is_valid, validate_flow

CatalogOption = Annotated[Optional[Path], typer.Option("--catalog", help="Catalog YAML (default: ServiceNow).")]


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=2)


def _catalog(path: Path | None) -> Catalog:
    if path is None:
        return default_catalog()
    try:
        return load_catalog(path)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise _fail(f"cannot load catalog {path}: {exc}") from exc


def _read_flow(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise _fail(f"cannot read {path}: {exc.strerror or exc}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise _fail(f"{path} is not JSON: {exc}") from exc


def validate(
    file: Annotated[Path, typer.Argument(help="Flow JSON file.")],
    catalog: CatalogOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the problems as a JSON list.")] = False,
) -> None:
    """Check a flow JSON file against the catalog: print every problem; exit 1 on any error, 0 when only warnings
    (placeholder steps, to resolve before activation) or nothing remain."""
    problems = validate_flow(_read_flow(file), _catalog(catalog))
    if as_json:
        typer.echo(json.dumps([p.model_dump() for p in problems], indent=2))
    else:
        for problem in problems:
            typer.echo(str(problem))
        if is_valid(problems):
            typer.echo("valid" if not problems else "valid (warnings: resolve before activation)")
    raise typer.Exit(code=0 if is_valid(problems) else 1)


def schema(catalog: CatalogOption = None) -> None:
    """Print the JSON Schema of a flow, with the catalog's names as enums."""
    typer.echo(json.dumps(flow_json_schema(_catalog(catalog)), indent=2))


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
    app.command("schema")(schema)
