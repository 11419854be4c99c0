"""A flow spec: steps with symbolic step references, rendered to flow JSON.

Inputs refer to earlier steps as `{{@key.output...}}`; `render` numbers the steps in
pre-order and rewrites those to `{{N.output...}}`, so edits never renumber by hand.
"""

import re

from pydantic import Field

from schemas.base import StrictModel
from schemas.catalog import default_catalog
from schemas.datagen.triggers import Trig
from schemas.workflow import Flow

_REF_RE = re.compile(r"\{\{@([A-Za-z0-9_]+)\.")


class Step(StrictModel):
    key: str
    category: str = "action"
    definition: str
    inputs: dict[str, str] = Field(default_factory=dict)
    children: list["Step"] = Field(default_factory=list)
    phrase: str = ""
    tag: str = ""


class Spec(StrictModel):
    """One generated flow: trigger, steps and the request parts that describe them."""

    name: str
    trig: Trig
    steps: list[Step]


def walk(steps: list[Step], block: str | None = None):
    """Yield (step, enclosing container key) in pre-order."""
    for step in steps:
        yield step, block
        yield from walk(step.children, step.key)


def _resolve(value: str, orders: dict[str, int]) -> str:
    def sub(match: re.Match) -> str:
        key = match.group(1)
        if key not in orders:
            raise KeyError(f"step reference '@{key}' names no step of the spec")
        return "{{" + str(orders[key]) + "."

    return _REF_RE.sub(sub, value)


def render(spec: Spec, description: str) -> dict:
    """The flow JSON (Flow.to_json()) of a spec."""
    catalog = default_catalog()
    flat = list(walk(spec.steps))
    orders = {step.key: i + 1 for i, (step, _) in enumerate(flat)}
    components = []
    for step, block in flat:
        definition = catalog.definition(step.category, step.definition)
        if definition is None:
            raise KeyError(f"{step.category} '{step.definition}' is not in the catalog")
        comp = {
            "category": step.category,
            "definition": step.definition,
            "scope": definition.scope,
            "order": orders[step.key],
            "inputs": [{"name": k, "value": _resolve(v, orders)} for k, v in step.inputs.items()],
        }
        if block is not None:
            comp["block"] = orders[block]
        components.append(comp)
    trigger = {"type": spec.trig.type, "inputs": [{"name": k, "value": v} for k, v in spec.trig.inputs.items()]}
    flow = {"name": spec.name, "description": description, "trigger": trigger, "components": components}
    return Flow.model_validate(flow).to_json()


def constructs(flow: dict) -> list[str]:
    return sorted({c["definition"] for c in flow["components"]})
