"""Run-time dependencies and policy of the copilot graph, read by nodes via `Runtime[Context]`."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, get_args

from langchain_core.language_models import BaseChatModel

from models.drafter import Drafter
from schemas.catalog import Catalog, default_catalog
from schemas.problems import Problem

FallbackPolicy = Literal["never", "on_invalid", "always_llm"]


@dataclass(kw_only=True)
class Context:
    """`fallback_policy`: `never` uses only the drafter and deterministic fixes; `on_invalid`
    lets the chat model repair a draft still invalid after fixes (and draft when the drafter
    fails); `always_llm` has the chat model draft instead of the drafter. `checks` run after the
    validator on every draft (e.g. `plugin.security.safety_check`); their problems count as its.
    `turn_budget_s` bounds a whole turn (models.deadline): decoding stops there, and no repair
    starts with less than MIN_REPAIR_S left. `slm_repair`: a draft still invalid after the fixes
    goes back to the drafter once, with its problems, before any chat model (None: when the
    drafter says it `can_repair`, i.e. its adapter was trained on the repair task).
    `placeholders_for_unresolved`: when nothing else can run, steps whose own inputs are still wrong
    become placeholder steps (agent/nodes/placehold.py) rather than the turn failing."""

    drafter: Drafter
    chat_model: BaseChatModel | None = None
    catalog: Catalog = field(default_factory=default_catalog)
    fallback_policy: FallbackPolicy = "on_invalid"
    max_repair_rounds: int = 2
    llm_timeout_s: float = 60.0
    turn_budget_s: float | None = None  # the whole turn's time; every model call below obeys it
    checks: Sequence[Callable[[object], list[Problem]]] = ()
    slm_repair: bool | None = None
    placeholders_for_unresolved: bool = True

    def __post_init__(self) -> None:
        if self.slm_repair is None:
            self.slm_repair = bool(getattr(self.drafter, "can_repair", False))
        if self.fallback_policy not in get_args(FallbackPolicy):
            raise ValueError(f"fallback_policy must be one of {get_args(FallbackPolicy)}, got {self.fallback_policy!r}")
        if self.fallback_policy == "always_llm" and self.chat_model is None:
            raise ValueError("fallback_policy 'always_llm' needs a chat_model")
        if self.max_repair_rounds < 0:
            raise ValueError(f"max_repair_rounds must be >= 0, got {self.max_repair_rounds}")
        if self.llm_timeout_s <= 0:
            raise ValueError(f"llm_timeout_s must be > 0, got {self.llm_timeout_s}")
        if self.turn_budget_s is not None and self.turn_budget_s <= 0:
            raise ValueError(f"turn_budget_s must be > 0, got {self.turn_budget_s}")

    @property
    def llm_allowed(self) -> bool:
        """Whether the chat model may be asked for a draft or a repair."""
        return self.chat_model is not None and self.fallback_policy != "never"
