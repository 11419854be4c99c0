"""`flowsmith train`: LoRA fine-tuning from a recipe."""

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def train(
        recipe: Path = typer.Option(..., exists=True, dir_okay=False, help="YAML recipe (mirrors TrainArgs)"),
        set_: list[str] = typer.Option([], "--set", help="override a recipe key: --set max_steps=10"),
    ) -> None:
        """Fine-tune the drafter with LoRA; resumes from the last checkpoint in output_dir."""
        import yaml

        from models.train import train as run
        from models.train_args import load_recipe

        overrides = {}
        for item in set_:
            key, eq, value = item.partition("=")
            if not eq:
                raise typer.BadParameter(f"--set expects key=value, got '{item}'")
            overrides[key] = yaml.safe_load(value)
        try:
            args = load_recipe(recipe, overrides)
        except (ValueError, TypeError) as err:
            raise typer.BadParameter(str(err)) from err
        state = run(args, args.lora.peft_config())
        typer.echo(f"trained {state['step']} steps, {state['tokens']} tokens; final eval: {state.get('final_eval')}")
