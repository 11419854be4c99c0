"""The copilot endpoints: generate, edit, complete and chat (JSON or Server-Sent Events)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from plugin.api import ChatRequest, CompleteRequest, CopilotResponse, EditRequest, GenerateRequest
from plugin.deps import MetricsDep, RunnerDep, SettingsDep, rate_limit
from plugin.http_answer import SSE_DOC, answer
from plugin.runner import Call

router = APIRouter(prefix="/v1", tags=["copilot"], dependencies=[Depends(rate_limit)])
Stream = Annotated[bool, Query(description="Answer as Server-Sent Events with progress.")]


@router.post("/generate", response_model=CopilotResponse, responses=SSE_DOC)
async def generate(
    body: GenerateRequest,
    request: Request,
    runner: RunnerDep,
    metrics: MetricsDep,
    settings: SettingsDep,
    stream: Stream = False,
):
    """A new flow from a request; the patch builds it from `{}`."""
    call = Call(task="generate", request=body.request, flow=None, thread_id=body.conversation_id)
    return await answer(call, request, stream, runner, metrics, settings)


@router.post("/edit", response_model=CopilotResponse, responses=SSE_DOC)
async def edit(
    body: EditRequest,
    request: Request,
    runner: RunnerDep,
    metrics: MetricsDep,
    settings: SettingsDep,
    stream: Stream = False,
):
    """The patch that applies an instruction to the flow sent."""
    call = Call(task="edit", request=body.instruction, flow=body.flow.to_json(), thread_id=body.conversation_id)
    return await answer(call, request, stream, runner, metrics, settings)


@router.post("/complete", response_model=CopilotResponse, responses=SSE_DOC)
async def complete(
    body: CompleteRequest,
    request: Request,
    runner: RunnerDep,
    metrics: MetricsDep,
    settings: SettingsDep,
    stream: Stream = False,
):
    """The patch adding suggested next components to a partial flow."""
    call = Call(task="complete", request="", flow=body.flow.to_json(), thread_id=body.conversation_id)
    return await answer(call, request, stream, runner, metrics, settings)


@router.post("/chat", response_model=CopilotResponse, responses=SSE_DOC)
async def chat(
    body: ChatRequest,
    request: Request,
    runner: RunnerDep,
    metrics: MetricsDep,
    settings: SettingsDep,
    stream: Stream = False,
):
    """One conversational entry point: the agent decides whether to generate, edit, complete or answer."""
    flow = body.flow.to_json() if body.flow is not None else None
    call = Call(task=None, request=body.message, flow=flow, thread_id=body.conversation_id)
    return await answer(call, request, stream, runner, metrics, settings)
