"""Drop optional inputs whose data pills point at nothing (a missing step, output or variable)."""

from agent.flowdict import components, definition, inputs, trigger_definition
from schemas.catalog import Catalog
from schemas.pills import Pill, PillError, pills_in


def _flow_vars(comp: dict) -> set[str]:
    """Variable names a SETFLOWVARIABLES component defines (`x=...^y=...`)."""
    if comp.get("definition") != "SETFLOWVARIABLES":
        return set()
    values = [i.get("value") for i in inputs(comp) if i["name"] == "variables"]
    text = values[0] if values and isinstance(values[0], str) else ""
    return {part.split("=", 1)[0].strip() for part in text.split("^") if "=" in part}


def _resolves(pill: Pill, earlier: dict[int, set[str] | None], trigger_outputs: set[str] | None, flow_vars: set[str]) -> bool:
    """Unknown definitions (None outputs) get the benefit of the doubt."""
    if pill.source == "trigger":
        return trigger_outputs is None or pill.output in trigger_outputs
    if pill.source == "flow_var":
        return pill.output in flow_vars
    if pill.step not in earlier:
        return False
    outputs = earlier[pill.step]
    return outputs is None or pill.output in outputs


def _dangling(value: object, *scope: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return not all(_resolves(p, *scope) for p in pills_in(value))
    except PillError:
        return True


def drop_dangling(flow: dict, catalog: Catalog) -> list[str]:
    """Remove optional inputs with unresolvable pills, in place; required ones are left to repair."""
    trig_spec = trigger_definition(flow, catalog)
    trigger_outputs = set(trig_spec.outputs) if trig_spec else None
    earlier: dict[int, set[str] | None] = {}
    flow_vars: set[str] = set()
    notes = []
    for comp in components(flow):
        spec = definition(comp, catalog)
        if spec is not None and isinstance(comp.get("inputs"), list):
            drop = {
                i["name"] for i in inputs(comp)
                if i["name"] in spec.inputs and not spec.inputs[i["name"]].required
                and _dangling(i.get("value"), earlier, trigger_outputs, flow_vars)
            }
            comp["inputs"] = [i for i in comp["inputs"] if not (isinstance(i, dict) and i.get("name") in drop)]
            notes += [f"component {comp.get('order')}: dropped optional input '{n}' (dangling data pill)" for n in sorted(drop)]
        if type(comp.get("order")) is int:
            earlier[comp["order"]] = set(spec.outputs) if spec else None
        flow_vars |= _flow_vars(comp)
    return notes
