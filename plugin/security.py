"""Output safety checks on drafted and validated flows (the agent's `checks` hook, and `/v1/validate`).

Any string in a flow is refused when it carries markup that runs script, read by HTML5 parsers as
a browser would (nh3/html5ever to find markup, html5lib to read it): script-like tags, `on*`
handler attributes, `javascript:` / `vbscript:` / `data:text/html` URLs, entities decoded (the
date presets' `javascript:gs.…()` calls in encoded queries excepted, exactly as the schema knows them). It is
refused too when it holds a URL that `plugin.url_guard` refuses (not http(s), an internal host, a
host the parsers disagree on, a host from a pill). A `url` input that is itself a data pill has a
run-time host and is refused the same way unless allowed.
"""

import html
import re
from collections.abc import Callable, Iterator, Sequence
from functools import partial

import html5lib
import nh3

from plugin.url_guard import is_allowed, is_internal, parse_ip, url_verdict, urls_in
from schemas.catalog import Catalog, default_catalog
from schemas.date_queries import GS_CALL
from schemas.problems import Problem

__all__ = ["flow_safety_problems", "is_allowed", "is_internal", "parse_ip", "safety_check", "unsafe_markup"]

SCRIPT_URL = re.compile(r"\b(?:java|vb)script\s*:|\bdata\s*:\s*text/html", re.IGNORECASE)
SCRIPT_TAGS = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link", "portal"}
)
# Also refused as written, for renderers more lenient than HTML5 (`< SCRIPT ...>`); linear: a literal follows `\s*`.
SCRIPT_TAG_TEXT = re.compile(r"<\s*/?\s*(script|iframe|object|embed)\b", re.IGNORECASE)
# HTML parsers (html5lib, html5ever) grow faster than linearly on tags with thousands of attributes, so
# markup is parsed only in values up to this long; a longer value with markup in it is refused unparsed.
MAX_MARKUP_CHARS = 4_000
URL_STRIPPED = str.maketrans("", "", "\t\n\r\x00")  # browsers drop these inside URLs


def _script_url(text: str) -> str | None:
    match = SCRIPT_URL.search(text.translate(URL_STRIPPED))
    return match.group(0) if match else None


def unsafe_markup(text: str) -> str | None:
    """What in `text` could run script when an HTML page shows it, or None. Never raises. The date
    operators' own GlideSystem calls in encoded queries (`ONToday@javascript:gs.beginningOfToday()@…`,
    exactly as `schemas.date_queries` knows them) are query syntax, not a script URL; anything else
    after `javascript:`, or any of it inside markup, is refused."""
    if found := _script_url(GS_CALL.sub("", html.unescape(text))):
        return found
    if "<" not in text:
        return None
    if match := SCRIPT_TAG_TEXT.search(text):
        return match.group(0)
    if len(text) > MAX_MARKUP_CHARS:
        return f"a '<' in a value of {len(text)} characters (markup is checked in values up to {MAX_MARKUP_CHARS})"
    if not nh3.is_html(text):  # html5ever's tokenizer, fast: most text with '<' is no markup at all
        return None
    for element in html5lib.parseFragment(text, namespaceHTMLElements=False).iter():
        if not isinstance(element.tag, str):
            continue  # comments
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in SCRIPT_TAGS:
            return f"<{tag}>"
        for name, value in element.attrib.items():
            name = str(name).rsplit("}", 1)[-1].lower()
            if name.startswith("on") or name == "srcdoc":
                return f"<{tag} {name}=...>"
            if found := _script_url(str(value)):
                return f"<{tag} {name}={found}...>"
    return None


def _strings(value: object) -> Iterator[tuple[str, str]]:
    """Every string in a JSON value with its RFC 6901 pointer (iterative: any depth)."""
    stack = [("", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            yield path, item
        elif isinstance(item, dict):
            pairs = [(f"{path}/{str(k).replace('~', '~0').replace('/', '~1')}", v) for k, v in item.items()]
            stack += reversed(pairs)  # popped in document order
        elif isinstance(item, list):
            stack += reversed([(f"{path}/{i}", v) for i, v in enumerate(item)])


def _url_inputs(flow: object, catalog: Catalog) -> Iterator[tuple[str, str]]:
    """(pointer, value) of every input whose catalog type is `url`."""
    components = flow.get("components") if isinstance(flow, dict) else None
    for c, component in enumerate(components if isinstance(components, list) else []):
        if not isinstance(component, dict) or not isinstance(component.get("inputs"), list):
            continue
        definition = catalog.definition(str(component.get("category")), str(component.get("definition")))
        for i, item in enumerate(component["inputs"]):
            if definition is None or not isinstance(item, dict) or not isinstance(item.get("value"), str):
                continue
            spec = definition.inputs.get(str(item.get("name")))
            if spec is not None and spec.type.kind == "url":
                yield f"/components/{c}/inputs/{i}/value", item["value"]


def _blocked(path: str, url: str, allowed: Sequence[str], pill_hosts: bool) -> Problem | None:
    if verdict := url_verdict(url, allowed, pill_hosts):
        return Problem(code="blocked_url", path=path, message=f"URL refused: {verdict.reason}")
    return None


def flow_safety_problems(
    flow: object, allowed_hosts: Sequence[str] = (), pill_hosts: bool = False, catalog: Catalog | None = None
) -> list[Problem]:
    """Unsafe markup and blocked URLs anywhere in `flow`; `[]` when safe. Never raises."""
    problems = []
    for path, text in _strings(flow):
        if found := unsafe_markup(text):
            problems.append(
                Problem(
                    code="unsafe_markup",
                    path=path,
                    message=(f"value contains markup that could run script ({found!r}); flows carry plain text"),
                )
            )
        problems += filter(None, (_blocked(path, url, allowed_hosts, pill_hosts) for url in urls_in(text)))
    for path, value in _url_inputs(flow, catalog or default_catalog()):
        stripped = value.strip()
        if stripped.startswith("{{") and not urls_in(stripped):  # the whole URL, host included, from a pill
            problems += filter(None, [_blocked(path, "http://" + stripped, allowed_hosts, pill_hosts)])
    return problems


def safety_check(allowed_hosts: Sequence[str] = (), pill_hosts: bool = False) -> Callable[[object], list[Problem]]:
    """The post-validation check the agent runs on every draft (see `agent.context.Context.checks`)."""
    return partial(flow_safety_problems, allowed_hosts=tuple(allowed_hosts), pill_hosts=pill_hosts)
