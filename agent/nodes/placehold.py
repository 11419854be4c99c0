"""The node "placehold", the last resort before a failure: each action step that still has errors in its own
inputs becomes a placeholder step that says what it was and what is wrong with it.

The draft is kept only if that makes it valid (placeholders are warnings), with at most half of its action
steps replaced and none of the current flow's steps (an edit that broke a step the user has fails, and their
flow stays as it was); otherwise the turn fails as before, with the draft's problems. Steps that used a replaced
step's outputs are replaced in turn. Nothing is invented: the placeholder names the step the drafter chose and
the validator's reasons, and the answer says that they must be resolved before the flow is activated.
"""

import copy
import re

from langgraph.runtime import Runtime

from agent.context import Context
from agent.nodes.common import emit, errors_of, validate
from agent.state import State
from agent.unsupported import placeholder_step
from schemas.problems import Problem, errors

_STEP_INPUT = re.compile(r"^/components/(\d+)/(inputs|scope)(/|$)")
_LEAF = ("action", "subflow")
_REFUSED = {"blocked_url", "unsafe_markup", "literal_secret"}  # a safety refusal stays a refusal
MAX_DESCRIPTION = 240


def faulty_steps(flow: dict, problems: list[Problem]) -> dict[int, list[Problem]] | None:
    """{component index: its errors} when every error lies in the inputs of an action or subflow step and none is
    a safety refusal (an address the service will not call, markup, a secret); else None."""
    by_step: dict[int, list[Problem]] = {}
    components = flow.get("components") if isinstance(flow, dict) else None
    for problem in errors(problems):
        match = _STEP_INPUT.match(problem.path)
        if problem.code in _REFUSED or not match or not isinstance(components, list):
            return None
        if int(match[1]) >= len(components):
            return None
        comp = components[int(match[1])]
        if not isinstance(comp, dict) or comp.get("category") not in _LEAF:
            return None
        by_step.setdefault(int(match[1]), []).append(problem)
    return by_step


def _description(comp: dict, problems: list[Problem], ctx: Context) -> str:
    spec = ctx.catalog.definition(str(comp.get("category")), str(comp.get("definition")))
    label = spec.label if spec is not None and spec.label else str(comp.get("definition"))
    why = "; ".join(dict.fromkeys(p.message for p in problems))
    text = f"{label} (could not be completed: {why})"
    return text if len(text) <= MAX_DESCRIPTION else text[: MAX_DESCRIPTION - 1] + "…"


def _replace(flow: dict, index: int, description: str) -> None:
    comp = flow["components"][index]
    step = placeholder_step(comp.get("order", index + 1), description)
    if "block" in comp:
        step["block"] = comp["block"]
    flow["components"][index] = step


def _key(comp: dict) -> tuple:
    """A step as the current flow would have it: its number and definition."""
    return comp.get("order"), comp.get("definition")


def _steps(flow: dict | None) -> set[tuple]:
    components = flow.get("components") if isinstance(flow, dict) else None
    return {_key(c) for c in components or [] if isinstance(c, dict)}


def placehold(state: State, runtime: Runtime[Context]) -> dict:
    ctx = runtime.context
    flow, problems, unresolved = copy.deepcopy(state.draft), errors_of(state), []
    leaves = sum(1 for c in (flow or {}).get("components", []) if isinstance(c, dict) and c.get("category") in _LEAF)
    current = _steps(state.flow)
    while problems:
        steps = faulty_steps(flow, problems)
        theirs = any(_key(flow["components"][i]) in current for i in steps or {})
        if not steps or theirs or len(unresolved) + len(steps) > leaves // 2:
            return {"placeheld": True}  # the turn fails with the draft's own problems
        for index, step_problems in steps.items():
            description = _description(flow["components"][index], step_problems, ctx)
            _replace(flow, index, description)
            unresolved.append(f"step {flow['components'][index]['order']}: {description}")
        problems = errors(validate(flow, runtime))
    events = emit(state.events, runtime, "placeholding", steps=len(unresolved))
    return {"draft": flow, "placeheld": True, "unresolved": unresolved, "path": "placeholders", "events": events}
