"""`python -m plugin.testing.child_readonly DIR`: a few requests against DIR's admin database
(made read-only by the test), printing what each answered as one JSON line."""

import json
import sys
from pathlib import Path

from plugin.app import create_app
from plugin.testing.apps import user_client
from plugin.testing.fake_copilot import FakeCopilot
from plugin.testing.stubs import ADMIN_TOKEN, make_settings

REQUESTS = [
    ("read", "GET", "/v1/admin/config", None),
    ("write", "PUT", "/v1/admin/config", {"fallback_policy": "never", "llm": None}),
    ("rollback", "POST", "/v1/admin/config/rollback/1", None),
    ("history", "GET", "/v1/admin/config/history", None),
    ("generate", "POST", "/v1/generate", {"request": "notify VIP callers"}),
]


def main(data_dir: Path) -> None:
    seen = {}
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    with user_client(create_app(make_settings(data_dir), copilot_factory=FakeCopilot)) as client:
        for name, method, url, body in REQUESTS:
            admin = url.startswith("/v1/admin/")  # the others go as the user_client's user
            response = client.request(method, url, json=body, headers=headers if admin else None)
            seen[name] = {"status": response.status_code, "body": response.json()}
    print(json.dumps(seen))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
