"""The paired comparison only uses rows every system finished."""

from models.serialize import from_text
from study.analysis import analyse
from study.paired import common_ids, paired_table
from tests.study.bench_data import TEST_FLOWS, rows


def _result(system: str, row: dict, right: bool) -> dict:
    flow = from_text(TEST_FLOWS[row["request"]]) if right else None
    return {
        "id": row["id"],
        "system": system,
        "prediction": flow,
        "flowsim": 1.0 if right else 0.0,
        "flowsim_no_inputs": 1.0 if right else 0.0,
        "valid": right,
        "latency_s": 1.0,
    }


def test_only_common_rows_are_compared():
    test = rows("test")
    results = [_result("a", r, True) for r in test] + [_result("b", r, i == 0) for i, r in enumerate(test[:2])]
    systems = analyse(results, {r["id"]: r for r in test})
    assert common_ids(systems) == [test[0]["id"], test[1]["id"]]
    table = paired_table(systems)
    assert "| `a` | 2 | 1.000 | 1.000 | 100.0% | - |" in table
    assert "| `b` | 2 | 0.500 | 0.500 | 50.0% | -0.500 [" in table


def test_no_common_rows_says_so():
    test = rows("test")
    results = [_result("a", test[0], True), _result("b", test[1], True)]
    assert paired_table(analyse(results, {r["id"]: r for r in test})) == "No row was finished by every system."
