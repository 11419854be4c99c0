"""App fixtures for the plugin tests: the service over plugin.testing's FakeCopilot, and its settings.

`client` sends ALICE's user token on every request unless the request sends its own Authorization."""

import threading
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from plugin.admin_config import AdminConfig
from plugin.app import create_app
from plugin.settings import Settings
from plugin.testing.apps import user_client
from plugin.testing.fake_copilot import FakeCopilot
from plugin.testing.stubs import JWT_KEY

ADMIN_TOKEN = "test-admin-token-1"


class BlockingCopilot(FakeCopilot):
    """Blocks every run until `release` is set (for timeout tests)."""

    def __init__(self, config: AdminConfig, release: threading.Event) -> None:
        super().__init__(config)
        self.release = release

    def run(self, request: str, flow: dict | None = None, task: str | None = None, thread_id: str = "default"):
        self.release.wait()
        return super().run(request, flow, task, thread_id)


def make_settings(data_dir, **overrides) -> Settings:
    values = {
        "data_dir": data_dir,
        "admin_token": ADMIN_TOKEN,
        "jwt_key": JWT_KEY,
        "rate_limit_per_minute": 1000,
        "user_rate_limit_per_minute": 1000,
        "llm_key_envs": ["OPENAI_API_KEY"],
        **overrides,
    }
    return Settings(**values)


@pytest.fixture
def settings(tmp_path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def built() -> list[FakeCopilot]:
    """Every copilot the factory built, in order."""
    return []


@pytest.fixture
def client(settings, built) -> Iterator[TestClient]:
    def factory(config: AdminConfig) -> FakeCopilot:
        built.append(FakeCopilot(config))
        return built[-1]

    with user_client(create_app(settings, copilot_factory=factory)) as test_client:
        yield test_client


@pytest.fixture
def admin() -> dict[str, str]:
    return {"Authorization": f"Bearer {ADMIN_TOKEN}"}
