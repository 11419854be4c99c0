"""Schemathesis over every route of the app's OpenAPI (admin included, with a valid token).

CI runs a sample (about 110 requests); `--full-fuzz` or FLOWSMITH_FULL_FUZZ=1 runs >= 1,000.
"""

from fastapi.testclient import TestClient

from plugin.app import create_app
from plugin.testing.fuzzing import fuzz_app
from plugin.testing.stubs import ADMIN_TOKEN, admin_headers, echo_factory, make_settings

CI_EXAMPLES = 6  # per operation and generation mode
FULL_EXAMPLES = 60  # 9 operations with inputs x 2 modes x 60 + 3 without = 1,083 requests


def test_no_route_answers_5xx_or_breaks_its_schema(tmp_path, full_fuzz):
    app = create_app(make_settings(tmp_path), copilot_factory=echo_factory)
    report = fuzz_app(app, FULL_EXAMPLES if full_fuzz else CI_EXAMPLES, ADMIN_TOKEN)
    assert not report.failures, "\n\n".join(report.failures)
    operations = sum(len(methods) for methods in app.openapi()["paths"].values())
    assert len(report.per_operation) == operations  # every operation was fuzzed
    assert report.statuses[200] > 0 and not any(code >= 500 for code in report.statuses)


def test_a_rollback_version_beyond_sqlite_integers_is_422_not_500(tmp_path):
    with TestClient(create_app(make_settings(tmp_path), copilot_factory=echo_factory)) as client:
        answers = [
            client.post(f"/v1/admin/config/rollback/{v}", headers=admin_headers())
            for v in (2**63, -(2**63) - 1, 10**30)
        ]
        last = client.post(f"/v1/admin/config/rollback/{2**63 - 1}", headers=admin_headers())
    assert [a.status_code for a in answers] == [422, 422, 422]
    assert last.status_code == 404
