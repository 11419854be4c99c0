"""What the catalog checks see of a flow: its trigger and components as far as they parsed.

Built from the normalised `Flow` when the shape is valid, otherwise leniently from the raw
JSON (a field of the wrong type reads as None), always keeping the raw list indices so that
problem paths point into the document the caller gave.
"""

from pydantic import ValidationError

from schemas.base import StrictModel
from schemas.validation.paths import pointer
from schemas.workflow import Flow


class InputItem(StrictModel):
    index: int
    name: str | None
    value: str | None


class Node(StrictModel):
    """The trigger (category `trigger`, order 0) or one component."""

    path: tuple[str | int, ...]
    category: str | None
    definition: str | None
    scope: str | None = None
    order: int | None = None
    block: int | None = None
    inputs: list[InputItem] = []

    @property
    def is_trigger(self) -> bool:
        return self.category == "trigger"

    def value(self, name: str) -> str | None:
        """The value of the first input called `name`."""
        return next((i.value for i in self.inputs if i.name == name), None)

    def at(self, *parts: str | int) -> str:
        return pointer(*self.path, *parts)

    def input_at(self, item: InputItem, key: str = "value") -> str:
        return pointer(*self.path, "inputs", item.index, key)

    def label(self) -> str:
        if self.is_trigger:
            return "the trigger"
        where = f"step {self.order}" if self.order is not None else f"component {self.path[-1]}"
        return f"{where} ({self.definition})"


class FlowView(StrictModel):
    trigger: Node | None
    steps: list[Node]
    name: str | None = None
    description: str | None = None
    size: int = 0  # length of the components list, junk entries included


def _text(raw: dict, key: str, default: str | None = None) -> str | None:
    value = raw.get(key, default)
    return value if isinstance(value, str) else None


def _int(raw: dict, key: str) -> int | None:
    value = raw.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _inputs(raw: object) -> list[InputItem]:
    if not isinstance(raw, list):
        return []
    return [
        InputItem(index=i, name=_text(x, "name"), value=_text(x, "value"))
        for i, x in enumerate(raw)
        if isinstance(x, dict)
    ]


def _trigger(raw: object) -> Node | None:
    if not isinstance(raw, dict):
        return None
    return Node(
        path=("trigger",), category="trigger", definition=_text(raw, "type"), order=0, inputs=_inputs(raw.get("inputs"))
    )


def _step(index: int, raw: object) -> Node | None:
    if not isinstance(raw, dict):
        return None
    return Node(
        path=("components", index),
        category=_text(raw, "category"),
        definition=_text(raw, "definition"),
        scope=_text(raw, "scope", "global"),
        order=_int(raw, "order"),
        block=_int(raw, "block"),
        inputs=_inputs(raw.get("inputs")),
    )


def _normalised(raw: object) -> object:
    try:
        return Flow.model_validate(raw).to_json()
    except ValidationError:
        return raw


def flow_view(raw: object) -> FlowView:
    data = _normalised(raw)
    if not isinstance(data, dict):
        return FlowView(trigger=None, steps=[])
    components = data.get("components")
    components = components if isinstance(components, list) else []
    steps = [node for i, c in enumerate(components) if (node := _step(i, c)) is not None]
    return FlowView(
        trigger=_trigger(data.get("trigger")),
        steps=steps,
        size=len(components),
        name=_text(data, "name"),
        description=_text(data, "description"),
    )
