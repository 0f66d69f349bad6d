"""``customer_categories`` (who had a service of which category) follows any write, and
the audience's category filter that reads it selects exactly as the old one over the
appointments did – on both backends.

1. Random plain writes (as the counter, the sync or another tool would make them):
   appointments booked in any status, completed, undone, moved to another customer,
   service or time, deleted, services given another category. After them the table is
   what the appointments say, counted here in Python, and ``drift`` finds nothing.
2. On a random salon, every campaign type with the category filter (alone and with
   others): the lines, counts and pages equal those of the same selection filtered the
   way revision 0027 replaced (an ``IN`` over the category's completed appointments).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select, update

from desk_app.db import customer_categories
from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import AppointmentStatus
from desk_app.services.audience import (
    AudienceQuery,
    audience_statement,
    count_by,
    select_audience,
)
from desk_app.services.audience_counts import count_audience
from desk_app.services.audience_pages import audience_page
from desk_app.services.campaign_rows import AudienceFilters
from desk_app.services.container import Services
from desk_app.services.rows import CustomerInput
from desk_app.services.settings_store import read_settings
from tests.conftest import Clock
from tests.services.support import add_customer, make_salon

CATEGORIES = ["Farbe", "Schnitt", "Pflege", ""]
STATUSES = [s.value for s in AppointmentStatus]
START = datetime(2026, 6, 1, 8, tzinfo=UTC)
A, T = m.Appointment.__table__, m.Treatment.__table__


def _python_count(db: Database) -> dict[tuple[str, int], tuple[int, datetime]]:
    """(category, customer) -> (completed appointments, the last one), from the sources."""
    with db.read() as s:
        rows = s.execute(
            select(T.c.category, A.c.customer_id, A.c.starts_at)
            .join(T, T.c.id == A.c.service_id)
            .where(A.c.status == AppointmentStatus.DONE.value)
        ).all()
    counted: dict[tuple[str, int], tuple[int, datetime]] = {}
    for category, customer_id, starts in rows:
        n, last = counted.get((category, customer_id), (0, starts))
        counted[(category, customer_id)] = (n + 1, max(last, starts))
    return counted


def _kept(db: Database) -> dict[tuple[str, int], tuple[int, datetime]]:
    c = m.CustomerCategory
    with db.read() as s:
        rows = s.execute(select(c.category, c.customer_id, c.visits, c.last_visit_at)).all()
        assert customer_categories.drift(s.connection()) == []
    return {(cat, cid): (n, last) for cat, cid, n, last in rows}


class _Salon:
    """Staff, four services (one per category, the last without one) and customers,
    made once per database (hypothesis runs its examples on the same one)."""

    def __init__(self, services: Services) -> None:
        with services.db.read() as s:
            made = s.scalar(select(m.Treatment.id).where(m.Treatment.name == "Leistung 0"))
        if made is None:
            make_salon(services)
            for n, category in enumerate(CATEGORIES):
                services.catalogue.add_treatment(f"Leistung {n}", 30, 1000, category=category)
            for n in range(5):
                add_customer(
                    services, f"Kundin{n}", email=f"k{n}@example.org", phone=f"+491512345{n:04d}"
                )
        with services.db.read() as s:
            self.staff = int(s.scalar(select(m.Staff.id).where(m.Staff.name == "Jörg Weiß")) or 0)
            ours = m.Treatment.name.like("Leistung %")
            self.services = list(
                s.scalars(select(m.Treatment.id).where(ours).order_by(m.Treatment.id))
            )
            self.customers = list(s.scalars(select(m.Customer.id).order_by(m.Customer.id)))


_STEP = st.tuples(
    st.sampled_from(
        ["book", "book", "status", "customer", "service", "time", "delete", "recategorise"]
    ),
    st.integers(0, 50),
    st.integers(0, 50),
    st.sampled_from(STATUSES),
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(_STEP, min_size=1, max_size=15))
def test_random_appointment_writes_keep_the_read_model_equal_to_the_appointments(
    services: Services, steps: list[tuple[str, int, int, str]]
) -> None:
    db = services.db
    salon = _Salon(services)
    with db.write() as s:
        s.execute(delete(A))
    ids: list[int] = []
    slot = 0
    for what, pick, other, status in steps:
        slot += 1  # every appointment its own hour: the no-overlap guard stays quiet
        starts = START + timedelta(hours=slot)
        with db.write() as s:
            if what == "book" or not ids:
                values = {
                    "customer_id": salon.customers[pick % len(salon.customers)],
                    "staff_id": salon.staff,
                    "service_id": salon.services[other % len(salon.services)],
                    "starts_at": starts,
                    "ends_at": starts + timedelta(minutes=30),
                    "status": status,
                }
                ids.append(s.execute(insert(A).values(values)).inserted_primary_key[0])
                continue
            row = A.c.id == ids[pick % len(ids)]
            if what == "status":
                s.execute(update(A).where(row).values(status=status))
            elif what == "customer":
                customer = salon.customers[other % len(salon.customers)]
                s.execute(update(A).where(row).values(customer_id=customer))
            elif what == "service":
                service = salon.services[other % len(salon.services)]
                s.execute(update(A).where(row).values(service_id=service))
            elif what == "time":
                s.execute(
                    update(A)
                    .where(row)
                    .values(starts_at=starts, ends_at=starts + timedelta(1 / 48))
                )
            elif what == "delete":
                s.execute(delete(A).where(row))
                ids.remove(ids[pick % len(ids)])
            else:
                service = salon.services[pick % len(salon.services)]
                category = CATEGORIES[other % len(CATEGORIES)]
                s.execute(update(T).where(T.c.id == service).values(category=category))
    assert _kept(db) == _python_count(db)


# ---- the filter: as the appointments say, on every path ------------------------------------
SELECTIONS = [
    (CampaignType.PROMOTION, ChannelChoice.BEST),
    (CampaignType.SERVICE_INFO, ChannelChoice.SMS),
    (CampaignType.SIMILAR_OFFER, ChannelChoice.EMAIL),
    (CampaignType.WIN_BACK, ChannelChoice.EMAIL),
]


def _random_salon(services: Services, clock: Clock, seed: int) -> None:
    rng = random.Random(seed)
    salon = make_salon(services)
    treatments = [
        services.catalogue.add_treatment(f"Leistung {n}", 30, 1000, category=c).id
        for n, c in enumerate(CATEGORIES * 2)
    ]
    customers = [
        services.customers.create(
            CustomerInput(
                first_name=f"Kundin{n}",
                last_name="Zufall",
                email=rng.choice([f"k{n}@example.org", "familie@example.org", None]),
                phone=rng.choice([f"+491512345{n:04d}", None]),
                objection_notice_given=rng.random() < 0.7,
            ),
            allow_duplicate=True,
        ).id
        for n in range(40)
    ]
    rows = []
    for n in range(160):
        starts = clock.now - timedelta(days=rng.randint(-20, 400), hours=n)
        rows.append(
            {
                "customer_id": rng.choice(customers),
                "staff_id": salon.stylist.id,
                "service_id": rng.choice(treatments),
                "starts_at": starts,
                "ends_at": starts + timedelta(minutes=30),
                "status": rng.choice(STATUSES + ["done", "done"]),
            }
        )
    with services.db.write() as s:
        s.execute(insert(A), rows)


def _before_0027(query: AudienceQuery) -> tuple[AudienceQuery, list[Any]]:
    """The same selection, its category filtered as before revision 0027: an ``IN`` over
    the completed appointments of the category's services."""
    a, f = m.Appointment, m.AudienceFacts
    category = query.filters.service_category
    services = select(m.Treatment.id).where(m.Treatment.category == category)
    visits = select(a.customer_id).where(
        a.status == AppointmentStatus.DONE.value, a.service_id.in_(services)
    )
    filters = AudienceFilters(**{**query.filters.__dict__, "service_category": None})
    without = AudienceQuery(
        query.type, query.channel, filters, query.now, query.time_zone, query.frequency_cap
    )
    return without, [f.customer_id.in_(visits)]


