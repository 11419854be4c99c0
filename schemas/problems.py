"""A validation problem: machine-readable code, JSON-pointer path, human message, severity."""

from typing import Literal

from schemas.base import StrictModel

Severity = Literal["error", "warning"]  # an error makes a flow invalid; a warning is resolved before activation


class Problem(StrictModel):
    code: str
    path: str  # RFC 6901 JSON pointer into the flow, e.g. /components/2/inputs/0/value
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        tag = f"{self.code}, warning" if self.severity == "warning" else self.code
        return f"{self.path or '/'}: [{tag}] {self.message}"


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that make a flow invalid: every validity decision counts these, never warnings."""
    return [p for p in problems if p.severity == "error"]


def is_valid(problems: list[Problem]) -> bool:
    """No errors among `problems` (warnings, such as placeholder steps, leave a flow valid)."""
    return not errors(problems)
