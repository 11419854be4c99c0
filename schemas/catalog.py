"""The platform catalog: tables, triggers, flow logic, actions and subflows.

A catalog is data (`schemas/catalogs/*.yaml`); a second platform is a second file.
Type strings are compact in the file (`choice[a,b]`, `ref:sys_user`, `record:@table`)
and parsed here into `TypeSpec`.
"""

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field, field_validator

from schemas.base import StrictModel

CATALOG_DIR = Path(__file__).parent / "catalogs"
DEFAULT_CATALOG = CATALOG_DIR / "servicenow.yaml"
# The catalog-level placeholder action: a step the catalog cannot do yet, described, to be replaced before
# activation. The validator warns about it; drafters never emit it (models.grammar leaves it out).
PLACEHOLDER = "placeholder"


class TypeSpec(StrictModel):
    """`kind` plus, for choices, the allowed values; for refs/records, the table.

    `table_from` names the input whose value gives the table (`record:@table`).
    """

    kind: str
    choices: list[str] = []
    table: str | None = None
    table_from: str | None = None

    @classmethod
    def parse(cls, text: str) -> "TypeSpec":
        if text.startswith("choice[") and text.endswith("]"):
            return cls(kind="choice", choices=[c.strip() for c in text[7:-1].split(",")])
        kind, _, target = text.partition(":")
        if not target:
            return cls(kind=kind)
        if target.startswith("@"):
            return cls(kind=kind, table_from=target[1:])
        return cls(kind=kind, table=target)


def _type(value: object) -> object:
    return TypeSpec.parse(value) if isinstance(value, str) else value


class InputSpec(StrictModel):
    type: TypeSpec
    required: bool = False
    pills: bool = False  # condition/field_values whose fields are data pills
    table: str | None = None  # fixed table for a condition input

    _parse = field_validator("type", mode="before")(_type)


class Definition(StrictModel):
    label: str = ""
    scope: str = "global"
    inputs: dict[str, InputSpec] = {}
    outputs: dict[str, TypeSpec] = {}

    @field_validator("outputs", mode="before")
    @classmethod
    def _parse_outputs(cls, value: dict) -> dict:
        return {k: _type(v) for k, v in (value or {}).items()}


class TriggerDef(Definition):
    kind: Literal["record", "schedule", "application"]


class FlowLogicDef(Definition):
    container: bool = False
    follows: list[str] = []  # must come right after one of these in the same block
    inside: list[str] = []  # must have one of these as an ancestor


class FieldSpec(StrictModel):
    type: TypeSpec


class Table(StrictModel):
    label: str = ""
    extends: str | None = None
    fields: dict[str, FieldSpec] = {}

    @field_validator("fields", mode="before")
    @classmethod
    def _parse_fields(cls, value: dict) -> dict:
        return {k: {"type": TypeSpec.parse(v)} if isinstance(v, str) else v for k, v in value.items()}


class Catalog(StrictModel):
    platform: str
    version: str
    format_version: str
    tables: dict[str, Table]
    triggers: dict[str, TriggerDef]
    flowlogic: dict[str, FlowLogicDef]
    actions: dict[str, Definition]
    subflows: dict[str, Definition] = Field(default_factory=dict)
    # What a flow names instead of a literal credential (validation messages and fix notes point to it).
    credentials: str = "a credential reference"

    def definition(self, category: str, name: str) -> Definition | None:
        """The catalog entry for a component's category and definition name."""
        group = {"action": self.actions, "flowlogic": self.flowlogic, "subflow": self.subflows}
        return group.get(category, {}).get(name)

    def fields(self, table: str) -> dict[str, FieldSpec]:
        """All fields of a table, inherited ones included (empty for an unknown table)."""
        spec = self.tables.get(table)
        if spec is None:
            return {}
        inherited = self.fields(spec.extends) if spec.extends else {}
        return {**inherited, **spec.fields}

    def resolve_field(self, table: str, path: list[str]) -> FieldSpec | None:
        """Follow a dot-walk (`caller_id.manager.email`) through references; None if broken."""
        spec: FieldSpec | None = None
        for i, name in enumerate(path):
            spec = self.fields(table).get(name)
            if spec is None:
                return None
            if i < len(path) - 1:
                if spec.type.kind != "ref" or spec.type.table is None:
                    return None
                table = spec.type.table
        return spec


def load_catalog(path: str | Path) -> Catalog:
    """Load and check a catalog file; raises pydantic.ValidationError with paths on bad data."""
    with open(path, encoding="utf-8") as handle:
        return Catalog.model_validate(yaml.safe_load(handle))


@cache
def default_catalog() -> Catalog:
    return load_catalog(DEFAULT_CATALOG)
