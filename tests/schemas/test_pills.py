"""schemas.pills: parsing data pills out of values."""

import pytest

from schemas.pills import Pill, PillError, parse_pill, parse_value, pills_in


def test_trigger_pill_with_dot_walk():
    pill = parse_pill("trigger.current.caller_id.manager")
    assert pill == Pill(source="trigger", output="current", path=["caller_id", "manager"])
    assert str(pill) == "{{trigger.current.caller_id.manager}}"


def test_step_pill():
    pill = parse_pill(" 3.record.email ")
    assert (pill.source, pill.step, pill.output, pill.path) == ("step", 3, "record", ["email"])
    assert str(pill) == "{{3.record.email}}"


def test_flow_var_pill_round_trips():
    assert str(parse_pill("flow_var.approver")) == "{{flow_var.approver}}"


BAD = ["trigger", "", "0.record", "01.record", "x.record", "flow_var.a.b", "1.record.", "1.re-cord"]


@pytest.mark.parametrize("body", BAD)
def test_bad_pills(body):
    with pytest.raises(PillError):
        parse_pill(body)


def test_parse_value_splits_text_and_pills():
    segments = parse_value("Hi {{trigger.current.number}}, see {{2.record}}.")
    assert [s if isinstance(s, str) else str(s) for s in segments] == [
        "Hi ",
        "{{trigger.current.number}}",
        ", see ",
        "{{2.record}}",
        ".",
    ]


def test_parse_value_without_pills_and_pills_in():
    assert parse_value("plain") == ["plain"]
    assert [p.output for p in pills_in("{{1.a}}{{flow_var.b}}")] == ["a", "b"]


def test_parse_value_raises_on_a_bad_pill():
    with pytest.raises(PillError, match="must start with"):
        parse_value("ok {{current.number}}")
