"""literal_secret: a credential in an input value, or the flow's name or description, is refused
with its path, what kind it is and the platform's credential reference, never the secret itself."""

import pytest

from schemas.validate import validate_flow
from tests.schemas.conftest import make_step, pairs, rich_flow, schedule_flow, set_input

TOKEN = "9f8e7d6c5b4a39281706f5e4d3c2b1a0Zq"
REST = 7  # the rest_call in schedule_flow


def _rest(**inputs: str) -> dict:
    flow = schedule_flow()
    for name, value in inputs.items():
        set_input(flow["components"][REST], name, value)
    return flow


@pytest.mark.parametrize(
    ("name", "value", "index"),
    [
        ("url", f"https://api.example.com/v1?api_key={TOKEN}", 1),
        ("url", "https://svc:S3cretPass@api.example.com/v1", 1),
        ("headers", "Authorization: Bearer ghp_abcdefghijklmnopqrstuvwxyz123456", 3),
        ("headers", f"Content-Type: application/json\nX-Api-Key: {TOKEN}", 3),
        ("body", '{"user": "svc", "password": "hunter2"}', 2),
        ("body", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----", 2),
    ],
)
def test_a_credential_in_a_rest_step_is_refused_at_its_input(name, value, index):
    problems = validate_flow(_rest(**{name: value}))
    assert [(p.code, p.path) for p in problems] == [("literal_secret", f"/components/{REST}/inputs/{index}/value")]
    message = problems[0].message
    assert f"input '{name}' of step 8 (rest_call)" in message and "credential alias" in message
    for part in ("9f8e7d6c", "S3cretPass", "ghp_", "hunter2", "MIIEvQ"):
        assert part not in message


def test_the_message_says_what_and_where():
    [problem] = validate_flow(_rest(url=f"https://api.example.com/v1?api_key={TOKEN}"))
    assert problem.message == (
        "input 'url' of step 8 (rest_call) holds a literal credential (a high-entropy value under 'api_key'): "
        "a flow must not carry secrets; use a credential alias (Connections & Credentials) instead"
    )


def test_a_credential_in_an_encoded_query_or_a_trigger_input_is_refused(valid_flow_dict):
    set_input(
        valid_flow_dict["trigger"], "condition", "priority=1^short_description=ghp_abcdefghijklmnopqrstuvwxyz123456"
    )
    valid_flow_dict["components"][9]["inputs"][2]["value"] = "Your key: AKIAIOSFODNN7EXAMPLE"
    assert pairs(valid_flow_dict) == [
        ("literal_secret", "/components/9/inputs/2/value"),
        ("literal_secret", "/trigger/inputs/1/value"),
    ]


def test_an_input_named_like_a_secret_gets_the_entropy_test(valid_flow_dict):
    set_input(valid_flow_dict["components"][0], "api_token", TOKEN)
    assert pairs(valid_flow_dict) == [
        ("unknown_input", "/components/0/inputs/2/name"),
        ("literal_secret", "/components/0/inputs/2/value"),
    ]


def test_the_flow_name_and_description_are_read_too():
    flow = rich_flow()
    flow["name"] = "Sync with sk-proj-abcdefghijklmnop1234"
    flow["description"] = "uses xoxb-123456789012-abcdefghij"
    assert pairs(flow) == [("literal_secret", "/description"), ("literal_secret", "/name")]
    assert "the flow's name holds a literal credential (an OpenAI-style API key)" in validate_flow(flow)[1].message


def test_every_credential_is_one_problem():
    headers = f"Authorization: Bearer ghp_abcdefghijklmnopqrstuvwxyz123456\nX-Api-Key: {TOKEN}"
    problems = validate_flow(_rest(headers=headers))
    assert [p.code for p in problems] == ["literal_secret", "literal_secret"]
    assert len({p.message for p in problems}) == 2


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("url", "https://api.example.com/v1/items?limit=10&sysparm_query=active%3Dtrue"),
        ("url", "https://hooks.example.com/{{trigger.run_start_time}}"),
        ("headers", "Content-Type: application/json\nAuthorization: Bearer {{flow_var.api_token}}"),
        ("body", '{"caller": "6816f79cc0a8016401c5a33be04be441", "email": "jane.doe@example.com"}'),
        ("body", "Please reset your password: visit the self-service portal"),
    ],
)
def test_ordinary_rest_values_pass(name, value):
    assert "literal_secret" not in {code for code, _ in pairs(_rest(**{name: value}))}


def test_sys_ids_emails_queries_and_pills_pass(valid_flow_dict):
    step = make_step(
        "action",
        "look_up_records",
        11,
        table="incident",
        conditions="caller_id=6816f79cc0a8016401c5a33be04be441^assignment_group=8a4dde73c6112278017a6a4baf547aa7",
    )
    valid_flow_dict["components"].append(step)
    valid_flow_dict["components"][9]["inputs"][0]["value"] = "jane.doe@example.com,{{flow_var.manager_email}}"
    assert pairs(valid_flow_dict) == []
