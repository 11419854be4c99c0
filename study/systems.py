"""The systems under test: each turns a dataset row into an `Output` (prediction, raw text, tokens)."""

from dataclasses import dataclass
from typing import Protocol

from pydantic import ValidationError

from models.draft_text import complete_lines
from models.drafter import DraftError, DraftRequest
from models.llm import chat_model
from models.openai_drafter import OpenAIDrafter
from models.prompts import full_text
from models.serialize import to_text
from models.slm import SLMDrafter, parse_draft
from study.backends import ChatLM, LlamaLM, LocalLM
from study.config import SystemConfig
from study.params import (
    AgentParams,
    ChatClient,
    LocalParams,
    OpenAIParams,
    PromptedChatParams,
    PromptedParams,
    SLMParams,
)
from study.prefetch import PrefetchDrafter
from study.prompted import PromptedDrafter
from study.retrieval import ExamplePool


@dataclass(frozen=True)
class Output:
    prediction: dict | None
    raw: str
    input_tokens: int | None = None
    output_tokens: int | None = None
    error: str | None = None


class System(Protocol):
    def predict_many(self, rows: list[dict]) -> list[Output]:
        """One output per row, in order; local models decode the rows as one batch."""
        ...


def draft_request(row: dict) -> DraftRequest:
    return DraftRequest(task=row["task"], request=row.get("request", ""), flow=row.get("flow"))


def split(result: dict | DraftError) -> tuple[dict | None, str | None]:
    """(flow, None) or (None, why the text is no flow)."""
    return (None, str(result)) if isinstance(result, DraftError) else (result, None)


class SLMSystem:
    def __init__(self, drafter: SLMDrafter) -> None:
        self.drafter = drafter

    def predict(self, row: dict) -> Output:
        return self.predict_many([row])[0]

    def predict_many(self, rows: list[dict]) -> list[Output]:
        reqs = [draft_request(row) for row in rows]
        return [self._output(req, gen) for req, gen in zip(reqs, self.drafter.generate(reqs))]

    def _output(self, req: DraftRequest, gen) -> Output:
        text = full_text(req, complete_lines(gen.text, gen.finished))
        flow, error = split(parse_draft(req, text, self.drafter.catalog))
        return Output(flow, gen.text, None, gen.n_tokens, error)


class AgentSystem:
    """The whole copilot: SLM draft, validation, deterministic fixes, LLM repair.

    `predict_many` drafts the rows as one batch first (when the copilot's drafter is a
    `PrefetchDrafter`), then runs the graph per row on those drafts.
    """

    def __init__(self, copilot) -> None:
        self.copilot = copilot

    def predict_many(self, rows: list[dict]) -> list[Output]:
        drafter = self.copilot.context.drafter
        if isinstance(drafter, PrefetchDrafter):
            drafter.prefetch([draft_request(row) for row in rows])
        return [self.predict(row) for row in rows]

    def predict(self, row: dict) -> Output:
        result = self.copilot.run(row.get("request", ""), flow=row.get("flow"), task=row["task"], thread_id=row["id"])
        raw = to_text(result.flow) if result.flow else ""
        error = None if result.ok else (result.error or "; ".join(p.message for p in result.problems) or "not ok")
        return Output(result.flow, raw, None, None, error)


class PromptedSystem:
    def __init__(self, drafter: PromptedDrafter) -> None:
        self.drafter = drafter

    def predict(self, row: dict) -> Output:
        return self.predict_many([row])[0]

    def predict_many(self, rows: list[dict]) -> list[Output]:
        reqs = [draft_request(row) for row in rows]
        gens = self.drafter.generate_many(reqs, [row.get("id") for row in rows])
        return [self._output(req, gen) for req, gen in zip(reqs, gens)]

    def _output(self, req: DraftRequest, gen) -> Output:
        flow, error = split(self.drafter.parse(req, gen.text))
        return Output(flow, gen.text, gen.input_tokens, gen.output_tokens, error)


class OpenAISystem:
    """The SLM's own prompt sent to an OpenAI-compatible completions endpoint (the product's `OpenAIDrafter`)."""

    def __init__(self, params: OpenAIParams) -> None:
        self.drafter = OpenAIDrafter(
            params.base_url,
            params.model,
            api_key_env=params.api_key_env,
            timeout=params.timeout,
            grammar_field="none",  # the study sends the prompt alone, as it always has
            max_tokens=params.max_tokens,
        )

    def predict_many(self, rows: list[dict]) -> list[Output]:
        return [self.predict(row) for row in rows]

    def predict(self, row: dict) -> Output:
        req = draft_request(row)
        try:
            done = self.drafter.completion(req)
        except DraftError as exc:
            return Output(None, "", error=str(exc))
        text = full_text(req, complete_lines(done.text, done.finished))
        flow, error = split(parse_draft(req, text, self.drafter.catalog))
        return Output(flow, done.text, done.input_tokens, done.output_tokens, error)


def _chat(client: ChatClient):
    return chat_model(
        client.model,
        base_url=client.base_url,
        api_key_env=client.api_key_env,
        timeout=client.timeout,
        temperature=client.temperature,
    )


def _prompted(params: PromptedParams, backend, train_rows: list[dict]) -> PromptedSystem:
    pool = ExamplePool(train_rows, params.retrieval, params.pool_size)
    return PromptedSystem(PromptedDrafter(backend, pool, params.k, params.n_search))


def _slm(params: SLMParams) -> SLMDrafter:
    drafter = SLMDrafter(**params.model_dump())
    drafter.load()
    return drafter


def _local(params: LocalParams) -> LocalLM | LlamaLM:
    lm = (LlamaLM if params.engine == "llamacpp" else LocalLM)(params.model, params.style, params.max_new_tokens)
    lm.load()
    return lm


def _agent(params: AgentParams) -> AgentSystem:
    """The copilot as the service builds it: the same output-safety check after validation (default hosts)."""
    from agent.service import Copilot
    from plugin.security import safety_check

    chat = _chat(params.chat) if params.chat else None
    policy = {"checks": (safety_check(),), **params.policy}
    return AgentSystem(Copilot(PrefetchDrafter(_slm(params.slm)), chat_model=chat, **policy))


def build_system(config: SystemConfig, train_rows: list[dict]) -> System:
    """The system a config describes; `train_rows` feed the prompted systems' example retrieval.

    Local models are loaded here: a model that cannot load raises now, before any row is recorded.
    """
    p = config.params
    try:
        if config.kind == "slm":
            return SLMSystem(_slm(SLMParams.model_validate(p)))
        if config.kind == "slm-agent":
            return _agent(AgentParams.model_validate(p))
        if config.kind == "prompted-local":
            local = LocalParams.model_validate(p)
            return _prompted(local, _local(local), train_rows)
        if config.kind == "prompted-chat":
            chat = PromptedChatParams.model_validate(p)
            return _prompted(chat, ChatLM(_chat(chat.client)), train_rows)
        return OpenAISystem(OpenAIParams.model_validate(p))
    except ValidationError as exc:
        raise ValueError(f"system {config.name!r} ({config.kind}): bad params: {exc}") from exc
