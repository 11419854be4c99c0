"""What the agent asks of a drafting model (a flow dict for a request), and the one place a drafter is built."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

Task = Literal["generate", "edit", "complete"]  # the one definition; agent and plugin import it
DraftTask = Literal["generate", "edit", "complete", "repair"]  # what the SLM is asked: a task, or to repair a draft
Engine = Literal["llamacpp", "transformers", "openai"]  # what decodes the drafter's text
# how an OpenAI-compatible server takes the grammar: vLLM >= 0.10.2 `structured_outputs`, older vLLM
# `guided_grammar`, llama.cpp's server (`python -m llama_cpp.server`) `grammar` (GBNF), or not at all
GrammarField = Literal["structured_outputs", "guided_grammar", "grammar", "none"]
GGUFKind = Literal["f32", "f16", "q8_0"]  # how the llama.cpp engine stores the merged weights


class DraftError(RuntimeError):
    """The drafting model failed (crashed, timed out, returned nothing usable)."""


@dataclass(frozen=True)
class DraftRequest:
    task: DraftTask
    request: str = ""
    flow: dict | None = None  # the current flow (edit), the partial flow (complete), the invalid draft (repair)
    problems: tuple[str, ...] = ()  # repair: the validator's problems with the draft, one line each
    hints: dict = field(default_factory=dict)


class Drafter(Protocol):
    def draft(self, req: DraftRequest) -> dict:
        """A flow dict (Flow.to_json() shape; may fail validation). Raises DraftError."""
        ...

    def drafts(self, reqs: list[DraftRequest]) -> list[dict | DraftError]:
        """Batched drafting; one result or error per request, in order."""
        ...


def draft_or_error(draft: Callable[[DraftRequest], dict], req: DraftRequest) -> dict | DraftError:
    """`draft(req)`, or the DraftError it raised: how one-at-a-time drafters fill `drafts`."""
    try:
        return draft(req)
    except DraftError as exc:
        return exc


def build_drafter(
    engine: Engine = "llamacpp",
    adapter_dir: str | Path | None = None,
    base_model: str | None = None,
    base_url: str | None = None,
    model: str | None = None,
    constrain: bool = True,
    max_new_tokens: int = 320,
    timeout_s: float = 60,
    grammar_field: GrammarField = "structured_outputs",
    gguf_kind: GGUFKind = "f16",
) -> Drafter:
    """The local SLM on llama.cpp or transformers (the shipped adapter unless one is given), or the
    SLM behind an OpenAI-compatible completions server; `timeout_s` bounds each draft."""
    if engine == "openai":
        if not base_url or not model:
            raise ValueError("engine openai needs base_url and model")
        from models.openai_drafter import OpenAIDrafter

        grammar = grammar_field if constrain else "none"
        return OpenAIDrafter(base_url, model, timeout=timeout_s, grammar_field=grammar, max_tokens=max_new_tokens)
    from models.slm import SLMDrafter

    return SLMDrafter(
        adapter_dir, base_model, constrain, max_new_tokens, engine=engine, gguf_kind=gguf_kind, timeout_s=timeout_s
    )
