"""Opt-in look-ups with date conditions (RELATIVE…, BETWEEN, ON presets); off by default, so seeds keep their rows.

`generate_dataset(..., with_dates=True)` (`flowsmith data --dates`) adds these units to the schedule-triggered
flows; the operators are those of schemas.date_queries.
"""

import calendar
from random import Random

from schemas.datagen import lookups
from schemas.datagen.context import Ctx
from schemas.datagen.spec import Step
from schemas.date_queries import preset_value


def _month(rng: Random) -> tuple[str, str]:
    """A BETWEEN value covering one calendar month, and its words."""
    year, month = rng.choice([2024, 2025]), rng.randint(1, 12)
    last = calendar.monthrange(year, month)[1]
    start = f"javascript:gs.dateGenerate('{year}-{month:02d}-01','00:00:00')"
    end = f"javascript:gs.dateGenerate('{year}-{month:02d}-{last:02d}','23:59:59')"
    return f"{start}@{end}", f"{calendar.month_name[month]} {year}"


def _before(field: str, unit: str, direction: str, n: int) -> str:
    """`field` earlier than n units ago (or ahead): RELATIVELT."""
    return f"{field}RELATIVELT@{unit}@{direction}@{n}"


def sets(rng: Random) -> list[tuple[str, str, str]]:
    """(table, encoded query, words) like lookups.SETS, with their numbers drawn."""
    days, soon, hours, months = (
        rng.choice([7, 14, 30, 60, 90]),
        rng.choice([2, 3, 7]),
        rng.choice([2, 4, 8]),
        rng.choice([3, 6, 12]),
    )
    between, month_words = _month(rng)
    active = "active=true^"
    return [
        (
            "incident",
            active + _before("sys_updated_on", "dayofweek", "ago", days),
            f"open incidents not updated for {days} days",
        ),
        (
            "incident",
            active + _before("due_date", "dayofweek", "ahead", soon),
            f"open incidents due within {soon} days",
        ),
        (
            "incident",
            active + _before("opened_at", "hour", "ago", hours),
            f"open incidents opened over {hours} hours ago",
        ),
        ("incident", f"sys_created_onON{preset_value('Today')}", "incidents created today"),
        ("incident", f"resolved_atON{preset_value('Last week')}", "incidents resolved last week"),
        ("incident", f"opened_atBETWEEN{between}", f"incidents opened in {month_words}"),
        ("change_request", f"start_dateON{preset_value('This week')}", "changes starting this week"),
        ("change_request", f"start_dateON{preset_value('Next week')}", "changes planned for next week"),
        ("problem", active + _before("opened_at", "month", "ago", months), f"open problems older than {months} months"),
        (
            "sc_req_item",
            active + _before("opened_at", "dayofweek", "ago", days),
            f"requested items open over {days} days",
        ),
        (
            "sys_user",
            active + _before("last_login_time", "dayofweek", "ago", days),
            f"users not logged in for {days} days",
        ),
        ("sys_user", f"sys_created_onON{preset_value('Last 7 days')}", "users created in the last 7 days"),
        ("kb_knowledge", _before("valid_to", "dayofweek", "ahead", days), f"articles expiring within {days} days"),
        (
            "alm_asset",
            _before("warranty_expiration", "dayofweek", "ahead", days),
            f"assets whose warranty ends within {days} days",
        ),
    ]


def for_each(rng: Random, ctx: Ctx) -> list[Step]:
    return lookups.for_each(rng, ctx, sets(rng))


def report(rng: Random, ctx: Ctx) -> list[Step]:
    return lookups.report(rng, ctx, sets(rng))


UNITS = [for_each, for_each, report]
