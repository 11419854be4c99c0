"""Which URLs a flow may name: parsed as browsers and HTTP clients do, judged fail-closed.

A URL is read the WHATWG way (ada-url: tab/newline stripped, backslashes as slashes, IDNA/NFKC
host mapping, IPv4 in every notation) and also by the HTTP client (httpx) and by urllib; when
they disagree on the host, or any of them cannot find one, the URL is refused. A host is
refused when it is internal: a non-global IP (loopback, private, link-local incl. the cloud
metadata addresses, shared address space), an IPv6 address embedding one (mapped, compatible,
6to4, NAT64, Teredo), a dotless or internal name, or a wildcard-DNS name that spells a private
address (`10.0.0.1.nip.io`, `127-0-0-1.sslip.io`). Names are not resolved: the platform's
egress rules stay the guard at run time. A host made from a data pill or flow variable cannot
be judged here and is refused unless the operator allows run-time hosts.
"""

import ipaddress
import re
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import ada_url
import httpx
import idna

from schemas.pills import PILL_RE

SCHEMES = ("http", "https")  # the only ones a flow may name; WHATWG also reads `http:host`, `http:\\host` as URLs
PILL_MARK = "flowsmith-pill-host"  # stands in for a pill while parsing; found in a host = a run-time host
# A scheme: a whole run of scheme characters (the lookbehind keeps the scan linear; `xhttp://` is
# scheme `xhttp`, refused as not http(s)).
SCHEME = re.compile(r"(?<![a-z0-9+.\-])([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
URL_END = re.compile(r"[\s\"'<>`]")
SLASH_RUN = re.compile(r"[/\\]*")
TRAILING = ".,;:!?)]}"  # prose punctuation after a URL, as linkifiers drop it
STRIPPED = str.maketrans("", "", "\t\n\r")  # WHATWG removes these anywhere in a URL
INTERNAL_SUFFIXES = (
    ".localhost",
    ".localdomain",
    ".internal",
    ".local",
    ".lan",
    ".intranet",
    ".corp",
    ".home.arpa",
    ".svc",
    ".cluster.local",
)
INTERNAL_NAMES = ("metadata", "instance-data", "metadata.google.internal", "metadata.goog")
# Public wildcard-DNS services: every name under them resolves to the address it spells.
WILDCARD_DNS = (
    ".nip.io",
    ".sslip.io",
    ".xip.io",
    ".traefik.me",
    ".localtest.me",
    ".lvh.me",
    ".vcap.me",
    ".lacolhost.com",
    ".localhost.run",
    ".backname.io",
)
SPELLED_IPV4 = re.compile(r"(?<![0-9])([0-9]{1,3})[.\-]([0-9]{1,3})[.\-]([0-9]{1,3})[.\-]([0-9]{1,3})(?![0-9])")
EMBEDDING = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))  # NAT64


def parse_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """`host` as an IP address, accepting the legacy IPv4 forms (127.1, 0x7f.1, 2130706433, 0177.0.0.1)."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if not host or not host.isascii():
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except (OSError, ValueError):  # not an address; ValueError: embedded NUL
        return None


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, compatible, 6to4, Teredo client, NAT64)."""
    if ip.ipv4_mapped or ip.sixtofour:
        return ip.ipv4_mapped or ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if int(ip) >> 32 == 0 and int(ip) > 1:  # ::a.b.c.d (deprecated IPv4-compatible)
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if any(ip in net for net in EMBEDDING):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _ip_internal(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address):
        if (v4 := _embedded_v4(ip)) is not None and _ip_internal(v4):
            return True
        if ip in ipaddress.ip_network("fec0::/10"):  # deprecated site-local
            return True
    return not ip.is_global or ip.is_multicast


