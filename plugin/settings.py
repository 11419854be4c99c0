"""Service settings: one BaseSettings read from FLOWSMITH_* environment variables."""

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
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
    # who is asking: the host platform signs a JWT per user (see plugin/auth.py); unset: local dev tokens
    jwt_key: SecretStr | None = Field(
        None, description="HS256 shared secret (32+ bytes), or the PEM public key for RS256/ES256."
    )
    jwt_key_file: Path | None = Field(None, description="A file holding the JWT key (instead of FLOWSMITH_JWT_KEY).")
    jwt_algorithm: Literal["HS256", "RS256", "ES256"] = "HS256"
    jwt_issuer: str | None = Field(None, description="When set, tokens must carry this `iss`.")
    jwt_audience: str | None = Field(None, description="When set, tokens must carry this `aud`.")
    jwt_tenant_claim: str = Field("tenant", min_length=1, description="The claim naming the user's tenant.")
    jwt_user_claim: str = Field("sub", min_length=1, description="The claim naming the user.")
    jwt_leeway_s: float = Field(0.0, ge=0, le=300, description="Clock skew allowed on `exp` and `nbf`.")
    dev_auth: bool = Field(
        True,
        description=(
            "Without a JWT key, issue local development tokens at /v1/auth/dev-token (loopback binds and "
            "clients only; `flowsmith serve` refuses any other bind without a JWT key)"
        ),
    )
    conversation_ttl_s: float = Field(
        7 * 24 * 3600.0, gt=0, description="A conversation unused this long expires (then pruned)."
    )
    cors_origins: list[str] = Field(default_factory=list, description='JSON list, e.g. ["http://localhost:3000"]')
    max_body_bytes: int = Field(1_000_000, ge=1)
    max_json_depth: int = Field(32, ge=2, description="Deepest JSON nesting a request body may have.")
    max_flow_components: int = Field(200, ge=1)
    rate_limit_per_minute: int = Field(60, ge=1, description="Requests per minute per client address.")
    user_rate_limit_per_minute: int = Field(30, ge=1, description="Copilot requests per minute per user.")
    # turns that may wait for the copilot while it answers another (then 503 + Retry-After at once)
    max_waiting: int = Field(8, ge=0, le=1000)
    max_waiting_per_user: int = Field(
        2, ge=0, le=1000, description="Turns one user may have waiting (besides one running); then 429."
    )
    request_timeout_s: float = Field(120.0, gt=0)
    rest_allowed_hosts: list[str] = Field(
        default_factory=list,
        description=(
            'Internal hosts drafted flows may name in URLs: names, *.suffix, IPs or CIDRs, e.g. ["10.0.0.0/8"]'
        ),
    )
    rest_allow_pill_hosts: bool = Field(
        False,
        description=(
            "Let flows build a URL's host from a data pill or flow variable (judged only by the platform at run time)."
        ),
    )
    llm_key_envs: list[str] = Field(
        default_factory=list,
        description=(
            'Environment variables an admin may name as llm.api_key_env, e.g. ["OPENAI_API_KEY"]; '
            "never FLOWSMITH_* (the service's own secrets)"
        ),
    )
    models_dir: Path | None = Field(
        None, description=("The only directory slm.adapter_path may point into (default: <data_dir>/models).")
    )
    forwarded_allow_ips: list[str] = Field(
        default_factory=list,
        description=(
            "Proxies whose X-Forwarded-For / -Proto are trusted (addresses or CIDRs); default: none, the "
            "client is the TCP peer"
        ),
    )
    header_timeout_s: float = Field(10.0, gt=0, description="A request's headers must arrive within this.")
    body_timeout_s: float = Field(10.0, gt=0, description="A request's body must arrive within this.")
    frame_ancestors: str = Field(
        "'none'",
        description=("CSP frame-ancestors for the editor: 'none' (default, no framing) or the host platform's origins"),
    )
    max_problems: int = Field(200, ge=1, description="Most problems one /v1/validate answer lists.")
    database_url: SecretStr | None = Field(
        None,
        description=(
            "postgresql://user:password@host:5432/db: the admin config and conversation memory in one PostgreSQL "
            "that every replica shares (unset: SQLite files under data_dir)"
        ),
    )
    config_poll_s: float = Field(
        2.0, gt=0, description="How often the service checks whether another replica wrote the admin config."
    )

    @field_validator("llm_key_envs")
    @classmethod
    def _not_ours(cls, names: list[str]) -> list[str]:
        if own := [n for n in names if n.upper().startswith("FLOWSMITH_")]:
            raise ValueError(f"llm_key_envs may not name the service's own variables: {', '.join(own)}")
        return names

    @field_validator("database_url")
    @classmethod
    def _postgres(cls, url: SecretStr | None) -> SecretStr | None:
        if url is not None and not url.get_secret_value().startswith(("postgresql://", "postgres://")):
            raise ValueError("database_url must be a postgresql:// URL (unset it for SQLite under data_dir)")
        return url

    @model_validator(mode="after")
    def _one_jwt_key(self) -> "Settings":
        if self.jwt_key is not None and self.jwt_key_file is not None:
            raise ValueError("set FLOWSMITH_JWT_KEY or FLOWSMITH_JWT_KEY_FILE, not both")
        return self

    @property
    def jwt_key_text(self) -> str | None:
        """The configured JWT key (read from jwt_key_file when that is set), or None: dev tokens."""
        if self.jwt_key_file is not None:
            try:
                return self.jwt_key_file.read_text(encoding="utf-8")
            except OSError as exc:
                raise ValueError(f"FLOWSMITH_JWT_KEY_FILE={self.jwt_key_file}: {exc.strerror or exc}") from exc
        return self.jwt_key.get_secret_value() if self.jwt_key is not None else None

    @property
    def adapters_dir(self) -> Path:
        return self.models_dir or self.data_dir / "models"

    @property
    def admin_db(self) -> Path:
        return self.data_dir / "admin.sqlite"

    @property
    def conversations_db(self) -> Path:
        return self.data_dir / "conversations.sqlite"
