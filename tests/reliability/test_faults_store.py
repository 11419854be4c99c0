"""Faults of the admin config database: locked by another writer, read-only, writer killed (-9)."""

import pytest

from plugin.testing.store_scenarios import (
    CONFIG,
    HEADERS,
    client_for,
    killed_writer,
    locked,
    read_only,
    unprivileged,
)

KILLS = 2


def test_a_locked_database_is_a_503_and_nothing_is_half_written(tmp_path):
    seen = locked(tmp_path)
    for response in seen["during"].values():
        assert response.status_code == 503, response.text
        assert "database is locked" in response.json()["detail"]
        assert "nothing was changed" in response.json()["detail"]
        assert response.headers["Retry-After"] == "5"
    assert seen["after"].status_code == 200 and seen["after"].json()["version"] == 2
    assert seen["history"] == [(2, "put"), (1, "default")]


def test_a_read_only_database_serves_reads_and_refuses_writes_clearly(tmp_path):
    prefix = unprivileged()
    if prefix is None:
        pytest.skip("running as root without setpriv: a read-only file cannot be simulated")
    seen = read_only(tmp_path, prefix)
    assert seen["read"]["status"] == 200 and seen["read"]["body"]["version"] == 2
    for name in ("write", "rollback"):
        assert seen[name]["status"] == 503
        assert "attempt to write a readonly database" in seen[name]["body"]["detail"]
    assert [v["version"] for v in seen["history"]["body"]["versions"]] == [2, 1]
    assert seen["generate"]["status"] == 200 and seen["generate"]["body"]["ok"]


def test_killing_a_writer_leaves_whole_versions_and_a_consistent_history(tmp_path):
    for _ in range(KILLS):
        seen = killed_writer(tmp_path)
        assert seen.status == 200
        assert seen.versions == list(range(seen.versions[0], 0, -1))  # 1..n, no gaps, newest first
        assert seen.versions[0] >= seen.last_reported  # nothing the writer saw committed was lost
        assert seen.current_is_newest and seen.whole
    with client_for(tmp_path) as client:
        assert client.put("/v1/admin/config", json=CONFIG, headers=HEADERS).status_code == 200
