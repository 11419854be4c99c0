"""Property tests: the validator never raises; patches always reproduce the new document."""

import copy
import json

from hypothesis import example, given, settings
from hypothesis import strategies as st

from agent.patches import apply_checked, make_patch
from plugin.testing.flows import NOTIFY
from schemas.problems import Problem
from schemas.validate import validate_flow

scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8)
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=30,
)
VOCAB = [
    "trigger",
    "components",
    "inputs",
    "name",
    "value",
    "order",
    "block",
    "category",
    "definition",
    "scope",
    "type",
    "IF",
    "ELSE",
    "FOREACH",
    "log",
    "look_up_record",
    "table",
    "incident",
    "action",
    "flowlogic",
    "subflow",
    "{{trigger.current.caller_id}}",
    "{{1.record.email}}",
    "{{flow_var.x}}",
    "{{9.nope}}",
    "priority=1^ORactive=true",
    "{{",
    "}}",
    "^",
    "global",
    0,
    1,
    -1,
    3,
    None,
    True,
    "",
]


@st.composite
def mutated_flows(draw) -> dict:
    """NOTIFY with a few values deep inside replaced by vocabulary or arbitrary JSON."""
    flow = copy.deepcopy(NOTIFY)
    for _ in range(draw(st.integers(1, 4))):
        node = flow
        while isinstance(node, (dict, list)) and node and draw(st.booleans()):
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            key = draw(st.sampled_from(keys))
            if not isinstance(node[key], (dict, list)):
                node[key] = draw(st.sampled_from(VOCAB) | json_values)
                break
            node = node[key]
    return flow


def strict(value: object) -> str:
    """A canonical JSON text: tells 1 from 1.0 from true, unlike ==."""
    return json.dumps(value, sort_keys=True)


@settings(max_examples=200, deadline=None)
@given(json_values)
@example({"³": []})  # found by the API fuzzer: "³".isdigit() but int("³") raises
def test_validate_flow_never_raises_on_any_json(value):
    problems = validate_flow(value)
    assert isinstance(problems, list) and all(isinstance(p, Problem) for p in problems)
    assert problems  # nothing arbitrary is a valid flow


@settings(max_examples=200, deadline=None)
@given(mutated_flows())
def test_validate_flow_never_raises_on_near_flows(flow):
    problems = validate_flow(flow)
    assert all(isinstance(p, Problem) and (p.path == "" or p.path.startswith("/")) for p in problems)
    assert not any(p.code == "internal_error" for p in problems), problems


@settings(max_examples=300, deadline=None)
@given(json_values, json_values)
def test_a_patch_reproduces_any_new_document(current, new):
    current = current if current is not None else {}
    assert strict(apply_checked(current, make_patch(current, new))) == strict(new)


@settings(max_examples=200, deadline=None)
@given(mutated_flows(), mutated_flows())
def test_a_patch_reproduces_any_new_flow(current, new):
    patch = make_patch(current, new)
    assert strict(apply_checked(current, patch)) == strict(new)
    assert make_patch(None, new) == make_patch({}, new)
