"""Data pills: references to earlier data inside input values.

`{{trigger.current.caller_id}}` (the trigger's output), `{{3.record.manager.email}}`
(step 3's output `record`, dot-walked), `{{flow_var.approver}}` (a flow variable).
"""

import re
from typing import Literal

from schemas.base import StrictModel

PILL_RE = re.compile(r"\{\{([^{}]*)\}\}")
_STEP_RE = re.compile(r"^[1-9][0-9]*$")
_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class PillError(ValueError):
    """A `{{...}}` that names no known source."""


class Pill(StrictModel):
    source: Literal["trigger", "step", "flow_var"]
    step: int | None = None
    output: str
    path: list[str] = []

    def __str__(self) -> str:
        head = {"trigger": "trigger", "flow_var": "flow_var"}.get(self.source, str(self.step))
        return "{{" + ".".join([head, self.output, *self.path]) + "}}"


def parse_pill(body: str) -> Pill:
    """Parse the text between the braces of one pill."""
    parts = body.strip().split(".")
    if len(parts) < 2 or not all(_NAME_RE.match(p) for p in parts[1:]):
        raise PillError(f"data pill '{{{{{body}}}}}' must look like source.output[.field...]")
    head, output, path = parts[0], parts[1], parts[2:]
    if head == "trigger":
        return Pill(source="trigger", output=output, path=path)
    if head == "flow_var":
        if path:
            raise PillError(f"flow variable pill '{{{{{body}}}}}' takes no field path")
        return Pill(source="flow_var", output=output)
    if _STEP_RE.match(head):
        return Pill(source="step", step=int(head), output=output, path=path)
    raise PillError(f"data pill '{{{{{body}}}}}' must start with trigger, flow_var or a step number")


def parse_value(value: str) -> list[str | Pill]:
    """Split a value into literal text and pills; raises PillError on a bad pill."""
    segments: list[str | Pill] = []
    pos = 0
    for match in PILL_RE.finditer(value):
        if match.start() > pos:
            segments.append(value[pos : match.start()])
        segments.append(parse_pill(match.group(1)))
        pos = match.end()
    if pos < len(value):
        segments.append(value[pos:])
    return segments


def pills_in(value: str) -> list[Pill]:
    return [s for s in parse_value(value) if isinstance(s, Pill)]
