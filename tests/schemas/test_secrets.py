"""The one secret detector: credentials by their shape anywhere, and by their name only where a name says so."""

import pytest

from schemas.secrets import find_secrets, high_entropy, looks_like_secret, secret_name

SYS_ID = "6816f79cc0a8016401c5a33be04be441"  # 32 hex characters: high-entropy, and not a secret
TOKEN = "9f8e7d6c5b4a39281706f5e4d3c2b1a0Zq"

SECRETS = [
    # (value, input name, what, the secret itself)
    ("AKIAIOSFODNN7EXAMPLE", "message", "an AWS access key id", "AKIAIOSFODNN7EXAMPLE"),
    ("key ghp_abcdefghijklmnopqrstuvwxyz123456 here", "body", "a GitHub token", "ghp_abcdefghijklmnopqrstuvwxyz123456"),
    ("xoxb-123456789012-abcdefghij", "message", "a Slack token", "xoxb-123456789012-abcdefghij"),
    ("sk-proj-abcdefghijklmnop1234", "body", "an OpenAI-style API key", "sk-proj-abcdefghijklmnop1234"),
    (
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "body",
        "a JSON Web Token",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    ),
    (
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
        "body",
        "a private key",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
    ),
    ("Bearer abc123def456ghi789", "body", "a bearer token", "abc123def456ghi789"),
    ("password=hunter2", "body", "a password", "hunter2"),
    ('{"user": "svc", "password": "hunter2"}', "body", "a password", "hunter2"),
    ("https://svc:S3cretPass@api.example.com/v1", "url", "a password", "S3cretPass"),
    (f"https://api.example.com/v1?api_key={TOKEN}&limit=5", "url", "a high-entropy value", TOKEN),
    (f"X-Api-Key: {TOKEN}", "headers", "a high-entropy value", TOKEN),
    ("Authorization: Basic dXNlcjpwYXNzd29yZDEyMw==", "headers", "a high-entropy value", "dXNlcjpwYXNzd29yZDEyMw=="),
    (f"u_api_token={TOKEN}^active=true", "values", "a high-entropy value", TOKEN),
    (TOKEN, "api_key", "a high-entropy value", TOKEN),
    (f"token {TOKEN}", "Authorization", "a high-entropy value", TOKEN),
    ("hunter2", "password", "a password", "hunter2"),
]


@pytest.mark.parametrize(("value", "name", "what", "secret"), SECRETS)
def test_a_credential_is_found_with_what_it_is_and_its_span(value, name, what, secret):
    [found] = find_secrets(value, name)
    assert found.what == what
    assert value[found.start : found.end] == secret
    assert secret not in found.where


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (SYS_ID, "record"),  # a sys_id: high-entropy, but under no secret-like name
        (f"sys_id={SYS_ID}^active=true", "conditions"),
        (f"assignment_group={SYS_ID}", "values"),
        ("jane.doe@example.com,{{1.record.email}}", "to"),
        ("https://api.example.com/v1/items?limit=10&offset=20&sysparm_query=active%3Dtrue", "url"),
        ("https://user@example.com/", "url"),
        ("priority=1^short_descriptionLIKEpassword^ORDERBYDESCsys_created_on", "conditions"),
        ("password_reset=true^token_type=bearer^issue_key=ABC-123", "conditions"),
        ("Incident {{trigger.current.number}} was opened", "body"),
        ("Your password was reset. Password: see the portal", "message"),
        ("Bearer authentication required", "message"),
        ("{{1.record.u_token}}", "api_key"),  # data pills are never secrets
        ("Authorization: Bearer {{1.token}}", "headers"),
        ('{"password": "{{flow_var.pw}}"}', "body"),
        ("https://{{1.user}}:{{1.password}}@api.example.com/", "url"),
        ("true", "password"),
        ("********", "password"),
        ("", "api_key"),
        ("short", "token"),
    ],
)
def test_ordinary_values_are_not_secrets(value, name):
    assert find_secrets(value, name) == []


def test_one_finding_per_span_the_most_specific_kind():
    [found] = find_secrets("Authorization: Bearer ghp_abcdefghijklmnopqrstuvwxyz123456", "headers")
    assert found.what == "a GitHub token"


def test_every_credential_in_a_value_in_text_order():
    value = f"Authorization: Bearer {TOKEN}1\nX-Api-Key: {TOKEN}"
    assert [(s.what, s.where) for s in find_secrets(value, "headers")] == [
        ("a bearer token", ""),
        ("a high-entropy value", "under 'X-Api-Key'"),
    ]


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("api_key", True),
        ("X-Api-Key", True),
        ("clientSecret", True),
        ("access_token", True),
        ("Authorization", True),
        ("db_password", True),
        ("key", True),
        ("issue_key", False),
        ("project_key", False),
        ("token_type", False),
        ("password_reset", False),
        ("api_key_env", False),
        ("assignment_group", False),
    ],
)
def test_secret_names_go_by_how_they_end(name, secret):
    assert secret_name(name) is secret


def test_high_entropy_wants_length_letters_and_digits():
    assert high_entropy(SYS_ID) and high_entropy(TOKEN)
    assert not high_entropy("abc123")  # too short
    assert not high_entropy("correct-horse-battery-staple")  # no digit
    assert not high_entropy("aaaaaaaaaaaaaaaa1111111111")  # two symbols repeated
    assert not high_entropy("https://example.com/a1b2c3d4e5")


@pytest.mark.parametrize(
    "value",
    [
        "https://h.example/v1?access_token=abc123",  # the admin config also refuses weak values
        "https://h.example/v1?client_secret=s",
        "https://abcdef123456@h.example/v1",
        "0123456789abcdef0123456789abcdef",
        "sk-proj-abcdefghijklmnop1234",
    ],
)
def test_the_admin_config_test_is_stricter(value):
    assert looks_like_secret(value)


@pytest.mark.parametrize("value", ["OPENAI_API_KEY", "openai:gpt-4o-mini", "http://localhost:8001/v1"])
def test_the_admin_config_test_passes_names_and_urls(value):
    assert not looks_like_secret(value)
