"""The copilot endpoints: generate, edit, complete and chat (JSON or Server-Sent Events), for the token's user."""

from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Query, Request

from plugin.api import ChatRequest, CompleteRequest, CopilotResponse, EditRequest, GenerateRequest
from plugin.auth import Principal
from plugin.deps import (
    USER_DOC,
    ConversationsDep,
    MetricsDep,
    RunnerDep,
    SettingsDep,
    UserDep,
    conversation_for,
    rate_limit,
)
from plugin.http_answer import SSE_DOC, answer
from plugin.limits import check_flow_size
from plugin.runner import Call
from plugin.settings import Settings

router = APIRouter(prefix="/v1", tags=["copilot"], dependencies=[Depends(rate_limit)], responses=USER_DOC)
Stream = Annotated[bool, Query(description="Answer as Server-Sent Events with progress.")]


async def _call(
    conversations: ConversationsDep, user: Principal, settings: Settings, conversation_id: str | None, **turn: object
) -> Call:
    """The turn, in the conversation it continues (404 if not the user's) or a new one."""
    check_flow_size(turn["flow"], settings.max_flow_components)  # before a conversation is started for it
    thread = await anyio.to_thread.run_sync(conversation_for, conversations, user, conversation_id)
    return Call(**turn, thread_id=thread, user=user.key)


@router.post("/generate", response_model=CopilotResponse, responses=SSE_DOC)
async def generate(
    body: GenerateRequest,
    request: Request,
    user: UserDep,
    conversations: ConversationsDep,
    runner: RunnerDep,
    metrics: MetricsDep,
    settings: SettingsDep,
    stream: Stream = False,
):
    """A new flow from a request; the patch builds it from `{}`."""
    call = await _call(
        conversations, user, settings, body.conversation_id, task="generate", request=body.request, flow=None
    )
    return await answer(call, request, stream, runner, metrics, settings)


@router.post("/edit", response_model=CopilotResponse, responses=SSE_DOC)
async def edit(
    body: EditRequest,
    request: Request,
    user: UserDep,
    conversations: ConversationsDep,
    runner: RunnerDep,
    metrics: MetricsDep,
    settings: SettingsDep,
    stream: Stream = False,
):
    """The patch that applies an instruction to the flow sent."""
    flow = body.flow.to_json()
    call = await _call(
        conversations, user, settings, body.conversation_id, task="edit", request=body.instruction, flow=flow
    )
    return await answer(call, request, stream, runner, metrics, settings)


@router.post("/complete", response_model=CopilotResponse, responses=SSE_DOC)
async def complete(
    body: CompleteRequest,
    request: Request,
    user: UserDep,
    conversations: ConversationsDep,
    runner: RunnerDep,
    metrics: MetricsDep,
    settings: SettingsDep,
    stream: Stream = False,
):
    """The patch adding suggested next components to a partial flow."""
    flow = body.flow.to_json()
    call = await _call(conversations, user, settings, body.conversation_id, task="complete", request="", flow=flow)
    return await answer(call, request, stream, runner, metrics, settings)


@router.post("/chat", response_model=CopilotResponse, responses=SSE_DOC)
async def chat(
    body: ChatRequest,
    request: Request,
    user: UserDep,
    conversations: ConversationsDep,
    runner: RunnerDep,
    metrics: MetricsDep,
    settings: SettingsDep,
    stream: Stream = False,
):
    """One conversational entry point: the agent decides whether to generate, edit, complete or answer."""
    flow = body.flow.to_json() if body.flow is not None else None
    call = await _call(conversations, user, settings, body.conversation_id, task=None, request=body.message, flow=flow)
    return await answer(call, request, stream, runner, metrics, settings)
