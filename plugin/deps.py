"""FastAPI dependencies: what a route needs from app.state, admin auth and the rate limit."""

import hashlib
import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from plugin.admin_store import ConfigStore
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


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[ConfigStore, Depends(get_store)]
RunnerDep = Annotated[CopilotRunner, Depends(get_runner)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]

bearer = HTTPBearer(auto_error=False, description="The admin token (FLOWSMITH_ADMIN_TOKEN).")


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
