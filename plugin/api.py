"""Request and response bodies of the HTTP API."""

from datetime import UTC, datetime
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, AwareDatetime, Field

from agent.service import TurnResult
from plugin.admin_store import ConfigVersion
from plugin.conversations import Conversation
from schemas.base import StrictModel
from schemas.problems import Problem
from schemas.workflow import Flow

ConversationId = Annotated[str, Field(min_length=1, max_length=128, pattern=r"^[\w.:\-]+$")]
# omitted: a new conversation, whose id the answer carries; given: one of the caller's own (else 404)
Continues = Annotated[ConversationId | None, Field(description="Omit to start a new conversation.")]
Text = Annotated[str, Field(min_length=1, max_length=4000)]
INT64_MAX = 2**63 - 1


def _storable(flow: Flow) -> Flow:
    """Orders and blocks must fit in 64 bits: the conversation memory cannot store larger integers."""
    for index, component in enumerate(flow.components):
        for name, value in (("order", component.order), ("block", component.block)):
            if value is not None and abs(value) > INT64_MAX:
                raise ValueError(f"components[{index}].{name} = {value} does not fit in a 64-bit integer")
    return flow


FlowIn = Annotated[Flow, AfterValidator(_storable)]


class GenerateRequest(StrictModel):
    request: Text
    conversation_id: Continues = None


class EditRequest(StrictModel):
    flow: FlowIn
    instruction: Text
    conversation_id: Continues = None


class CompleteRequest(StrictModel):
    flow: FlowIn
    conversation_id: Continues = None


class ChatRequest(StrictModel):
    message: Text
    flow: FlowIn | None = None
    conversation_id: Continues = None


class CopilotResponse(TurnResult):
    """What the agent answered: the new flow and the RFC 6902 patch from the flow sent."""

    conversation_id: str


class ConversationInfo(StrictModel):
    """One of the caller's conversations; it expires `conversation_ttl_s` after its last turn."""

    conversation_id: str
    created_at: AwareDatetime
    last_used_at: AwareDatetime
    expires_at: AwareDatetime

    @classmethod
    def of(cls, conversation: Conversation, **extra: object) -> Self:
        def at(seconds: float) -> datetime:
            return datetime.fromtimestamp(seconds, UTC)

        return cls(
            conversation_id=conversation.id,
            created_at=at(conversation.created_at),
            last_used_at=at(conversation.used_at),
            expires_at=at(conversation.expires_at),
            **extra,
        )


class ConversationDetail(ConversationInfo):
    flow: dict | None = None  # the flow its memory holds (None: none yet, or the copilot is unavailable)


class ConversationList(StrictModel):
    conversations: list[ConversationInfo]  # most recently used first


class DevToken(StrictModel):
    """A local development token (only without FLOWSMITH_JWT_KEY, only to loopback clients)."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int  # seconds
    tenant: str
    user: str


class ValidateRequest(StrictModel):
    flow: dict  # any JSON object: shape problems come back as problems, with paths


class ValidateResponse(StrictModel):
    ok: bool
    problems: list[Problem]  # the first FLOWSMITH_MAX_PROBLEMS, in document order, each with its severity
    omitted: int = 0  # problems found beyond those listed


class Health(StrictModel):
    """Unauthenticated liveness: no detail (it could name the service's environment)."""

    status: Literal["ok", "degraded"]
    config_version: int
    copilot_ready: bool


class AdminHealth(Health):
    """Liveness for admins, with why the copilot could not be built from the current config."""

    detail: str = ""


class RouteMetrics(StrictModel):
    count: int
    errors: int  # responses with status >= 400
    p50_ms: float
    p95_ms: float


class MetricsResponse(StrictModel):
    routes: dict[str, RouteMetrics]  # key: "METHOD /path/template"
    paths: dict[str, int]  # answers per agent path: slm / fixed / slm-repair / llm-repair / llm / placeholders


class AdminHistoryResponse(StrictModel):
    versions: list[ConfigVersion]  # newest first
