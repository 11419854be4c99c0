"""User tokens: what the copilot routes accept (the host platform's JWT) and refuse, and local dev tokens."""

import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from fastapi.testclient import TestClient

from plugin.app import create_app
from plugin.auth import AuthConfigError, AuthError, Principal, TokenVerifier, is_loopback
from plugin.testing.fake_copilot import FakeCopilot
from plugin.testing.stubs import ADMIN_TOKEN, ALICE, BOB, JWT_KEY, user_headers, user_token
from tests.plugin.conftest import make_settings

USER_ROUTES = [
    ("POST", "/v1/generate", {"request": "x"}),
    ("POST", "/v1/edit", {"flow": {"trigger": {"type": "t"}}, "instruction": "x"}),
    ("POST", "/v1/complete", {"flow": {"trigger": {"type": "t"}}}),
    ("POST", "/v1/chat", {"message": "x"}),
    ("POST", "/v1/validate", {"flow": {}}),
    ("GET", "/v1/conversations", None),
    ("GET", "/v1/conversations/abc", None),
    ("DELETE", "/v1/conversations/abc", None),
]


def claims(**extra) -> dict:
    now = int(time.time())
    return {"tenant": "acme", "sub": "alice", "exp": now + 60, **extra}


def pem(private, public: bool = True) -> str:
    if public:
        return (
            private.public_key()
            .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            .decode()
        )
    return private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def verifier(tmp_path, **settings) -> TokenVerifier:
    return TokenVerifier(make_settings(tmp_path, **settings))


@pytest.mark.parametrize(("method", "url", "body"), USER_ROUTES)
@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer",
        f"Basic {user_token()}",
        f"Bearer {user_token(ttl_s=-5)}",  # expired
        f"Bearer {user_token(key='another-platform-key-of-at-least-32-bytes')}",  # badly signed
        f"Bearer {user_token()[:-2]}",  # tampered
        f"Bearer {ADMIN_TOKEN}",  # the admin token is no user token
        f"Bearer {jwt.encode({k: v for k, v in claims().items() if k != 'tenant'}, JWT_KEY)}",  # no tenant
        f"Bearer {jwt.encode({k: v for k, v in claims().items() if k != 'exp'}, JWT_KEY)}",  # no exp
        f"Bearer {jwt.encode(claims(), key=None, algorithm='none')}",  # unsigned
    ],
    ids=["none", "empty", "basic", "expired", "other key", "tampered", "admin", "no tenant", "no exp", "alg none"],
)
def test_user_routes_refuse_a_missing_or_bad_token_with_401(client, built, method, url, body, authorization):
    del client.headers["Authorization"]
    headers = {"Authorization": authorization} if authorization else {}
    response = client.request(method, url, json=body, headers=headers)
    assert response.status_code == 401, response.text
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert not built[-1].calls and client.get("/v1/conversations", headers=user_headers()).json()["conversations"] == []


def test_the_401_says_why(client):
    del client.headers["Authorization"]
    missing = client.post("/v1/generate", json={"request": "x"}).json()["detail"]
    expired = client.post("/v1/generate", json={"request": "x"}, headers=user_headers(ttl_s=-5)).json()["detail"]
    forged = user_headers(key="another-platform-key-of-at-least-32-bytes")
    bad = client.post("/v1/generate", json={"request": "x"}, headers=forged).json()["detail"]
    assert "Authorization: Bearer" in missing and "host platform" in missing
    assert "expired" in expired
    assert bad == "invalid token: Signature verification failed"


def test_a_user_token_does_not_open_the_admin_api(client, admin):
    assert client.get("/v1/admin/config").status_code == 403  # the fixture sends alice's token
    assert client.get("/v1/admin/config", headers=admin).status_code == 200


def test_the_catalog_stays_public(client):
    del client.headers["Authorization"]
    assert client.get("/v1/catalog").status_code == 200


@pytest.mark.parametrize(
    "algorithm, make",
    [
        ("RS256", lambda: rsa.generate_private_key(65537, 2048)),
        ("ES256", lambda: ec.generate_private_key(ec.SECP256R1())),
    ],
)
def test_public_key_algorithms_verify_the_platforms_signature(tmp_path, algorithm, make):
    private, other = make(), make()
    check = verifier(tmp_path, jwt_key=pem(private), jwt_algorithm=algorithm)
    assert check.verify(jwt.encode(claims(), private, algorithm=algorithm)) == Principal("acme", "alice")
    with pytest.raises(AuthError, match="Signature verification failed"):
        check.verify(jwt.encode(claims(), other, algorithm=algorithm))
    with pytest.raises(AuthError, match="alg"):  # an HMAC token where a public key is configured: alg confusion
        check.verify(jwt.encode(claims(), JWT_KEY, algorithm="HS256"))


