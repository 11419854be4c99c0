"""Literal credentials in text: keys and tokens by their shape, and secrets under names that say so.

The one detector: the validator refuses flows that hold one (`schemas.validation.secrets`), the fix
engine cuts them out (`agent.fixes.secrets`), the admin config refuses config strings that look like
one (`looks_like_secret`), and error messages quote a model's text with `quote` (redacted first).
Every finding carries the span it covers, so a caller can remove a secret without ever quoting it.
Data pills (`{{...}}`) are never secrets: they are blanked first.

Rules, each on the text with its pills blanked:
- shape: OpenAI/Anthropic, AWS, GitHub, Slack, Google, Hugging Face and Stripe keys, JSON Web
  Tokens, PEM private keys, `Bearer <token>`, anywhere in the text;
- a password in a URL's user info (`https://user:pw@host`), or a high-entropy user info;
- under a secret-like name (`secret_name`): a query or form parameter (`?api_key=`, `password=`),
  a JSON field (`"token": "..."`), a header line (`Authorization: Basic ...`), or the input itself.
  Password names take any literal word; other names (and header lines) only a high-entropy value.
  A sys_id is high-entropy too, which is why only secret-like names get the entropy test.
"""

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from schemas.pills import PILL_RE

# (what it is, pattern); a pattern with a group covers only that group (`Bearer ` stays).
SHAPES = (
    ("a JSON Web Token", re.compile(r"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}")),
    ("an OpenAI-style API key", re.compile(r"\bsk-[A-Za-z0-9_\-]{16,}")),
    ("an AWS access key id", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("a GitHub token", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{22,})")),
    ("a Slack token", re.compile(r"\bxox[abposr]-[A-Za-z0-9\-]{10,}")),
    ("a Google API key", re.compile(r"\bAIza[0-9A-Za-z_\-]{30,}")),
    ("a Hugging Face token", re.compile(r"\bhf_[A-Za-z0-9]{20,}")),
    ("a Stripe key", re.compile(r"\b[rs]k_live_[A-Za-z0-9]{16,}")),
    (
        "a private key",
        re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----[A-Za-z0-9+/=\s]*(?:-----END [A-Z ]*PRIVATE KEY-----)?"),
    ),
    # a token has a digit: "Bearer authentication required" is prose
    ("a bearer token", re.compile(r"\bBearer\s+(?=[A-Za-z0-9\-._~+/]*\d)([A-Za-z0-9\-._~+/]{8,}=*)")),
)
PASSWORD_NAMES = ("password", "passwd", "pwd", "passphrase")
SECRET_NAMES = (
    *PASSWORD_NAMES,
    *("secret", "token", "apikey", "accesskey", "secretkey", "privatekey", "subscriptionkey", "signingkey"),
    *("authorization", "auth", "credential", "credentials", "signature", "sig"),
)
NOT_PASSWORDS = frozenset({"true", "false", "null", "none", "yes", "no"})
MIN_ENTROPY_CHARS = 16
MIN_ENTROPY_BITS = 3.0  # per character: English words stay under it, random keys (and sys_ids) above

_PARAMS = re.compile(r"[^?&#;^\s]+")  # query strings, form bodies, encoded queries: maximal runs, linear
_LINES = re.compile(r"[^\n]+")
_JSON_FIELD = re.compile(r'"([\w.\-]{1,64})"\s*:\s*"((?:[^"\\\n]|\\.)*)"')
_USERINFO = re.compile(r"://([^\s/?#@]*)@")
_NAME = re.compile(r"[\w.\-]+")
_HEADER_NAME = re.compile(r"[A-Za-z0-9_\-]+")
_BLOB = re.compile(r"^[A-Za-z0-9+=]{32,}$")  # hex / base64 blobs; names carry - . _ or /
_QUOTES = " \t\r\n\"'"
REDACTED = "<redacted>"


@dataclass(frozen=True)
class Secret:
    """One literal credential in a text, by what it is and where, never by its value."""

    what: str  # "a GitHub token", "a password", "a high-entropy value"
    where: str  # "", "under 'api_key'", "in a URL's user info"
    start: int
    end: int


def secret_name(name: str) -> bool:
    """A name that says it holds a credential: `api_key`, `X-Api-Key`, `clientSecret`, `Authorization`.
    Only the end counts: `password_reset`, `token_type` and `issue_key` are ordinary names."""
    squashed = _squashed(name)
    return squashed == "key" or squashed.endswith(SECRET_NAMES)


def high_entropy(text: str) -> bool:
    """A random-looking token: 16+ characters, no blanks, letters and digits, 3+ bits a character."""
    if len(text) < MIN_ENTROPY_CHARS or "://" in text or any(c.isspace() for c in text):
        return False
    if not (any(c.isdigit() for c in text) and any(c.isalpha() for c in text)):
        return False
    counts = Counter(text).values()
    return -sum(k / len(text) * math.log2(k / len(text)) for k in counts) >= MIN_ENTROPY_BITS


def find_secrets(value: str, name: str | None = None) -> list[Secret]:
    """The literal credentials in `value` (the value of an input called `name`), in text order."""
    text = PILL_RE.sub(lambda m: " " * len(m.group()), value)
    kept: list[Secret] = []
    taken = bytearray(len(text))  # one finding per span: the most specific rule comes first
    for found in [*_shapes(text), *_userinfo(text), *_named(text, name)]:
        if 1 not in taken[found.start : found.end]:
            taken[found.start : found.end] = b"\x01" * (found.end - found.start)
            kept.append(found)
    return sorted(kept, key=lambda s: s.start)


def redact(value: str, name: str | None = None, mark: str = "") -> str:
    """`value` with every credential in it replaced by `mark` (cut out by default)."""
    for secret in reversed(find_secrets(value, name)):
        value = value[: secret.start] + mark + value[secret.end :]
    return value


def quote(text: str, limit: int = 200) -> str:
    """The start of a model's text for an error message: credentials redacted, then cut, then quoted."""
    return repr(redact(text, mark=REDACTED)[:limit])


def looks_like_secret(value: str) -> bool:
    """The admin config's test, stricter than `find_secrets`: a config string never needs anything
    credential-like, so any value under a secret-like parameter, any user info in a URL and any long
    blob of letters and digits count too."""
    if find_secrets(value) or _USERINFO.search(value):
        return True
    if any(secret_name(name) and start < end for name, start, end in _params(value)):
        return True
    mixed = any(c.isdigit() for c in value) and any(c.isalpha() for c in value)
    return bool(_BLOB.match(value)) and mixed


def _squashed(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _shapes(text: str) -> Iterator[Secret]:
    for what, pattern in SHAPES:
        for match in pattern.finditer(text):
            group = 1 if pattern.groups else 0
            yield Secret(what, "", match.start(group), match.end(group))


def _userinfo(text: str) -> Iterator[Secret]:
    where = "in a URL's user info"
    for match in _USERINFO.finditer(text):
        info = match.group(1)
        user, colon, password = info.partition(":")
        if colon and password:
            yield Secret("a password", where, match.start(1) + len(user) + 1, match.end(1))
        elif not colon and high_entropy(info):
            yield Secret("a high-entropy token", where, match.start(1), match.end(1))


def _params(text: str) -> Iterator[tuple[str, int, int]]:
    """(name, value start, value end) of every `name=value` in query strings, forms and encoded queries."""
    for match in _PARAMS.finditer(text):
        name, eq, _ = match.group().partition("=")
        if eq and _NAME.fullmatch(name):
            yield name, match.start() + len(name) + 1, match.end()


def _headers(text: str) -> Iterator[tuple[str, int, int]]:
    for match in _LINES.finditer(text):
        name, colon, _ = match.group().partition(":")
        if colon and _HEADER_NAME.fullmatch(name.strip()):
            yield name.strip(), match.start() + len(name) + 1, match.end()


def _json_fields(text: str) -> Iterator[tuple[str, int, int]]:
    for match in _JSON_FIELD.finditer(text):
        yield match.group(1), match.start(2), match.end(2)


def _named(text: str, name: str | None) -> Iterator[Secret]:
    """Credentials under secret-like names: parameters, JSON fields, header lines, the input itself."""
    places = [(n, s, e, True) for n, s, e in [*_params(text), *_json_fields(text)]]
    places += [(n, s, e, False) for n, s, e in _headers(text)]  # "Password: see the portal" is prose
    for key, start, end, words in places:
        if (found := _under(key, text, start, end, words)) is not None:
            yield Secret(found.what, f"under '{key}'", found.start, found.end)
    if name is not None and (found := _under(name, text, 0, len(text), True)) is not None:
        yield found


def _under(name: str, text: str, start: int, end: int, words: bool) -> Secret | None:
    """The credential in text[start:end], the value of `name`: a password-named literal word, or a
    high-entropy token (after an auth scheme such as `Basic` or `token`)."""
    if not secret_name(name):
        return None
    while start < end and text[start] in _QUOTES:
        start += 1
    while end > start and text[end - 1] in _QUOTES:
        end -= 1
    value = text[start:end]
    if words and _squashed(name).endswith(PASSWORD_NAMES) and _password(value):
        return Secret("a password", "", start, end)
    parts = value.split()
    if len(parts) == 2:  # scheme + credential
        start += value.rindex(parts[1])
        value = parts[1]
    return Secret("a high-entropy value", "", start, start + len(value)) if high_entropy(value) else None


def _password(value: str) -> bool:
    return (
        bool(value)
        and not any(c.isspace() for c in value)
        and value.lower() not in NOT_PASSWORDS
        and set(value) != {"*"}
    )
