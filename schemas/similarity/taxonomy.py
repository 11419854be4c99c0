"""Error taxonomy: which of a fixed list of mistakes a prediction makes against its reference."""

from schemas.catalog import Catalog, Definition, default_catalog
from schemas.similarity.align import align_steps, nesting_differs, parents, renumber_steps
from schemas.similarity.parse import parse_prediction, require_flow
from schemas.similarity.queries import CONDITION_KINDS, canonical_query, definition_spec, query_inputs
from schemas.similarity.steps import ordered_components, step_labels
from schemas.workflow import Flow, Input, Trigger, input_map

CATEGORIES = (
    "invalid_json",
    "schema_invalid",
    "wrong_trigger_type",
    "wrong_table",
    "wrong_trigger_condition",
    "missing_step",
    "extra_step",
    "wrong_action",
    "wrong_nesting_or_order",
    "wrong_input_value",
    "missing_input",
    "extra_input",
    "wrong_condition",
    "hallucinated_item",
)
_TRIGGER_KEYS = ("table", "condition")


def error_taxonomy(pred: object, ref: object, catalog: Catalog | None = None) -> list[str]:
    """The CATEGORIES `pred` falls into against `ref`, in CATEGORIES order; [] means correct.

    A prediction that is not JSON or not a flow gets only invalid_json or schema_invalid.
    Raises ValueError when `ref` is not a valid flow.
    """
    reference = require_flow(ref, "error_taxonomy")
    flow, stage = parse_prediction(pred)
    if flow is None:
        return [stage]
    catalog = catalog or default_catalog()
    errors = _trigger_errors(flow.trigger, reference.trigger, catalog) | _step_errors(flow, reference, catalog)
    if _fails_validation(flow, catalog):
        errors.add("schema_invalid")
    if _hallucinated(flow, catalog):
        errors.add("hallucinated_item")
    return [c for c in CATEGORIES if c in errors]


def _fails_validation(flow: Flow, catalog: Catalog) -> bool:
    """Whether the validator reports problems; skipped (False) while schemas.validate is not there."""
    try:
        from schemas.validate import validate_flow
    except ImportError:
        return False
    return bool(validate_flow(flow, catalog))


def _trigger_errors(pred: Trigger, ref: Trigger, catalog: Catalog) -> set[str]:
    errors = set() if pred.type == ref.type else {"wrong_trigger_type"}
    p, r = input_map(pred.inputs), input_map(ref.inputs)
    if pred.type != ref.type and not ("table" in p and "table" in r):
        return errors  # different kinds of trigger: their inputs do not compare
    if p.get("table") != r.get("table"):
        errors.add("wrong_table")
    conditions = p.get("condition"), r.get("condition")
    if None not in conditions:
        conditions = tuple(canonical_query(c) for c in conditions)
    if conditions[0] != conditions[1]:
        errors.add("wrong_trigger_condition")
    if pred.type == ref.type:
        rest_p = [i for i in pred.inputs if i.name not in _TRIGGER_KEYS]
        rest_r = [i for i in ref.inputs if i.name not in _TRIGGER_KEYS]
        errors |= _input_errors(rest_p, rest_r, definition_spec(catalog, "trigger", pred.type))
    return errors


def _step_errors(pred: Flow, ref: Flow, catalog: Catalog) -> set[str]:
    labels_p, labels_r = step_labels(pred), step_labels(ref)
    pairs, errors = align_steps(labels_p, labels_r)
    if nesting_differs(pairs, parents(pred), parents(ref)):
        errors.add("wrong_nesting_or_order")
    comps_p, comps_r = ordered_components(pred), ordered_components(ref)
    orders = {comps_p[i].order: comps_r[j].order for i, j in pairs}
    for i, j in pairs:
        if labels_p[i] == labels_r[j]:
            spec = definition_spec(catalog, comps_p[i].category, comps_p[i].definition)
            errors |= _input_errors(comps_p[i].inputs, comps_r[j].inputs, spec, orders)
    return errors


def _input_errors(
    pred: list[Input], ref: list[Input], spec: Definition | None, orders: dict[int, int] | None = None
) -> set[str]:
    """Input errors of a paired step; `orders` renames the prediction's step pills to reference steps."""
    conditions, queries = query_inputs(spec, CONDITION_KINDS), query_inputs(spec)
    p, r = input_map(pred), input_map(ref)
    if orders is not None:
        p = {name: renumber_steps(value, orders) for name, value in p.items()}
    errors = set()
    if r.keys() - p.keys():
        errors.add("missing_input")
    if p.keys() - r.keys():
        errors.add("extra_input")
    for name in p.keys() & r.keys():
        if name in queries:
            same = canonical_query(p[name]) == canonical_query(r[name])
        else:
            same = p[name] == r[name]
        if not same:
            errors.add("wrong_condition" if name in conditions else "wrong_input_value")
    return errors


def _hallucinated(flow: Flow, catalog: Catalog) -> bool:
    """A trigger, component or table (a table-typed input's literal value) the catalog lacks."""
    spec = catalog.triggers.get(flow.trigger.type)
    if spec is None:
        return True
    tables = _tables(flow.trigger.inputs, spec)
    for comp in flow.components:
        spec = catalog.definition(comp.category, comp.definition)
        if spec is None:
            return True
        tables += _tables(comp.inputs, spec)
    return any(t not in catalog.tables for t in tables)


def _tables(inputs: list[Input], spec: Definition) -> list[str]:
    """Literal values of table-typed inputs (values holding pills are left out)."""
    kinds = {name: inp.type.kind for name, inp in spec.inputs.items()}
    return [i.value for i in inputs if kinds.get(i.name) == "table" and "{{" not in i.value]
