"""The service's test harness: fakes, fault scenarios, load and fuzz drivers, used by tests/ and benchmarks/.

Like `fastapi.testclient` or `django.test`, it ships with the product so that tests and benchmark
scripts import one copy of each helper; the running service never imports it (an import-linter
contract in pyproject.toml checks that). Some modules need the `dev` extra (schemathesis, psutil).
"""
