"""PUT /v1/availability: the desktop publishes what the public may see, strictly checked."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from desk_app.domain.availability import Interval, start_times
from desk_gateway.db.models import BookingSite

from ..conftest import Salon
from ..support import Harness
from .support import NAME, at, iso, publish, snapshot


def expected_starts(body: dict[str, Any]) -> int:
    zone = ZoneInfo(body["salon"]["time_zone"])
    free = {
        f["staff_id"]: [Interval(*map(_parse, pair)) for pair in f["intervals"]]
        for f in body["free"]
    }
    return sum(
        len(start_times(free.get(staff, []), t["minutes"], zone, body["rules"]["step_minutes"]))
        for t in body["treatments"]
        for staff in t["staff_ids"]
    )


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_a_snapshot_is_stored_and_its_start_times_counted(harness: Harness) -> None:
    body = snapshot(harness.clock)

    response = publish(harness, body)

    assert response.status_code == 200, response.text
    # Damen Schnitt: 14 starts (08:00-11:15 UTC) × 2 staff × 2 days; beard: 15 × 1 × 2.
    assert response.json() == {"public_name": NAME, "starts": 86}
    assert expected_starts(body) == 86
    with harness.gw.db.read() as s:
        site = s.scalar(select(BookingSite))
        assert site is not None
        assert (site.installation_id, site.public_name) == (harness.installation_id, NAME)
        assert site.snapshot["salon"]["name"] == "Haarwerk Müller"
        assert site.computed_at == harness.clock.now


def test_the_count_agrees_with_start_times_across_a_dst_change(harness: Harness) -> None:
    """An interval across the night the clocks change is counted by listing its starts."""
    night = [["2027-03-27T20:00:00+00:00", "2027-03-28T06:10:00+00:00"]]
    body = snapshot(
        harness.clock,
        rules={"step_minutes": 20, "lead_minutes": 0, "horizon_days": 180},
        free=[{"staff_id": 1, "intervals": night}, {"staff_id": 2, "intervals": night}],
    )

    response = publish(harness, body)

    assert response.status_code == 200, response.text
    assert response.json()["starts"] == expected_starts(body) > 0


def test_each_publication_replaces_the_last(harness: Harness) -> None:
    publish(harness)
    later = snapshot(harness.clock, enabled=False, computed_at=iso(at(harness.clock, 0, 9)))

    response = publish(harness, later)

    assert response.status_code == 200
    with harness.gw.db.read() as s:
        (site,) = s.scalars(select(BookingSite))
        assert site.snapshot["enabled"] is False
        assert site.computed_at == at(harness.clock, 0, 9)


@pytest.mark.parametrize(
    "change",
    [
        {"customers": []},  # a key the protocol does not have
        {"salon": {"name": "X", "colour": "#2d6a4f", "owner_email": "a@b.de"}},
        {"treatments": [{"id": 1, "name": "A", "minutes": 30, "staff_ids": [], "cost": 1}]},
        {"public_name": "Haarwerk Müller"},
        {"public_name": "-haarwerk"},
        {"public_name": "ab"},
        {"salon": {"name": "X", "colour": "red"}},
        {"salon": {"name": "X", "time_zone": "Mars/Olympus"}},
        {"salon": {"name": "X", "privacy_url": "javascript:alert(1)"}},
        {"salon": {"name": "Haar\x00werk"}},
        {"staff": [{"id": 1, "name": "Anna"}]},  # Ben is named by a treatment and free times
        {
            "free": [
                {
                    "staff_id": 1,
                    "intervals": [["2026-11-26T12:00:00+00:00", "2026-11-26T08:00:00+00:00"]],
                }
            ]
        },
        {"free": [{"staff_id": 1, "intervals": [["2026-11-26T12:00:00", "2026-11-26T13:00"]]}]},
        {"rules": {"step_minutes": 0}},
        {"treatments": [{"id": 9, "name": "A" * 121, "minutes": 30, "staff_ids": [1]}]},
    ],
)
def test_a_bad_snapshot_is_refused_and_nothing_changes(
    harness: Harness, change: dict[str, Any]
) -> None:
    publish(harness)

    response = publish(harness, snapshot(harness.clock, **change))

    assert response.status_code == 422, response.text
    assert response.json()["code"] == "invalid_request"
    with harness.gw.db.read() as s:
        (site,) = s.scalars(select(BookingSite))
        assert site.public_name == NAME and site.snapshot["enabled"] is True


def test_a_public_name_of_another_salon_is_refused(
    harness: Harness, make_installation: Any
) -> None:
    other: Salon = make_installation("Salon Nebenan")
    assert publish(harness).status_code == 200

    response = publish(harness, token=other.token)

    assert response.status_code == 409
    assert response.json()["code"] == "public_name_taken"
    renamed = publish(harness, snapshot(harness.clock, public_name="salon-nebenan"), other.token)
    assert renamed.status_code == 200


def test_publishing_needs_the_token(harness: Harness) -> None:
    response = harness.client.put("/v1/availability", json=snapshot(harness.clock))

    assert response.status_code == 401
