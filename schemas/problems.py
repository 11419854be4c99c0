"""A validation problem: machine-readable code, JSON-pointer path, human message."""

from schemas.base import StrictModel


class Problem(StrictModel):
    code: str
    path: str  # RFC 6901 JSON pointer into the flow, e.g. /components/2/inputs/0/value
    message: str

    def __str__(self) -> str:
        return f"{self.path or '/'}: [{self.code}] {self.message}"
