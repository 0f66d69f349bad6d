"""Finding a member by the PIN alone, like a till (issue 12), inside the caller's
transactions: the active members' hashes, the PIN tried against each of them, and the
salon-wide count of PINs that were nobody's (``pin_entry_counter``, one row).

The hashes are compared outside any transaction: scrypt takes some 40–50 ms per member
(about 0.6 s for 15), and a write transaction held that long would make every other
writer wait (SQLite has one writer at a time). ``hashlib.scrypt`` releases the GIL, so
the members are tried on a few threads; the caller settles the outcome in a short write
transaction afterwards, re-reading what may have changed meanwhile.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.pin_rules import CLEAR, PinCounter
from desk_app.services.pin_hash import pin_matches

_ROW = 1  # the counter's only row
_MAX_THREADS = 4  # scrypt needs 16 MiB each: a few at a time, not one per member


@dataclass(frozen=True)
class PinHolder:
    """An active member with a PIN, as the comparison needs them (the hash never leaves
    the services)."""

    member_id: int
    pin_hash: str


def pin_holders(s: Session, except_member: int | None = None) -> list[PinHolder]:
    """The active members with a PIN (but ``except_member``)."""
    query = (
        select(m.StaffCredential.staff_id, m.StaffCredential.pin_hash)
        .join(m.Staff, m.Staff.id == m.StaffCredential.staff_id)
        .where(m.Staff.active.is_(True))
        .order_by(m.StaffCredential.staff_id)
    )
    if except_member is not None:
        query = query.where(m.StaffCredential.staff_id != except_member)
    return [PinHolder(member_id, pin_hash) for member_id, pin_hash in s.execute(query)]


def holders_of(pin: str, holders: Sequence[PinHolder]) -> list[int]:
    """The ids of the members whose PIN ``pin`` is (every hash is tried, so the time
    does not tell how far down the list a match was)."""
    if not holders:
        return []
    threads = min(len(holders), os.cpu_count() or 1, _MAX_THREADS)
    with ThreadPoolExecutor(threads, thread_name_prefix="pin") as pool:
        matches = list(pool.map(lambda holder: pin_matches(pin, holder.pin_hash), holders))
    return [holder.member_id for holder, hit in zip(holders, matches, strict=True) if hit]


def changed_holders(
    s: Session, checked: Sequence[PinHolder], except_member: int | None = None
) -> list[PinHolder]:
    """The holders whose PIN is new or changed since ``checked`` was read (usually none):
    only they need trying again inside the write transaction."""
    known = set(checked)
    return [holder for holder in pin_holders(s, except_member) if holder not in known]


def entry_counter(s: Session) -> PinCounter:
    row = s.get(m.PinEntryCounter, _ROW)
    return CLEAR if row is None else PinCounter(row.failed_attempts, row.locked_until)


def store_entry_counter(s: Session, counter: PinCounter) -> None:
    row = s.get(m.PinEntryCounter, _ROW)
    if row is None:
        if counter == CLEAR:
            return
        row = m.PinEntryCounter(id=_ROW)
        s.add(row)
    row.failed_attempts, row.locked_until = counter.failures, counter.locked_until
