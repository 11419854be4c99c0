"""The metric's encoded queries: date terms as field, operator and value; query inputs of unknown definitions."""

import pytest

from schemas.date_queries import preset_value
from schemas.similarity import error_taxonomy, flow_tree, flowsim
from schemas.similarity.flowsim import tree_size
from schemas.similarity.queries import canonical_query, query_inputs
from tests.schemas.similarity_examples import component, example_flow, set_input

TODAY = "Today@javascript:gs.beginningOfToday()@javascript:gs.endOfToday()"
STALE = "sys_updated_onRELATIVELT@dayofweek@ago@30"
DUE = "due_dateRELATIVELT@dayofweek@ahead@2"
JANUARY = (
    "opened_atBETWEENjavascript:gs.dateGenerate('2024-01-01','00:00:00')"
    "@javascript:gs.dateGenerate('2024-01-31','23:59:59')"
)


def labels(node) -> list[str]:
    return [node.label] + [label for child in node.children for label in labels(child)]


def _with_condition(condition: str) -> dict:
    flow = example_flow()
    set_input(flow["trigger"], "condition", condition)
    return flow


def test_a_date_term_is_an_operator_node_with_field_and_value():
    condition = flow_tree(_with_condition(STALE)).children[0].children[0].children[0]
    assert labels(condition) == [
        "condition",
        "clause",
        "op:RELATIVELT",
        "field:sys_updated_on",
        "value:@dayofweek@ago@30",
    ]


def test_date_terms_in_another_order_compare_equal():
    ref = _with_condition(f"active=true^{STALE}^ORsys_created_onON{TODAY}^{JANUARY}")
    pred = _with_condition(f"{JANUARY}^sys_created_onON{TODAY}^OR{STALE}^active=true")
    assert flowsim(pred, ref) == 1.0
    assert error_taxonomy(pred, ref) == []
    assert canonical_query(pred["trigger"]["inputs"][1]["value"]) == canonical_query(
        ref["trigger"]["inputs"][1]["value"]
    )


@pytest.mark.parametrize(
    "changed",
    [
        "sys_updated_onRELATIVELT@dayofweek@ago@31",  # n
        "sys_updated_onRELATIVELT@week@ago@30",  # unit
        "sys_updated_onRELATIVELT@dayofweek@ahead@30",  # direction
        "sys_updated_onRELATIVEGT@dayofweek@ago@30",  # operator
        "opened_atRELATIVELT@dayofweek@ago@30",  # field
    ],
)
def test_a_changed_part_of_a_date_term_costs_one_and_is_a_wrong_condition(changed):
    ref, pred = _with_condition(f"active=true^{STALE}"), _with_condition(f"{changed}^active=true")
    size = tree_size(flow_tree(ref))
    assert flowsim(pred, ref) == pytest.approx(1 - 1 / (2 * size))
    assert error_taxonomy(pred, ref) == ["wrong_trigger_condition"]


def test_a_preset_written_the_older_way_is_the_same_condition():
    ref = _with_condition(f"sys_created_onON{preset_value('Last 7 days')}")
    pred = _with_condition("sys_created_onONLast 7 days@javascript:gs.daysAgoStart(7)@javascript:gs.daysAgoEnd(0)")
    assert flowsim(pred, ref) == 1.0
    assert error_taxonomy(pred, ref) == []


def test_on_is_not_noton():
    assert flowsim(_with_condition(f"sys_created_onNOTON{TODAY}"), _with_condition(f"sys_created_onON{TODAY}")) < 1.0


def _with_update(definition: str, values: str) -> dict:
    flow = example_flow()
    flow["components"].append(
        {
            "category": "action",
            "definition": definition,
            "order": 4,
            "inputs": [
                {"name": "record", "value": "{{trigger.current}}"},
                {"name": "table", "value": "incident"},
                {"name": "values", "value": values},
            ],
        }
    )
    return flow


def test_a_definition_the_catalog_lacks_expands_its_query_inputs_by_name():
    assert query_inputs(None) >= {"condition", "conditions", "values", "field_values"}
    assert "values" not in query_inputs(None, frozenset({"condition"}))


def test_a_wrong_action_costs_its_name_only_not_its_queries_again():
    ref = _with_update("update_record", "state=2^priority=1")
    pred = _with_update("update_records_now", "priority=1^state=2")
    size = tree_size(flow_tree(ref))
    assert tree_size(flow_tree(pred)) == size
    assert flowsim(pred, ref) == pytest.approx(1 - 2 / (2 * size))  # the relabelled action, nothing else


def test_the_same_unknown_action_compares_its_queries_without_order():
    ref = _with_update("update_records_now", "state=2^priority=1")
    pred = _with_update("update_records_now", "priority=1^state=2")
    assert flowsim(pred, ref) == 1.0
    assert "wrong_input_value" not in error_taxonomy(pred, ref)
    component(pred, "update_records_now")["inputs"][2]["value"] = "priority=2^state=2"
    assert "wrong_input_value" in error_taxonomy(pred, ref)
