"""validate_flow: valid flows give [], junk never raises, shape errors become `schema` problems."""

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas.catalog import default_catalog
from schemas.validate import validate_flow
from schemas.workflow import Flow
from tests.schemas.conftest import make_step, pairs, rich_flow, schedule_flow


def test_rich_valid_flow_has_no_problems(valid_flow_dict):
    assert validate_flow(valid_flow_dict) == []


def test_schedule_flow_with_try_catch_and_loop_is_valid(schedule_flow_dict):
    assert validate_flow(schedule_flow_dict) == []


def test_accepts_a_flow_model_and_an_explicit_catalog(valid_flow_dict):
    assert validate_flow(Flow.model_validate(valid_flow_dict), default_catalog()) == []


def test_validation_does_not_modify_the_input(valid_flow_dict):
    before = copy.deepcopy(valid_flow_dict)
    validate_flow(valid_flow_dict)
    assert valid_flow_dict == before


def test_non_object_flow_is_a_schema_problem_at_the_root():
    assert pairs(None) == [("schema", "")]
    assert pairs([]) == [("schema", "")]


def test_missing_trigger_and_bad_trigger_type():
    assert pairs({"components": []}) == [("schema", "/trigger")]
    assert pairs({"trigger": 5}) == [("schema", "/trigger")]


def test_schema_paths_skip_the_discriminator_tag(valid_flow_dict):
    valid_flow_dict["components"][0]["order"] = "first"
    valid_flow_dict["components"][1]["category"] = "logic"
    valid_flow_dict["components"][2]["colour"] = "red"
    problems = pairs(valid_flow_dict)
    assert ("schema", "/components/0/order") in problems
    assert ("schema", "/components/1/category") in problems
    assert ("schema", "/components/2/colour") in problems


def test_catalog_checks_still_run_when_the_shape_is_broken(valid_flow_dict):
    valid_flow_dict["name"] = 7
    valid_flow_dict["components"][0]["definition"] = "look_up_recrod"
    assert pairs(valid_flow_dict) == [("unknown_action", "/components/0/definition"), ("schema", "/name")]


def test_non_string_input_value_is_schema_only_not_missing(valid_flow_dict):
    valid_flow_dict["components"][0]["inputs"][1]["value"] = 3
    assert pairs(valid_flow_dict) == [("schema", "/components/0/inputs/1/value")]


def test_every_problem_is_reported_sorted_by_path(valid_flow_dict):
    valid_flow_dict["components"][9]["definition"] = "send_mail"
    valid_flow_dict["components"][0]["inputs"][0]["value"] = "sys_usr"
    valid_flow_dict["trigger"]["type"] = "record_created"
    valid_flow_dict["components"][10:] = [copy.deepcopy(valid_flow_dict["components"][9])]
    valid_flow_dict["components"][10]["order"] = 11
    assert pairs(valid_flow_dict) == [
        ("unknown_table", "/components/0/inputs/0/value"),
        ("unknown_action", "/components/9/definition"),
        ("unknown_action", "/components/10/definition"),
        ("unknown_trigger", "/trigger/type"),
    ]


def test_problem_messages_say_what_is_wrong(valid_flow_dict):
    valid_flow_dict["components"][0]["definition"] = "look_up_recrod"
    (problem,) = validate_flow(valid_flow_dict)
    assert "look_up_recrod" in problem.message and "look_up_record" in problem.message


def _daily(*components: object) -> dict:
    return {"trigger": {"type": "daily"}, "components": list(components)}


_LOOP_A = make_step("flowlogic", "FOREACH", 2, block=1, items="{{1.item}}")
_LOOP_B = make_step("flowlogic", "FOREACH", 1, block=2, items="{{2.item}}")
_SET = make_step("flowlogic", "SETFLOWVARIABLES", 1, variables="a={{flow_var.a}}")
_UNORDERED = make_step("action", "log", 1, message="{{flow_var.a}}{{{{}}}}}}")
del _UNORDERED["order"]

JUNK = [
    None,
    [],
    "flow",
    3,
    2.5,
    True,
    {},
    {"trigger": 5},
    {"trigger": {"type": 5}},
    {"trigger": {"type": "record_create", "inputs": "table"}},
    {"trigger": {"type": "record_create", "inputs": [5, None, {"name": 1}]}},
    {"trigger": {}, "components": {"0": 1}},
    _daily(None, 1, "x", [], {"category": ["action"]}),
    {
        "trigger": {"type": ["daily"]},
        "components": [{"category": "action", "definition": {}, "order": [], "block": {}}],
    },
    _daily(make_step("flowlogic", "IF", 1, block=1)),
    _daily(_LOOP_A, _LOOP_B),
    _daily(_SET, copy.deepcopy(_SET), _UNORDERED),
    _daily([[[[[[[[]]]]]]]]),
]


def test_never_raises_on_junk():
    for junk in JUNK:
        problems = validate_flow(junk)
        assert problems, junk
        assert "internal_error" not in {p.code for p in problems}, junk


def test_never_raises_on_deep_garbage():
    deep: object = "x"
    for _ in range(500):
        deep = {"components": [deep], "trigger": [deep]}
    problems = validate_flow(deep)
    assert problems and "internal_error" not in {p.code for p in problems}


_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=12)
    | st.sampled_from(["{{1.record}}", "{{trigger.current.caller_id}}", "{{flow_var.x}}", "priority=1", "incident"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "trigger",
                    "components",
                    "type",
                    "inputs",
                    "name",
                    "value",
                    "category",
                    "definition",
                    "order",
                    "block",
                    "scope",
                    "x",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_json)
def test_never_raises_on_arbitrary_json(value):
    assert "internal_error" not in {p.code for p in validate_flow(value)}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_never_raises_on_mutated_valid_flows(data):
    flow = data.draw(st.sampled_from([rich_flow, schedule_flow]))()
    component = data.draw(st.sampled_from(flow["components"]))
    key = data.draw(st.sampled_from(sorted(component)))
    component[key] = data.draw(_json)
    assert "internal_error" not in {p.code for p in validate_flow(flow)}
