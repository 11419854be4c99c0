"""Encoded-query inputs: which inputs hold them, and an order-free canonical form."""

from schemas.catalog import Catalog, Definition
from schemas.conditions import EncodedQuery, Query, QueryError, Term, parse_query

CONDITION_KINDS = frozenset({"condition"})
QUERY_KINDS = frozenset({"condition", "field_values"})
# Inputs of a definition the catalog does not know are queries only by their name.
FALLBACK_NAMES = frozenset({"condition", "conditions"})


def definition_spec(catalog: Catalog, category: str, name: str) -> Definition | None:
    """The catalog entry of a component, or of a trigger when `category` is "trigger"."""
    if category == "trigger":
        return catalog.triggers.get(name)
    return catalog.definition(category, name)


def query_inputs(spec: Definition | None, kinds: frozenset[str] = QUERY_KINDS) -> frozenset[str]:
    """Names of the inputs of `spec` whose type is one of `kinds`."""
    if spec is None:
        return FALLBACK_NAMES
    return frozenset(name for name, inp in spec.inputs.items() if inp.type.kind in kinds)


def parse_or_none(text: str) -> EncodedQuery | None:
    try:
        return parse_query(text)
    except QueryError:
        return None


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
