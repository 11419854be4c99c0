"""schemas.conditions: encoded queries."""

import pytest

from schemas.conditions import QueryError, parse_query, parse_term


def test_and_or_structure():
    query = parse_query("a=1^ORb=2^c=3")
    (only,) = query.queries
    assert [[str(t) for t in clause] for clause in only.clauses] == [["a=1", "b=2"], ["c=3"]]
    assert str(query) == "a=1^ORb=2^c=3"


def test_new_query_and_trailing_eq():
    query = parse_query("active=true^NQpriority=1^EQ")
    assert [str(q) for q in query.queries] == ["active=true", "priority=1"]


def test_longest_operator_wins():
    assert parse_term("state!=3").operator == "!="
    assert parse_term("short_descriptionNOT LIKEdisk").operator == "NOT LIKE"
    assert parse_term("caller_id.vipISNOTEMPTY").operator == "ISNOTEMPTY"


def test_pill_fields_and_values():
    term = parse_term("{{1.record.vip}}={{trigger.current.active}}")
    assert (term.field, term.operator, term.value) == ("{{1.record.vip}}", "=", "{{trigger.current.active}}")


def test_value_may_contain_an_operator():
    assert parse_term("description=a=b").value == "a=b"


def test_terms_flattens_all_queries():
    assert [t.field for t in parse_query("a=1^ORb=2^NQc=3").terms()] == ["a", "b", "c"]


BAD = ["", "   ", "a=1^^b=2", "a=1^", "priority", "activeISEMPTYtrue", "priority=", "Priority=1"]


@pytest.mark.parametrize("text", BAD)
def test_bad_queries(text):
    with pytest.raises(QueryError):
        parse_query(text)
