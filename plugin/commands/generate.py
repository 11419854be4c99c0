"""`flowsmith generate "request"`: draft a flow with the SLM and print it as validated workflow JSON."""

import json
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console

from models.drafter import DraftError, DraftRequest, build_drafter


class EngineName(str, Enum):
    llamacpp = "llamacpp"
    transformers = "transformers"
    openai = "openai"


def generate(
    request: str = typer.Argument(..., help="What the flow should do, in plain words."),
    adapter: Path | None = typer.Option(None, "--adapter", help="LoRA adapter directory (default: the shipped one)."),
    base_model: str | None = typer.Option(None, "--base-model", help="'smollm2', an HF directory or a .gguf file."),
    constrain: bool = typer.Option(True, "--constrain/--no-constrain", help="Grammar-constrained decoding."),
    engine: EngineName = typer.Option(
        EngineName.llamacpp, "--engine", help="Local llama.cpp, local transformers, or an OpenAI-compatible server."
    ),
    base_url: str | None = typer.Option(None, "--base-url", help="Server for --engine openai: http://host:8000/v1."),
    model: str | None = typer.Option(None, "--model", help="Model name on the server for --engine openai."),
    max_new_tokens: int = typer.Option(320, "--max-new-tokens", min=1),
    fix: bool = typer.Option(
        True,
        "--fix/--no-fix",
        help="Give the draft the schedule the request states and apply the agent's deterministic catalog fixes "
        "(as the copilot does).",
    ),
) -> None:
    """Draft a workflow; JSON on stdout, validation problems on stderr (exit code 1 if any is an error)."""
    from agent.fixes import apply_fixes
    from agent.grounding import ground_schedule
    from schemas.catalog import default_catalog
    from schemas.validate import errors, validate_flow
    from schemas.workflow import Flow

    err = Console(stderr=True)
    if engine is EngineName.openai and (not base_url or not model):
        raise typer.BadParameter("--engine openai needs --base-url and --model")
    drafter = build_drafter(engine.value, adapter, base_model, base_url, model, constrain, max_new_tokens)
    try:
        draft = drafter.draft(DraftRequest(task="generate", request=request))
    except DraftError as exc:
        err.print(f"[red]draft failed:[/red] {exc}")
        raise typer.Exit(2) from exc
    if fix:
        draft, notes = ground_schedule(draft, request)
        for note in notes:
            err.print(f"[cyan]grounded[/cyan] {note}")
    problems = validate_flow(draft)
    if fix and errors(problems):
        draft, notes = apply_fixes(draft, default_catalog())
        for note in notes:
            err.print(f"[cyan]fixed[/cyan] {note}")
        problems = validate_flow(draft)
    typer.echo(json.dumps(Flow.model_validate(draft).to_json(), indent=2, ensure_ascii=False))
    for problem in problems:
        err.print(f"[yellow]{problem.code}[/yellow] ({problem.severity}) {problem.path}: {problem.message}")
    if errors(problems):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("generate")(generate)
