"""Output safety checks on drafted flows, run after validation (the agent's `checks` hook).

Any string in a flow is refused when it carries markup that runs script (`<script>`,
`javascript:` ...), a URL whose scheme is not http(s), or a URL whose host is internal
(loopback, private, link-local incl. cloud metadata 169.254.169.254, `localhost`, `*.internal`,
dotless names) unless the host is in FLOWSMITH_REST_ALLOWED_HOSTS. Hosts are judged as
written (IP literals in any notation, names); names are not resolved.
"""

import ipaddress
import re
import socket
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from urllib.parse import unquote

from schemas.pills import PILL_RE
from schemas.problems import Problem

UNSAFE_MARKUP = re.compile(
    r"<\s*/?\s*(script|iframe|object|embed)\b"  # tags that run or embed code
    r"|\b(javascript|vbscript)\s*:"  # script URLs
    r"|\bdata\s*:\s*text/html"
    r"|<[a-z][^>]*\son[a-z]+\s*=",  # inline event handlers: <img onerror=...>
    re.IGNORECASE,
)
URL = re.compile(r"\b([a-z][a-z0-9+.\-]*)://([^/?#\s\"'<>\\^`{|}]*)", re.IGNORECASE)  # scheme, authority
HOST_CHARS = re.compile(r"[a-z0-9.\-_~]*")
PILL_HOST = "pill.invalid"  # a pill in a host is judged at run time by the platform, not here
INTERNAL_SUFFIXES = (".localhost", ".localdomain", ".internal", ".local", ".lan", ".intranet", ".corp", ".home.arpa")
SCHEMES = ("http", "https")


def parse_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """`host` as an IP address, accepting the legacy IPv4 forms (127.1, 0x7f.1, 2130706433)."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except (OSError, ValueError):  # not an address; ValueError: embedded NUL
        return None


def is_internal(host: str) -> bool:
    """True for non-global addresses (loopback, private, link-local...), dotless and internal names."""
    host = host.lower().rstrip(".")
    ip = parse_ip(host)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip is not None:
        return not ip.is_global
    return "." not in host or host.endswith(INTERNAL_SUFFIXES)


def is_allowed(host: str, allowed: Sequence[str]) -> bool:
    """`host` matches an entry: a name, `*.suffix`, an IP address or a CIDR network."""
    host = host.lower().rstrip(".")
    ip = parse_ip(host)
    for entry in (e.strip().lower() for e in allowed):
        if entry == host or (entry.startswith("*.") and host.endswith(entry[1:])):
            return True
        if ip is not None and "/" in entry:
            try:
                if ip in ipaddress.ip_network(entry, strict=False):
                    return True
            except ValueError:
                continue
        elif ip is not None and parse_ip(entry) == ip:
            return True
    return False


def _host(authority: str) -> str:
    """The host of a URL authority (`user:pw@host:port`), percent-decoded, trailing junk dropped."""
    hostport = unquote(authority).rsplit("@", 1)[-1].lower()
    if hostport.startswith("["):
        return hostport[1:].split("]", 1)[0]
    return HOST_CHARS.match(hostport).group().rstrip(".")


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


def _url_problem(path: str, scheme: str, authority: str, allowed: Sequence[str]) -> Problem | None:
    if scheme.lower() not in SCHEMES:
        return Problem(code="blocked_url", path=path, message=f"{scheme}:// URLs are not allowed; use http(s)")
    host = _host(authority)
    if not host or not is_internal(host) or is_allowed(host, allowed):
        return None
    return Problem(code="blocked_url", path=path, message=(
        f"URL host {host!r} is an internal address; add it to FLOWSMITH_REST_ALLOWED_HOSTS to allow it"))


def flow_safety_problems(flow: object, allowed_hosts: Sequence[str] = ()) -> list[Problem]:
    """Unsafe markup and blocked URLs anywhere in `flow`; `[]` when safe. Never raises."""
    problems = []
    for path, text in _strings(flow):
        if match := UNSAFE_MARKUP.search(text):
            problems.append(Problem(code="unsafe_markup", path=path, message=(
                f"value contains markup that could run script ({match.group(0)!r}); flows carry plain text")))
        for match in URL.finditer(PILL_RE.sub(PILL_HOST, text)):
            if problem := _url_problem(path, match.group(1), match.group(2), allowed_hosts):
                problems.append(problem)
    return problems


def safety_check(allowed_hosts: Sequence[str] = ()) -> Callable[[object], list[Problem]]:
    """The post-validation check the agent runs on every draft (see `agent.context.Context.checks`)."""
    return partial(flow_safety_problems, allowed_hosts=tuple(allowed_hosts))
