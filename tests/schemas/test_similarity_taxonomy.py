"""Error taxonomy: one crafted prediction per category, plus trigger match and steps F1."""

import pytest

from schemas.similarity import CATEGORIES, error_taxonomy, steps_f1, trigger_match
from tests.schemas.similarity_examples import component, example_flow, set_input


def others(errors: list[str]) -> list[str]:
    """The categories besides schema_invalid, which depends on what the validator thinks."""
    return [e for e in errors if e != "schema_invalid"]


def taxonomy_of(mutate) -> list[str]:
    pred = example_flow()
    mutate(pred)
    return error_taxonomy(pred, example_flow())


def _log(order: int, block: int | None = None) -> dict:
    comp = {"category": "action", "definition": "log", "order": order, "inputs": [{"name": "message", "value": "m"}]}
    if block is not None:
        comp["block"] = block
    return comp


CASES = {
    "wrong_trigger_type": lambda f: f["trigger"].update(type="record_update"),
    "wrong_table": lambda f: set_input(f["trigger"], "table", "problem"),
    "wrong_trigger_condition": lambda f: set_input(f["trigger"], "condition", "priority=2"),
    "missing_step": lambda f: f["components"].pop(),
    "extra_step": lambda f: f["components"].append(_log(4)),
    "wrong_nesting_or_order": lambda f: component(f, "send_email").pop("block"),
    "wrong_input_value": lambda f: set_input(component(f, "send_email"), "subject", "P2"),
    "missing_input": lambda f: set_input(component(f, "send_email"), "body", None),
    "extra_input": lambda f: set_input(component(f, "send_email"), "cc", "a@b.com"),
    "wrong_condition": lambda f: set_input(
        component(f, "look_up_record"), "conditions", "sys_id={{trigger.current.opened_by}}"
    ),
}


@pytest.mark.parametrize("category", sorted(CASES))
def test_one_category_per_crafted_mistake(category):
    assert others(taxonomy_of(CASES[category])) == [category]


def test_renumbered_step_pills_follow_the_alignment():
    pred = example_flow()
    for comp in pred["components"]:  # insert a first step: every order, block and step pill moves by one
        comp["order"] += 1
        if "block" in comp:
            comp["block"] += 1
        for inp in comp["inputs"]:
            inp["value"] = inp["value"].replace("{{1.", "{{2.")
    pred["components"].insert(0, _log(1))
    assert others(error_taxonomy(pred, example_flow())) == ["extra_step"]
    set_input(component(pred, "send_email"), "to", "{{1.record.manager.email}}")  # now names the log step
    assert others(error_taxonomy(pred, example_flow())) == ["extra_step", "wrong_input_value"]


def test_wrong_action_at_same_position():
    def swap(flow):
        comp = component(flow, "send_email")
        comp["definition"] = "send_sms"
        comp["inputs"] = [{"name": "to", "value": "555"}, {"name": "message", "value": "P1"}]

    assert others(taxonomy_of(swap)) == ["wrong_action"]


def test_swapped_steps_are_an_order_error():
    sms = {
        "category": "action",
        "definition": "send_sms",
        "inputs": [{"name": "to", "value": "5"}, {"name": "message", "value": "m"}],
    }
    ref, pred = example_flow(), example_flow()
    ref["components"][2:] = [_log(3, 2), {**sms, "order": 4, "block": 2}]
    pred["components"][2:] = [{**sms, "order": 3, "block": 2}, _log(4, 2)]
    assert others(error_taxonomy(pred, ref)) == ["wrong_nesting_or_order"]


def test_hallucinated_action():
    def invent(flow):
        component(flow, "send_email")["definition"] = "send_fax"

    errors = taxonomy_of(invent)
    assert "hallucinated_item" in errors and "wrong_action" in errors


def test_hallucinated_table():
    errors = taxonomy_of(lambda f: set_input(component(f, "look_up_record"), "table", "sys_users"))
    assert "hallucinated_item" in errors and "wrong_input_value" in errors


def test_reordered_terms_and_inputs_are_correct():
    def shuffle(flow):
        for item in [flow["trigger"], *flow["components"]]:
            item["inputs"].reverse()

    assert taxonomy_of(shuffle) == []
    ref, pred = example_flow(), example_flow()
    set_input(ref["trigger"], "condition", "priority=1^active=true")
    set_input(pred["trigger"], "condition", "active=true^priority=1")
    assert others(error_taxonomy(pred, ref)) == []


def test_identical_is_correct():
    assert error_taxonomy(example_flow(), example_flow()) == []


def test_invalid_json_and_schema_invalid():
    assert error_taxonomy("{not json", example_flow()) == ["invalid_json"]
    assert error_taxonomy(None, example_flow()) == ["invalid_json"]
    bad = {"trigger": {"type": "record_create"}, "components": [{"category": "action"}]}
    assert error_taxonomy(bad, example_flow()) == ["schema_invalid"]


def test_bad_reference_raises():
    with pytest.raises(ValueError, match="reference is not a valid flow"):
        error_taxonomy(example_flow(), {"components": []})


def test_categories_are_the_fixed_list():
    assert len(CATEGORIES) == 14 and len(set(CATEGORIES)) == 14


def test_trigger_match():
    pred = example_flow()
    set_input(pred["trigger"], "condition", "priority=2")
    assert trigger_match(pred, example_flow())  # the condition does not count
    set_input(pred["trigger"], "table", "problem")
    assert not trigger_match(pred, example_flow())
    assert not trigger_match("nope", example_flow())


def test_steps_f1():
    pred = example_flow()
    pred["components"].append(_log(4))
    # 3 common steps out of 4 predicted and 3 reference: 2*3 / 7
    assert steps_f1(pred, example_flow()) == pytest.approx(6 / 7)
    assert steps_f1(example_flow(), example_flow()) == 1.0
    assert steps_f1(None, example_flow()) == 0.0


def test_validator_problems_are_schema_invalid():
    pytest.importorskip("schemas.validate")
    errors = taxonomy_of(lambda f: set_input(component(f, "send_email"), "body", None))  # a required input
    assert errors == ["schema_invalid", "missing_input"]
