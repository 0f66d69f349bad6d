"""Refusing a form posted to a customer page from another site (cross-site request
forgery: another site's page making a visitor's browser post a booking, a waitlist wish,
an offer's acceptance or a consent confirmation).

Browsers say where a request comes from in ``Sec-Fetch-Site``: only ``cross-site`` is
refused (``same-origin``, ``same-site`` and ``none`` — typed or from a bookmark — pass).
A browser too old to send it sends ``Origin``, refused when it names another origin than
the gateway's public address; ``Origin: null`` passes, because the gateway's pages send
``Referrer-Policy: no-referrer``, under which browsers post the page's own forms with it.
A request with neither header (a script, a mail provider's RFC 8058 one-click POST) is no
browser's forgery and passes; the opt-out route is not guarded at all (DESIGN.md 2.4).
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    try:
        port = parts.port or default
    except ValueError:
        port = -1
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def cross_site_post(headers: Mapping[str, str], public_url: str) -> bool:
    """True when a browser says this POST comes from another site."""
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site.strip().lower() == "cross-site"
    origin = headers.get("origin")
    if origin is None or origin.strip() == "null":
        return False
    return _origin(origin.strip()) != _origin(public_url)
