"""Encoded queries (`priority=1^ORurgency=1^active=true`) parsed into a structure.

`^` joins AND terms, `^OR` joins a term to the previous one as an alternative,
`^NQ` starts a new query (the queries are alternatives).  A trailing `^EQ` is ignored.
`a=1^ORb=2^c=3` reads as (a=1 OR b=2) AND c=3.
The date operators (RELATIVELT…, BETWEEN, ON, NOTON) and their values: schemas.date_queries.
"""

import re

from schemas.base import StrictModel
from schemas.date_queries import DATE_OPERATORS, RELATIVE_OPERATORS, date_value_error

# Longest first, so that `!=` wins over `=` and `NOT LIKE` over `LIKE`.
OPERATORS = (
    *RELATIVE_OPERATORS,
    "ISNOTEMPTY",
    "ISEMPTY",
    "VALCHANGES",
    "CHANGESTO",
    "CHANGESFROM",
    "STARTSWITH",
    "BETWEEN",
    "ENDSWITH",
    "NOT LIKE",
    "NOT IN",
    "NOTON",
    "LIKE",
    "IN",
    "ON",
    "ANYTHING",
    "!=",
    ">=",
    "<=",
    "=",
    ">",
    "<",
)
UNARY = frozenset({"ISEMPTY", "ISNOTEMPTY", "VALCHANGES", "ANYTHING"})
# A field is a table column (dot-walk allowed) or, in flow-logic conditions, a data pill.
_FIELD = r"\{\{[^{}]+\}\}|[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*"
_OPS = "|".join(re.escape(op) for op in OPERATORS)
_TERM_RE = re.compile(rf"^({_FIELD})({_OPS})(.*)$", re.DOTALL)


class QueryError(ValueError):
    """An encoded query that does not parse; the message says where."""


class Term(StrictModel):
    field: str
    operator: str
    value: str = ""

    def __str__(self) -> str:
        return f"{self.field}{self.operator}{self.value}"


class Query(StrictModel):
    """AND of clauses; each clause is an OR of terms."""

    clauses: list[list[Term]]

    def terms(self) -> list[Term]:
        return [t for clause in self.clauses for t in clause]

    def __str__(self) -> str:
        return "^".join("^OR".join(str(t) for t in clause) for clause in self.clauses)


class EncodedQuery(StrictModel):
    """Alternatives joined by `^NQ`; almost always exactly one query."""

    queries: list[Query]

    def terms(self) -> list[Term]:
        return [t for q in self.queries for t in q.terms()]

    def __str__(self) -> str:
        return "^NQ".join(str(q) for q in self.queries)


def parse_term(text: str) -> Term:
    match = _TERM_RE.match(text)
    if not match:
        raise QueryError(f"term '{text}' is not field<operator>value (operators: {', '.join(OPERATORS)})")
    field, op, value = match.groups()
    if op in UNARY and value:
        raise QueryError(f"term '{text}': operator {op} takes no value")
    if op not in UNARY and not value:
        raise QueryError(f"term '{text}': operator {op} needs a value")
    if op in DATE_OPERATORS and (error := date_value_error(op, value)):
        raise QueryError(f"term '{text}': {error}")
    return Term(field=field, operator=op, value=value)


def _parse_query(text: str) -> Query:
    clauses: list[list[Term]] = []
    for part in text.split("^"):
        if part.startswith("OR") and clauses and _TERM_RE.match(part[2:]):
            clauses[-1].append(parse_term(part[2:]))
        elif part == "":
            raise QueryError(f"empty term in '{text}' (doubled or trailing '^')")
        else:
            clauses.append([parse_term(part)])
    return Query(clauses=clauses)


def parse_query(text: str) -> EncodedQuery:
    """Parse an encoded query; raises QueryError naming the bad term."""
    body = text.strip()
    if body.endswith("^EQ"):
        body = body[: -len("^EQ")]
    if not body:
        raise QueryError("empty encoded query")
    return EncodedQuery(queries=[_parse_query(q) for q in body.split("^NQ")])
