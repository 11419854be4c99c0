"""A placeholder step is a warning at its JSON path, with what was asked; the flow stays valid."""

from schemas.catalog import PLACEHOLDER, default_catalog
from schemas.validate import errors, is_valid, validate_flow
from tests.schemas.conftest import make_step


def _with_placeholder(flow: dict, description: str = "send a fax to the vendor") -> dict:
    order = len(flow["components"]) + 1
    flow["components"].append(make_step("action", PLACEHOLDER, order, description=description))
    return flow


def test_the_catalog_has_a_global_placeholder_action_with_a_required_description():
    spec = default_catalog().actions[PLACEHOLDER]
    assert (spec.label, spec.scope, spec.outputs) == ("Placeholder", "global", {})
    assert list(spec.inputs) == ["description"] and spec.inputs["description"].required


def test_a_placeholder_is_one_warning_and_the_flow_is_valid(valid_flow_dict):
    flow = _with_placeholder(valid_flow_dict)
    problems = validate_flow(flow)
    index = len(flow["components"]) - 1
    assert [(p.code, p.path, p.severity) for p in problems] == [("placeholder", f"/components/{index}", "warning")]
    assert problems[0].message == (
        f"step {index + 1} is a placeholder for 'send a fax to the vendor': replace it before activating the flow"
    )
    assert is_valid(problems) and errors(problems) == []


def test_a_placeholder_without_its_description_is_also_an_error(valid_flow_dict):
    flow = _with_placeholder(valid_flow_dict, description="")
    problems = validate_flow(flow)
    assert {p.severity for p in problems} == {"error", "warning"}
    assert not is_valid(problems)


def test_other_problems_stay_errors(valid_flow_dict):
    valid_flow_dict["components"][0]["definition"] = "send_fax"
    assert all(p.severity == "error" for p in validate_flow(valid_flow_dict))
