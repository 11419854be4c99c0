"""The schedule the request states wins over the draft's; anything unsure is left to the model."""

import copy

import pytest

from agent.grounding import ground_schedule, stated_day_of_month, stated_interval, stated_time, stated_weekday
from agent.service import Copilot
from schemas.datagen.generate import generate_dataset
from schemas.datagen.human_corpus import load
from schemas.validate import validate_flow
from tests.agent.fakes import FakeDrafter

WEEKLY = {
    "name": "Stale KB",
    "description": "",
    "trigger": {
        "type": "weekly",
        "inputs": [{"name": "day_of_week", "value": "friday"}, {"name": "time", "value": "05:00:00"}],
    },
    "components": [
        {
            "category": "action",
            "definition": "log",
            "scope": "global",
            "order": 1,
            "inputs": [{"name": "message", "value": "ran at 5pm"}],
        }
    ],
}


@pytest.mark.parametrize(
    ("request_text", "time"),
    [
        ("every day at 5pm email the list", "17:00:00"),
        ("Each Friday at 3 p.m., find every open HR case", "15:00:00"),
        ("daily 7am: stale p3s -> email owner", "07:00:00"),
        ("run it at 9.30am", "09:30:00"),
        ("Sundays 02:00: retire the assets", "02:00:00"),
        ("every night at 22:15", "22:15:00"),
        ("at noon post the summary", "12:00:00"),
        ("at midnight close them", "00:00:00"),
        ("12am sharp", "00:00:00"),
        ("business hours 8am-5pm only", None),  # two times
        ("mondays 9", None),  # no am/pm, no minutes: unsure
        ("priority 1 incidents older than 30 days", None),
        ("on 14/3/26 10:30", "10:30:00"),
        ("version 2.10 of the form", None),
    ],
)
def test_the_time_of_day_is_read_only_when_it_is_certain(request_text, time):
    assert stated_time(request_text) == time


@pytest.mark.parametrize(
    ("request_text", "day"),
    [
        ("kb articles expiring soon -> email the author. run mondays 9", "monday"),
        ("each Friday at 3pm", "friday"),
        ("every wed", "wednesday"),
        ("on Thursdays post to #ops", "thursday"),
        ("weekly on tues", "tuesday"),
        ("Saturday night clean-up", "saturday"),
        ("mon-fri at 9am", None),  # two days
        ("every day at 9am", None),
    ],
)
def test_the_weekday_is_read_only_when_one_is_named(request_text, day):
    assert stated_weekday(request_text) == day


@pytest.mark.parametrize(
    ("request_text", "interval"),
    [
        ("every 15 mins grab unassigned p1 incs", "00:15:00"),
        ("hourly: incs on hold -> work note", "01:00:00"),
        ("every half hour post the count", "00:30:00"),
        ("Every twelve hours, count the SLAs", "12:00:00"),
        ("evry 4 hrs: p2 incs w no update for 4h", "04:00:00"),
        ("*/15 min: task_sla stage=in_progress", "00:15:00"),
        ("run every 2 days: stale kb articles", "2d 00:00:00"),
        ("every 5 minutes: P1 incidents created in the last 5 minutes", "00:05:00"),
        ("Each one hour and half, the catalog tasks", None),  # not "every hour"
        ("every day at 9am", None),  # a daily schedule
        ("every hour, and every 15 minutes on weekends", None),  # two intervals
    ],
)
def test_the_repeat_interval_is_read_only_when_one_is_named(request_text, interval):
    assert stated_interval(request_text) == interval


@pytest.mark.parametrize(
    ("request_text", "day"),
    [
        ("On the first of every month at 06:00", "1"),
        ("monthly on the 28th at 8pm", "28"),
        ("monthly d=20 @ 01:00", "20"),
        ("Every month on the day 5 at 10", "5"),
        ("last working day of every month", None),
        ("on the 1st and the 15th", None),  # two days
    ],
)
def test_the_day_of_the_month_is_read_only_when_one_is_named(request_text, day):
    assert stated_day_of_month(request_text) == day


def test_a_repeat_trigger_takes_the_stated_interval():
    repeat = {**WEEKLY, "trigger": {"type": "repeat", "inputs": [{"name": "interval", "value": "00:00:00"}]}}
    grounded, notes = ground_schedule(repeat, "each hour log the stale articles")
    assert grounded["trigger"]["inputs"] == [{"name": "interval", "value": "01:00:00"}]
    assert notes == ["trigger interval: '00:00:00' → '01:00:00', as the request says"]
    assert validate_flow(grounded) == []


def test_a_monthly_trigger_takes_the_stated_day():
    monthly = {
        **WEEKLY,
        "trigger": {
            "type": "monthly",
            "inputs": [{"name": "day_of_month", "value": "1"}, {"name": "time", "value": "06:00:00"}],
        },
    }
    grounded, notes = ground_schedule(monthly, "on the 15th of every month at 6am log it")
    assert grounded["trigger"]["inputs"][0] == {"name": "day_of_month", "value": "15"}
    assert len(notes) == 1 and validate_flow(grounded) == []


def test_a_weekly_trigger_takes_the_stated_day_and_time_and_says_so():
    before = copy.deepcopy(WEEKLY)
    grounded, notes = ground_schedule(WEEKLY, "every monday at 5pm log it")
    assert WEEKLY == before  # the draft itself is not modified
    assert grounded["trigger"]["inputs"] == [
        {"name": "day_of_week", "value": "monday"},
        {"name": "time", "value": "17:00:00"},
    ]
    assert grounded["components"] == WEEKLY["components"]  # only the trigger's inputs change
    assert len(notes) == 2 and all("as the request says" in n for n in notes)
    assert validate_flow(grounded) == []


def test_a_flow_without_a_stated_schedule_or_with_a_record_trigger_is_returned_as_it_is():
    assert ground_schedule(WEEKLY, "every week log it") == (WEEKLY, [])
    record = {**WEEKLY, "trigger": {"type": "record_create", "inputs": [{"name": "table", "value": "incident"}]}}
    assert ground_schedule(record, "at 5pm every monday") == (record, [])


def test_no_written_schedule_is_contradicted_by_what_its_request_states():
    """Human train and the synthetic train split: wherever the grounding would change a target's trigger,
    it would be wrong; it changes none."""
    rows = [r for r in load("train") + generate_dataset(seed=0)["train"] if r["task"] == "generate"]
    scheduled = [r for r in rows if r["target"]["trigger"]["type"] in ("daily", "weekly", "monthly", "repeat")]
    assert len(scheduled) > 1000
    assert not [r["id"] for r in scheduled if ground_schedule(r["target"], r["request"])[1]]


def test_the_copilot_answers_with_the_stated_time_and_streams_the_change():
    result = Copilot(FakeDrafter(WEEKLY)).run("every friday at 5pm log the stale articles")
    assert result.ok and result.flow["trigger"]["inputs"][1] == {"name": "time", "value": "17:00:00"}
    grounding = [e for e in result.events if e["event"] == "grounding"]
    assert len(grounding) == 1 and "'05:00:00' → '17:00:00'" in grounding[0]["changes"][0]


def test_an_edit_keeps_the_drafters_schedule():
    result = Copilot(FakeDrafter(WEEKLY)).run("also at 6pm", flow=WEEKLY)
    assert "grounding" not in [e["event"] for e in result.events]
