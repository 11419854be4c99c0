"""FastAPI dependencies: what a route needs from app.state, admin and user auth, the rate limits, conversations."""

import hashlib
import hmac
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from plugin.admin_store import ConfigStore
from plugin.auth import AuthError, Principal, TokenVerifier
from plugin.conversations import ConversationStore
from plugin.metrics import Metrics
from plugin.runner import CopilotRunner
from plugin.settings import Settings


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> ConfigStore:
    return request.app.state.store


def get_runner(request: Request) -> CopilotRunner:
    return request.app.state.runner


def get_metrics(request: Request) -> Metrics:
    return request.app.state.metrics


def get_conversations(request: Request) -> ConversationStore:
    return request.app.state.conversations


def get_verifier(request: Request) -> TokenVerifier:
    return request.app.state.verifier


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[ConfigStore, Depends(get_store)]
RunnerDep = Annotated[CopilotRunner, Depends(get_runner)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
ConversationsDep = Annotated[ConversationStore, Depends(get_conversations)]
VerifierDep = Annotated[TokenVerifier, Depends(get_verifier)]

bearer = HTTPBearer(auto_error=False, scheme_name="AdminToken", description="The admin token (FLOWSMITH_ADMIN_TOKEN).")
user_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="UserToken",
    bearerFormat="JWT",
    description=(
        "A JWT from the host platform naming the tenant and the user, with `exp` (see plugin/auth.py); "
        "local development: GET /v1/auth/dev-token."
    ),
)


def require_admin(
    settings: SettingsDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    """401 without a bearer token, 403 with a wrong one (or when no admin token is configured)."""
    if settings.admin_token is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "the admin API is disabled: set FLOWSMITH_ADMIN_TOKEN")
    if credentials is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "missing admin credentials: send 'Authorization: Bearer <admin token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    expected = settings.admin_token.get_secret_value().encode()
    if not hmac.compare_digest(credentials.credentials.encode(), expected):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "wrong admin token")


def current_user(
    request: Request,
    verifier: VerifierDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(user_bearer)],
) -> Principal:
    """The user the token names; 401 without one or with a bad one, 429 when the user is over their rate."""
    if credentials is None:
        where = "GET /v1/auth/dev-token on this machine" if verifier.dev else "the host platform"
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            f"missing credentials: send 'Authorization: Bearer <token>', a user token from {where}",
            headers={"WWW-Authenticate": "Bearer"},
        )
    try:
        user = verifier.verify(credentials.credentials)
    except AuthError as exc:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, str(exc), headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
        ) from exc
    request.app.state.user_limiter.check(user.key)
    return user


UserDep = Annotated[Principal, Depends(current_user)]
USER_DOC: dict[int | str, dict[str, Any]] = {
    401: {"description": "No user token, or one that is expired, badly signed or lacks the tenant or user."},
    429: {"description": "Over the rate limit of this client or of this user (Retry-After says when to retry)."},
}


def no_such_conversation(conversation_id: str) -> HTTPException:
    """The one answer for an id that is unknown, expired or someone else's: nothing tells them apart."""
    return HTTPException(
        status.HTTP_404_NOT_FOUND,
        f"no conversation {conversation_id!r} for this user (unknown or expired); omit conversation_id to start one",
    )


def conversation_for(conversations: ConversationStore, user: Principal, conversation_id: str | None) -> str:
    """The id of the conversation a turn continues (its expiry pushed back), or of a new one when none is named."""
    if conversation_id is None:
        return conversations.start(user).id
    if conversations.find(user, conversation_id, touch=True) is None:
        raise no_such_conversation(conversation_id)
    return conversation_id


def rate_limit(request: Request) -> None:
    """429 when this client (by address) is over FLOWSMITH_RATE_LIMIT_PER_MINUTE."""
    client = request.client.host if request.client else "unknown"
    request.app.state.limiter.check(client)


ACTOR_HEADER = "X-Flowsmith-Actor"  # the admin's name as the host platform knows it (recorded, not trusted)


def admin_actor(request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> str:
    """Who is writing, for the config history: the token's fingerprint, the client, a declared name."""
    token = credentials.credentials if credentials else ""
    fingerprint = hashlib.sha256(token.encode()).hexdigest()[:8]
    client = request.client.host if request.client else "unknown"
    actor = f"admin token {fingerprint} from {client}"
    declared = "".join(c for c in request.headers.get(ACTOR_HEADER, "") if c.isprintable())[:100].strip()
    return f"{actor} as {declared}" if declared else actor


ActorDep = Annotated[str, Depends(admin_actor)]
