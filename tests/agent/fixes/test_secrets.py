"""fix_secrets: literal credentials are cut out of a draft before any other fix, and no note quotes them."""

import json

from agent.fixes import apply_fixes
from agent.fixes.secrets import fix_secrets
from plugin.testing.flows import NOTIFY, flow
from schemas.catalog import default_catalog
from schemas.validate import validate_flow
from tests.agent.fakes import step

CATALOG = default_catalog()
GITHUB = "ghp_abcdefghijklmnopqrstuvwxyz123456"
TOKEN = "9f8e7d6c5b4a39281706f5e4d3c2b1a0Zq"


def with_rest(**values: str) -> dict:
    draft = flow()
    rest = step(4, "rest_call", method="POST", url="https://api.example.com/v1/items", **values)
    draft["components"].append({**rest, "scope": "sn_rest_spoke"})
    return draft


def _leaks(secret: str, fixed: object, notes: list[str]) -> bool:
    return secret in json.dumps(fixed) or any(secret in n for n in notes)


def test_a_token_in_a_header_is_cut_and_the_flow_validates():
    draft = with_rest(headers=f"Content-Type: application/json\nAuthorization: Bearer {GITHUB}")
    assert "literal_secret" in {p.code for p in validate_flow(draft)}
    fixed, notes = apply_fixes(draft, CATALOG)
    assert validate_flow(fixed) == []
    assert fixed["components"][3]["inputs"][2] == {
        "name": "headers",
        "value": "Content-Type: application/json\nAuthorization: Bearer",
    }
    assert notes == [
        "component 4: removed a literal credential (a GitHub token) from input 'headers'; "
        "use a credential alias (Connections & Credentials) instead"
    ]
    assert not _leaks(GITHUB, fixed, notes)


def test_a_key_in_a_url_and_a_password_in_a_body_go_and_the_rest_stays():
    draft = with_rest(body='{"user": "svc", "password": "hunter2"}')
    draft["components"][3]["inputs"][1]["value"] = f"https://api.example.com/v1?api_key={TOKEN}&limit=5"
    fixed, notes = apply_fixes(draft, CATALOG)
    values = {i["name"]: i["value"] for i in fixed["components"][3]["inputs"]}
    assert values["url"] == "https://api.example.com/v1?api_key=&limit=5"
    assert values["body"] == '{"user": "svc", "password": ""}'
    assert validate_flow(fixed) == [] and len(notes) == 2
    assert not _leaks(TOKEN, fixed, notes) and not _leaks("hunter2", fixed, notes)


def test_a_required_input_that_was_only_a_secret_is_left_for_the_repair():
    draft = flow()
    draft["components"][2]["inputs"][1]["value"] = "AKIAIOSFODNN7EXAMPLE"  # send_email's subject
    fixed, notes = apply_fixes(draft, CATALOG)
    assert [p.code for p in validate_flow(fixed)] == ["missing_input"]
    assert notes[0].startswith("component 3: removed a literal credential (an AWS access key id) from input 'subject'")
    assert not _leaks("AKIAIOSFODNN7EXAMPLE", fixed, notes)


def test_the_name_and_description_are_cleaned_too():
    draft = flow(name="Sync sk-proj-abcdefghijklmnop1234", description=f"token {GITHUB}")
    assert fix_secrets(draft, CATALOG) == [
        "flow name: removed a literal credential (an OpenAI-style API key); "
        "use a credential alias (Connections & Credentials) instead",
        "flow description: removed a literal credential (a GitHub token); "
        "use a credential alias (Connections & Credentials) instead",
    ]
    assert (draft["name"], draft["description"]) == ("Sync", "token")


def test_a_flow_without_secrets_is_left_alone():
    draft = flow()
    assert fix_secrets(draft, CATALOG) == [] and draft == NOTIFY
