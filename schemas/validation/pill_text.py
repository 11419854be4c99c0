"""Reading pills out of input text: every pill, every malformed one, and the single-pill case."""

import re

from schemas.pills import PILL_RE, Pill, PillError, parse_pill

_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def scan(value: str) -> tuple[list[Pill], list[str]]:
    """The well-formed pills in `value` and a message for each malformed one."""
    pills: list[Pill] = []
    errors: list[str] = []
    for match in PILL_RE.finditer(value):
        try:
            pills.append(parse_pill(match.group(1)))
        except PillError as exc:
            errors.append(str(exc))
    rest = PILL_RE.sub("", value)
    if "{{" in rest or "}}" in rest:
        errors.append(f"unbalanced '{{{{' or '}}}}' in '{value}': a data pill is {{{{source.output[.field...]}}}}")
    return pills, errors


def single_pill(value: str) -> Pill | None:
    """The pill when `value` is exactly one well-formed pill (surrounding blanks allowed), else None."""
    match = PILL_RE.fullmatch(value.strip())
    if match is None:
        return None
    try:
        return parse_pill(match.group(1))
    except PillError:
        return None


def var_name(field: str) -> str | None:
    """The flow variable a field_values field sets: a plain name or a `{{flow_var.name}}` pill."""
    if _NAME_RE.match(field):
        return field
    pill = single_pill(field)
    return pill.output if pill is not None and pill.source == "flow_var" else None
