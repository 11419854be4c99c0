"""Schedule values the request states, put into a drafted schedule trigger that has others.

The SLM reads "mondays", "5pm" or "Sundays 02:00" and often writes another day or hour (a 135M model
copies the shape of a schedule better than its numbers). A value the request states once and without
doubt — one time of day, one weekday — is read here and wins over the draft's. Anything unsure (two
times, "at 9" without am/pm, a weekday in a look-up's condition) is left to the model. Only the
trigger's own inputs change, and each change is said in a note.
"""

import re

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY = re.compile(
    r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?s?\b|\b(wednesday|saturday|tuesday|thursday)s?\b",
    re.IGNORECASE,
)
_AMPM = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?\b", re.IGNORECASE)
_CLOCK = re.compile(r"(?<![\d:./-])([01]?\d|2[0-3])[:h]([0-5]\d)(?::00)?(?!\d|[:./-]\d)", re.IGNORECASE)
_WORDS = {"noon": "12:00:00", "midday": "12:00:00", "midnight": "00:00:00"}
_SCHEDULED = ("daily", "weekly", "monthly")


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
    return times.pop() if len(times) == 1 else None


def stated_weekday(request: str) -> str | None:
    """The one weekday `request` names ("mondays", "Fri", "each Sunday"), or None when none or several."""
    days = set()
    for m in _DAY.finditer(request):
        word = (m[1] or m[2]).lower()
        days.add(next(d for d in WEEKDAYS if d.startswith(word[:3])))
    return days.pop() if len(days) == 1 else None


def ground_schedule(flow: dict, request: str) -> tuple[dict, list[str]]:
    """`flow` with its daily/weekly/monthly trigger's time and weekday as `request` states them, and a note
    per change; `flow` itself when there is nothing to change (never modified in place)."""
    trigger = flow.get("trigger") or {}
    if trigger.get("type") not in _SCHEDULED:
        return flow, []
    stated = {"time": stated_time(request)}
    if trigger["type"] == "weekly":
        stated["day_of_week"] = stated_weekday(request)
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
