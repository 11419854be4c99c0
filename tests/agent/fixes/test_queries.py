"""Encoded queries that do not parse are tidied before any term is dropped; a literal another field owns
moves to it."""

from agent.fixes import apply_fixes
from agent.fixes.queries import cleanups
from schemas.catalog import default_catalog
from schemas.validate import validate_flow


def test_separators_and_field_case_are_tidied():
    assert cleanups("Priority = 1 AND active==true^^")[0] == "priority=1^active=true"
    assert cleanups("priority=1 OR urgency=1")[0] == "priority=1^ORurgency=1"


def test_then_only_the_terms_that_parse_are_kept():
    assert cleanups("short_descriptionLIKEdb^bad term^ORurgency=1")[1] == "short_descriptionLIKEdb^ORurgency=1"


def _flow(trigger: dict, *steps: dict) -> dict:
    return {"name": "t", "description": "", "trigger": trigger, "components": list(steps)}


def test_a_literal_of_another_fields_choices_moves_to_that_field():
    """`category=emergency` on a change: emergency is a change *type*; the term moves rather than the
    whole condition being dropped."""
    condition = {"name": "condition", "value": "category=emergency^priority=1"}
    draft = _flow({"type": "record_update", "inputs": [{"name": "table", "value": "change_request"}, condition]})
    fixed, notes = apply_fixes(draft, default_catalog())
    assert fixed["trigger"]["inputs"][1]["value"] == "type=emergency^priority=1"
    assert validate_flow(fixed) == [] and len(notes) == 1


def test_a_missing_field_whose_value_one_field_holds_becomes_that_field():
    step = {
        "category": "action",
        "definition": "update_record",
        "scope": "global",
        "order": 1,
        "inputs": [
            {"name": "record", "value": "{{trigger.current}}"},
            {"name": "table", "value": "alm_asset"},
            {"name": "values", "value": "state=7"},  # assets have no state: install_status 7 is retired
        ],
    }
    draft = _flow({"type": "record_update", "inputs": [{"name": "table", "value": "alm_asset"}]}, step)
    fixed, _ = apply_fixes(draft, default_catalog())
    assert fixed["components"][0]["inputs"][2]["value"] == "install_status=7"


def test_the_owning_field_takes_the_choice_as_the_catalog_spells_it():
    condition = {"name": "condition", "value": "category=network^exception_type!=Self_Service"}
    draft = _flow({"type": "record_create", "inputs": [{"name": "table", "value": "incident"}, condition]})
    fixed, _ = apply_fixes(draft, default_catalog())
    assert fixed["trigger"]["inputs"][1]["value"] == "category=network^contact_type!=self-service"


def test_a_literal_several_fields_hold_is_not_moved():
    """`1` is a priority, an impact, an urgency and a state of an incident: no field is certain."""
    condition = {"name": "condition", "value": "category=1"}
    draft = _flow({"type": "record_create", "inputs": [{"name": "table", "value": "incident"}, condition]})
    fixed, _ = apply_fixes(draft, default_catalog())
    assert "=1" not in str(fixed["trigger"])  # the term is dropped, not guessed onto state or priority
