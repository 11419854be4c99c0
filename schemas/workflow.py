"""The workflow format that leaves Flowsmith: a Flow-Designer-style JSON flow.

```
{ "name": str, "description": str,
  "trigger": {"type": <trigger type>, "inputs": [{"name": str, "value": str}, ...]},
  "components": [ {"category": "action" | "flowlogic" | "subflow", "definition": str,
                   "scope": str, "order": int, "block": int | absent,
                   "inputs": [{"name": str, "value": str}, ...]}, ... ] }
```

Which trigger types, actions, flow-logic definitions and inputs exist is the
catalog's business (`schemas.catalog`); these models fix only the shape.
"""

from typing import Annotated, Literal, Union

from pydantic import Field

from schemas.base import StrictModel

FORMAT_VERSION = "1.0"


class Input(StrictModel):
    name: str
    value: str


class Trigger(StrictModel):
    type: str
    inputs: list[Input] = Field(default_factory=list)


class _ComponentBase(StrictModel):
    definition: str
    scope: str = "global"
    order: int
    block: int | None = None
    inputs: list[Input] = Field(default_factory=list)


class ActionComponent(_ComponentBase):
    category: Literal["action"] = "action"


class FlowLogicComponent(_ComponentBase):
    category: Literal["flowlogic"] = "flowlogic"


class SubflowComponent(_ComponentBase):
    category: Literal["subflow"] = "subflow"


Component = Annotated[
    Union[ActionComponent, FlowLogicComponent, SubflowComponent],
    Field(discriminator="category"),
]


class Flow(StrictModel):
    name: str = ""
    description: str = ""
    trigger: Trigger
    components: list[Component] = Field(default_factory=list)

    def to_json(self) -> dict:
        """The flow as the platform stores it (no nulls: an absent block is omitted)."""
        return self.model_dump(mode="json", exclude_none=True)


def input_map(inputs: list[Input]) -> dict[str, str]:
    return {i.name: i.value for i in inputs}
