"""Prompts for the LLM that repairs (or drafts) flows, and lenient parsing of its answers."""

import difflib
import json
import re

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from models.catalog_text import definition_line, table_line
from schemas.catalog import Catalog, Definition
from schemas.problems import Problem
from schemas.secrets import quote

FLOW_RULES = """A flow is JSON: {"name", "description", "trigger": {"type", "inputs": [{"name", "value"}]},
"components": [{"category": "action"|"flowlogic"|"subflow", "definition", "scope", "order", "block"?, "inputs"}]}.
`order` is 1..n in list order (pre-order); `block` is the order of the enclosing flow-logic container.
ELSE/ELSEIF follow IF/ELSEIF in the same block; CATCH follows TRY; BREAK/CONTINUE sit inside FOREACH/DOUNTIL.
Data pills: {{trigger.current.field}}, {{N.output.field}} (an earlier step N), {{flow_var.x}}.
Conditions are encoded queries (`priority=1^active=true`); field values are `field=value^field2=value2`.
Use only names from the catalog."""

REPAIR_SYSTEM = f"""You repair workflow JSON so that it passes validation.
{FLOW_RULES}
Answer with ONE ```json block holding either the full corrected flow object, or an RFC 6902 JSON patch
(a list of operations) against the draft. Change only what the problems require."""

_FENCE = re.compile(r"```[a-zA-Z]*\s*\n?(.*?)```", re.DOTALL)
_WORD = re.compile(r"[a-z]{3,}")


class AnswerError(ValueError):
    """The model's answer holds no flow object or patch list."""


def _groups(catalog: Catalog) -> dict[str, dict[str, Definition]]:
    return {
        "trigger": catalog.triggers,
        "action": catalog.actions,
        "flowlogic": catalog.flowlogic,
        "subflow": catalog.subflows,
    }


def _named(flow: dict | None) -> tuple[list[tuple[str, str]], set[str]]:
    """(group, name) pairs and table names a flow dict mentions."""
    if not isinstance(flow, dict):
        return [], set()
    trig = flow.get("trigger") if isinstance(flow.get("trigger"), dict) else {}
    pairs = [("trigger", trig.get("type"))]
    owners = [trig, *[c for c in flow.get("components") or [] if isinstance(c, dict)]]
    pairs += [(c.get("category"), c.get("definition")) for c in owners[1:]]
    tables = {
        i.get("value")
        for o in owners
        for i in o.get("inputs") or []
        if isinstance(i, dict) and i.get("name") == "table"
    }
    return [(g, n) for g, n in pairs if isinstance(g, str) and isinstance(n, str)], {
        t for t in tables if isinstance(t, str)
    }


def _by_request(request: str, catalog: Catalog, limit: int) -> list[tuple[str, str]]:
    """Definitions whose name or label shares the most words with the request."""
    words = set(_WORD.findall(request.lower()))
    scored = []
    for group, defs in _groups(catalog).items():
        for name, spec in defs.items():
            score = len(words & set(_WORD.findall(f"{name.replace('_', ' ')} {spec.label}".lower())))
            if score:
                scored.append((-score, group, name))
    return [(g, n) for _, g, n in sorted(scored)[:limit]]


def catalog_context(flow: dict | None, request: str, catalog: Catalog, limit: int = 6) -> str:
    """Catalog entries relevant to a draft and request: what it names, nearest names, request matches."""
    groups = _groups(catalog)
    named, tables = _named(flow)
    chosen: list[tuple[str, str]] = []
    for group, name in named:
        defs = groups.get(group, {})
        near = [name] if name in defs else difflib.get_close_matches(name, list(defs), n=3, cutoff=0.5)
        chosen += [(group, n) for n in near]
    chosen += _by_request(request, catalog, limit)
    lines = [f"{g} {definition_line(n, groups[g][n])}" for g, n in dict.fromkeys(chosen)]
    lines += [f"table {table_line(t, catalog)}" for t in sorted(t for t in tables if t in catalog.tables)]
    return "\n".join(lines)


def catalog_names(catalog: Catalog) -> str:
    """Every name the catalog offers, grouped; short enough for any prompt."""
    return (
        "\n".join(f"{group}s: {', '.join(defs)}" for group, defs in _groups(catalog).items())
        + f"\ntables: {', '.join(catalog.tables)}"
    )


def problem_lines(problems: list[Problem]) -> str:
    return "\n".join(f"- {p}" for p in problems)


def repair_messages(draft: object, problems: list[Problem], catalog: Catalog, request: str = "") -> list[BaseMessage]:
    """The repair prompt: the draft JSON, its exact problems and the relevant catalog entries."""
    body = (
        f"Request: {request or '(none)'}\n\nDraft:\n```json\n{json.dumps(draft, indent=1)}\n```\n\n"
        f"Problems (path: [code] message):\n{problem_lines(problems)}\n\n"
        f"Relevant catalog entries:\n"
        f"{catalog_context(draft if isinstance(draft, dict) else None, request, catalog)}\n\n"
        f"All catalog names:\n{catalog_names(catalog)}"
    )
    return [SystemMessage(content=REPAIR_SYSTEM), HumanMessage(content=body)]


def _fits(value: object) -> bool:
    if isinstance(value, dict):
        return "trigger" in value or isinstance(value.get("flow"), dict)
    return isinstance(value, list) and bool(value) and all(isinstance(op, dict) and "op" in op for op in value)


def _first_json(text: str) -> object | None:
    decoder = json.JSONDecoder()
    for start, char in enumerate(text):
        if char in "{[":
            try:
                value, _ = decoder.raw_decode(text, start)
            except json.JSONDecodeError:
                continue
            if _fits(value):
                return value
    return None


def parse_answer(text: str) -> dict | list[dict]:
    """A flow dict or a patch list from the answer, preferring ```json blocks; raises AnswerError."""
    for candidate in [*(m.group(1) for m in _FENCE.finditer(text)), text]:
        value = _first_json(candidate)
        if isinstance(value, dict) and "trigger" not in value:
            value = value["flow"]
        if value is not None:
            return value
    raise AnswerError(f"no flow JSON or JSON patch in the model's answer: {quote(text)}")
