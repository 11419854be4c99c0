"""The plugin manifest (manifest.json at the repository root), generated from the app and the models.

Regenerate with `python -m plugin.manifest`; `python -m plugin.manifest --check` fails when stale.
"""

import json
from pathlib import Path

import typer

from plugin.admin_config import AdminConfig
from plugin.app import VERSION, create_app
from plugin.settings import Settings
from schemas.catalog import default_catalog
from schemas.workflow import FORMAT_VERSION

MANIFEST = Path(__file__).resolve().parent.parent / "manifest.json"
CAPABILITIES = ["chat", "generate", "edit", "complete", "validate"]
AUTH_BY_SCHEME = {"AdminToken": "admin", "UserToken": "user"}  # plugin.deps' security schemes
STREAM_EVENTS = [
    "routing",
    "drafting",
    "grounding",
    "validating",
    "fixing",
    "repairing",
    "repair_failed",
    "placeholding",
    "answering",
    "diffing",
    "done",
    "error",
]


def endpoints() -> list[dict]:
    """Every documented route of the app: method, path, summary, auth, whether it streams."""
    spec = create_app(Settings()).openapi()
    found = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            content = operation["responses"].get("200", {}).get("content", {})
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("description", operation["summary"]).split("\n")[0],
                    "auth": _auth(operation),
                    "streams": "text/event-stream" in content,
                }
            )
    return found


def _auth(operation: dict) -> str:
    schemes = {name for requirement in operation.get("security", []) for name in requirement}
    return next((AUTH_BY_SCHEME[name] for name in sorted(schemes) if name in AUTH_BY_SCHEME), "none")


def build_manifest() -> dict:
    catalog = default_catalog()
    return {
        "id": "flowsmith",
        "name": "Flowsmith",
        "version": VERSION,
        "description": "Copilot that drafts, edits and completes low-code workflows as RFC 6902 JSON patches.",
        "capabilities": CAPABILITIES,
        "flow_format_version": FORMAT_VERSION,
        "catalog": {"platform": catalog.platform, "version": catalog.version},
        "auth": {
            "user": {
                "type": "http",
                "scheme": "bearer",
                "bearer_format": "JWT",
                "header": "Authorization",
                "algorithms": ["HS256", "RS256", "ES256"],
                "key_env": ["FLOWSMITH_JWT_KEY", "FLOWSMITH_JWT_KEY_FILE"],
                "claims": {"tenant": "tenant", "user": "sub", "required": ["exp"], "optional": ["iss", "aud", "nbf"]},
                "dev_token": "/v1/auth/dev-token (no key configured, loopback only)",
            },
            "admin": {"type": "http", "scheme": "bearer", "header": "Authorization", "env": "FLOWSMITH_ADMIN_TOKEN"},
            "other": "none",
        },
        "streaming": {
            "media_type": "text/event-stream",
            "request": "?stream=true or Accept: text/event-stream",
            "events": STREAM_EVENTS,
        },
        "editor": "/editor",
        "endpoints": endpoints(),
        "admin_config_schema": AdminConfig.model_json_schema(),
    }


def render() -> str:
    return json.dumps(build_manifest(), indent=2) + "\n"


def main(check: bool = typer.Option(False, "--check", help="Fail if manifest.json is out of date.")) -> None:
    """Write manifest.json (or check that it is current)."""
    if check:
        if not MANIFEST.exists() or MANIFEST.read_text(encoding="utf-8") != render():
            typer.echo(f"{MANIFEST} is out of date: run `python -m plugin.manifest`", err=True)
            raise typer.Exit(1)
        return
    MANIFEST.write_text(render(), encoding="utf-8")
    typer.echo(f"wrote {MANIFEST}")


if __name__ == "__main__":
    typer.run(main)