def is_internal(host: str) -> bool:
    """True for internal addresses and names (see the module docstring); hosts are judged as written."""
    host = host.lower().rstrip(".")
    ip = parse_ip(host)
    if ip is not None:
        return _ip_internal(ip)
    if "." not in host or host in INTERNAL_NAMES or host.endswith(INTERNAL_SUFFIXES):
        return True
    for match in SPELLED_IPV4.finditer(host):
        spelled = ".".join(match.groups())
        if (ip := parse_ip(spelled)) is not None and _ip_internal(ip):
            return True
    # any other name under them (or the apex itself, e.g. localtest.me) may resolve to a private address
    return host.endswith(WILDCARD_DNS) or f".{host}" in WILDCARD_DNS


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


@dataclass(frozen=True)
class Verdict:
    """Why a URL is refused (`reason`), with the host as read when there was one."""

    reason: str
    host: str = ""


def _canonical(host: str) -> str:
    """One spelling per host: IPs in their standard form, names lower-case IDNA (UTS 46)."""
    host = host.lower().strip("[]").rstrip(".")
    if (ip := parse_ip(host)) is not None:
        return str(ip)
    try:
        return idna.encode(host, uts46=True).decode()
    except idna.IDNAError:
        return host


def _hosts(url: str) -> list[str | None]:
    """The host as each parser reads it (WHATWG, httpx, urllib), None where one cannot parse `url`."""
    readers = (lambda: ada_url.URL(url).hostname, lambda: httpx.URL(url).host, lambda: urlsplit(url).hostname or "")
    hosts: list[str | None] = []
    for read in readers:
        try:
            hosts.append(_canonical(read()))
        except (ValueError, httpx.InvalidURL):
            hosts.append(None)
    return hosts


def url_verdict(url: str, allowed: Sequence[str] = (), pill_hosts: bool = False) -> Verdict | None:
    """None when `url` may be named by a flow; else why not. `url` may contain pills."""
    url = PILL_RE.sub(PILL_MARK, url.translate(STRIPPED).strip())
    scheme = url.split(":", 1)[0].lower()
    if scheme not in SCHEMES:
        return Verdict(f"{scheme[:20]}: URLs are not allowed; use http(s)")
    hosts = _hosts(url)
    whatwg = hosts[0]
    if PILL_MARK in "".join(h for h in hosts if h):
        if pill_hosts:
            return None
        return Verdict(
            "its host comes from a data pill or flow variable, so it cannot be checked before run "
            "time; name the host literally (or set FLOWSMITH_REST_ALLOW_PILL_HOSTS=true)"
        )
    for host in dict.fromkeys(h for h in hosts if h):  # as any of the parsers reads it
        if is_internal(host) and not is_allowed(host, allowed):
            return Verdict(
                f"host {host!r} is an internal address; add it to FLOWSMITH_REST_ALLOWED_HOSTS to allow it", host
            )
    if not all(hosts):
        return Verdict("it does not parse as a URL with a host (as browsers and HTTP clients read it)", whatwg or "")
    if len(set(hosts)) > 1:
        return Verdict(
            f"browsers and HTTP clients read different hosts in it ({', '.join(sorted(set(hosts)))})", whatwg
        )
    return None


def urls_in(text: str) -> list[str]:
    """Every URL-like run in free text: `scheme://...`, and for web schemes also `http:host`, `http:\\\\host`.

    Linear in the text: each terminator search resumes where the last one ended, and runs taken
    as URLs never overlap.
    """
    text = text.translate(STRIPPED)
    found, cursor, end = [], 0, None
    for match in SCHEME.finditer(text):
        start = match.end()
        if match.start() < cursor:
            continue  # inside the URL just taken (`http://x/a:b`)
        after_slashes = SLASH_RUN.match(text, start).end()
        if after_slashes - start < 2 and match.group(1).lower() not in SCHEMES:
            continue  # `note: ...`, `mailto:...`
        if end is None or end.start() < start:
            end = URL_END.search(text, start)
        stop = end.start() if end else len(text)
        if after_slashes >= stop:
            continue  # `https:` or `http://` with nothing after it
        cursor = stop
        found.append(text[match.start() : stop].rstrip(TRAILING))
    return found
