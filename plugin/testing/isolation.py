"""Every way one user could reach another's conversation, tried: the figures docs/reliability.md quotes.

`sweep(client, users)`: each user starts conversations (generate, edit, a streamed chat); then every
other user tries to read, continue (each copilot route, as JSON and as a stream) and delete each of
them, and lists their own. An attempt is refused when it answers 404 and the owner still reads the
conversation as it was; a listing is refused when it names all of the user's own and no one else's.
"""

from dataclasses import dataclass, field

from fastapi.testclient import TestClient

from plugin.auth import Principal
from plugin.testing.flows import NOTIFY
from plugin.testing.stubs import user_headers

STARTS = [  # how each user starts their conversations
    ("/v1/generate", {"request": "notify the caller"}),
    ("/v1/edit", {"flow": NOTIFY, "instruction": "add a log step"}),
    ("/v1/chat?stream=true", {"message": "notify the caller"}),
]
ATTEMPTS = [  # (what, method, path, body) with {id} for the other user's conversation id
    ("read", "GET", "/v1/conversations/{id}", None),
    ("generate", "POST", "/v1/generate", {"request": "x"}),
    ("edit", "POST", "/v1/edit", {"flow": NOTIFY, "instruction": "x"}),
    ("complete", "POST", "/v1/complete", {"flow": NOTIFY}),
    ("chat", "POST", "/v1/chat", {"message": "x"}),
    ("chat stream", "POST", "/v1/chat?stream=true", {"message": "x"}),
    ("delete", "DELETE", "/v1/conversations/{id}", None),
]


@dataclass
class IsolationReport:
    attempts: int = 0
    refused: int = 0
    cross_tenant: int = 0  # attempts by a user of another tenant
    cross_tenant_refused: int = 0
    leaks: list[str] = field(default_factory=list)  # what got through

    def summary(self) -> str:
        return (
            f"{self.refused}/{self.attempts} attempts on another user's conversations refused "
            f"({self.cross_tenant_refused}/{self.cross_tenant} across tenants); {len(self.leaks)} leaks"
        )


def _conversation_id(response) -> str:
    if "text/event-stream" in response.headers.get("content-type", ""):
        return response.text.split('"conversation_id": "', 1)[1].split('"', 1)[0]
    return response.json()["conversation_id"]


def _record(report: IsolationReport, refused: bool, across: bool, what: str) -> None:
    report.attempts += 1
    report.cross_tenant += across
    if refused:
        report.refused += 1
        report.cross_tenant_refused += across
    else:
        report.leaks.append(what)


def sweep(client: TestClient, users: list[Principal]) -> IsolationReport:
    """Every user's conversations, attempted by every other user (see the module docstring)."""
    owned: dict[Principal, list[str]] = {user: [] for user in users}
    for user in users:
        for path, body in STARTS:
            response = client.post(path, json=body, headers=user_headers(user))
            assert response.status_code == 200, response.text
            owned[user].append(_conversation_id(response))
    before = {
        cid: client.get(f"/v1/conversations/{cid}", headers=user_headers(u)).json() for u in users for cid in owned[u]
    }
    report = IsolationReport()
    for owner in users:
        for intruder in (u for u in users if u != owner):
            across = intruder.tenant != owner.tenant
            for cid in owned[owner]:
                for what, method, path, body in ATTEMPTS:
                    json = None if body is None else {**body, "conversation_id": cid}
                    answer = client.request(method, path.format(id=cid), json=json, headers=user_headers(intruder))
                    after = client.get(f"/v1/conversations/{cid}", headers=user_headers(owner))
                    refused = answer.status_code == 404 and after.status_code == 200 and after.json() == before[cid]
                    _record(report, refused, across, f"{intruder} {what} {owner}'s {cid}: {answer.status_code}")
    for user in users:
        listed = {
            c["conversation_id"]
            for c in client.get("/v1/conversations", headers=user_headers(user)).json()["conversations"]
        }
        others = {cid for u in users if u != user for cid in owned[u]}
        _record(report, set(owned[user]) <= listed and not listed & others, False, f"{user} lists {sorted(listed)}")
    return report
