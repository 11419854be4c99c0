"""FlowSim: 1 − TED / (|F| + |F_ref|) over `flow_tree`s, with zss computing the tree edit distance.

Costs: structural nodes are free to insert or delete and match only themselves; any other node costs 1
to insert or delete; relabelling a trigger-type or component node costs 2, any other node 1.
"""

import zss

from schemas.catalog import Catalog
from schemas.similarity.tree import HEAD, STRUCTURAL, FlowNode, flow_tree


def node_cost(node: FlowNode) -> int:
    """Cost of inserting or deleting `node`."""
    return 0 if node.kind == STRUCTURAL else 1


def relabel_cost(a: FlowNode, b: FlowNode) -> int:
    if a.kind == b.kind and a.label == b.label:
        return 0
    if STRUCTURAL in (a.kind, b.kind):
        return node_cost(a) + node_cost(b)
    return 2 if HEAD in (a.kind, b.kind) else 1


def tree_size(tree: FlowNode) -> int:
    """|F|: the cost of deleting every node."""
    return sum(node_cost(node) for node in tree.iter())


def tree_key(tree: FlowNode) -> tuple:
    """A hashable rendering: equal keys mean identical trees."""
    return tree.kind, tree.label, tuple(tree_key(child) for child in tree.children)


def tree_distance(a: FlowNode, b: FlowNode) -> int:
    """Tree edit distance under the costs above (zss); identical or empty trees skip the O(n²) work."""
    if tree_key(a) == tree_key(b):
        return 0
    if tree_size(a) == 0 or tree_size(b) == 0:
        return tree_size(a) + tree_size(b)
    cost = zss.distance(a, b, FlowNode.get_children, node_cost, node_cost, relabel_cost)
    return int(round(cost))


def flowsim(pred: object, ref: object, with_inputs: bool = True, catalog: Catalog | None = None) -> float:
    """Similarity in [0, 1]; a prediction that is not a valid flow scores as the empty flow."""
    a = flow_tree(pred, with_inputs, catalog)
    b = flow_tree(ref, with_inputs, catalog)
    total = tree_size(a) + tree_size(b)
    if total == 0:
        return 1.0
    return 1.0 - tree_distance(a, b) / total
