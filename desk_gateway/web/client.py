"""Who is asking: the client address of a request, as far as it can be believed.

``X-Forwarded-For`` is anyone's to write. It is read only when the TCP peer is one of the
configured trusted proxies (``TRUSTED_PROXIES``, none by default), and then from the right:
each trusted proxy appended the address it saw, so the right-most address that is not a
trusted proxy is the client; everything left of it may be made up. The address goes into
the consent proof and keys the page rate limit (DESIGN.md 2.4).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from desk_gateway.config import IPNetwork

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _address(text: str) -> IPAddress | None:
    value = text.strip().strip('"')
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:4711"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "192.0.2.1:4711"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: IPAddress, proxies: Iterable[IPNetwork]) -> bool:
    return any(address.version == net.version and address in net for net in proxies)


def forwarded_hops(headers: Sequence[tuple[bytes, bytes]]) -> list[str]:
    """Every X-Forwarded-For entry, in order (several headers count as one list)."""
    hops: list[str] = []
    for name, value in headers:
        if name.lower() == b"x-forwarded-for":
            hops.extend(part for part in value.decode("latin-1").split(","))
    return hops


def client_address(scope: Mapping[str, Any], proxies: Sequence[IPNetwork]) -> str | None:
    """The client's address (normalised text), or None if the server does not know it."""
    peer = scope.get("client")
    if not peer:
        return None
    peer_address = _address(str(peer[0]))
    if peer_address is None:
        return str(peer[0])[:45]
    if not proxies or not _trusted(peer_address, proxies):
        return str(peer_address)
    nearest = peer_address
    for hop in reversed(forwarded_hops(scope.get("headers", []))):
        address = _address(hop)
        if address is None:
            break  # a trusted proxy would not have written this: stop at what we know
        if not _trusted(address, proxies):
            return str(address)
        nearest = address
    return str(nearest)
