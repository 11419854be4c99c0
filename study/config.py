"""The benchmark's systems file: which systems run, with which parameters and prices."""

from pathlib import Path
from typing import Literal

import yaml
from pydantic import ValidationError

from schemas.base import StrictModel

Kind = Literal["slm", "slm-agent", "prompted-local", "prompted-chat", "openai"]
REMOTE_KINDS = ("prompted-chat", "openai")  # served elsewhere: safe to call from several threads
DEFAULT_SYSTEMS = Path(__file__).resolve().parent / "systems.yaml"


class SystemConfig(StrictModel):
    name: str
    kind: Kind
    description: str = ""
    params: dict = {}
    price_in_per_1k: float | None = None  # USD per 1k prompt tokens
    price_out_per_1k: float | None = None  # USD per 1k output tokens

    @property
    def remote(self) -> bool:
        return self.kind in REMOTE_KINDS


class SystemsFile(StrictModel):
    systems: list[SystemConfig]


def load_systems(path: str | Path = DEFAULT_SYSTEMS) -> list[SystemConfig]:
    """The systems of a YAML file `{systems: [...]}`; raises ValueError naming the file and the problem."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        systems = SystemsFile.model_validate(data).systems
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ValueError(f"{path}: not a systems file: {exc}") from exc
    names = [s.name for s in systems]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"{path}: duplicate system names {duplicates}")
    return systems


def select_systems(systems: list[SystemConfig], names: list[str]) -> list[SystemConfig]:
    """The named systems in the order asked; raises ValueError for a name the file lacks."""
    by_name = {s.name: s for s in systems}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise ValueError(f"unknown systems {unknown}; the config defines {sorted(by_name)}")
    return [by_name[n] for n in names]
