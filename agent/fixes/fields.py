"""Nearest valid field paths on a table, for data pills and encoded-query terms that name a missing field."""

import difflib

from schemas.catalog import Catalog, FieldSpec

FIELD_CUTOFF = 0.75
MAX_PATHS = 12
# What a record is called when a text needs "the record": its number, else its name.
_DISPLAY = ("number", "name", "asset_tag", "display_name", "short_description", "user_name")


def close_fields(name: str, fields: dict[str, FieldSpec]) -> list[str]:
    return difflib.get_close_matches(name.lower(), list(fields), n=3, cutoff=FIELD_CUTOFF)


def display_field(catalog: Catalog, table: str) -> str | None:
    """The field that names a record in a text: its number, name or tag."""
    fields = catalog.fields(table)
    named = [f for f in _DISPLAY if f in fields]
    strings = [f for f, spec in fields.items() if spec.type.kind == "string" and f != "sys_id"]
    return (named or strings or [None])[0]


def _refs(fields: dict[str, FieldSpec]) -> list[tuple[str, str]]:
    return [(name, spec.type.table) for name, spec in fields.items() if spec.type.kind == "ref" and spec.type.table]


def _tails(catalog: Catalog, spec: FieldSpec, rest: list[str], display: bool) -> list[list[str]]:
    if not rest:
        return [[]]
    if spec.type.kind != "ref" or spec.type.table is None:
        return []
    return path_candidates(catalog, spec.type.table, rest, display)


def path_candidates(catalog: Catalog, table: str, path: list[str], display: bool = False) -> list[list[str]]:
    """Valid paths near `path` on `table`, nearest first: the path itself when it resolves, close field
    names, the path without a missing hop, a reference field that leads to the rest, and (with
    `display`) the record's display field in place of a missing last field."""
    if not path:
        return [[]]
    fields = catalog.fields(table)
    head, rest = path[0], path[1:]
    found: list[list[str]] = []
    for name in [head] if head in fields else close_fields(head, fields):
        found += [[name, *tail] for tail in _tails(catalog, fields[name], rest, display)]
    if head not in fields:
        if rest:
            found += path_candidates(catalog, table, rest)
        tail = rest or [head]
        ranked = sorted(_refs(fields), key=lambda ref: -difflib.SequenceMatcher(None, head, ref[0]).ratio())
        found += [[ref, *tail] for ref, target in ranked if catalog.resolve_field(target, tail) is not None]
    if display and not rest and not found and (name := display_field(catalog, table)):
        found.append([name])
    unique: list[list[str]] = []
    for candidate in found:
        if candidate not in unique:
            unique.append(candidate)
    return unique[:MAX_PATHS]
