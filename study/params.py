"""The `params` each kind of system accepts (checked, so a typo in systems.yaml fails loudly)."""

from typing import Literal

from schemas.base import StrictModel


class SLMParams(StrictModel):
    adapter_dir: str | None = None  # None: the shipped adapter (models/adapters) as SLMDrafter resolves it
    base_model: str | None = None
    constrain: bool = True
    max_new_tokens: int = 320
    engine: Literal["llamacpp", "transformers"] = "llamacpp"  # the committed runs used transformers


class ChatClient(StrictModel):
    """How to reach a chat model through models.llm.chat_model."""

    model: str  # "provider:model", e.g. "openai:gpt-4o-mini"
    base_url: str | None = None
    api_key_env: str | None = None
    timeout: float | None = 120.0
    temperature: float = 0.0


class AgentParams(StrictModel):
    slm: SLMParams = SLMParams()
    chat: ChatClient | None = None  # the repair / fallback LLM; None: no LLM repair
    policy: dict = {}  # Copilot policy: fallback_policy, max_repair_rounds, llm_timeout_s


class PromptedParams(StrictModel):
    k: int = 4  # few-shot examples
    retrieval: Literal["bm25", "minilm"] = "bm25"
    n_search: int = 8  # catalog actions/subflows/tables found by BM25 on top of the examples' own
    pool_size: int | None = None  # cap on training rows indexed per task


class LocalParams(PromptedParams):
    model: str = "smollm2"  # smollm2 | gemma3 | an HF directory | a .gguf file
    style: Literal["auto", "chat", "plain"] = "auto"
    max_new_tokens: int = 320
    engine: Literal["transformers", "llamacpp"] = "transformers"  # the committed runs used transformers


class PromptedChatParams(PromptedParams):
    client: ChatClient


class OpenAIParams(StrictModel):
    """The fine-tuned SLM behind an OpenAI-compatible completions server (e.g. vLLM)."""

    model: str
    base_url: str
    api_key_env: str | None = None
    max_tokens: int = 320
    timeout: float = 120.0
