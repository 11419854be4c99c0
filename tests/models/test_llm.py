"""models.llm.chat_model: the one place chat clients are built (no network here)."""

import pytest
from langchain_openai import ChatOpenAI

from models.llm import LOCAL_API_KEY, chat_model


def test_local_openai_compatible_server():
    model = chat_model("openai:qwen", base_url="http://127.0.0.1:8000/v1", timeout=7)
    assert isinstance(model, ChatOpenAI)
    assert model.model_name == "qwen" and model.openai_api_base == "http://127.0.0.1:8000/v1"
    assert model.request_timeout == 7 and model.max_retries == 0
    assert model.openai_api_key.get_secret_value() == LOCAL_API_KEY


def test_key_comes_from_the_named_env_var(monkeypatch):
    monkeypatch.setenv("FLOWSMITH_TEST_KEY", "sk-test")
    model = chat_model("openai:gpt-4o-mini", api_key_env="FLOWSMITH_TEST_KEY", max_retries=3, temperature=0)
    assert model.openai_api_key.get_secret_value() == "sk-test"
    assert model.max_retries == 3 and model.temperature == 0


def test_missing_key_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("FLOWSMITH_TEST_KEY", raising=False)
    with pytest.raises(ValueError, match="FLOWSMITH_TEST_KEY is not set"):
        chat_model("openai:gpt-4o-mini", api_key_env="FLOWSMITH_TEST_KEY")
