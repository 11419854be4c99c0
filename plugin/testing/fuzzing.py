"""Schemathesis over every operation of the app's own OpenAPI, in-process through ASGI.

Each operation gets `examples` positive and `examples` negative (schema-violating) cases; admin
routes carry a valid token. Every response is checked: no 5xx, no unhandled exception, and the
body matches the documented schema. Failures are collected (with a curl repro), not raised.
"""

import time
from collections import Counter
from dataclasses import dataclass, field

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

CHECKS = [not_a_server_error, response_schema_conformance]
CALL_TIMEOUT_S = 120  # generous: a starved CPU must not read as a hung app


@dataclass
class FuzzReport:
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)  # status code -> responses
    per_operation: Counter = field(default_factory=Counter)  # "METHOD /path" -> requests
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(self.statuses.items()))
        return (
            f"{self.requests} requests over {len(self.per_operation)} operations in {self.seconds:.1f} s; "
            f"statuses {{{statuses}}}; {len(self.failures)} failures"
        )


def _check(case: schemathesis.Case, report: FuzzReport, headers: dict[str, str]) -> None:
    label = f"{case.operation.method.upper()} {case.operation.path}"
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


def fuzz_app(app: FastAPI, examples: int, token: str, seed: int = 0) -> FuzzReport:
    """Fuzz every operation of `app` with `examples` positive and negative cases each."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    headers = {"Authorization": f"Bearer {token}"}
    report = FuzzReport()
    start = time.perf_counter()
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode)
            try:
                _run(strategy, examples, seed, lambda case: _check(case, report, headers))
            except Unsatisfiable:  # nothing to negate (no parameters and no body)
                continue
    report.seconds = time.perf_counter() - start
    return report
