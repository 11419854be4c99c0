"""FlowSim: the tree, the costs and the normalisation."""

import json
import random

import pytest

from schemas.similarity import flow_tree, flowsim
from schemas.similarity.flowsim import tree_size
from tests.schemas.similarity_examples import component, example_flow, random_flow, set_input


def labels(node) -> list[str]:
    return [node.label] + [label for child in node.children for label in labels(child)]


def test_tree_nests_blocks_and_expands_conditions():
    tree = flow_tree(example_flow())
    trigger, components = tree.children
    assert trigger.children[0].label == "trigger:record_create"
    assert [c.label for c in components.children] == ["action:look_up_record", "flowlogic:IF"]
    if_node = components.children[1]
    assert [c.label for c in if_node.children] == ["action:send_email", "inputs"]
    condition = if_node.children[1].children[0]
    assert labels(condition) == ["condition", "clause", "op:=", "field:{{1.record.vip}}", "value:true"]
    assert [c.label for c in if_node.children[0].children[0].children] == [
        "body: Hi",
        "subject: P1",
        "to: {{1.record.manager.email}}",
    ]


def test_node_counts():
    assert tree_size(flow_tree(example_flow())) == 24
    assert tree_size(flow_tree(example_flow(), with_inputs=False)) == 4
    assert tree_size(flow_tree(None)) == 0


def test_identical_flows_score_one():
    assert flowsim(example_flow(), example_flow()) == 1.0
    assert flowsim(example_flow(), example_flow(), with_inputs=False) == 1.0


def test_extra_action_costs_its_nodes():
    pred = example_flow()
    pred["components"].append(
        {"category": "action", "definition": "log", "order": 4, "inputs": [{"name": "message", "value": "done"}]}
    )
    # two extra nodes (log, message: done): 1 - 2 / (26 + 24); without inputs 1 - 1 / (5 + 4)
    assert flowsim(pred, example_flow()) == pytest.approx(1 - 2 / 50)
    assert flowsim(pred, example_flow(), with_inputs=False) == pytest.approx(1 - 1 / 9)


def test_changed_definition_costs_two():
    pred = example_flow()
    component(pred, "send_email")["definition"] = "send_notification"
    assert flowsim(pred, example_flow()) == pytest.approx(1 - 2 / 48)
    assert flowsim(pred, example_flow(), with_inputs=False) == pytest.approx(1 - 2 / 8)


def test_changed_trigger_type_costs_two():
    pred = example_flow()
    pred["trigger"]["type"] = "record_update"
    assert flowsim(pred, example_flow()) == pytest.approx(1 - 2 / 48)


def test_changed_input_value_costs_one():
    pred = example_flow()
    set_input(component(pred, "send_email"), "subject", "P2")
    assert flowsim(pred, example_flow()) == pytest.approx(1 - 1 / 48)
    assert flowsim(pred, example_flow(), with_inputs=False) == 1.0


def test_changed_condition_value_costs_one():
    pred = example_flow()
    set_input(pred["trigger"], "condition", "priority=2")
    assert flowsim(pred, example_flow()) == pytest.approx(1 - 1 / 48)


def test_invariant_to_and_term_and_or_alternative_order():
    ref, pred = example_flow(), example_flow()
    set_input(ref["trigger"], "condition", "priority=1^active=true^category=network^ORcategory=software")
    set_input(pred["trigger"], "condition", "category=software^ORcategory=network^active=true^priority=1")
    assert flowsim(pred, ref) == 1.0


def test_or_is_not_and():
    ref, pred = example_flow(), example_flow()
    set_input(ref["trigger"], "condition", "priority=1^active=true")
    set_input(pred["trigger"], "condition", "priority=1^ORactive=true")
    assert flowsim(pred, ref) < 1.0


def test_invariant_to_input_order():
    pred = example_flow()
    for item in [pred["trigger"], *pred["components"]]:
        item["inputs"].reverse()
    assert flowsim(pred, example_flow()) == 1.0


def test_child_order_matters():
    ref, pred = example_flow(), example_flow()
    for flow, first in ((ref, "log"), (pred, "send_sms")):
        flow["components"][2:] = [
            {"category": "action", "definition": first, "order": 3, "block": 2},
            {"category": "action", "definition": "send_sms" if first == "log" else "log", "order": 4, "block": 2},
        ]
    assert flowsim(pred, ref, with_inputs=False) < 1.0


@pytest.mark.parametrize(
    "bad",
    [
        None,
        42,
        "not json {",
        json.dumps({"trigger": "x"}),
        {"components": []},
        {"trigger": {"type": "record_create"}, "components": [{"category": "nope"}]},
    ],
)
def test_unparseable_scores_as_empty_flow(bad):
    assert flowsim(bad, example_flow()) == 0.0
    assert flowsim(bad, None) == 1.0


def test_json_text_prediction_parses():
    assert flowsim(json.dumps(example_flow()), example_flow()) == 1.0


def test_symmetric_and_bounded_on_random_pairs():
    rng = random.Random(7)
    scores = []
    for _ in range(25):
        a, b = random_flow(rng), random_flow(rng)
        for with_inputs in (True, False):
            score = flowsim(a, b, with_inputs)
            assert 0.0 <= score <= 1.0
            assert score == pytest.approx(flowsim(b, a, with_inputs))
            scores.append(score)
    assert len(set(scores)) > 5  # the pairs really differ
