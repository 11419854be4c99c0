"""Whether a value fits a catalog type: literal formats, and which pill types an input kind accepts."""

import re
from datetime import datetime
from urllib.parse import urlparse

from schemas.catalog import TypeSpec
from schemas.pills import PILL_RE

_INTEGER = re.compile(r"^-?[0-9]+$")
_DURATION = re.compile(r"^([0-9]+d )?[0-9]{2}:[0-5][0-9]:[0-5][0-9]$")
_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$")
_EMAIL_CHARS = re.compile(r"[^@\s,]+")  # one run of address characters (fullmatch: linear, no backtracking)
_SYS_ID = re.compile(r"^[0-9a-f]{32}$")
EMAIL_TABLES = frozenset({"sys_user", "sys_user_group"})
# Kinds whose value may mix literal text and pills; every other checked kind takes a literal or one pill.
MIXED_KINDS = frozenset({"string", "email", "url", "condition", "field_values"})


def _date_time(value: str) -> bool:
    try:
        datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return False
    return True


def _email(address: str) -> bool:
    """local@domain with a dot inside the domain (not first or last): `[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+`,
    checked in linear time (that pattern backtracks quadratically on `a@.....@`)."""
    local, at, domain = address.partition("@")
    return bool(at and _EMAIL_CHARS.fullmatch(local) and _EMAIL_CHARS.fullmatch(domain) and "." in domain[1:-1])


def _emails(value: str) -> bool:
    return all("{{" in part or _email(part.strip()) for part in value.split(","))


def _url(value: str) -> bool:
    if value.startswith("{{"):
        return True
    parsed = urlparse(PILL_RE.sub("x", value))
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


_LITERALS = {
    "integer": (_INTEGER.match, "a whole number"),
    "boolean": (lambda v: v in ("true", "false"), "true or false"),
    "duration": (_DURATION.match, "a duration HH:MM:SS or Nd HH:MM:SS"),
    "time": (_TIME.match, "a time of day HH:MM:SS"),
    "date_time": (_date_time, "a date and time YYYY-MM-DD HH:MM:SS"),
    "email": (_emails, "email addresses separated by commas, or data pills"),
    "url": (_url, "an http:// or https:// URL"),
    "record": (_SYS_ID.match, "one data pill of a record (or a reference field) or a 32-hex sys_id"),
    "records": (lambda v: False, "one data pill of a records output"),
    "pill": (lambda v: False, "one data pill"),
}


def literal_error(kind: str, value: str) -> str | None:
    """Why a literal value (pills allowed only for MIXED_KINDS) does not fit `kind`, or None."""
    check = _LITERALS.get(kind)
    if check is None or check[0](value):
        return None
    return f"'{value}' is not {check[1]}"


def expected(kind: str) -> str:
    return _LITERALS[kind][1] if kind in _LITERALS else kind


def pill_fits(target: TypeSpec, source: TypeSpec) -> bool:
    """Whether a pill of type `source` may fill an input or field of type `target` (choices aside)."""
    kind = "string" if source.kind == "journal" else source.kind
    if target.kind == "record":
        return kind in ("record", "ref")
    if target.kind == "records":
        return kind == "records"
    if target.kind == "table":
        return kind == "string"
    if (target.kind not in _LITERALS and target.kind != "choice") or kind == "string":
        return True
    if target.kind == "email":
        return kind == "email" or (kind in ("record", "ref") and source.table in EMAIL_TABLES)
    if target.kind == "integer" and kind == "choice":
        return all(_INTEGER.match(c) for c in source.choices)
    return target.kind == "pill" or kind == target.kind


def choices_fit(target: TypeSpec, source: TypeSpec) -> bool:
    """A choice pill fits a choice input when every value it can take is allowed."""
    return source.kind != "choice" or set(source.choices) <= set(target.choices)
