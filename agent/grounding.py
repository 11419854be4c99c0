"""Schedule values the request states, put into a drafted schedule trigger that has others.

The SLM reads "mondays", "5pm", "every 15 mins" or "on the 15th" and often writes another day, hour or
interval (a 135M model copies the shape of a schedule better than its numbers). A value the request states
once and without doubt — one time of day, one weekday, one repeat interval, one day of the month — is read
here and wins over the draft's. Anything unsure (two times, "at 9" without am/pm, a weekday in a look-up's
condition) is left to the model. Only the trigger's own inputs change, and each change is said in a note.
"""

import re

from agent.fixes.values import duration

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY = re.compile(
    r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?s?\b|\b(wednesday|saturday|tuesday|thursday)s?\b",
    re.IGNORECASE,
)
_AMPM = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?\b", re.IGNORECASE)
_CLOCK = re.compile(r"(?<![\d:./-])([01]?\d|2[0-3])[:h]([0-5]\d)(?::00)?(?!\d|[:./-]\d)", re.IGNORECASE)
_WORDS = {"noon": "12:00:00", "midday": "12:00:00", "midnight": "00:00:00"}
_SCHEDULED = ("daily", "weekly", "monthly", "repeat")
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10, "twelve": 12}
_COUNTS |= {"fifteen": 15, "twenty": 20, "thirty": 30, "forty-five": 45}
# "every 15 mins", "each 6 hour", "evry 4 hrs", "every twelve hours", "every hour" (not "each one hour and half")
_EVERY = re.compile(
    rf"\b(?:every|each|evry|evrey)\s+(\d+|{'|'.join(_COUNTS)})?\s*(min|mins|minutes?|h|hrs?|hours?|days?)\b"
    r"(?!\s+and\s+(?:a\s+)?half)",
    re.IGNORECASE,
)
_CRON_STEP = re.compile(r"\*/(\d+)\s*(min|mins|minutes?|h|hrs?|hours?)\b", re.IGNORECASE)  # "*/15 min"
_HOURLY = re.compile(r"\bhourly\b|\bon an hourly basis\b", re.IGNORECASE)
_HALF_HOUR = re.compile(r"\b(?:every|each)\s+half(?:\s+an)?\s+hour\b", re.IGNORECASE)
# "on the 15th", "1st of the month", "the first of every month", "first day of month", "day 5", "d=20"
_MONTH_DAY = re.compile(
    r"\b([1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b|\bfirst\s+(?:day\s+)?of\b|\bday\s+([1-9]|[12]\d|3[01])\b"
    r"|\bd=([1-9]|[12]\d|3[01])\b",
    re.IGNORECASE,
)


def _the_one(values: set[str]) -> str | None:
    """The value when exactly one was found; None for none or several (unsure)."""
    return values.pop() if len(values) == 1 else None


def stated_time(request: str) -> str | None:
    """The one time of day `request` names (`HH:MM:SS`), or None when it names none or several."""
    times = set()
    for hour, minute, half in _AMPM.findall(request):
        h = int(hour)
        if not 1 <= h <= 12 or int(minute or 0) > 59:
            return None
        times.add(f"{h % 12 + (12 if half.lower() == 'p' else 0):02d}:{minute or '00'}:00")
    spans = [m.span() for m in _AMPM.finditer(request)]
    for m in _CLOCK.finditer(request):
        if not any(a <= m.start() < b for a, b in spans):
            times.add(f"{int(m[1]):02d}:{m[2]}:00")
    times |= {value for word, value in _WORDS.items() if re.search(rf"\b{word}\b", request, re.IGNORECASE)}
    return _the_one(times)


def stated_weekday(request: str) -> str | None:
    """The one weekday `request` names ("mondays", "Fri", "each Sunday"), or None when none or several."""
    days = set()
    for m in _DAY.finditer(request):
        word = (m[1] or m[2]).lower()
        days.add(next(d for d in WEEKDAYS if d.startswith(word[:3])))
    return _the_one(days)


def stated_interval(request: str) -> str | None:
    """The one repeat interval `request` names (a catalog duration: `00:15:00`, `2d 00:00:00`), or None."""
    intervals = set()
    for count, unit in _EVERY.findall(request) + _CRON_STEP.findall(request):
        if not count and unit.lower().startswith("d"):
            continue  # "every day" is a daily schedule, not an interval
        number = _COUNTS.get(count.lower(), count) if count else "1"
        intervals.update(duration(f"{number} {unit}"))  # duration reads "mins", "hrs", "h" itself
    if _HOURLY.search(request):
        intervals.add("01:00:00")
    if _HALF_HOUR.search(request):
        intervals.add("00:30:00")
    return _the_one(intervals)


def stated_day_of_month(request: str) -> str | None:
    """The one day of the month `request` names ("on the 15th", "first of every month"), or None."""
    return _the_one({next((g for g in m.groups() if g), "1") for m in _MONTH_DAY.finditer(request)})


def ground_schedule(flow: dict, request: str) -> tuple[dict, list[str]]:
    """`flow` with its daily/weekly/monthly trigger's time, weekday and day of the month, or its repeat
    trigger's interval, as `request` states them, and a note per change; `flow` itself when there is nothing
    to change (never modified in place)."""
    trigger = flow.get("trigger") or {}
    kind = trigger.get("type")
    if kind not in _SCHEDULED:
        return flow, []
    if kind == "repeat":
        stated = {"interval": stated_interval(request)}
    else:
        stated = {"time": stated_time(request)}
    if kind == "weekly":
        stated["day_of_week"] = stated_weekday(request)
    if kind == "monthly":
        stated["day_of_month"] = stated_day_of_month(request)
    inputs = [dict(i) for i in trigger.get("inputs") or []]
    notes = []
    for item in inputs:
        value = stated.get(item.get("name"))
        if value is not None and item.get("value") != value:
            notes.append(f"trigger {item['name']}: {item.get('value')!r} → {value!r}, as the request says")
            item["value"] = value
    if not notes:
        return flow, []
    return {**flow, "trigger": {**trigger, "inputs": inputs}}, notes
