"""Local development tokens: how the editor on 127.0.0.1 authenticates when no JWT key is configured.

Issued only in dev mode (no FLOWSMITH_JWT_KEY, FLOWSMITH_DEV_AUTH on) and only to a loopback client that
named a loopback host (a page elsewhere that rebinds its DNS name to 127.0.0.1 is refused) and came through
no proxy. `flowsmith serve` refuses dev mode on any other bind (`plugin.auth.check_bind`).
"""

from fastapi import APIRouter, Depends, HTTPException, Request, status

from plugin.api import DevToken
from plugin.auth import DEV_TENANT, DEV_TOKEN_TTL_S, DEV_USER, Principal, is_loopback
from plugin.deps import SettingsDep, VerifierDep, rate_limit

router = APIRouter(prefix="/v1/auth", tags=["auth"], dependencies=[Depends(rate_limit)])
PROXY_HEADERS = ("forwarded", "x-forwarded-for", "x-forwarded-host", "x-real-ip")


def _refusal(request: Request, dev: bool, enabled: bool) -> str:
    """Why no dev token is issued to this request, or ""."""
    if not dev:
        return "this service verifies tokens from the host platform (FLOWSMITH_JWT_KEY is set): ask it for one"
    if not enabled:
        return "development tokens are off (FLOWSMITH_DEV_AUTH=false)"
    client = request.client.host if request.client else ""
    host = (request.url.hostname or "").strip("[]")
    if not is_loopback(client) or not is_loopback(host) or any(h in request.headers for h in PROXY_HEADERS):
        return "development tokens are issued only to clients on this machine, asking for 127.0.0.1 or localhost"
    return ""


@router.get(
    "/dev-token",
    response_model=DevToken,
    responses={403: {"description": "Not in local development mode, or not asked from this machine."}},
)
def dev_token(request: Request, settings: SettingsDep, verifier: VerifierDep) -> DevToken:
    """A user token for local development (tenant `local`, user `developer`), valid for 12 hours."""
    if why := _refusal(request, verifier.dev, settings.dev_auth):
        raise HTTPException(status.HTTP_403_FORBIDDEN, why)
    principal = Principal(DEV_TENANT, DEV_USER)
    return DevToken(
        access_token=verifier.issue(principal),
        expires_in=DEV_TOKEN_TTL_S,
        tenant=principal.tenant,
        user=principal.user,
    )
