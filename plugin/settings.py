"""Service settings: one BaseSettings read from FLOWSMITH_* environment variables."""

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """~/.flowsmith, or ./.flowsmith where there is no usable home directory."""
    try:
        return Path.home() / ".flowsmith"
    except RuntimeError:
        return Path(".flowsmith")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FLOWSMITH_", extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    data_dir: Path = Field(default_factory=default_data_dir)
    admin_token: SecretStr | None = None  # unset: the admin API answers 403
    cors_origins: list[str] = Field(default_factory=list, description='JSON list, e.g. ["http://localhost:3000"]')
    max_body_bytes: int = Field(1_000_000, ge=1)
    max_json_depth: int = Field(32, ge=2, description="Deepest JSON nesting a request body may have.")
    max_flow_components: int = Field(200, ge=1)
    rate_limit_per_minute: int = Field(60, ge=1)
    request_timeout_s: float = Field(120.0, gt=0)
    rest_allowed_hosts: list[str] = Field(default_factory=list, description=(
        'Internal hosts drafted flows may name in URLs: names, *.suffix, IPs or CIDRs, e.g. ["10.0.0.0/8"]'))

    @property
    def admin_db(self) -> Path:
        return self.data_dir / "admin.sqlite"
