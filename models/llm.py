"""The one place chat-model clients are built (repair and fallback drafting in the agent)."""

import os

from langchain.chat_models import init_chat_model
from langchain_core.language_models import BaseChatModel

LOCAL_PREFIX = "local:"  # an offline model: "local:smollm2", "local:/path/model.gguf" or an HF directory
LOCAL_API_KEY = "EMPTY"  # OpenAI-compatible local servers (vLLM, Ollama) accept any key


def chat_model(
    spec: str,
    base_url: str | None = None,
    api_key_env: str | None = None,
    timeout: float | None = None,
    **kw: object,
) -> BaseChatModel:
    """A chat model for `spec` ("provider:model", e.g. "openai:gpt-4o-mini", or "local:smollm2").

    `base_url` points an OpenAI-compatible client at a local server; the key is read from the
    env var `api_key_env` (else the provider's default variable, or a dummy key with `base_url`).
    `max_retries` defaults to 0 so that a dead server fails fast.
    """
    if spec.startswith(LOCAL_PREFIX):
        from models.local_chat import LocalChatModel

        return LocalChatModel(base_model=spec[len(LOCAL_PREFIX) :], timeout_s=timeout, **kw)
    options: dict[str, object] = {"max_retries": 0, **kw}
    if base_url is not None:
        options["base_url"] = base_url
    if timeout is not None:
        options["timeout"] = timeout
    if api_key_env is not None:
        key = os.environ.get(api_key_env)
        if not key:
            raise ValueError(f"chat model '{spec}': environment variable {api_key_env} is not set")
        options["api_key"] = key
    elif base_url is not None:
        options["api_key"] = LOCAL_API_KEY
    return init_chat_model(spec, **options)
