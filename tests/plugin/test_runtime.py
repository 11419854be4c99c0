"""plugin.runtime: the admin config reaches the copilot's per-run Context."""

import pytest

from plugin.admin_config import AdminConfig
from plugin.runtime import load_copilot
from tests.plugin.conftest import make_settings

ENDPOINT = {"base_url": "http://localhost:8001/v1", "model": "flowsmith-slm"}  # nothing loads, nothing is called


@pytest.mark.parametrize("on", [True, False])
def test_placeholder_last_resort_follows_the_admin_config(tmp_path, on):
    config = AdminConfig.model_validate({"slm": ENDPOINT, "placeholders_for_unresolved": on})
    copilot = load_copilot(config, make_settings(tmp_path))
    assert copilot.context.placeholders_for_unresolved is on


def test_placeholders_are_on_by_default():
    assert AdminConfig().placeholders_for_unresolved is True


def test_turn_policy_reaches_the_context(tmp_path):
    config = AdminConfig.model_validate({"slm": ENDPOINT, "max_repair_rounds": 4, "timeouts": {"turn_s": 9}})
    context = load_copilot(config, make_settings(tmp_path)).context
    assert (context.max_repair_rounds, context.turn_budget_s) == (4, 9)
