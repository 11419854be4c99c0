"""Schemathesis over every route of the app's OpenAPI, each with a valid credential for its scheme (the admin
token, a user JWT), and every secured route probed without one, with a forged one and with the other scheme's.

CI runs a sample (about 160 requests); `--full-fuzz` or FLOWSMITH_FULL_FUZZ=1 runs >= 1,500.
"""

from plugin.app import create_app
from plugin.testing.apps import user_client
from plugin.testing.fuzzing import fuzz_app
from plugin.testing.stubs import ADMIN_TOKEN, admin_headers, echo_factory, make_settings

CI_EXAMPLES = 6  # per operation and generation mode
FULL_EXAMPLES = 60  # 13 operations with inputs x 2 modes x 60 + 4 without = 1,564 requests


def test_no_route_answers_5xx_or_breaks_its_schema(tmp_path, full_fuzz):
    app = create_app(make_settings(tmp_path), copilot_factory=echo_factory)
    report = fuzz_app(app, FULL_EXAMPLES if full_fuzz else CI_EXAMPLES, ADMIN_TOKEN)
    assert not report.failures, "\n\n".join(report.failures)
    operations = sum(len(methods) for methods in app.openapi()["paths"].values())
    assert len(report.per_operation) == operations  # every operation was fuzzed
    assert report.statuses[200] > 0 and not any(code >= 500 for code in report.statuses)
    secured = [op for methods in app.openapi()["paths"].values() for op in methods.values() if op.get("security")]
    assert report.auth_probes == 3 * len(secured) and report.auth_refused == report.auth_probes


def test_a_rollback_version_beyond_sqlite_integers_is_422_not_500(tmp_path):
    with user_client(create_app(make_settings(tmp_path), copilot_factory=echo_factory)) as client:
        answers = [
            client.post(f"/v1/admin/config/rollback/{v}", headers=admin_headers())
            for v in (2**63, -(2**63) - 1, 10**30)
        ]
        last = client.post(f"/v1/admin/config/rollback/{2**63 - 1}", headers=admin_headers())
    assert [a.status_code for a in answers] == [422, 422, 422]
    assert last.status_code == 404