def test_a_key_file_is_read(tmp_path):
    private = rsa.generate_private_key(65537, 2048)
    (tmp_path / "platform.pem").write_text(pem(private))
    check = verifier(tmp_path, jwt_key=None, jwt_key_file=tmp_path / "platform.pem", jwt_algorithm="RS256")
    assert check.verify(jwt.encode(claims(), private, algorithm="RS256")).tenant == "acme"


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"jwt_key": "short"}, "at least 32 bytes"),
        ({"jwt_key": "x" * 40, "jwt_algorithm": "RS256"}, "not a usable RS256 key"),
        ({"jwt_key": None, "jwt_key_file": "/nonexistent/key.pem"}, "FLOWSMITH_JWT_KEY_FILE"),
    ],
)
def test_a_key_that_cannot_work_fails_at_start_saying_why(tmp_path, settings, message):
    with pytest.raises(AuthConfigError, match=message):
        create_app(make_settings(tmp_path, **settings))


def test_a_private_key_is_refused(tmp_path):
    with pytest.raises(AuthConfigError, match="public key only"):
        verifier(tmp_path, jwt_key=pem(rsa.generate_private_key(65537, 2048), public=False), jwt_algorithm="RS256")


def test_issuer_audience_and_claim_names_are_enforced_when_configured(tmp_path):
    check = verifier(
        tmp_path,
        jwt_issuer="https://platform.example",
        jwt_audience="flowsmith",
        jwt_tenant_claim="org",
        jwt_user_claim="uid",
    )
    good = claims(iss="https://platform.example", aud="flowsmith", org="acme", uid="u7")
    assert check.verify(jwt.encode(good, JWT_KEY)) == Principal("acme", "u7")
    for bad in (
        {**good, "iss": "https://evil.example"},
        {**good, "aud": "other"},
        {k: v for k, v in good.items() if k != "org"},
    ):
        with pytest.raises(AuthError):
            check.verify(jwt.encode(bad, JWT_KEY))
    with pytest.raises(AuthError, match="non-empty string"):
        check.verify(jwt.encode({**good, "uid": ""}, JWT_KEY))


def test_leeway_allows_a_little_clock_skew(tmp_path):
    token = jwt.encode(claims(exp=int(time.time()) - 5), JWT_KEY)
    with pytest.raises(AuthError, match="expired"):
        verifier(tmp_path).verify(token)
    assert verifier(tmp_path, jwt_leeway_s=30).verify(token) == Principal("acme", "alice")


def test_tenants_and_users_with_odd_names_stay_apart():
    assert Principal("a/b", "c").key != Principal("a", "b/c").key


@pytest.mark.parametrize(
    "host, loopback",
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("10.0.0.1", False),
        ("example.com", False),
    ],
)
def test_loopback(host, loopback):
    assert is_loopback(host) is loopback


def dev_client(tmp_path, client=("127.0.0.1", 50000), base_url="http://127.0.0.1:8000", **settings) -> TestClient:
    app = create_app(make_settings(tmp_path, jwt_key=None, **settings), copilot_factory=FakeCopilot)
    return TestClient(app, client=client, base_url=base_url)


def test_dev_mode_issues_the_editor_a_token_that_the_copilot_accepts(tmp_path):
    with dev_client(tmp_path) as client:
        issued = client.get("/v1/auth/dev-token").json()
        headers = {"Authorization": f"Bearer {issued['access_token']}"}
        answer = client.post("/v1/generate", json={"request": "x"}, headers=headers)
        refused = client.post("/v1/generate", json={"request": "x"}, headers=user_headers())  # no platform key here
    assert (issued["tenant"], issued["user"], issued["token_type"]) == ("local", "developer", "bearer")
    assert answer.status_code == 200 and refused.status_code == 401


@pytest.mark.parametrize(
    "client_addr, base_url, headers",
    [
        (("192.168.1.7", 50000), "http://127.0.0.1:8000", {}),  # another machine
        (("127.0.0.1", 50000), "http://evil.example:8000", {}),  # a page whose name was rebound to 127.0.0.1
        (("127.0.0.1", 50000), "http://127.0.0.1:8000", {"X-Forwarded-For": "203.0.113.9"}),  # through a proxy
    ],
    ids=["remote", "dns rebinding", "proxied"],
)
def test_dev_tokens_go_only_to_this_machine(tmp_path, client_addr, base_url, headers):
    with dev_client(tmp_path, client=client_addr, base_url=base_url) as client:
        response = client.get("/v1/auth/dev-token", headers=headers)
    assert response.status_code == 403 and "this machine" in response.json()["detail"]


def test_no_dev_tokens_with_a_platform_key_or_when_turned_off(tmp_path):
    app = create_app(make_settings(tmp_path), copilot_factory=FakeCopilot)
    with TestClient(app, client=("127.0.0.1", 1), base_url="http://127.0.0.1") as client:
        assert "host platform" in client.get("/v1/auth/dev-token").json()["detail"]
    with dev_client(tmp_path / "off", dev_auth=False) as client:
        assert client.get("/v1/auth/dev-token").status_code == 403


def test_the_per_user_rate_limit_holds_whatever_the_address(tmp_path):
    settings = make_settings(tmp_path, user_rate_limit_per_minute=3)
    with TestClient(create_app(settings, copilot_factory=FakeCopilot)) as client:
        codes = [client.get("/v1/conversations", headers=user_headers()).status_code for _ in range(5)]
        other = client.get("/v1/conversations", headers=user_headers(BOB))
    assert codes == [200, 200, 200, 429, 429] and other.status_code == 200
    assert "per user" in client.get("/v1/conversations", headers=user_headers(ALICE)).json()["detail"]
