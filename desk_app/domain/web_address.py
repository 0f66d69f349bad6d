"""Web addresses the salon types: the gateway's, and the review page's.

They are *parsed*, never prefix-matched: ``http://localhost@evil.example`` starts with
``http://localhost`` but goes to evil.example (``localhost`` is a user name there), and
``http://127.0.0.1.evil.example`` is a name anyone can register.

The gateway address (the token travels with every request):
- ``https://`` to any host name or IP address, with an optional port and path;
- ``http://`` only to this machine: the name ``localhost`` exactly, an IPv4 address in
  127.0.0.0/8 written as four decimal numbers, or ``[::1]``. Not ``localhost.`` (a name
  that DNS may answer), not ``*.localhost``, not ``127.1`` or ``0x7f.0.0.1`` (spellings
  that some programs read as loopback and others do not), not ``[::ffff:127.0.0.1]``;
- never a user name or password (``user@``), a query or a fragment, spaces or control
  characters.
The stored form is the lower-case scheme and host, the port and the path without a
trailing slash, so one gateway has one spelling (its token is kept under it).

The review page and the privacy notice: ``https://`` with a host; a query and a fragment
are fine (review links carry them), user names are not.

Pure: standard library and ``desk_app.domain`` only.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import SplitResult, urlsplit

from desk_app.domain.errors import InvalidField
from desk_app.domain.fields import WEB_ADDRESS_MAX
from desk_app.domain.text_safety import forbidden_characters

# A DNS name: labels of letters, digits and hyphens (IDNs in their xn-- form or as typed
# letters), separated by single dots; no trailing dot.
_LABEL = re.compile(r"(?!-)[^\W_](?:[\w-]{0,61}[^\W_])?", re.UNICODE)
_IPV4_DOTTED = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")


def is_loopback_host(host: str) -> bool:
    """True for ``localhost``, a dotted-decimal 127.x.y.z and ``::1`` (brackets removed)."""
    host = host.lower()
    if host == "localhost":
        return True
    if _IPV4_DOTTED.fullmatch(host):
        try:
            return ipaddress.IPv4Address(host).is_loopback
        except ValueError:
            return False
    try:
        return ipaddress.IPv6Address(host) == ipaddress.IPv6Address("::1")
    except ValueError:
        return False


def _split(field: str, url: str) -> SplitResult:
    text = url.strip()
    if not text:
        raise InvalidField(field, "required")
    if len(text) > WEB_ADDRESS_MAX:
        raise InvalidField(field, "too_long", str(WEB_ADDRESS_MAX))
    if forbidden_characters(text, multiline=False) or any(ch.isspace() for ch in text):
        raise InvalidField(field, "invalid_url", url)
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 (a port that is not a number raises here)
    except ValueError as exc:
        raise InvalidField(field, "invalid_url", url) from exc
    if "@" in parts.netloc or not parts.hostname:
        raise InvalidField(field, "invalid_url", url)
    if not _valid_host(parts.hostname, bracketed="[" in parts.netloc):
        raise InvalidField(field, "invalid_url", url)
    return parts


def _valid_host(host: str, bracketed: bool) -> bool:
    if bracketed:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return True
    if _IPV4_DOTTED.fullmatch(host):
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            return False
        return True
    if len(host) > 253 or host.endswith("."):
        return False
    return all(_LABEL.fullmatch(label) for label in host.split("."))


def gateway_url(url: str) -> str:
    """The gateway address in its stored form, or InvalidField("gateway_url", …).

    ``""`` (no gateway) is allowed and stays ``""``.
    """
    if not url.strip():
        return ""
    parts = _split("gateway_url", url)
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        raise InvalidField("gateway_url", "not_https", url)
    if parts.query or parts.fragment or url.strip().endswith(("?", "#")):
        raise InvalidField("gateway_url", "invalid_url", url)
    host = parts.hostname or ""
    if scheme == "http" and not is_loopback_host(host):
        raise InvalidField("gateway_url", "not_https", url)
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return f"{scheme}://{netloc}{parts.path}".rstrip("/")


def review_url(url: str) -> str:
    """The review page link as typed (trimmed), or InvalidField("review_url", …).

    ``""`` (none) is allowed.
    """
    return _https_page("review_url", url)


def privacy_url(url: str) -> str:
    """The salon's privacy notice (linked on the booking page), checked like the review
    page; ``""`` (none) is allowed."""
    return _https_page("privacy_url", url)


def _https_page(field: str, url: str) -> str:
    if not url.strip():
        return ""
    try:
        parts = _split(field, url)
    except InvalidField as exc:
        if exc.problem == "too_long":
            raise
        raise InvalidField(field, "not_web_address", url) from exc
    if parts.scheme.lower() != "https":
        raise InvalidField(field, "not_web_address", url)
    return url.strip()
