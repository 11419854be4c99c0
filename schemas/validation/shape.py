"""Shape checks: pydantic's errors on `Flow` turned into `schema` problems with JSON-pointer paths."""

from pydantic import ValidationError

from schemas.problems import Problem
from schemas.validation.paths import pointer
from schemas.workflow import Flow

_CATEGORIES = {"action", "flowlogic", "subflow"}
_TAG_ERRORS = {"union_tag_invalid", "union_tag_not_found"}


def loc_parts(loc: tuple, error_type: str) -> list[str | int]:
    """A pydantic `loc` as path parts: drops the discriminator tag pydantic inserts after a component index."""
    parts = list(loc)
    if len(parts) > 2 and parts[0] == "components" and parts[2] in _CATEGORIES:
        del parts[2]
    if error_type in _TAG_ERRORS:
        parts.append("category")
    return parts


def schema_problems(raw: object) -> list[Problem]:
    """Every shape error pydantic finds in `raw`, as `schema` problems."""
    try:
        Flow.model_validate(raw)
    except ValidationError as exc:
        return [
            Problem(code="schema", path=pointer(*loc_parts(err["loc"], err["type"])), message=err["msg"])
            for err in exc.errors()
        ]
    return []
