"""Answer a copilot call as one JSON response or as Server-Sent Events with progress."""

import json
from collections.abc import AsyncIterator
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from sse_starlette import EventSourceResponse, ServerSentEvent

from agent.service import TurnResult
from plugin.api import CopilotResponse
from plugin.limits import check_flow_size
from plugin.metrics import Metrics
from plugin.runner import Call, CopilotRunner
from plugin.settings import Settings

SSE_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "JSON, or with ?stream=true / Accept: text/event-stream a stream of progress events "
        "(routing, drafting, grounding, validating, fixing, repairing, answering, diffing) ending in `done` "
        "(data: the response) or `error` (data: code and message from the service, or the agent's failed `result`).",
        "content": {"text/event-stream": {}},
    }
}


def wants_stream(request: Request, stream: bool) -> bool:
    return stream or "text/event-stream" in request.headers.get("accept", "")


def to_response(result: Any, conversation_id: str) -> CopilotResponse:
    """The agent's CopilotResult as the API's response (its fields, less the event log)."""
    data = jsonable_encoder(result)
    return CopilotResponse.model_validate(
        {**{k: data[k] for k in TurnResult.model_fields if k in data}, "conversation_id": conversation_id}
    )


async def answer(
    call: Call, request: Request, stream: bool, runner: CopilotRunner, metrics: Metrics, settings: Settings
) -> CopilotResponse | EventSourceResponse:
    check_flow_size(call.flow, settings.max_flow_components)
    if wants_stream(request, stream):
        events = runner.stream(call, settings.request_timeout_s)
        return EventSourceResponse(_frames(events, call.thread_id, metrics))
    response = to_response(await runner.run(call, settings.request_timeout_s), call.thread_id)
    _count(response, metrics)
    return response


async def _frames(
    events: AsyncIterator[dict], conversation_id: str, metrics: Metrics
) -> AsyncIterator[ServerSentEvent]:
    finished = False
    async for event in events:
        name, data = event["event"], {k: v for k, v in event.items() if k != "event"}
        if name == "done":
            response = to_response(data["result"], conversation_id)
            _count(response, metrics)
            data = response.model_dump(mode="json")
        elif "result" in data:
            data["result"] = to_response(data["result"], conversation_id).model_dump(mode="json")
        finished = name in ("done", "error")
        yield ServerSentEvent(event=name, data=json.dumps(jsonable_encoder(data)))
    if not finished:
        data = {"code": "internal", "message": "the copilot stopped without a result"}
        yield ServerSentEvent(event="error", data=json.dumps(data))


def _count(response: CopilotResponse, metrics: Metrics) -> None:
    if response.path is not None:
        metrics.record_path(response.path)
