"""The compact flow text inside a chat model's answer (code fences and chatter around it dropped)."""

import re

from schemas.catalog import Catalog

_FENCE_RE = re.compile(r"```[a-zA-Z]*\n(.*?)(?:```|$)", re.DOTALL)
_COMPONENT_RE = re.compile(r"^(?:  )*\d+ \S+")


def _trigger_type(line: str) -> str:
    return line.split(" | ", 1)[0].strip().strip("`")


def extract_flow_text(answer: str, catalog: Catalog) -> str:
    """From the first line naming a catalog trigger, up to the first line that is no component line.

    Falls back to the (unfenced) answer itself when no line names a trigger, so the parser can
    say what is wrong with it.
    """
    fenced = _FENCE_RE.search(answer)
    text = fenced.group(1) if fenced else answer
    lines = text.replace("\r\n", "\n").split("\n")
    start = next((i for i, line in enumerate(lines) if _trigger_type(line) in catalog.triggers), None)
    if start is None:
        return text.strip()
    kept = [lines[start].strip()]
    for line in lines[start + 1 :]:
        if not _COMPONENT_RE.match(line.rstrip()):
            break
        kept.append(line.rstrip())
    return "\n".join(kept)
