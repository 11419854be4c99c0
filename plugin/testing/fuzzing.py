"""Schemathesis over every operation of the app's own OpenAPI, in-process through ASGI.

Each operation gets `examples` positive and `examples` negative (schema-violating) cases, each
with a valid credential for its security scheme: the admin token on admin routes, a user JWT on
the copilot routes. Every response is checked: no 5xx, no unhandled exception, and the body
matches the documented schema. The first positive case of every secured operation is also sent
without a credential, with a forged one and with the other scheme's token: each must be refused
(401, or 403 for a wrong admin token). Failures are collected (with a curl repro), not raised.
"""

import time
from collections import Counter
from dataclasses import dataclass, field
from functools import partial

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from plugin.testing.stubs import user_token

CHECKS = [not_a_server_error, response_schema_conformance]
CALL_TIMEOUT_S = 120  # generous: a starved CPU must not read as a hung app
FORGED_KEY = "not-the-platform-key-but-long-enough-for-hs256"


@dataclass
class FuzzReport:
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)  # status code -> responses
    per_operation: Counter = field(default_factory=Counter)  # "METHOD /path" -> requests
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    auth_probes: int = 0  # requests with a missing, forged or wrong-scheme credential
    auth_refused: int = 0  # of those, refused as they should be

    def summary(self) -> str:
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(self.statuses.items()))
        return (
            f"{self.requests} requests over {len(self.per_operation)} operations in {self.seconds:.1f} s; "
            f"statuses {{{statuses}}}; {self.auth_refused}/{self.auth_probes} bad credentials refused; "
            f"{len(self.failures)} failures"
        )


@dataclass
class Credentials:
    """The headers each security scheme's routes get, and the bad ones its probes send (with the status expected)."""

    admin_token: str
    user_token: str
    probed: set[str] = field(default_factory=set)  # operations already probed

    def valid(self, scheme: str | None) -> dict[str, str]:
        token = {"AdminToken": self.admin_token, "UserToken": self.user_token}.get(scheme or "")
        return {"Authorization": f"Bearer {token}"} if token else {}

    def bad(self, scheme: str) -> list[tuple[dict[str, str], int]]:
        forged = user_token(key=FORGED_KEY) if scheme == "UserToken" else self.admin_token + "x"
        other = self.user_token if scheme == "AdminToken" else self.admin_token
        wrong = 403 if scheme == "AdminToken" else 401  # a wrong admin token is 403 (plugin.deps.require_admin)
        bearer = [{"Authorization": f"Bearer {token}"} for token in (forged, other)]
        return [({}, 401), *((headers, wrong) for headers in bearer)]


def _schemes(app: FastAPI) -> dict[str, str]:
    """ "METHOD /path" -> the security scheme it requires (operations without one are left out)."""
    found = {}
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            names = [name for requirement in operation.get("security", []) for name in requirement]
            if names:
                found[f"{method.upper()} {path}"] = names[0]
    return found


def _probe(case: schemathesis.Case, label: str, scheme: str, report: FuzzReport, credentials: Credentials) -> None:
    credentials.probed.add(label)
    for headers, expected in credentials.bad(scheme):
        report.auth_probes += 1
        try:
            status = case.call(headers=headers, timeout=CALL_TIMEOUT_S).status_code
        except Exception as exc:
            report.failures.append(f"{label} with a bad credential: unhandled {type(exc).__name__}: {exc}")
            continue
        if status == expected:
            report.auth_refused += 1
        else:
            report.failures.append(f"{label} with {headers or 'no credential'}: {status}, expected {expected}")


def _check(
    case: schemathesis.Case, report: FuzzReport, credentials: Credentials, schemes: dict[str, str], positive: bool
) -> None:
    label = f"{case.operation.method.upper()} {case.operation.path}"
    headers = credentials.valid(schemes.get(label))
    if positive and label in schemes and label not in credentials.probed:
        _probe(case, label, schemes[label], report, credentials)
    report.per_operation[label] += 1
    report.requests += 1
    try:
        response = case.call(headers=headers, timeout=CALL_TIMEOUT_S)
    except Exception as exc:  # an unhandled exception escaped the app
        report.failures.append(f"{label}: unhandled {type(exc).__name__}: {exc}\n{case.as_curl_command()}")
        return
    report.statuses[response.status_code] += 1
    try:
        case.validate_response(response, checks=CHECKS, headers=headers)
    except Exception as exc:  # schemathesis FailureGroup: the message carries the repro
        report.failures.append(f"{label}: {exc}")


def _run(strategy, examples: int, seed: int, body) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: schemathesis.Case) -> None:
        body(case)

    run._hypothesis_internal_use_seed = seed
    run()


def fuzz_app(app: FastAPI, examples: int, token: str, seed: int = 0, user: str | None = None) -> FuzzReport:
    """Fuzz every operation of `app` with `examples` positive and negative cases each; `token` is the admin
    token, `user` a user token (default: `plugin.testing.stubs.user_token()`)."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    credentials = Credentials(admin_token=token, user_token=user or user_token())
    schemes = _schemes(app)
    report = FuzzReport()
    start = time.perf_counter()
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode)
            try:
                check = partial(_check, report=report, credentials=credentials, schemes=schemes)
                _run(strategy, examples, seed, partial(check, positive=mode == GenerationMode.POSITIVE))
            except Unsatisfiable:  # nothing to negate (no parameters and no body)
                continue
    report.seconds = time.perf_counter() - start
    return report
