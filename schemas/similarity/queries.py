"""Encoded-query inputs: which inputs hold them, and an order-free canonical form."""

from schemas.catalog import Catalog, Definition
from schemas.conditions import EncodedQuery, Query, QueryError, Term, parse_query
from schemas.date_queries import canonical_date_value

CONDITION_KINDS = frozenset({"condition"})
QUERY_KINDS = frozenset({"condition", "field_values"})
# Inputs of a definition the catalog does not know are queries by their name alone (per input kind), so
# that a wrong action is compared on the same footing as the right one and not penalised twice.
FALLBACK_NAMES = {
    "condition": frozenset({"condition", "conditions", "query", "filter"}),
    "field_values": frozenset({"values", "field_values", "fields"}),
}


def definition_spec(catalog: Catalog, category: str, name: str) -> Definition | None:
    """The catalog entry of a component, or of a trigger when `category` is "trigger"."""
    if category == "trigger":
        return catalog.triggers.get(name)
    return catalog.definition(category, name)


def query_inputs(spec: Definition | None, kinds: frozenset[str] = QUERY_KINDS) -> frozenset[str]:
    """Names of the inputs of `spec` whose type is one of `kinds`; FALLBACK_NAMES when `spec` is None."""
    if spec is None:
        return frozenset().union(*(FALLBACK_NAMES.get(kind, ()) for kind in kinds))
    return frozenset(name for name, inp in spec.inputs.items() if inp.type.kind in kinds)


def parse_or_none(text: str) -> EncodedQuery | None:
    """`text` parsed, each date preset in one spelling (schemas.date_queries); None when it does not parse."""
    try:
        parsed = parse_query(text)
    except QueryError:
        return None
    for query in parsed.queries:
        query.clauses = [
            [t.model_copy(update={"value": canonical_date_value(t.operator, t.value)}) for t in clause]
            for clause in query.clauses
        ]
    return parsed


def sorted_clauses(query: Query) -> list[list[Term]]:
    """AND clauses with their OR terms sorted, clauses sorted by their text."""
    clauses = [sorted(clause, key=str) for clause in query.clauses]
    return sorted(clauses, key=lambda clause: "^OR".join(map(str, clause)))


def canonical_query(text: str) -> str:
    """`text` with AND terms, OR alternatives and NQ queries sorted; stripped raw text if it does not parse."""
    parsed = parse_or_none(text)
    if parsed is None:
        return text.strip()
    queries = ("^".join("^OR".join(map(str, c)) for c in sorted_clauses(q)) for q in parsed.queries)
    return "^NQ".join(sorted(queries))
