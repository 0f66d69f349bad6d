"""Time-ordered message references: real UUIDs (version 7), distinct, in time order."""

from __future__ import annotations

import uuid

from desk_app.domain.time_ordered_refs import time_ordered_refs

MS = 1_796_428_800_000  # 2026-12-05 00:00 UTC


def test_refs_are_distinct_version_7_uuids_that_fit_the_outbox() -> None:
    refs = time_ordered_refs(2000, MS)
    parsed = [uuid.UUID(ref) for ref in refs]
    assert len(set(refs)) == len(refs)
    assert {p.version for p in parsed} == {7}
    assert {p.variant for p in parsed} == {uuid.RFC_4122}
    assert [str(p) for p in parsed] == refs  # the canonical lower-case spelling
    assert {len(ref) for ref in refs} == {36}  # outbox.client_id is String(36)
    assert {p.int >> 80 for p in parsed} == {MS}  # the first 48 bits: the millisecond


def test_refs_of_a_later_millisecond_sort_after_every_earlier_one() -> None:
    """What keeps a chunk's rows together at the end of the client_id index."""
    earlier, later = time_ordered_refs(500, MS), time_ordered_refs(500, MS + 1)
    assert max(earlier) < min(later)


def test_the_random_part_differs_between_calls_of_the_same_millisecond() -> None:
    """Two processes queuing in the same millisecond: the 74 random bits tell them apart."""
    first, second = time_ordered_refs(1000, MS), time_ordered_refs(1000, MS)
    assert not set(first) & set(second)
    assert len({ref[15:18] for ref in first}) > 100  # the 12 bits after the version vary
