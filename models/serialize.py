"""The compact, model-facing text form of a flow (fewer tokens than JSON).

```
record_create | table=incident | condition=priority=1
1 look_up_record | table=sys_user | conditions=sys_id={{trigger.current.caller_id}}
2 IF | condition={{1.record.vip}}=true
  3 send_email | to={{1.record.manager.email}} | subject=P1 {{trigger.current.number}} | body=Please act
```
Line 1 is the trigger; each further line is a component: two spaces per nesting level, its
order, its definition, then ` | name=value` inputs. Category, scope and `block` come back from
the catalog and the indentation. Name and description are not part of the text.
"""

import re

from schemas.catalog import Catalog, default_catalog

SEP = " | "
_LINE_RE = re.compile(r"^(?P<indent>(?:  )*)(?P<order>\d+) (?P<definition>\S+)(?P<rest>.*)$")


class SerializationError(ValueError):
    """Model text that is not a flow; the message names the line."""


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n")


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), value)


def _inputs_text(inputs: list[dict]) -> str:
    return "".join(f"{SEP}{i['name']}={_escape(i['value'])}" for i in inputs)


def to_text(flow: dict) -> str:
    """Serialise a flow dict (Flow.to_json() shape) to the compact text."""
    lines = [flow["trigger"]["type"] + _inputs_text(flow["trigger"].get("inputs", []))]
    depth: dict[int, int] = {}
    for comp in flow.get("components", []):
        level = depth.get(comp.get("block"), -1) + 1 if comp.get("block") is not None else 0
        depth[comp["order"]] = level
        lines.append(f"{'  ' * level}{comp['order']} {comp['definition']}{_inputs_text(comp.get('inputs', []))}")
    return "\n".join(lines)


def _parse_inputs(rest: str, lineno: int) -> list[dict]:
    inputs = []
    for part in rest.split(SEP)[1:] if rest else []:
        name, eq, value = part.partition("=")
        if not eq or not name.strip():
            raise SerializationError(f"line {lineno}: input '{part}' is not name=value")
        inputs.append({"name": name.strip(), "value": _unescape(value)})
    if rest and not rest.startswith(SEP):
        raise SerializationError(f"line {lineno}: expected ' | ' before the inputs, got '{rest}'")
    return inputs


def _category(catalog: Catalog, definition: str) -> tuple[str, str]:
    for category, group in (("flowlogic", catalog.flowlogic), ("subflow", catalog.subflows)):
        if definition in group:
            return category, group[definition].scope
    spec = catalog.actions.get(definition)
    return "action", spec.scope if spec else "global"


def _component(line: str, lineno: int, parents: list[int], catalog: Catalog) -> dict:
    match = _LINE_RE.match(line)
    if not match:
        raise SerializationError(f"line {lineno}: expected '<order> <definition> | name=value ...', got '{line}'")
    level = len(match["indent"]) // 2
    if level > len(parents):
        raise SerializationError(f"line {lineno}: indented deeper than its parent")
    del parents[level:]
    category, scope = _category(catalog, match["definition"])
    comp = {"category": category, "definition": match["definition"], "scope": scope, "order": int(match["order"])}
    if parents:
        comp["block"] = parents[-1]
    comp["inputs"] = _parse_inputs(match["rest"], lineno)
    parents.append(comp["order"])
    return comp


def from_text(text: str, name: str = "", description: str = "", catalog: Catalog | None = None) -> dict:
    """Parse the compact text back into a flow dict; raises SerializationError naming the line."""
    catalog = catalog or default_catalog()
    lines = [line for line in text.strip("\n").split("\n") if line.strip()]
    if not lines:
        raise SerializationError("empty model output")
    trigger_type = lines[0].split(SEP, 1)[0].strip()
    if not trigger_type or " " in trigger_type:
        raise SerializationError(f"line 1: expected '<trigger type> | name=value ...', got '{lines[0]}'")
    trigger = {"type": trigger_type, "inputs": _parse_inputs(lines[0][len(trigger_type) :], 1)}
    parents: list[int] = []
    components = [_component(line, n, parents, catalog) for n, line in enumerate(lines[1:], start=2)]
    return {"name": name, "description": description, "trigger": trigger, "components": components}
