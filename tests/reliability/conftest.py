"""Options for the reliability tests: `--full-fuzz` (or FLOWSMITH_FULL_FUZZ=1) runs the full fuzz."""

import os

import pytest


@pytest.fixture
def full_fuzz(request: pytest.FixtureRequest) -> bool:
    return request.config.getoption("--full-fuzz", default=False) or os.environ.get("FLOWSMITH_FULL_FUZZ") == "1"
