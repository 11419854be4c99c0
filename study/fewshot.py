"""The few-shot prompt for prompted LLMs: format rules, catalog entries, retrieved examples, the request.

A `Prompt` is backend-neutral; `messages()` renders it for chat models (examples as earlier turns)
and `transcript()` as plain text for base models, which continue after the last `Flow:`.
"""

from dataclasses import dataclass

from models.serialize import to_text

RULES = """You write ServiceNow Flow Designer flows in a compact text format.
Line 1 is the trigger: `<trigger> | name=value | name=value`.
Every further line is one step: two spaces per nesting level, its order number (1, 2, 3, ... top to bottom), \
the action, subflow or flow-logic name, then ` | name=value` for each input.
Steps inside IF, ELSEIF, ELSE, FOREACH, DOUNTIL, TRY, CATCH or PARALLEL are indented one level under it; \
ELSE/ELSEIF come right after their IF at the same level, CATCH right after its TRY.
Data pills: {{trigger.current.<field>}} (the trigger's record), {{N.<output>}} or {{N.<output>.<field>}} \
(the output of step N), {{N.item.<field>}} (the current item of FOREACH step N), {{flow_var.<name>}}.
Conditions are encoded queries: field=value^other_field!=value (^ is AND, ^OR is OR); flow-logic \
conditions use pills as fields: {{trigger.current.priority}}=1.
Use only the triggers, steps, inputs and tables listed below (* marks a required input).
Answer with the flow text only: no explanation, no code fence."""

PLAIN_REQUEST = "Request: "
PLAIN_FLOW = "Flow:\n"


@dataclass(frozen=True)
class Prompt:
    system: str
    shots: list[tuple[str, str]]  # (user turn, assistant turn) per example
    query: str  # the final user turn

    def messages(self) -> list[dict]:
        """Chat messages: system, then each example as a user/assistant pair, then the query."""
        turns = [{"role": "system", "content": self.system}]
        for user, assistant in self.shots:
            turns += [{"role": "user", "content": user}, {"role": "assistant", "content": assistant}]
        return turns + [{"role": "user", "content": self.query}]

    def transcript(self) -> str:
        """One text for a base model, ending where the flow of the query starts."""
        parts = [self.system]
        parts += [f"{PLAIN_REQUEST}{user}\n{PLAIN_FLOW}{assistant}" for user, assistant in self.shots]
        parts.append(f"{PLAIN_REQUEST}{self.query}\n{PLAIN_FLOW}")
        return "\n\n".join(parts)


def user_turn(task: str, request: str, flow: dict | None) -> str:
    """What the user asks: a request, an edit of the current flow, or the completion of a partial one."""
    if task == "edit":
        if flow is None:
            raise ValueError("an edit request needs the current flow")
        return f"Current flow:\n{to_text(flow)}\nEdit: {request}\nWrite the whole edited flow."
    if task == "complete":
        if flow is None:
            raise ValueError("a complete request needs the partial flow")
        goal = f" ({request})" if request else ""
        return f"Partial flow:\n{to_text(flow)}\nComplete this flow{goal}. Write the whole flow."
    return request


def shot(row: dict) -> tuple[str, str]:
    """A training row as an example turn pair."""
    return user_turn(row["task"], row.get("request", ""), row.get("flow")), to_text(row["target"])


def build_prompt(task: str, request: str, flow: dict | None, examples: list[dict], catalog_text: str) -> Prompt:
    system = f"{RULES}\n\n{catalog_text}" if catalog_text else RULES
    return Prompt(system=system, shots=[shot(r) for r in examples], query=user_turn(task, request, flow))
