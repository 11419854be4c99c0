"""What the catalog cannot do, found in a request, and the placeholder steps that mark where it goes."""

import pytest

from agent.unsupported import find_missing, placeholder_step, placeholders, with_placeholders
from plugin.testing.flows import NOTIFY, flow
from schemas.catalog import PLACEHOLDER
from schemas.validate import is_valid, validate_flow


@pytest.mark.parametrize(
    ("request_text", "names"),
    [
        ("send a fax to the vendor", ["fax"]),
        ("when a P1 opens, fax the vendor and post to slack", ["fax"]),
        ("call the on-call engineer by phone", ["phone call"]),
        ("print the report, then notify the team on WhatsApp", ["printing", "WhatsApp"]),
        ("post it to Discord and Telegram", ["Discord", "Telegram"]),
        ("open a Salesforce case and add a row in Google Sheets", ["Salesforce", "Google Sheets"]),
        (
            "create a Trello card; deactivate the user in Okta; upload it to SharePoint",
            ["Trello", "Okta", "SharePoint"],
        ),
        ("start a Webex meeting", ["Webex"]),
        ("ping the owner on Viber, then log a Confluence page", ["Viber", "Confluence"]),
        ("isolate the host through CrowdStrike and open a GitLab issue", ["CrowdStrike", "GitLab"]),
        ("wipe the laptop in Intune and tell HR in Workday", ["Intune", "Workday"]),
        ("append today's count as a row to our Google Sheet 'Daily'", ["Google Sheets"]),  # an apostrophe, not a quote
        ("p1 inc -> msg the assignee on Signal, tweet it from @acme_status", ["Signal", "Twitter"]),
        ("push an alert to our Rocket.Chat #noc room", ["Rocket.Chat"]),
    ],
)
def test_what_the_catalog_cannot_do_is_found(request_text, names):
    assert [m.name for m in find_missing(request_text)] == names


@pytest.mark.parametrize(
    "request_text",
    [
        "post to slack #ops when a P1 incident opens",
        "message the team in Microsoft Teams and open a Jira issue",
        "page PagerDuty, create a GitHub issue and a Zoom meeting",
        "email the caller and send an SMS to the on-call engineer",
        "add the facts to the work notes",  # "facts" is not "fax"
        "make a REST call to https://api.example.com",  # not a phone call
        "incidents reported by phone get priority 1",  # a condition, not a call
        "review the blueprint",
        'send an email saying "please fax it back"',  # quoted text is content
        "remove the fax step",  # not asked for
        "email VIP callers of P1 incidents",
        "the notion of a major incident",  # the word, not the tool
        "post the workday summary to slack",  # a working day, not the tool
        "printer toner order -> Facilities task",  # a printer named, no printing asked
    ],
)
def test_what_the_catalog_does_is_not_missing(request_text):
    assert find_missing(request_text) == []


def test_the_description_is_the_clause_that_asks():
    [missing] = find_missing("When an incident is created, send a fax to the vendor and post to slack")
    assert missing.description == "send a fax to the vendor"
    assert (missing.what, missing.lacks) == ("send a fax", "no fax action")


def test_a_placeholder_goes_at_the_end_of_the_top_level_and_the_flow_stays_valid():
    draft, missing = with_placeholders(flow(), None, "email VIP callers of P1s and fax the vendor")
    [step] = placeholders(draft)
    assert draft["components"][:-1] == NOTIFY["components"] and draft["components"][-1] is step
    assert step == placeholder_step(len(NOTIFY["components"]) + 1, "fax the vendor")
    assert [m.name for m in missing] == ["fax"]
    problems = validate_flow(draft)
    assert is_valid(problems) and [p.code for p in problems] == ["placeholder"]


def test_nothing_missing_leaves_the_draft_as_it_is():
    draft = flow()
    assert with_placeholders(draft, None, "email VIP callers of P1s") == (draft, [])


def test_an_edit_does_not_re_add_a_placeholder_already_in_the_flow():
    current, _ = with_placeholders(flow(), None, "fax the vendor")
    again, missing = with_placeholders(current, current, "and fax the vendor too")
    assert again is current and missing == []


def test_an_edit_keeps_the_placeholders_its_drafter_could_not_write():
    current, _ = with_placeholders(flow(), None, "fax the vendor")
    kept, missing = with_placeholders(flow(), current, "use priority 2 instead")
    assert kept == current and missing == []


def test_an_edit_that_removes_the_placeholder_does_not_bring_it_back():
    current, _ = with_placeholders(flow(), None, "fax the vendor")
    assert placeholders(with_placeholders(flow(), current, "remove the fax placeholder")[0]) == []
    assert placeholders(with_placeholders(flow(), current, "replace the fax with an email")[0]) == []


def test_descriptions_carry_no_pills_or_markup():
    [missing] = find_missing("fax {{trigger.current.number}} to <b>the vendor</b>")
    assert not set("{}<>") & set(missing.description)
    assert PLACEHOLDER == "placeholder"
