"""Date and time operators of encoded queries: RELATIVE…, BETWEEN and the ON / NOTON presets.

Written as ServiceNow's condition builder writes them (the value is everything after the operator):
```
sys_updated_onRELATIVELT@dayofweek@ago@30      before 30 days ago: not updated for 30 days
due_dateRELATIVELT@dayofweek@ahead@2           before 2 days from now: due within 2 days
opened_atBETWEENjavascript:gs.dateGenerate('2024-01-01','00:00:00')
         @javascript:gs.dateGenerate('2024-01-31','23:59:59')       (one line, no blanks around the @)
sys_created_onONToday@javascript:gs.beginningOfToday()@javascript:gs.endOfToday()
sys_created_onNOTONLast week@javascript:gs.beginningOfLastWeek()@javascript:gs.endOfLastWeek()
```
A preset is its label and the two gs calls for that label (`Last 7 days` → beginningOfLast7Days);
`Today` and `Last N days` also take the older daysAgoStart(N)/daysAgoEnd(0) pair. `dayofweek` is
ServiceNow's name for days. Which fields may use these operators is the validator's business.
"""

import re
from datetime import datetime

RELATIVE_OPERATORS = ("RELATIVELT", "RELATIVEGT", "RELATIVELE", "RELATIVEGE")
DATE_OPERATORS = frozenset({*RELATIVE_OPERATORS, "BETWEEN", "ON", "NOTON"})
UNITS = ("minute", "hour", "dayofweek", "week", "month", "quarter", "year")
PRESETS = (
    "Today",
    "Yesterday",
    "Tomorrow",
    "This week",
    "Last week",
    "Next week",
    "This month",
    "Last month",
    "Next month",
    "Last 3 months",
    "Last 6 months",
    "Last 9 months",
    "Last 12 months",
    "This quarter",
    "Last quarter",
    "Last 2 quarters",
    "Next quarter",
    "Next 2 quarters",
    "This year",
    "Last year",
    "Next year",
    "Last 2 years",
    "Last 7 days",
    "Last 30 days",
    "Last 60 days",
    "Last 90 days",
    "Last 120 days",
    "Current hour",
    "Last hour",
    "Last 2 hours",
    "Current minute",
    "Last minute",
    "Last 15 minutes",
    "Last 30 minutes",
    "Last 45 minutes",
    "One year ago",
)
_RELATIVE = re.compile(rf"@({'|'.join(UNITS)})@(ago|ahead)@[1-9][0-9]*")
_DATE_GENERATE = r"javascript:gs\.dateGenerate\('([0-9]{4}-[0-9]{2}-[0-9]{2})','([0-9]{2}:[0-9]{2}:[0-9]{2})'\)"
_BETWEEN = re.compile(f"{_DATE_GENERATE}@{_DATE_GENERATE}")
_DAYS = re.compile(r"Last ([0-9]+) days")
BETWEEN_EXAMPLE = (
    "javascript:gs.dateGenerate('2024-01-01','00:00:00')@javascript:gs.dateGenerate('2024-01-31','23:59:59')"
)


def _call_name(label: str) -> str:
    return "".join(word[:1].upper() + word[1:] for word in label.split())


def preset_value(label: str) -> str:
    """The value the condition builder writes for a preset: `Today@javascript:gs.beginningOfToday()@…`."""
    name = _call_name(label)
    return f"{label}@javascript:gs.beginningOf{name}()@javascript:gs.endOf{name}()"


# Exactly the GlideSystem calls these values hold (and `gs.nowDateTime()`, "now", as in `end_date<…`), each
# ending where the query goes on (`@`, `^`, the end): the server evaluates them; output checks
# (plugin.security) read them as query syntax, not as a script URL.
GS_CALL = re.compile(
    r"(?:javascript:gs\.(?:"
    + rf"(?:beginningOf|endOf)(?:{'|'.join(_call_name(label) for label in PRESETS)})\(\)"
    + r"|daysAgo(?:Start|End)\([0-9]+\)|nowDateTime\(\))"
    + f"|{_DATE_GENERATE})"
    + r"(?=@|\^|$)"
)


def _older_spelling(label: str) -> str | None:
    """`Today` and `Last N days` as older releases wrote them, with daysAgoStart / daysAgoEnd."""
    days = _DAYS.fullmatch(label)
    if label != "Today" and days is None:
        return None
    n = days.group(1) if days else 0
    return f"{label}@javascript:gs.daysAgoStart({n})@javascript:gs.daysAgoEnd(0)"


# Every accepted ON / NOTON value, mapped to the condition builder's spelling.
_SPELLINGS = {preset_value(label): preset_value(label) for label in PRESETS} | {
    older: preset_value(label) for label in PRESETS if (older := _older_spelling(label))
}


def _moment(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def _between_error(value: str) -> str | None:
    match = _BETWEEN.fullmatch(value)
    if match is None:
        return f"BETWEEN takes two dates and times as {BETWEEN_EXAMPLE}"
    start, end = (f"{match.group(i)} {match.group(i + 1)}" for i in (1, 3))
    first, last = _moment(start), _moment(end)
    if first is None or last is None:
        return f"BETWEEN: '{start if first is None else end}' is not a real date and time"
    return f"BETWEEN: the start {start} is after the end {end}" if first > last else None


def _preset_error(operator: str, value: str) -> str | None:
    if value in _SPELLINGS:
        return None
    label = value.split("@", 1)[0]
    if label in PRESETS:
        return f"{operator}{label} is written {operator}{preset_value(label)}"
    shape = "<label>@javascript:gs.beginningOf…()@javascript:gs.endOf…()"
    return f"{operator} takes a preset {shape}, the label one of: {', '.join(PRESETS)}"


def date_value_error(operator: str, value: str) -> str | None:
    """Why `value` is not a value of the date operator `operator`, or None when it is."""
    if operator in RELATIVE_OPERATORS:
        if _RELATIVE.fullmatch(value):
            return None
        units = ", ".join(UNITS)
        return f"{operator} takes @<unit>@ago@<n> or @<unit>@ahead@<n>, n a whole number from 1, unit one of {units}"
    if operator == "BETWEEN":
        return _between_error(value)
    return _preset_error(operator, value)


def canonical_date_value(operator: str, value: str) -> str:
    """One spelling per meaning: an ON / NOTON preset as the condition builder writes it; others unchanged."""
    return _SPELLINGS.get(value, value) if operator in ("ON", "NOTON") else value
