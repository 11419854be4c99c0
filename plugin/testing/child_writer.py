"""`python -m plugin.testing.child_writer DIR`: write admin configs forever, printing each
committed version (the kill -9 test SIGKILLs it mid-loop). Imports only the store: starts fast."""

import sys
from pathlib import Path

from plugin.admin_config import AdminConfig
from plugin.admin_store import AdminStore
from plugin.settings import Settings


def written_config(index: int) -> AdminConfig:
    """The config written as the `index`-th write, i.e. as version index + 1."""
    return AdminConfig(
        llm=None,
        fallback_policy="never",
        max_repair_rounds=index % 11,
        timeouts={"slm_s": float(index), "llm_s": 1.0 + index % 7},
    )


def write_loop(data_dir: Path) -> None:
    store = AdminStore(Settings(data_dir=data_dir).admin_db)
    index = store.current_version()
    while True:
        print(store.put(written_config(index)).version, flush=True)
        index += 1


if __name__ == "__main__":
    write_loop(Path(sys.argv[1]))
