"""A flow as a labelled tree for tree edit distance (zss).

```
flow ─ trigger ─ trigger:<type> ─ <inputs>
     └ components ─ <category>:<definition> ─ <nested components, in order>
                                             └ inputs ─ <inputs>
```
An input is a leaf `name: value`, or, for an encoded query, `name` ─ clause ─ op:<op> ─ field:<f>, value:<v>.
Date terms too (`op:RELATIVELT` ─ `value:@dayofweek@ago@30`), presets in one spelling (similarity.queries).
Inputs, clauses and OR terms are sorted, so their order does not matter.
`flow`, `trigger`, `components` and `inputs` are structural (free to insert or delete).
"""

from zss import Node

from schemas.catalog import Catalog, default_catalog
from schemas.conditions import EncodedQuery, Query, Term
from schemas.similarity.parse import as_flow
from schemas.similarity.queries import definition_spec, parse_or_none, query_inputs, sorted_clauses
from schemas.workflow import Flow, Input

STRUCTURAL = "structural"
HEAD = "head"  # a trigger-type or component node
LEAF = "leaf"  # everything else


class FlowNode(Node):
    """A zss node that knows whether it is structural, a head (trigger/component) or other."""

    def __init__(self, label: str, kind: str = LEAF, children: list["FlowNode"] | None = None):
        super().__init__(label, children)
        self.kind = kind


def flow_tree(flow: object, with_inputs: bool = True, catalog: Catalog | None = None) -> FlowNode:
    """The tree of `flow` (dict, Flow or JSON text); anything not a valid flow gives the empty tree."""
    parsed = as_flow(flow)
    trigger = FlowNode("trigger", STRUCTURAL)
    components = FlowNode("components", STRUCTURAL)
    root = FlowNode("flow", STRUCTURAL, [trigger, components])
    if parsed is None:
        return root
    catalog = catalog or default_catalog()
    head = FlowNode(f"trigger:{parsed.trigger.type}", HEAD)
    if with_inputs:
        queries = query_inputs(definition_spec(catalog, "trigger", parsed.trigger.type))
        head.children = input_nodes(parsed.trigger.inputs, queries)
    trigger.addkid(head)
    components.children = _component_nodes(parsed, with_inputs, catalog)
    return root


def _component_nodes(flow: Flow, with_inputs: bool, catalog: Catalog) -> list[FlowNode]:
    """Top-level component nodes; a component whose `block` names no earlier component is top-level."""
    top: list[FlowNode] = []
    by_order: dict[int, FlowNode] = {}
    built = []
    for comp in sorted(flow.components, key=lambda c: c.order):
        node = FlowNode(f"{comp.category}:{comp.definition}", HEAD)
        parent = by_order.get(comp.block) if comp.block is not None else None
        (parent.children if parent is not None else top).append(node)
        by_order.setdefault(comp.order, node)
        built.append((node, comp))
    if with_inputs:
        for node, comp in built:
            queries = query_inputs(definition_spec(catalog, comp.category, comp.definition))
            node.addkid(FlowNode("inputs", STRUCTURAL, input_nodes(comp.inputs, queries)))
    return top


def input_nodes(inputs: list[Input], queries: frozenset[str]) -> list[FlowNode]:
    """One node per input, sorted by name; inputs named in `queries` expand when they parse."""
    nodes = []
    for inp in sorted(inputs, key=lambda i: (i.name, i.value)):
        parsed = parse_or_none(inp.value) if inp.name in queries else None
        nodes.append(FlowNode(f"{inp.name}: {inp.value}") if parsed is None else _query_node(inp.name, parsed))
    return nodes


def _query_node(name: str, parsed: EncodedQuery) -> FlowNode:
    if len(parsed.queries) == 1:
        return FlowNode(name, children=_clause_nodes(parsed.queries[0]))
    ordered = sorted(parsed.queries, key=lambda q: str(Query(clauses=sorted_clauses(q))))
    return FlowNode(name, children=[FlowNode("query", children=_clause_nodes(q)) for q in ordered])


def _clause_nodes(query: Query) -> list[FlowNode]:
    return [FlowNode("clause", children=[_term_node(t) for t in clause]) for clause in sorted_clauses(query)]


def _term_node(term: Term) -> FlowNode:
    children = [FlowNode(f"field:{term.field}")]
    if term.value:
        children.append(FlowNode(f"value:{term.value}"))
    return FlowNode(f"op:{term.operator}", children=children)
