"""`validate_flow`: every problem of a flow against the platform catalog, never an exception.

Shape first (pydantic, code `schema`), then the catalog checks on whatever parsed:
definitions and scopes, input names, order and nesting, pills, input values, and literal
credentials (`literal_secret`, `schemas.validation.secrets`). Placeholder steps come back as warnings
(`placeholder`); `errors` / `is_valid` (schemas.problems) are what every validity decision counts.
"""

from schemas.catalog import Catalog, default_catalog
from schemas.problems import Problem, errors, is_valid
from schemas.validation.context import ValidationContext
from schemas.validation.definitions import definition_problems, input_name_problems
from schemas.validation.inputs import input_value_problems
from schemas.validation.nesting import nesting_problems
from schemas.validation.paths import sort_key
from schemas.validation.placeholders import placeholder_problems
from schemas.validation.secrets import secret_problems
from schemas.validation.shape import schema_problems
from schemas.validation.structure import order_problems
from schemas.validation.view import flow_view
from schemas.workflow import Flow

__all__ = ["errors", "is_valid", "validate_flow"]


def validate_flow(flow: dict | Flow, catalog: Catalog | None = None) -> list[Problem]:
    """Every problem in `flow` (a dict from JSON, or a `Flow`), errors and warnings. Never raises.

    The flow is valid when none is an error (`is_valid`); placeholder steps are warnings only.
    """
    problems: list[Problem] = []
    try:
        raw = flow.to_json() if isinstance(flow, Flow) else flow
        problems += schema_problems(raw)
        problems += _catalog_problems(raw, catalog or default_catalog())
    except Exception as exc:  # noqa: BLE001 - the contract is to report, never raise
        problems.append(Problem(code="internal_error", path="", message=f"validator failed: {exc!r}"))
    return sorted(_unique(problems), key=lambda p: sort_key(p.path))


def _catalog_problems(raw: object, catalog: Catalog) -> list[Problem]:
    ctx = ValidationContext(catalog, flow_view(raw))
    problems = order_problems(ctx.view) + nesting_problems(ctx) + secret_problems(ctx) + placeholder_problems(ctx)
    for node in ctx.nodes():
        problems += definition_problems(ctx, node)
        problems += input_name_problems(ctx, node)
        problems += input_value_problems(ctx, node)
    return problems


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: dict[tuple[str, str, str], Problem] = {}
    for problem in problems:
        seen.setdefault((problem.code, problem.path, problem.message), problem)
    return list(seen.values())
