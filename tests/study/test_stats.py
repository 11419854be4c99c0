"""Bench statistics, breakdowns, worked examples and the systems file."""

import pytest

from study.breakdown import breakdown, keys
from study.config import DEFAULT_SYSTEMS, SystemConfig, load_systems, select_systems
from study.examples import unified_diff, worked_examples
from study.stats import bootstrap_ci, cost_per_1k, percentile
from study.systems import build_system
from tests.study.bench_data import rows


def test_bootstrap_ci_is_seeded_and_brackets_the_mean():
    values = [0.1, 0.5, 0.9, 1.0, 0.3, 0.7]
    low, high = bootstrap_ci(values)
    assert low < sum(values) / len(values) < high
    assert bootstrap_ci(values) == (low, high)
    assert bootstrap_ci([0.4, 0.4]) == (0.4, 0.4)
    assert bootstrap_ci([]) == (0.0, 0.0)


def test_percentiles_and_cost():
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    priced = SystemConfig(name="x", kind="prompted-chat", price_in_per_1k=1.0, price_out_per_1k=2.0)
    results = [
        {"input_tokens": 1000, "output_tokens": 500},
        {"input_tokens": 3000, "output_tokens": 1500},
        {"input_tokens": None, "output_tokens": None},
    ]
    assert cost_per_1k(results, priced) == pytest.approx(1000 * (2.0 + 6.0) / 2)
    assert cost_per_1k(results, SystemConfig(name="y", kind="slm")) is None


def test_breakdown_keys_and_means():
    test_rows = rows("test")
    assert keys(test_rows[3]) == {
        "construct": ["FOREACH"],
        "trigger": ["weekly"],
        "condition": ["n/a"],
        "size": ["3-4"],
        "logic": ["1"],
    }
    assert keys(test_rows[0])["condition"] == ["explicit"] and keys(test_rows[0])["construct"] == ["(none)"]
    pairs = list(zip(test_rows, [1.0, 0.5, 0.0, 0.25, 1.0]))
    assert breakdown(pairs, "construct") == {"(none)": (2.5 / 3, 3), "FOREACH": (0.25, 1), "IF": (0.0, 1)}
    assert list(breakdown(pairs, "size")) == ["1-2", "3-4"]


def test_worked_examples_spread_over_systems_and_cap_per_category():
    refs = {r["id"]: r for r in rows("test")}
    results = [
        {"id": rid, "system": system, "request": "r", "prediction": None, "raw": "junk", "errors": ["invalid_json"]}
        for rid in refs
        for system in ("a", "b")
    ]
    examples = worked_examples(results, refs, per_category=3)
    assert len(examples) == 3 and {e.system for e in examples} == {"a", "b"}
    assert examples[0].prediction == "junk" and "+junk" in examples[0].diff


def test_unified_diff_marks_changed_lines():
    diff = unified_diff("a\nb", "a\nc")
    assert "-b" in diff and "+c" in diff and " a" in diff


def test_default_systems_file_loads_and_selects():
    systems = load_systems(DEFAULT_SYSTEMS)
    names = [s.name for s in select_systems(systems, ["slm", "prompted-gemma3"])]
    assert names == ["slm", "prompted-gemma3"]
    assert {"slm", "slm-unconstrained", "slm-agent", "prompted-smollm2", "prompted-gemma3"} <= {s.name for s in systems}
    with pytest.raises(ValueError, match="unknown systems \\['gpt-9'\\]"):
        select_systems(systems, ["gpt-9"])


def test_systems_file_errors_name_the_problem(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("systems:\n  - {name: a, kind: slm}\n  - {name: a, kind: slm}\n")
    with pytest.raises(ValueError, match="duplicate system names \\['a'\\]"):
        load_systems(path)
    path.write_text("systems:\n  - {name: a, kind: magic}\n")
    with pytest.raises(ValueError, match="not a systems file"):
        load_systems(path)


def test_bad_params_fail_before_any_model_loads():
    with pytest.raises(ValueError, match="system 'p' \\(prompted-local\\): bad params"):
        build_system(SystemConfig(name="p", kind="prompted-local", params={"kk": 3}), [])
    with pytest.raises(ValueError, match="bad params"):
        build_system(SystemConfig(name="s", kind="slm", params={"adapter": "x"}), [])


@pytest.mark.parametrize(
    "kind, params",
    [
        ("slm", lambda missing: {"base_model": missing}),
        ("slm-agent", lambda missing: {"slm": {"base_model": missing}}),
        ("prompted-local", lambda missing: {"model": missing}),
    ],
)
def test_a_local_model_that_cannot_load_fails_when_the_system_is_built(tmp_path, kind, params):
    from models.base_model import BaseModelError

    with pytest.raises(BaseModelError, match="no-model"):
        build_system(SystemConfig(name="x", kind=kind, params=params(str(tmp_path / "no-model"))), [])
