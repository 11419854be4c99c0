"""flow_json_schema: pydantic's schema of Flow with the catalog's names as enums."""

import pytest

from schemas.catalog import default_catalog
from schemas.json_schema import flow_json_schema


@pytest.fixture(scope="module")
def schema() -> dict:
    return flow_json_schema()


@pytest.fixture
def jsonschema():
    return pytest.importorskip("jsonschema")  # not a declared dependency: these tests skip where it is absent


def test_enums_come_from_the_catalog(schema):
    catalog = default_catalog()
    defs = schema["$defs"]
    assert defs["Trigger"]["properties"]["type"]["enum"] == sorted(catalog.triggers)
    assert defs["ActionComponent"]["properties"]["definition"]["enum"] == sorted(catalog.actions)
    assert defs["FlowLogicComponent"]["properties"]["definition"]["enum"] == sorted(catalog.flowlogic)
    assert defs["SubflowComponent"]["properties"]["definition"]["enum"] == sorted(catalog.subflows)
    assert "sn_slack_spoke" in defs["ActionComponent"]["properties"]["scope"]["enum"]


def test_category_is_required_on_components(schema):
    for name in ("ActionComponent", "FlowLogicComponent", "SubflowComponent"):
        assert "category" in schema["$defs"][name]["required"]


def test_narrowing_does_not_leak_between_calls():
    catalog = default_catalog().model_copy(deep=True)
    catalog.actions = {"log": catalog.actions["log"]}
    assert flow_json_schema(catalog)["$defs"]["ActionComponent"]["properties"]["definition"]["enum"] == ["log"]
    # 40: the placeholder included, a flow with one is valid
    assert len(flow_json_schema()["$defs"]["ActionComponent"]["properties"]["definition"]["enum"]) == 40


def test_schema_is_a_valid_json_schema(schema, jsonschema):
    jsonschema.Draft202012Validator.check_schema(schema)


def test_example_flows_validate(schema, jsonschema, valid_flow_dict, schedule_flow_dict):
    jsonschema.validate(valid_flow_dict, schema)
    jsonschema.validate(schedule_flow_dict, schema)


def test_unknown_definition_fails(schema, jsonschema, valid_flow_dict):
    valid_flow_dict["components"][0]["definition"] = "look_up_recrod"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(valid_flow_dict, schema)


def test_catalog_parameter_narrows_the_enums(jsonschema, valid_flow_dict):
    catalog = default_catalog().model_copy(deep=True)
    del catalog.actions["slack_post_message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(valid_flow_dict, flow_json_schema(catalog))
