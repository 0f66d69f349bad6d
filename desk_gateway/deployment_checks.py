"""What ``desk-gateway check-config`` checks beyond what ``serve`` refuses: the things a
production gateway gets wrong quietly. Each would not endanger anyone's data, so ``serve``
still starts with them (tests and local trials run that way), but mail from
``noreply@localhost`` lands in spam or nowhere, a gateway behind a proxy that does not know
the proxy records the proxy's address as every customer's (consent proof, rate limits), and
a key file others can read hands out the key of every link. The deployment guide
(docs/en/admin/gateway.md) runs ``check-config`` first; the systemd unit runs it before
every start. Demo mode (this computer only) is not checked.
"""

from __future__ import annotations

import ipaddress
import os
import stat
from email.utils import parseaddr
from urllib.parse import urlsplit

from desk_gateway.config import DEFAULT_MAIL_FROM, PREFIX, GatewayConfig, is_loopback_host

DELIVERABILITY_DOC = "docs/en/admin/mail-deliverability.md"


def deployment_problems(config: GatewayConfig) -> list[str]:
    """Every problem found (none in demo mode)."""
    if config.demo:
        return []
    return [
        *_sender_problems(config),
        *_proxy_problems(config),
        *_key_file_problems(config),
    ]


def _sender_problems(config: GatewayConfig) -> list[str]:
    name = f"{PREFIX}MAIL_FROM"
    if config.mail_from == DEFAULT_MAIL_FROM:
        return [
            f"{name} is not set: mail would go out from {config.mail_from}, which receiving "
            f"servers refuse; use an address of the salon's domain ({DELIVERABILITY_DOC})"
        ]
    _, address = parseaddr(config.mail_from)
    local, at, domain = address.rpartition("@")
    if not (local and at and domain):
        return [f'{name} must be an address, e.g. "Haarwerk Müller <termine@haarwerk.de>"']
    if _not_public(domain):
        return [
            f"{name} uses the domain {domain}, which cannot publish SPF, DKIM and DMARC "
            f"records; use an address of the salon's domain ({DELIVERABILITY_DOC})"
        ]
    return []


def _not_public(domain: str) -> bool:
    host = domain.strip("[]").rstrip(".").lower()
    try:
        ipaddress.ip_address(host)
        return True  # an address literal has no DNS records to sign with
    except ValueError:
        pass
    return "." not in host or is_loopback_host(host) or host.endswith((".local", ".localhost"))


def _proxy_problems(config: GatewayConfig) -> list[str]:
    # serve speaks plain HTTP: an https PUBLIC_URL means a TLS proxy in front of it.
    parts = urlsplit(config.public_url)
    if parts.scheme != "https" or is_loopback_host(parts.hostname) or config.trusted_proxies:
        return []
    return [
        f"{PREFIX}TRUSTED_PROXIES is not set, but {PREFIX}PUBLIC_URL is https, so a TLS "
        "reverse proxy forwards the requests: every visitor would get the proxy's address "
        "(in the consent proof and the rate limits). Set it to the proxy's address, "
        "e.g. 127.0.0.1"
    ]


def _key_file_problems(config: GatewayConfig) -> list[str]:
    if config.secret_key is not None or os.name != "posix":
        return []
    try:
        mode = config.secret_key_file.stat().st_mode
    except OSError:
        return []  # made (0600) at the first start
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        return [
            f"the key file {config.secret_key_file} can be read by other users "
            f"(mode {stat.S_IMODE(mode):04o}): it signs every link; chmod 600 it"
        ]
    return []
