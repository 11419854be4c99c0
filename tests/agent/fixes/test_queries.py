"""Encoded queries that do not parse are tidied before any term is dropped."""

from agent.fixes.queries import cleanups


def test_separators_and_field_case_are_tidied():
    assert cleanups("Priority = 1 AND active==true^^")[0] == "priority=1^active=true"
    assert cleanups("priority=1 OR urgency=1")[0] == "priority=1^ORurgency=1"


def test_then_only_the_terms_that_parse_are_kept():
    assert cleanups("short_descriptionLIKEdb^bad term^ORurgency=1")[1] == "short_descriptionLIKEdb^ORurgency=1"