PAGED = {AudienceFilters(service_category="Farbe"), AudienceFilters(service_category="")}


def test_category_filter_selects_counts_and_pages_as_the_appointments_say(
    services: Services, clock: Clock
) -> None:
    _random_salon(services, clock, seed=27)
    with services.db.read() as s:
        settings_ = read_settings(s)
    filters = [
        AudienceFilters(service_category=c) for c in [*CATEGORIES, "keine solche Kategorie"]
    ] + [
        AudienceFilters(service_category="Farbe", min_visits=2),
        AudienceFilters(
            service_category="Schnitt", last_visit_before=(clock.now - timedelta(days=90)).date()
        ),
    ]
    seen = 0
    for type_, channel in SELECTIONS:
        for chosen in filters:
            query = AudienceQuery(
                type_, channel, chosen, clock.now, settings_.time_zone, settings_.frequency_cap
            )
            old_query, old_where = _before_0027(query)
            with services.db.read() as s:
                connection = s.connection()
                dialect = connection.dialect.name
                before = [
                    tuple(r)
                    for r in connection.execute(audience_statement(old_query, dialect, old_where))
                ]
                now = [tuple(r) for r in select_audience(s, query)]
                assert now == before, (type_, chosen)
                assert count_audience(s, query) == count_by(before), (type_, chosen)  # type: ignore[arg-type]
                if chosen in PAGED:  # the pages' own path (an EXISTS per customer)
                    paged: list[tuple[object, ...]] = []
                    after: int | None = None
                    while page := audience_page(s, query, after, 12):
                        paged += [tuple(line) for line in page]
                        after = int(page[-1][0])
                    assert paged == before, (type_, chosen)
            seen += len(before)
    assert seen > 0
