"""Who is asking: the host platform's signed token per user (a JWT, verified with PyJWT), or a local dev token.

The copilot routes need `Authorization: Bearer <JWT>`, signed with FLOWSMITH_JWT_KEY (an HS256 secret,
or the RS256/ES256 public key of the host platform) and carrying the tenant (claim
FLOWSMITH_JWT_TENANT_CLAIM, default `tenant`), the user (FLOWSMITH_JWT_USER_CLAIM, default `sub`) and
`exp`; all three are required, `iss`/`aud` too when configured. The admin token is separate: it is no
user token, and no user token opens the admin API.

Without a key the service is in local development mode: it signs tokens itself with a secret made at
start-up and hands them to loopback clients at `GET /v1/auth/dev-token` (the editor does that).
`check_bind` refuses that mode on any address but loopback.
"""

import ipaddress
import secrets
import time
from dataclasses import dataclass

import jwt
from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePrivateKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from jwt.algorithms import get_default_algorithms

from plugin.settings import Settings

DEV_TENANT, DEV_USER = "local", "developer"
DEV_TOKEN_TTL_S = 12 * 3600
MIN_HS256_BYTES = 32  # RFC 7518 3.2: a key of at least the hash's size
MAX_NAME_CHARS = 256


class AuthConfigError(ValueError):
    """The auth settings cannot work (a bad key, or dev mode on a non-loopback bind): the service does not start."""


class AuthError(ValueError):
    """Why a credential is refused (answered 401)."""


@dataclass(frozen=True)
class Principal:
    """The user a request acts for; conversations and per-user limits are keyed by both parts."""

    tenant: str
    user: str

    @property
    def key(self) -> str:
        return f"{len(self.tenant)}:{self.tenant}/{self.user}"  # unambiguous whatever the names hold


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1); False for anything else, names included."""
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _prepared_key(key: str, algorithm: str) -> object:
    """The key as PyJWT verifies with it; AuthConfigError saying what is wrong with it."""
    if algorithm == "HS256" and len(key.encode()) < MIN_HS256_BYTES:
        raise AuthConfigError(
            f"FLOWSMITH_JWT_KEY: an HS256 secret must be at least {MIN_HS256_BYTES} bytes, got {len(key.encode())}"
        )
    try:
        prepared = get_default_algorithms()[algorithm].prepare_key(key)
    except (jwt.InvalidKeyError, ValueError, TypeError) as exc:
        raise AuthConfigError(f"FLOWSMITH_JWT_KEY is not a usable {algorithm} key: {exc}") from exc
    if isinstance(prepared, RSAPrivateKey | EllipticCurvePrivateKey):
        raise AuthConfigError(f"FLOWSMITH_JWT_KEY holds a private key: give the {algorithm} public key only")
    return prepared


class TokenVerifier:
    """Verifies user tokens with the configured key; in dev mode (no key) also issues them."""

    def __init__(self, settings: Settings) -> None:
        try:
            key = settings.jwt_key_text
        except ValueError as exc:
            raise AuthConfigError(str(exc)) from exc
        self.dev = key is None
        self.algorithm = "HS256" if self.dev else settings.jwt_algorithm
        self._key = _prepared_key(secrets.token_urlsafe(48) if key is None else key, self.algorithm)
        self.issuer, self.audience = settings.jwt_issuer, settings.jwt_audience
        self.tenant_claim, self.user_claim = settings.jwt_tenant_claim, settings.jwt_user_claim
        self.leeway = settings.jwt_leeway_s

    def verify(self, token: str) -> Principal:
        """The token's user; AuthError saying why it is refused (expired, badly signed, a claim missing)."""
        required = (
            ["exp", self.tenant_claim, self.user_claim] + ["iss"] * bool(self.issuer) + ["aud"] * bool(self.audience)
        )
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=[self.algorithm],
                issuer=self.issuer,
                audience=self.audience,
                leeway=self.leeway,
                options={"require": required, "verify_aud": self.audience is not None},
            )
        except jwt.ExpiredSignatureError as exc:
            raise AuthError("the token has expired: ask the host platform for a new one") from exc
        except jwt.InvalidTokenError as exc:
            raise AuthError(f"invalid token: {exc}") from exc
        return Principal(tenant=self._name(claims, self.tenant_claim), user=self._name(claims, self.user_claim))

    @staticmethod
    def _name(claims: dict, claim: str) -> str:
        value = claims[claim]
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_NAME_CHARS:
            raise AuthError(f"invalid token: claim '{claim}' must be a non-empty string of at most {MAX_NAME_CHARS}")
        return value

    def issue(self, principal: Principal, ttl_s: float = DEV_TOKEN_TTL_S) -> str:
        """A token for `principal` (dev mode only: with a configured key the host platform issues them)."""
        if not self.dev:
            raise AuthConfigError("tokens are issued by the host platform when FLOWSMITH_JWT_KEY is set")
        now = int(time.time())
        claims = {self.tenant_claim: principal.tenant, self.user_claim: principal.user, "iat": now}
        claims["exp"] = now + int(ttl_s)
        claims |= {"iss": self.issuer} if self.issuer else {}
        claims |= {"aud": self.audience} if self.audience else {}
        return jwt.encode(claims, self._key, algorithm=self.algorithm)


def check_bind(settings: Settings) -> None:
    """AuthConfigError when the service would accept anyone: no JWT key on a non-loopback bind, or none at all."""
    verifier = TokenVerifier(settings)  # a bad key fails here, before the port opens
    if not verifier.dev:
        return
    if not settings.dev_auth:
        raise AuthConfigError(
            "no FLOWSMITH_JWT_KEY and FLOWSMITH_DEV_AUTH=false: no user could authenticate; set FLOWSMITH_JWT_KEY"
        )
    if not is_loopback(settings.host):
        raise AuthConfigError(
            f"refusing to serve on {settings.host}: no FLOWSMITH_JWT_KEY is set, so only local development tokens "
            "exist and they are for 127.0.0.1. Set FLOWSMITH_JWT_KEY (or FLOWSMITH_JWT_KEY_FILE) to the key the "
            "host platform signs user tokens with, or bind 127.0.0.1"
        )
