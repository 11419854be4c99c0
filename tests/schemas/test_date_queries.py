"""schemas.date_queries: the date operators of encoded queries, parsed and checked by schemas.conditions."""

import pytest

from schemas.conditions import OPERATORS, QueryError, parse_query, parse_term
from schemas.date_queries import DATE_OPERATORS, PRESETS, canonical_date_value, preset_value

FROM_JANUARY = "javascript:gs.dateGenerate('2024-01-01','00:00:00')@javascript:gs.dateGenerate('2024-01-31','23:59:59')"
TODAY = "Today@javascript:gs.beginningOfToday()@javascript:gs.endOfToday()"
LAST_7_DAYS_OLDER = "Last 7 days@javascript:gs.daysAgoStart(7)@javascript:gs.daysAgoEnd(0)"

VALID = [
    ("sys_updated_onRELATIVELT@dayofweek@ago@30", "RELATIVELT", "@dayofweek@ago@30"),
    ("due_dateRELATIVELT@dayofweek@ahead@2", "RELATIVELT", "@dayofweek@ahead@2"),
    ("opened_atRELATIVEGT@hour@ago@4", "RELATIVEGT", "@hour@ago@4"),
    ("closed_atRELATIVELE@month@ago@12", "RELATIVELE", "@month@ago@12"),
    ("resolved_atRELATIVEGE@minute@ago@15", "RELATIVEGE", "@minute@ago@15"),
    ("opened_atRELATIVEGE@week@ahead@1", "RELATIVEGE", "@week@ahead@1"),
    ("opened_atRELATIVEGE@quarter@ago@2", "RELATIVEGE", "@quarter@ago@2"),
    ("opened_atRELATIVEGE@year@ago@1", "RELATIVEGE", "@year@ago@1"),
    (f"opened_atBETWEEN{FROM_JANUARY}", "BETWEEN", FROM_JANUARY),
    (f"sys_created_onON{TODAY}", "ON", TODAY),
    (f"sys_created_onON{LAST_7_DAYS_OLDER}", "ON", LAST_7_DAYS_OLDER),
    (f"sys_created_onNOTON{TODAY}", "NOTON", TODAY),
    ("{{trigger.current.due_date}}RELATIVELT@dayofweek@ahead@2", "RELATIVELT", "@dayofweek@ahead@2"),
]


@pytest.mark.parametrize("text, operator, value", VALID)
def test_date_terms_parse_into_field_operator_and_value(text, operator, value):
    term = parse_term(text)
    assert (term.operator, term.value) == (operator, value)
    assert str(term) == text


@pytest.mark.parametrize("label", PRESETS)
def test_every_preset_parses_with_on_and_noton(label):
    assert parse_term(f"opened_atON{preset_value(label)}").operator == "ON"
    assert parse_term(f"opened_atNOTON{preset_value(label)}").operator == "NOTON"


def test_preset_values_are_the_label_and_its_gs_calls():
    assert preset_value("Today") == TODAY
    assert preset_value("This week") == "This week@javascript:gs.beginningOfThisWeek()@javascript:gs.endOfThisWeek()"
    assert preset_value("Last 7 days") == (
        "Last 7 days@javascript:gs.beginningOfLast7Days()@javascript:gs.endOfLast7Days()"
    )


def test_date_terms_join_other_terms():
    query = parse_query(f"active=true^sys_updated_onRELATIVELT@dayofweek@ago@30^ORopened_atON{TODAY}")
    assert [t.operator for t in query.terms()] == ["=", "RELATIVELT", "ON"]


def test_every_date_operator_is_an_operator():
    assert DATE_OPERATORS <= set(OPERATORS)


INVALID = [
    ("opened_atRELATIVELT@day@ago@3", "unit one of minute, hour, dayofweek"),  # days are dayofweek
    ("opened_atRELATIVELT@dayofweek@ago@0", "whole number from 1"),
    ("opened_atRELATIVELT@dayofweek@ago@-2", "whole number from 1"),
    ("opened_atRELATIVELT@dayofweek@before@2", "@<unit>@ago@<n>"),
    ("opened_atRELATIVELT@dayofweek@ago", "@<unit>@ago@<n>"),
    ("opened_atRELATIVELT30", "@<unit>@ago@<n>"),
    ("opened_atRELATIVELT", "needs a value"),
    ("opened_atBETWEEN2024-01-01@2024-01-31", "two dates and times"),
    ("opened_atBETWEENjavascript:gs.dateGenerate('2024-01-01','00:00:00')", "two dates and times"),
    (f"opened_atBETWEEN{FROM_JANUARY.replace('2024-01-31', '2024-02-30')}", "'2024-02-30 23:59:59' is not a real"),
    (f"opened_atBETWEEN{FROM_JANUARY.replace('2024-01-31', '2023-12-31')}", "is after the end"),
    ("opened_atONToday", "ONToday is written ONToday@javascript:gs.beginningOfToday()"),
    ("opened_atONToday@javascript:gs.beginningOfToday()@javascript:gs.endOfYesterday()", "ONToday is written"),
    ("opened_atONSomeday@javascript:gs.beginningOfSomeday()@javascript:gs.endOfSomeday()", "the label one of: Today"),
    ("opened_atNOTONlast week@javascript:gs.beginningOfLastWeek()@javascript:gs.endOfLastWeek()", "NOTON takes"),
    ("opened_atONLast 14 days@javascript:gs.daysAgoStart(14)@javascript:gs.daysAgoEnd(0)", "the label one of"),
]


@pytest.mark.parametrize("text, says", INVALID)
def test_bad_date_values_raise_and_say_why(text, says):
    with pytest.raises(QueryError) as raised:
        parse_term(text)
    assert says in str(raised.value)


def test_older_spellings_share_one_canonical_value():
    assert canonical_date_value("ON", LAST_7_DAYS_OLDER) == preset_value("Last 7 days")
    assert canonical_date_value("NOTON", "Today@javascript:gs.daysAgoStart(0)@javascript:gs.daysAgoEnd(0)") == TODAY
    assert canonical_date_value("ON", TODAY) == TODAY
    assert canonical_date_value("RELATIVELT", "@dayofweek@ago@30") == "@dayofweek@ago@30"
