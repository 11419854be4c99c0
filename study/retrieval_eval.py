"""Which retriever finds better few-shot context: recall of the gold flow's actions in what a prompt shows."""

from statistics import fmean

from schemas.catalog import Catalog, default_catalog
from study.catalog_context import CatalogIndex
from study.retrieval import ExamplePool, Method


def gold_actions(row: dict) -> set[str]:
    """The actions and subflows of a row's target flow (flow logic is in every prompt anyway)."""
    return {c["definition"] for c in row["target"]["components"] if c["category"] != "flowlogic"}


def retrieval_recall(
    pool: ExamplePool, rows: list[dict], k: int = 4, n_search: int = 8, catalog: Catalog | None = None
) -> dict[str, float]:
    """Mean recall of the gold actions, over rows that have some: among the top-k examples' targets
    (`examples_recall`) and among the catalog entries the prompt shows (`catalog_recall`)."""
    index = CatalogIndex(catalog or default_catalog())
    examples_recall, catalog_recall = [], []
    for row in rows:
        gold = gold_actions(row)
        if not gold:
            continue
        examples = pool.examples(row["task"], row.get("request", ""), k, exclude_id=row.get("id"))
        found = set().union(*(gold_actions(e) for e in examples)) if examples else set()
        shown = {e.name for e in index.relevant(row.get("request", ""), examples, n_search)}
        examples_recall.append(len(gold & found) / len(gold))
        catalog_recall.append(len(gold & shown) / len(gold))
    return {
        "examples_recall": fmean(examples_recall) if examples_recall else 0.0,
        "catalog_recall": fmean(catalog_recall) if catalog_recall else 0.0,
        "n": len(examples_recall),
    }


def compare_retrievers(
    train: list[dict],
    rows: list[dict],
    k: int = 4,
    n_search: int = 8,
    methods: tuple[Method, ...] = ("bm25", "minilm"),
    pool_size: int | None = None,
) -> dict[str, dict[str, float]]:
    """`retrieval_recall` per method, over the same rows and the same (first `pool_size`) training rows."""
    return {m: retrieval_recall(ExamplePool(train, m, pool_size), rows, k, n_search) for m in methods}
