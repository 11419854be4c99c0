"""The catalog entries a prompt shows: every trigger and flow-logic item, plus the actions, subflows
and tables relevant to the request (those its retrieved examples use, then BM25 hits)."""

from dataclasses import dataclass

from rank_bm25 import BM25Okapi

from models.catalog_text import definition_line, table_line
from schemas.catalog import Catalog
from study.retrieval import tokenize

ALWAYS = ("trigger", "flowlogic")  # short, and every flow needs them
SECTIONS = {
    "trigger": "Triggers",
    "flowlogic": "Flow logic",
    "action": "Actions",
    "subflow": "Subflows",
    "table": "Tables",
}


@dataclass(frozen=True)
class Entry:
    kind: str  # trigger | flowlogic | action | subflow | table
    name: str
    line: str  # how the prompt shows it (models.catalog_text)


def catalog_entries(catalog: Catalog) -> list[Entry]:
    groups = (
        ("trigger", catalog.triggers),
        ("flowlogic", catalog.flowlogic),
        ("action", catalog.actions),
        ("subflow", catalog.subflows),
    )
    entries = [Entry(kind, name, definition_line(name, spec)) for kind, group in groups for name, spec in group.items()]
    return entries + [Entry("table", name, table_line(name, catalog)) for name in catalog.tables]


def _search_text(entry: Entry) -> str:
    return f"{entry.name} {entry.line}"


def used_names(flow: dict) -> set[str]:
    """Definitions and literal tables a flow uses (its trigger's type included)."""
    names = {flow["trigger"]["type"]} | {c["definition"] for c in flow.get("components", [])}
    inputs = flow["trigger"].get("inputs", []) + [i for c in flow.get("components", []) for i in c.get("inputs", [])]
    return names | {i["value"] for i in inputs if i["name"] == "table"}


class CatalogIndex:
    """BM25 over the catalog's actions, subflows and tables."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.entries = catalog_entries(catalog)
        self._ranked = [e for e in self.entries if e.kind not in ALWAYS]
        self._bm25 = BM25Okapi([tokenize(_search_text(e)) for e in self._ranked])

    def relevant(self, request: str, examples: list[dict], n_search: int = 8) -> list[Entry]:
        """Every trigger and flow-logic entry, what the examples' targets use, then the top BM25 hits."""
        used = set().union(*(used_names(r["target"]) for r in examples)) if examples else set()
        scores = self._bm25.get_scores(tokenize(request))
        hits = {e.name for e, _ in sorted(zip(self._ranked, scores), key=lambda p: -p[1])[:n_search]}
        extends = {self.catalog.tables[n].extends for n in used | hits if n in self.catalog.tables}
        wanted = used | hits | extends
        return [e for e in self.entries if e.kind in ALWAYS or e.name in wanted]


def render_entries(entries: list[Entry]) -> str:
    """Entries grouped under their section headings, catalog order kept."""
    blocks = []
    for kind, title in SECTIONS.items():
        lines = [e.line for e in entries if e.kind == kind]
        if lines:
            blocks.append(f"{title}:\n" + "\n".join(f"- {line}" for line in lines))
    return "\n".join(blocks)
