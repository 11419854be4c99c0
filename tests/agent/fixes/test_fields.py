"""Nearest valid field paths on a table."""

from agent.fixes.fields import display_field, path_candidates
from schemas.catalog import default_catalog

CATALOG = default_catalog()


def test_a_valid_path_is_its_own_first_candidate():
    assert path_candidates(CATALOG, "incident", ["caller_id", "email"])[0] == ["caller_id", "email"]


def test_close_names_then_a_reference_that_leads_to_the_rest():
    assert path_candidates(CATALOG, "sc_request", ["requested_by", "manager"])[0] == ["requested_for", "manager"]
    assert path_candidates(CATALOG, "alm_asset", ["owner", "email"]) == [["assigned_to", "email"]]
    assert path_candidates(CATALOG, "sys_user", ["assigned_to", "email"])[0] == ["email"]  # the hop dropped


def test_the_display_field_only_when_asked():
    assert path_candidates(CATALOG, "sys_user", ["short_description"]) == []
    assert path_candidates(CATALOG, "sys_user", ["short_description"], display=True) == [["name"]]
    assert display_field(CATALOG, "alm_asset") == "asset_tag" and display_field(CATALOG, "incident") == "number"
