"""`flowsmith gguf`: write (once) and print the fine-tuned drafter's GGUF, for llama.cpp's own tools.

python -m llama_cpp.server --model "$(flowsmith gguf)" --model_alias flowsmith --host 127.0.0.1
"""

from pathlib import Path

import typer


def gguf(
    adapter: Path | None = typer.Option(None, "--adapter", help="LoRA adapter directory (default: the shipped one)."),
    base_model: str | None = typer.Option(None, "--base-model", help="'smollm2' or a .gguf file."),
    kind: str = typer.Option("f16", "--kind", help="f32, f16 or q8_0."),
) -> None:
    """Print the path of the merged GGUF (base + adapter) in the cache, writing it first if needed."""
    from models.loading import SHIPPED_ADAPTER, llama_gguf

    if kind not in ("f32", "f16", "q8_0"):
        raise typer.BadParameter(f"--kind {kind!r}: one of f32, f16, q8_0")
    typer.echo(llama_gguf(adapter or SHIPPED_ADAPTER, base_model, kind))  # type: ignore[arg-type]


def register(app: typer.Typer) -> None:
    app.command("gguf")(gguf)
