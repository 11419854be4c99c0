"""docs/architecture.md is written from the tree: it names every module of every package."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
PACKAGES = ("schemas", "models", "agent", "plugin", "study")
MODULES = sorted(p.relative_to(ROOT).as_posix() for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def test_every_package_has_modules():
    assert {m.split("/")[0] for m in MODULES} == set(PACKAGES)


@pytest.mark.parametrize("module", MODULES)
def test_the_architecture_doc_names_every_module(module):
    assert f"`{module}`" in DOC, f"docs/architecture.md does not name {module}"


def test_the_doc_names_no_module_that_is_gone():
    named = {part.strip("`") for part in DOC.split() if part.startswith("`") and part.rstrip("`|").endswith(".py")}
    missing = {n for n in named if n.split("/")[0] in PACKAGES and not (ROOT / n).is_file()}
    assert not missing, f"docs/architecture.md names modules that do not exist: {sorted(missing)}"
