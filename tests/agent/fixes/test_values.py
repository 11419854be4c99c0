"""Literal coercions: each catalog type's near-miss spellings become the canonical literal."""

import pytest

from agent.fixes.values import coerced


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("boolean", "Yes", ["true"]),
        ("boolean", "0", ["false"]),
        ("integer", "5.0", ["5"]),
        ("integer", "20 records", ["20"]),
        ("duration", "045 minutes", ["00:45:00"]),
        ("duration", "2 hours 30 minutes", ["02:30:00"]),
        ("duration", "015:00:00", ["15:00:00"]),
        ("duration", "36h", ["1d 12:00:00"]),
        ("time", "9am", ["09:00:00"]),
        ("time", "18:30", ["18:30:00"]),
        ("date_time", "2025-10-03T10:15:00", ["2025-10-03 10:15:00"]),
        ("email", "cab@example.com; ops@example.com", ["cab@example.com,ops@example.com"]),
        ("url", "status.example.com/api", ["https://status.example.com/api"]),
        ("integer", "{{1.count}} items", ["{{1.count}}", "1"]),  # one pill beats a mix
    ],
)
def test_near_misses_become_the_literal(kind, value, expected):
    assert coerced(kind, [], value) == expected


def test_choices_match_case_then_nearest_then_a_mentioned_number():
    assert coerced("choice", ["info", "warn", "error"], "Warn") == ["warn"]
    assert coerced("choice", ["info", "warn", "error"], "warning") == ["warn"]
    assert coerced("choice", ["1", "2", "3"], "P2 - High")[-1] == "2"


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("duration", "June 2023"),
        ("boolean", "maybe"),
        ("email", "#db-team"),
        ("time", "noonish"),
        ("string", "anything"),
    ],
)
def test_what_fits_nothing_gives_nothing(kind, value):
    assert coerced(kind, [], value) == []
