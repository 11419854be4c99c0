"""Plain-words descriptions of flows and of changes."""

from agent.explain import describe_changes, describe_flow
from plugin.testing.flows import NOTIFY, flow
from schemas.catalog import default_catalog
from tests.agent.fakes import with_log

CATALOG = default_catalog()


def test_describe_flow_names_trigger_and_steps():
    text = describe_flow(NOTIFY, CATALOG)
    assert text.startswith("When: Created on incident where priority=1.")
    assert "Look Up Record (step 1)" in text and "Send Email (step 3)" in text


def test_describe_changes_added_removed_changed():
    assert describe_changes(NOTIFY, with_log(), CATALOG) == "Added: Log (step 4)."
    assert describe_changes(with_log(), NOTIFY, CATALOG) == "Removed: Log (step 4)."
    changed = flow(name="Renamed")
    changed["components"][2]["inputs"][0]["value"] = "a@b.c"
    changed["trigger"]["type"] = "record_update"
    assert describe_changes(NOTIFY, changed, CATALOG) == (
        "Trigger: Created on incident where priority=1 -> Updated on incident where priority=1. "
        "Changed: Send Email (step 3): to. Name: 'Notify VIP caller' -> 'Renamed'."
    )


def test_describe_changes_replaced_component_and_no_change():
    replaced = flow()
    replaced["components"][2]["definition"] = "send_sms"
    assert describe_changes(NOTIFY, replaced, CATALOG) == "Added: Send SMS (step 3). Removed: Send Email (step 3)."
    assert describe_changes(NOTIFY, flow(), CATALOG) == "No changes."
    assert describe_changes(None, NOTIFY, CATALOG).startswith("New flow 'Notify VIP caller'. When:")
