"""`flowsmith chat`: a terminal conversation that builds and edits a flow, printing patches and the flow."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.json import JSON
from rich.tree import Tree

if TYPE_CHECKING:  # the agent (langchain, langgraph) loads only when chat runs
    from agent.service import Copilot, CopilotResult

CopilotFactory = Callable[[], "Copilot"]
HELP = "Describe a flow to create it, then ask for changes. /flow shows it, /complete completes it, /quit leaves."


def default_copilot() -> Copilot:
    """The configured copilot, as the service builds it (imported late: model code loads only here)."""
    from plugin.database import open_admin_store
    from plugin.runtime import load_copilot
    from plugin.settings import Settings

    settings = Settings()
    store = open_admin_store(settings)
    try:
        config = store.current().config
    finally:
        store.close()
    return load_copilot(config, settings)


def progress_text(event: dict) -> str:
    details = ", ".join(f"{k}={v}" for k, v in event.items() if k != "event" and not isinstance(v, list))
    changes = event.get("changes") or []
    return f"{event['event']}" + (f" ({details})" if details else "") + "".join(f"\n    {c}" for c in changes)


def flow_outline(flow: dict) -> Tree:
    """The flow as a tree: trigger, then each component under its block."""
    trigger = flow.get("trigger", {})
    root = Tree(f"{flow.get('name') or '(unnamed)'}: {trigger.get('type')} {_inputs_text(trigger)}")
    nodes: dict[int, Tree] = {}
    for comp in flow.get("components", []):
        parent = nodes.get(comp.get("block"), root)
        nodes[comp.get("order")] = parent.add(f"{comp.get('order')}. {comp.get('definition')} {_inputs_text(comp)}")
    return root


def _inputs_text(owner: dict) -> str:
    return ", ".join(f"{i.get('name')}={i.get('value')}" for i in owner.get("inputs", []))


def show_result(console: Console, result: CopilotResult) -> None:
    if not result.ok:
        console.print(result.explanation, style="red", markup=False, soft_wrap=True)
        return
    path = f" (path: {result.path})" if result.path else ""
    console.print(result.explanation + path, style="green", markup=False, soft_wrap=True)
    if result.patch:
        console.print("patch:", style="bold")
        for op in result.patch:
            console.print(f"  {json.dumps(op)}", markup=False, highlight=False, soft_wrap=True)
        console.print(flow_outline(result.flow), markup=False, highlight=False)


def ask(console: Console, copilot: Copilot, request: str, thread_id: str, flow: dict | None, task: str | None) -> None:
    """One turn: progress lines as they come, then the result."""
    from agent.service import CopilotResult

    result = None
    for event in copilot.stream(request, flow=flow, task=task, thread_id=thread_id):
        if "result" in event:
            result = CopilotResult.model_validate(event["result"])
        else:
            console.print(f"- {progress_text(event)}", style="dim", markup=False)
    show_result(console, result)


def show_current(console: Console, copilot: Copilot, thread_id: str) -> None:
    current = copilot.current_flow(thread_id)
    console.print(JSON(json.dumps(current)) if current else "[dim]no flow yet[/]")


def chat_loop(console: Console, copilot: Copilot, thread_id: str, flow: dict | None) -> None:
    console.print(f"[bold]Flowsmith chat[/] (conversation '{thread_id}'). {HELP}")
    while True:
        try:
            text = console.input("[bold cyan]you>[/] ").strip()
        except EOFError:
            break
        if text in ("/quit", "/exit"):
            break
        if text == "/flow":
            show_current(console, copilot, thread_id)
        elif text == "/complete":
            ask(console, copilot, "", thread_id, flow, "complete")
            flow = None
        elif text:
            ask(console, copilot, text, thread_id, flow, None)
            flow = None  # a flow file is sent once; later turns edit the remembered flow


def register(app: typer.Typer, factory: CopilotFactory = default_copilot) -> None:
    @app.command()
    def chat(
        thread: Annotated[str, typer.Option(help="Conversation id; the same id resumes its flow and turns.")] = "cli",
        flow_file: Annotated[
            Path | None, typer.Option("--flow", exists=True, dir_okay=False, help="Start from this flow JSON file.")
        ] = None,
    ) -> None:
        """Build and edit a flow in a multi-turn conversation with the copilot."""
        flow = json.loads(flow_file.read_text(encoding="utf-8")) if flow_file else None
        chat_loop(Console(), factory(), thread, flow)
