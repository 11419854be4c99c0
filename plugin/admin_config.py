"""The admin-editable runtime config (`AdminConfig`): which models draft and repair, and how.

Secrets never live here: the LLM's key is read from the environment variable named by
`api_key_env`, and any string that looks like a key (`schemas.secrets.looks_like_secret`, the
detector the flow validator uses too) is rejected with its location.
"""

import re
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator, model_validator

from models.drafter import Engine, GGUFKind, GrammarField
from schemas.base import StrictModel
from schemas.secrets import looks_like_secret

ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class _NoSecrets(StrictModel):
    @field_validator("*", mode="after")
    @classmethod
    def _no_secret(cls, value: object) -> object:
        if isinstance(value, str) and looks_like_secret(value):
            raise ValueError(
                "looks like an API key or credential; secrets are never stored in the config: "
                "put the key in an environment variable and name it in llm.api_key_env"
            )
        return value


class SLMConfig(_NoSecrets):
    """The drafting small model: a local LoRA adapter (on llama.cpp or transformers), or an
    OpenAI-compatible endpoint."""

    engine: Engine | None = Field(
        None,
        description="llamacpp (default for a local adapter), transformers, or openai (the default with base_url).",
    )
    adapter_path: str | None = Field(None, description="Local adapter directory (default: the shipped adapter).")
    gguf_kind: GGUFKind = Field(
        "f16",
        description="llamacpp: the merged GGUF's weights; f16 drafts what transformers does, q8_0 is ~25% faster.",
    )
    base_url: str | None = Field(None, description="OpenAI-compatible server serving the drafter.")
    model: str | None = Field(None, description="Model name on that server.")
    grammar_field: GrammarField = Field(
        "structured_outputs",
        description="How that server takes the flow grammar: structured_outputs (vLLM >= 0.10.2), "
        "guided_grammar (older vLLM), grammar (llama.cpp's server), none.",
    )

    @model_validator(mode="after")
    def _one_source(self) -> "SLMConfig":
        if self.base_url and self.adapter_path:
            raise ValueError("give either adapter_path (local) or base_url + model (endpoint), not both")
        if bool(self.base_url) != bool(self.model):
            raise ValueError("an OpenAI-compatible endpoint needs both base_url and model")
        if (self.engine == "openai") != bool(self.base_url) and self.engine is not None:
            raise ValueError("engine openai takes base_url + model; llamacpp and transformers run a local adapter")
        if self.base_url:
            _check_url(self.base_url)
        return self

    @property
    def resolved_engine(self) -> Engine:
        return self.engine or ("openai" if self.base_url else "llamacpp")


class LLMConfig(_NoSecrets):
    """The large model used for repair (and drafting under fallback_policy=always_llm)."""

    spec: str = Field(description="provider:model, e.g. openai:gpt-4o-mini", pattern=r"^[\w.\-]+:\S+$")
    base_url: str | None = None
    api_key_env: str | None = Field(
        None, description="NAME of the environment variable that holds the key (never the key)."
    )

    @field_validator("api_key_env")
    @classmethod
    def _env_name(cls, value: str | None) -> str | None:
        if value is not None and not ENV_NAME.match(value):
            raise ValueError(
                f"api_key_env takes the NAME of an environment variable (e.g. OPENAI_API_KEY), "
                f"not {value[:4]!r}...: letters, digits and underscores only"
            )
        return value

    @field_validator("base_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return _check_url(value) if value is not None else None


class Timeouts(StrictModel):
    turn_s: float = Field(15.0, gt=0, le=3600, description="A whole turn: drafting, fixes and repair together.")
    slm_s: float = Field(60.0, gt=0, le=3600)
    llm_s: float = Field(60.0, gt=0, le=3600)


class AdminConfig(_NoSecrets):
    """What an admin may change at runtime; every write is a new version."""

    slm: SLMConfig = Field(default_factory=SLMConfig)
    # Default: no repair model. The bare local base (`local:smollm2`) repaired none of the drafts the
    # fixes left invalid and took tens of seconds each: an admin chooses a repair model that can.
    llm: LLMConfig | None = None
    fallback_policy: Literal["never", "on_invalid", "always_llm"] = "on_invalid"
    max_repair_rounds: int = Field(1, ge=0, le=10)
    placeholders_for_unresolved: bool = Field(
        True,
        description="When nothing else can make a draft valid, replace action steps whose own inputs are still "
        "wrong with placeholder steps (a warning to resolve before activation) instead of failing the turn.",
    )
    timeouts: Timeouts = Field(default_factory=Timeouts)

    @model_validator(mode="after")
    def _llm_when_needed(self) -> "AdminConfig":
        """on_invalid repairs with the llm when there is one; always_llm cannot do without."""
        if self.fallback_policy == "always_llm" and self.llm is None:
            raise ValueError("fallback_policy='always_llm' needs an llm section (the LLM drafts every flow)")
        return self


def _check_url(value: str) -> str:
    """An http(s) URL with a host; the message never quotes the value. A credential in it is
    `_NoSecrets`' to refuse (it checks every string field)."""
    try:
        parts = urlsplit(value)
    except ValueError:
        raise ValueError("not a URL") from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("not an http(s) URL with a host")
    return value
