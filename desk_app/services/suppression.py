"""The suppression list: keyed hashes of erased customers' addresses (DESIGN.md 2.4).

An erased customer's email and phone number are kept only as HMAC-SHA256 under the
installation's key (table ``privacy_key``), so a re-import or a new entry of the same
address is refused without the address itself staying in the database.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.errors import AddressSuppressed
from desk_sql.upsert import insert_once

ERASED = "erased"
CHUNK = 500


def address_hash(key: str, address: str) -> str:
    """Keyed hash of a normalised address (lower-cased email, E.164 phone number)."""
    normalised = address.strip().lower().encode("utf-8")
    return hmac.new(bytes.fromhex(key), normalised, hashlib.sha256).hexdigest()


def installation_key(s: Session) -> str:
    key = s.scalar(select(m.PrivacyKey.key).where(m.PrivacyKey.id == 1))
    if key is None:  # migration 0006 writes it; a missing row is a damaged database
        raise LookupError("privacy_key row is missing")
    return key


def suppress(s: Session, addresses: Iterable[str], reason: str, at: datetime) -> int:
    """Put the addresses on the list; returns how many were not on it yet."""
    key = installation_key(s)
    hashes = {address_hash(key, a) for a in addresses if a}
    return sum(
        insert_once(s, m.Suppression, address_hash=h, reason=reason, at=at) for h in sorted(hashes)
    )


def suppressed(s: Session, addresses: Iterable[str | None]) -> set[str]:
    """The given addresses that are on the list."""
    wanted = {a for a in addresses if a}
    if not wanted:
        return set()
    key = installation_key(s)
    by_hash = {address_hash(key, a): a for a in wanted}
    hashes = sorted(by_hash)
    found: set[str] = set()
    for start in range(0, len(hashes), CHUNK):  # bounded IN lists for large imports
        chunk = hashes[start : start + CHUNK]
        query = select(m.Suppression.address_hash).where(m.Suppression.address_hash.in_(chunk))
        found.update(by_hash[h] for h in s.scalars(query))
    return found


def refuse_suppressed(s: Session, email: str | None, phone: str | None) -> None:
    """Raise ``AddressSuppressed`` for the first of the two addresses on the list."""
    found = suppressed(s, (email, phone))
    for field, address in (("email", email), ("phone", phone)):
        if address and address in found:
            raise AddressSuppressed(field)
