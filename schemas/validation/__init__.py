"""Flow validation against the catalog, split by concern; the entry point is `schemas.validate.validate_flow`.

The names below are the public surface other packages (the fix engine in `agent.fixes`) use to read
a flow the way the validator does; import them from here, not from the submodules.
"""

from schemas.validation.context import ValidationContext
from schemas.validation.inputs import lineage, related
from schemas.validation.pill_refs import Finding, resolve, resolve_quietly, table_of
from schemas.validation.pill_text import scan, single_pill, var_name
from schemas.validation.view import Node, flow_view

__all__ = [
    "ValidationContext",
    "Finding",
    "Node",
    "flow_view",
    "lineage",
    "related",
    "resolve",
    "resolve_quietly",
    "scan",
    "single_pill",
    "table_of",
    "var_name",
]
