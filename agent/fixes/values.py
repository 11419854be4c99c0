"""Literal values coerced to their catalog type: `True` -> `true`, `45 minutes` -> `00:45:00`, nearest choice."""

import re
from datetime import datetime

from agent.fixes.names import nearest
from schemas.pills import PILL_RE

_TRUE = {"true", "yes", "y", "1", "on"}
_FALSE = {"false", "no", "n", "0", "off"}
_UNITS = {
    "s": 1,
    "sec": 1,
    "second": 1,
    "m": 60,
    "min": 60,
    "minute": 60,
    "h": 3600,
    "hr": 3600,
    "hour": 3600,
    "d": 86400,
    "day": 86400,
    "w": 604800,
    "week": 604800,
}
_AMOUNT = re.compile(r"(?<!\d)(\d+(?:\.\d+)?)\s*([a-z]+?)s?\b")  # starts only where a digit run starts: linear
_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{1,2}))?(?::(\d{1,2}))?\s*(am|pm)?$")
_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
)
_EMAIL = re.compile(r"(?<![^@\s,;<>])[^@\s,;<>]+@[^@\s,;<>]+\.[A-Za-z]{2,}")  # starts at a token start: linear


def boolean(value: str) -> list[str]:
    word = value.strip().lower()
    return ["true"] if word in _TRUE else ["false"] if word in _FALSE else []


def integer(value: str) -> list[str]:
    text = value.strip().replace(",", "")
    if re.fullmatch(r"-?\d+\.0*", text):
        return [text.split(".")[0]]
    digits = re.search(r"-?\d+", text)
    return [digits.group()] if digits else []


def _hms(seconds: int) -> str:
    days, rest = divmod(seconds, 86400)
    clock = f"{rest // 3600:02d}:{rest % 3600 // 60:02d}:{rest % 60:02d}"
    return f"{days}d {clock}" if days else clock


def duration(value: str) -> list[str]:
    text = value.strip().lower()
    parts = text.split(":")
    if 2 <= len(parts) <= 3 and all(p.strip().isdecimal() for p in parts):
        numbers = [int(p) for p in parts] + [0] * (3 - len(parts))
        return [_hms(numbers[0] * 3600 + numbers[1] * 60 + numbers[2])]
    amounts = [(float(n), _UNITS.get(unit)) for n, unit in _AMOUNT.findall(text)]
    if amounts and all(unit for _, unit in amounts):
        return [_hms(int(sum(n * unit for n, unit in amounts)))]
    return []


def time_of_day(value: str) -> list[str]:
    match = _CLOCK.match(value.strip().lower().replace(".", ""))
    if not match:
        return []
    hour, minute, second = (int(g or 0) for g in match.groups()[:3])
    hour = hour % 12 + (12 if match.group(4) == "pm" else 0) if match.group(4) else hour
    return [f"{hour:02d}:{minute:02d}:{second:02d}"] if hour < 24 and minute < 60 and second < 60 else []


def date_time(value: str) -> list[str]:
    for fmt in _DATE_FORMATS:
        try:
            return [datetime.strptime(value.strip(), fmt).strftime("%Y-%m-%d %H:%M:%S")]
        except ValueError:
            continue
    return []


def email(value: str) -> list[str]:
    """The pills and addresses in `value`, comma separated."""
    found = [m.group() for m in PILL_RE.finditer(value)] + _EMAIL.findall(PILL_RE.sub(" ", value))
    return [",".join(found)] if found else []


def url(value: str) -> list[str]:
    text = value.strip()
    return [f"https://{text}"] if text and "://" not in text and " " not in text and "." in text else []


def choice(value: str, choices: list[str]) -> list[str]:
    """The same choice in another case, else the nearest, else a number the value mentions."""
    lowered = {c.lower(): c for c in choices}
    text = value.strip().lower()
    if text in lowered:
        return [lowered[text]]
    close = nearest(text, choices)
    digits = [d for d in re.findall(r"\d+", text) if d in choices]
    return ([close] if close else []) + digits[:1]


def single_pill_only(value: str) -> list[str]:
    """A literal mixed with one data pill, for types that take one or the other: keep the pill."""
    pills = PILL_RE.findall(value)
    return ["{{" + pills[0] + "}}"] if len(pills) == 1 and value.strip() != "{{" + pills[0] + "}}" else []


_COERCE = {
    "boolean": boolean,
    "integer": integer,
    "duration": duration,
    "time": time_of_day,
    "date_time": date_time,
    "email": email,
    "url": url,
}


def coerced(kind: str, choices: list[str], value: str) -> list[str]:
    """Values of the right type near `value`, nearest first (none when nothing fits)."""
    if kind == "choice":
        found = choice(value, choices)
    else:
        found = _COERCE[kind](value) if kind in _COERCE else []
    return [v for v in single_pill_only(value) + found if v != value]
