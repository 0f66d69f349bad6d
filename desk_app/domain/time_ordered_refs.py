"""Time-ordered message references (UUID version 7, RFC 9562) for bulk queuing.

A random UUID (version 4) lands anywhere in the unique index on ``outbox.client_id``:
50,000 of them touch nearly every page of that index, and each chunk's commit writes
those pages out again (SQLite's WAL, PostgreSQL's full-page writes). A version 7 UUID
starts with the millisecond it was made, so each ref sorts after the ones made before
it: a chunk's rows go into a few neighbouring pages of the index. The 74 random bits
after the time keep them unique across processes and unguessable; they look like any
other UUID to the gateway.
"""

from __future__ import annotations

import secrets
import time

_RANDOM_BYTES = 10  # 80 bits drawn, 74 used: 12 after the version, 62 after the variant
_LOW_62 = (1 << 62) - 1
_VARIANT = 0b10 << 62


def time_ordered_refs(count: int, unix_ms: int | None = None) -> list[str]:
    """``count`` distinct UUIDv7 strings of this millisecond (``unix_ms``: of that one)."""
    ms = time.time_ns() // 1_000_000 if unix_ms is None else unix_ms
    stamp = f"{ms & 0xFFFF_FFFF_FFFF:012x}"
    head = f"{stamp[:8]}-{stamp[8:]}-7"
    drawn = secrets.token_bytes(_RANDOM_BYTES * count)
    refs = []
    for start in range(0, len(drawn), _RANDOM_BYTES):
        bits = int.from_bytes(drawn[start : start + _RANDOM_BYTES])
        tail = f"{_VARIANT | (bits & _LOW_62):016x}"
        refs.append(f"{head}{bits >> 68:03x}-{tail[:4]}-{tail[4:]}")
    return refs
