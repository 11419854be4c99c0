"""What every check needs: the catalog, the parsed view of the flow, and lookups over both."""

from schemas.catalog import Catalog, Definition, InputSpec
from schemas.conditions import QueryError, Term, parse_query
from schemas.validation.pill_text import var_name
from schemas.validation.view import FlowView, InputItem, Node


def query_terms(value: str) -> list[Term]:
    """The terms of an encoded query, none when it does not parse."""
    try:
        return parse_query(value).terms()
    except QueryError:
        return []


class ValidationContext:
    def __init__(self, catalog: Catalog, view: FlowView):
        self.catalog = catalog
        self.view = view
        self.by_order: dict[int, Node] = {}
        for step in view.steps:
            if step.order is not None:
                self.by_order.setdefault(step.order, step)
        self.flow_vars = self._flow_vars()

    def nodes(self) -> list[Node]:
        return ([self.view.trigger] if self.view.trigger else []) + self.view.steps

    def definition(self, node: Node) -> Definition | None:
        if node.definition is None or node.category is None:
            return None
        if node.is_trigger:
            return self.catalog.triggers.get(node.definition)
        return self.catalog.definition(node.category, node.definition)

    def input_spec(self, node: Node, name: str | None) -> InputSpec | None:
        definition = self.definition(node)
        return definition.inputs.get(name) if definition and name is not None else None

    def is_container(self, node: Node) -> bool:
        spec = self.catalog.flowlogic.get(node.definition or "") if node.category == "flowlogic" else None
        return spec is not None and spec.container

    def parent(self, node: Node) -> Node | None:
        """The component named by `block`, when it exists and comes earlier."""
        if node.block is None or node.order is None:
            return None
        parent = self.by_order.get(node.block)
        return parent if parent is not None and parent.order < node.order else None

    def ancestors(self, node: Node) -> list[Node]:
        """Enclosing components, innermost first (orders strictly decrease, so this ends)."""
        chain: list[Node] = []
        while (node := self.parent(node)) is not None:
            chain.append(node)
        return chain

    def _var_inputs(self, step: Node) -> list[InputItem]:
        def sets_vars(item: InputItem) -> bool:
            spec = self.input_spec(step, item.name)
            return spec is not None and spec.type.kind == "field_values" and spec.pills and item.value is not None

        return [item for item in step.inputs if sets_vars(item)]

    def _flow_vars(self) -> dict[str, list[tuple[Node, str]]]:
        """Flow variable name -> (setting step, value text) for every step that sets it."""
        found: dict[str, list[tuple[Node, str]]] = {}
        for step in self.view.steps:
            for item in self._var_inputs(step):
                for term in query_terms(item.value or ""):
                    name = var_name(term.field)
                    if name is not None:
                        found.setdefault(name, []).append((step, term.value))
        return found
