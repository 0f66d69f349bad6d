"""Audience filters: each one selects exactly the customers it says, alone and combined.

Service information is used so consent does not matter; every customer has an address
and at least one booking, so nobody is excluded and the recipients are the selection.
Dates are the salon's local days (Europe/Berlin); the clock starts Wed 2026-11-25.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update

from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import AppointmentStatus, StaffRole
from desk_app.services.booking import BookingRequest
from desk_app.services.campaign_rows import AudienceFilters
from desk_app.services.container import Services
from desk_app.services.rows import CustomerInput
from tests.conftest import Clock

BERLIN_MIDNIGHT_NOV_1 = datetime(2026, 10, 31, 23, 0, tzinfo=UTC)  # 1 Nov 00:00 local


@pytest.fixture
def people(services: Services, clock: Clock) -> dict[str, int]:
    cat = services.catalogue
    jorg = cat.add_staff("Jörg", StaffRole.STYLIST, actor=SHARED_COUNTER)
    aylin = cat.add_staff("Aylin", StaffRole.STYLIST, actor=SHARED_COUNTER)
    cut = cat.add_treatment("Schnitt", 30, 3000, category="Schnitt")
    colour = cat.add_treatment("Farbe", 60, 6000, category="Farbe")
    ids: dict[str, int] = {}

    def person(key: str, birthday: date | None = None) -> int:
        row = services.customers.create(
            CustomerInput(
                first_name=key.title(),
                last_name="Filter",
                email=f"{key}@example.org",
                birthday=birthday,
            )
        )
        ids[key] = row.id
        return row.id

    def visit(cid: int, at: datetime, staff: int, service: int, done: bool = True) -> None:
        row = services.booking.book(
            BookingRequest(cid, staff, service, at, notify=False, override=True)
        )
        if done:
            services.booking.set_status(row.id, AppointmentStatus.DONE)

    # A completed visit 1 minute before / exactly at local midnight 1 Nov.
    visit(
        person("before_nov", date(1990, 12, 24)),
        BERLIN_MIDNIGHT_NOV_1 - timedelta(minutes=31),
        jorg.id,
        cut.id,
    )
    visit(person("at_nov", date(1985, 1, 3)), BERLIN_MIDNIGHT_NOV_1, jorg.id, cut.id)
    regular = person("regular", date(1970, 6, 15))
    for weeks in (2, 6, 10):
        visit(regular, clock.now - timedelta(weeks=weeks), aylin.id, colour.id)
    # Only a future booking: no completed visit at all.
    visit(
        person("booked_only", date(2000, 12, 31)),
        clock.now + timedelta(days=2),
        aylin.id,
        cut.id,
        done=False,
    )
    # An old customer record and a new one.
    with services.db.write() as s:
        s.execute(update(m.Customer).values(created_at=datetime(2025, 1, 1, tzinfo=UTC)))
    new = person("new")
    visit(new, clock.now - timedelta(days=1), jorg.id, colour.id)
    return ids


def selected(services: Services, **filters: object) -> set[str]:
    preview = services.campaigns.preview(
        CampaignType.SERVICE_INFO,
        ChannelChoice.EMAIL,
        AudienceFilters(**filters),  # type: ignore[arg-type]
    )
    assert preview.excluded == ()
    # The composer's counts and pages select the same (pages look per customer).
    chosen = AudienceFilters(**filters)  # type: ignore[arg-type]
    view = services.audience
    counts = view.counts(CampaignType.SERVICE_INFO, ChannelChoice.EMAIL, chosen)
    assert counts["recipients"] == len(preview.recipients) and counts["excluded"] == 0
    for after in (None, 0):
        page = view.page(CampaignType.SERVICE_INFO, ChannelChoice.EMAIL, chosen, after, 100)
        assert [(p.customer_id, p.channel) for p in page] == [
            (r.customer_id, r.channel) for r in preview.recipients
        ]
    return {r.name.split()[0].lower() for r in preview.recipients}


def test_no_filter_selects_everyone(services: Services, people: dict[str, int]) -> None:
    assert selected(services) == set(people)


def test_last_visit_before_and_after_use_the_local_day(
    services: Services, people: dict[str, int]
) -> None:
    nov_1 = date(2026, 11, 1)
    assert selected(services, last_visit_before=nov_1) == {"before_nov"}
    assert selected(services, last_visit_after=nov_1) == {"at_nov", "regular", "new"}
    # "Before" means the LAST visit was before: the regular's older visits do not count.
    assert selected(services, last_visit_before=date(2026, 11, 5)) == {"before_nov", "at_nov"}


def test_service_category_and_staff_count_completed_visits_only(
    services: Services, people: dict[str, int]
) -> None:
    assert selected(services, service_category="Farbe") == {"regular", "new"}
    assert selected(services, service_category="Schnitt") == {"before_nov", "at_nov"}
    aylin = services.catalogue.staff_by_name("Aylin")
    assert selected(services, staff_id=aylin.id) == {"regular"}  # booked_only not done


def test_visit_counts(services: Services, people: dict[str, int]) -> None:
    assert selected(services, min_visits=2) == {"regular"}
    assert selected(services, max_visits=0) == {"booked_only"}
    assert selected(services, min_visits=1, max_visits=1) == {"before_nov", "at_nov", "new"}


def test_birthday_range_ignores_the_year_and_wraps_at_new_year(
    services: Services, people: dict[str, int]
) -> None:
    assert selected(services, birthday_from=date(2000, 12, 20), birthday_to=date(2000, 1, 5)) == {
        "before_nov",
        "at_nov",
        "booked_only",
    }
    assert selected(services, birthday_from=date(2000, 6, 1), birthday_to=date(2000, 6, 30)) == {
        "regular"
    }


def test_new_customers_and_combined_filters(services: Services, people: dict[str, int]) -> None:
    assert selected(services, new_since=date(2026, 1, 1)) == {"new"}
    assert selected(services, service_category="Farbe", new_since=date(2026, 1, 1)) == {"new"}
    assert selected(services, service_category="Farbe", min_visits=3) == {"regular"}
