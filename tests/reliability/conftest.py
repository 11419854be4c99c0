"""Options for the reliability tests: `--full-fuzz` (or FLOWSMITH_FULL_FUZZ=1) runs the full fuzz."""

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--full-fuzz", action="store_true", default=False,
                     help="Fuzz the API with >= 1,000 generated requests (minutes) instead of the CI sample.")


@pytest.fixture
def full_fuzz(request: pytest.FixtureRequest) -> bool:
    return request.config.getoption("--full-fuzz", default=False) or os.environ.get("FLOWSMITH_FULL_FUZZ") == "1"
