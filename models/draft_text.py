"""From a drafting model's text to a flow dict: naming, cut-off handling, parse errors as DraftError."""

from models.drafter import DraftError, DraftRequest
from models.serialize import SerializationError, from_text
from schemas.catalog import Catalog
from schemas.secrets import REDACTED, quote, redact


def short_title(request: str, words: int = 6) -> str:
    """A flow name from a request: its first few words, capitalised."""
    text = " ".join(request.split()[:words]).rstrip(".,;:!?")
    return text[:1].upper() + text[1:] if text else "Untitled flow"


def complete_lines(text: str, finished: bool) -> str:
    """An output cut off by the token budget loses its unfinished last line."""
    if finished:
        return text
    return text[: text.rfind("\n")] if "\n" in text else ""


def parse_draft(req: DraftRequest, text: str, catalog: Catalog | None = None) -> dict | DraftError:
    """The flow dict of a draft's full text, named after the request (edit/complete keep the flow's name)."""
    current = req.flow or {}
    name = current.get("name") or short_title(req.request)
    description = current.get("description") or req.request
    try:
        return from_text(text, name=name, description=description, catalog=catalog)
    except SerializationError as exc:
        return DraftError(f"model text is not a flow ({redact(str(exc), mark=REDACTED)}): {quote(text)}")
