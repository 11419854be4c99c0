"""The caller's conversations: list them, read one (with the flow its memory holds), delete one.

Only the token's user's own conversations are visible: any other id answers 404, as an unknown one does.
"""

from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Path, Response, status

from plugin.api import ConversationDetail, ConversationId, ConversationInfo, ConversationList
from plugin.deps import USER_DOC, ConversationsDep, RunnerDep, UserDep, no_such_conversation, rate_limit

router = APIRouter(
    prefix="/v1/conversations", tags=["conversations"], dependencies=[Depends(rate_limit)], responses=USER_DOC
)
Id = Annotated[ConversationId, Path(description="An id a copilot answer gave.")]
NOT_FOUND = {404: {"description": "No conversation of the caller's by that id (unknown, expired or not theirs)."}}


@router.get("", response_model=ConversationList)
def list_conversations(user: UserDep, conversations: ConversationsDep) -> ConversationList:
    """The caller's unexpired conversations, most recently used first."""
    return ConversationList(conversations=[ConversationInfo.of(c) for c in conversations.owned_by(user)])


@router.get("/{conversation_id}", response_model=ConversationDetail, responses=NOT_FOUND)
def read_conversation(
    conversation_id: Id, user: UserDep, conversations: ConversationsDep, runner: RunnerDep
) -> ConversationDetail:
    """One of the caller's conversations and its current flow."""
    found = conversations.find(user, conversation_id)
    if found is None:
        raise no_such_conversation(conversation_id)
    return ConversationDetail.of(found, flow=runner.current_flow(found.id))


@router.delete("/{conversation_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_FOUND)
async def delete_conversation(
    conversation_id: Id, user: UserDep, conversations: ConversationsDep, runner: RunnerDep
) -> Response:
    """Delete one of the caller's conversations, its memory included."""
    if not await anyio.to_thread.run_sync(conversations.delete, user, conversation_id):
        raise no_such_conversation(conversation_id)
    await anyio.to_thread.run_sync(runner.forget, [conversation_id])
    return Response(status_code=status.HTTP_204_NO_CONTENT)
