"""The audience's read model against the full computation, on random salons, both backends.

``customer_visits`` (kept by triggers) replaced the looks into ``appointments``,
``audience_counts`` counts the audience in one pass and ``audience_pages`` pages it in
two parts. None of them may change who may receive marketing: for random customers
(shared and differently cased addresses, landlines, bounces, consent declared, confirmed,
revoked, objections, appointments of every status) every campaign type and channel must
give

* the same answer as the outbox's Python policy, customer by customer (the oracle);
* the same counts from ``count_audience`` as from the whole preview;
* the same lines from ``audience_page``, page after page, as from ``select_audience``;
* the same selection for the visit filters as a count over the appointments;

and all of that again after the data changed the way the counter and the gateway change
it: consent confirmed and revoked, an unsubscribe, appointments added, completed and
cancelled, a customer erased.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, update

from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import (
    AppointmentStatus,
    Channel,
    ConsentEvent,
    ConsentSource,
    Reason,
)
from desk_app.domain.errors import (
    AddressSuppressed,
    ConsentAlreadyConfirmed,
    NoAddressForChannel,
)
from desk_app.services import audience_pages
from desk_app.services.audience import AudienceQuery, count_by, select_audience
from desk_app.services.audience_counts import count_audience
from desk_app.services.audience_pages import audience_page
from desk_app.services.booking import BookingRequest
from desk_app.services.campaign_rows import AudienceFilters, CampaignDraft
from desk_app.services.container import Services
from desk_app.services.rows import CustomerInput
from desk_app.services.settings_store import read_settings
from tests.conftest import Clock
from tests.services.audience_oracle import outcomes, python_policy
from tests.services.support import Salon, add_ledger_entry, ledger_rows, make_salon

CUSTOMERS = 36
STATUSES = list(AppointmentStatus)
EMAILS = [f"kunde{n}@example.org" for n in range(22)]
PHONES = [f"+491512345{n:04d}" for n in range(20)] + ["+493012345678"]  # the last: a landline


PAGE = 10
# Decided again once the clock moved (expired declarations, the frequency cap).
CLOCK_MOVED = [
    (CampaignType.PROMOTION, ChannelChoice.BEST),
    (CampaignType.WIN_BACK, ChannelChoice.SMS),
    (CampaignType.SIMILAR_OFFER, ChannelChoice.EMAIL),
]
ADVERTISING_SENT = CampaignDraft(
    name="Winteraktion",
    type=CampaignType.PROMOTION,
    channel=ChannelChoice.BEST,
    subject="Winter",
    body="Hallo {{ first_name }}, 20 % auf Pflege bis Freitag.",
    sms_body="Hallo {{ first_name }}, 20 % auf Pflege bis Freitag.",
)
# Paged through as well (the others: counts only, to keep the test short).
PAGED = {
    (CampaignType.PROMOTION, ChannelChoice.BEST),
    (CampaignType.SIMILAR_OFFER, ChannelChoice.EMAIL),
    (CampaignType.SERVICE_INFO, ChannelChoice.SMS),
}


class RandomSalon:
    """Random customers, consent and appointments, changed step by step."""

    def __init__(self, services: Services, clock: Clock, seed: int) -> None:
        self.services, self.clock, self.rng = services, clock, random.Random(seed)
        self.salon: Salon = make_salon(services)
        self.slot = 0
        self.customer_ids: list[int] = []
        for n in range(CUSTOMERS):
            self.customer_ids.append(self._customer(n))
        for cid in self.customer_ids:
            for _ in range(self.rng.choice([0, 0, 1, 2, 4])):
                self.book(cid, self.rng.choice(STATUSES))
            self.consent(cid)
        # Bounces last: declaring consent for a bounced address is refused upstream.
        for cid in self.customer_ids:
            if self.rng.random() < 0.1:
                with self.services.db.write() as s:
                    s.execute(
                        update(m.Customer)
                        .where(m.Customer.id == cid)
                        .values(email_bounced_at=self.clock.now - timedelta(days=3))
                    )

    def _customer(self, n: int) -> int:
        rng = self.rng
        email = rng.choice(EMAILS + [None, None]) if rng.random() < 0.9 else None
        if email and rng.random() < 0.3:
            email = email.upper()  # the same address in another case
        row = self.services.customers.create(
            CustomerInput(
                first_name=f"Vorname{n}",
                last_name="Zufall",
                email=email,
                phone=rng.choice(PHONES + [None]),
                birthday=date(1980 + n % 20, 1 + n % 12, 1 + n % 28),
                preferred_channel=rng.choice([None, Channel.EMAIL, Channel.SMS]),
                objection_notice_given=rng.random() < 0.6,
            ),
            allow_duplicate=True,
        )
        return row.id

    def book(self, customer_id: int, status: AppointmentStatus) -> int:
        """An appointment in its own slot (no overlap), in the past or the future."""
        self.slot += 1
        days = self.rng.randint(-40, 400)
        starts = (self.clock.now - timedelta(days=days)).replace(minute=0) + timedelta(
            minutes=self.slot % 6 * 60
        )
        starts += timedelta(seconds=self.slot)  # never two in the same minute
        row = self.services.booking.book(
            BookingRequest(
                customer_id=customer_id,
                staff_id=self.salon.stylist.id,
                service_id=self.salon.cut.id,
                starts_at=starts,
                notify=False,
                override=True,
            )
        )
        if status is not AppointmentStatus.BOOKED:
            self.services.booking.set_status(row.id, status)
        return row.id

    def consent(self, customer_id: int) -> None:
        for channel in Channel:
            roll = self.rng.random()
            if roll < 0.35:
                continue
            self.declare(customer_id, channel, confirmed=roll > 0.55)
            if roll > 0.9:
                self.services.consent.revoke(
                    customer_id, [channel], ConsentSource.PHONE, self.salon.reception.name
                )
        if self.rng.random() < 0.1:
            self.unsubscribe(customer_id)

    def declare(self, customer_id: int, channel: Channel, confirmed: bool) -> None:
        try:
            [declared] = self.services.consent.declare(
                customer_id, [channel], ConsentSource.PHONE, self.salon.reception.name, True
            )
        except (NoAddressForChannel, ConsentAlreadyConfirmed, AddressSuppressed):
            return  # nothing to declare: no usable address, already given, suppressed
        if confirmed:
            at = ledger_rows(self.services.db, customer_id)[-1].at + timedelta(minutes=1)
            add_ledger_entry(
                self.services.db,
                customer_id,
                ConsentEvent.CONFIRMED,
                at,
                channel,
                declared.request_id,
            )

    def unsubscribe(self, customer_id: int) -> None:
        """The customer's click on the unsubscribe link, as the sync records it."""
        add_ledger_entry(self.services.db, customer_id, ConsentEvent.OBJECTED, self.clock.now)


def _query(
    services: Services,
    clock: Clock,
    type_: CampaignType,
    choice: ChannelChoice,
    filters: AudienceFilters | None = None,
) -> AudienceQuery:
    with services.db.read() as s:
        settings = read_settings(s)
    return AudienceQuery(
        type_,
        choice,
        filters or AudienceFilters(),
        clock.now,
        settings.time_zone,
        settings.frequency_cap,
    )


def _assert_visits_kept(services: Services) -> None:
    """``customer_visits`` holds exactly what a count over the appointments gives."""
    a = m.Appointment
    done = a.status == AppointmentStatus.DONE.value
    v = m.CustomerVisits
    with services.db.read() as s:
        counted = s.execute(
            select(
                a.customer_id,
                func.count(),
                func.count().filter(done),
                func.max(a.starts_at).filter(done),
            ).group_by(a.customer_id)
        ).all()
        kept = s.execute(select(v.customer_id, v.appointments, v.visits, v.last_visit_at)).all()
    assert {tuple(r) for r in kept} == {tuple(r) for r in counted}


def _done_visits(services: Services) -> dict[int, list[datetime]]:
    with services.db.read() as s:
        rows = s.execute(
            select(m.Appointment.customer_id, m.Appointment.starts_at).where(
                m.Appointment.status == AppointmentStatus.DONE.value
            )
        ).all()
    visits: dict[int, list[datetime]] = {}
    for cid, at in rows:
        visits.setdefault(int(cid), []).append(at)
    return visits


def _assert_filters_select_as_counted(services: Services, clock: Clock) -> None:
    zone = ZoneInfo("Europe/Berlin")
    cut = (clock.now - timedelta(days=90)).astimezone(zone).date()
    cut_at = datetime.combine(cut, datetime.min.time(), zone).astimezone(UTC)
    visits = _done_visits(services)
    with services.db.read() as s:
        everyone = set(s.scalars(select(m.Customer.id)))
    expected = {
        AudienceFilters(last_visit_before=cut): {c for c, at in visits.items() if max(at) < cut_at},
        AudienceFilters(last_visit_after=cut): {c for c, at in visits.items() if max(at) >= cut_at},
        AudienceFilters(min_visits=2): {c for c, at in visits.items() if len(at) >= 2},
        AudienceFilters(max_visits=0): everyone - set(visits),
        AudienceFilters(min_visits=1, max_visits=2): {
            c for c, at in visits.items() if 1 <= len(at) <= 2
        },
    }
    for filters, ids in expected.items():
        query = _query(services, clock, CampaignType.SERVICE_INFO, ChannelChoice.EMAIL, filters)
        with services.db.read() as s:
            selected = {int(line.customer_id) for line in select_audience(s, query)}
        assert selected == ids, filters


def _assert_counts_equal_the_whole(
    services: Services, clock: Clock, type_: CampaignType, choice: ChannelChoice
) -> None:
    query = _query(services, clock, type_, choice)
    with services.db.read() as s:
        counts = count_audience(s, query)
    assert counts == count_by(select_audience_lines(services, query))  # type: ignore[arg-type]


def _assert_pages_equal_the_whole(
    services: Services, clock: Clock, type_: CampaignType, choice: ChannelChoice
) -> None:
    _assert_counts_equal_the_whole(services, clock, type_, choice)
    query = _query(services, clock, type_, choice)
    whole = [tuple(line) for line in select_audience_lines(services, query)]  # type: ignore[arg-type]
    with services.db.read() as s:
        pages: list[tuple[object, ...]] = []
        after: int | None = None
        while page := audience_page(s, query, after, PAGE):
            pages += [tuple(line) for line in page]
            after = int(page[-1].customer_id)
        excluded = audience_page(s, query, None, len(whole) + 1, excluded_only=True)
    assert pages == whole
    assert [tuple(line) for line in excluded] == [line for line in whole if line[3] is None]
    # The service the composer calls: the same counts and members as the whole preview.
    preview = services.campaigns.preview(type_, choice, AudienceFilters())
    counts = services.audience.counts(type_, choice, AudienceFilters())
    assert counts == {k: v for k, v in preview.counts.items() if k != "deferred"}
    members = services.audience.page(type_, choice, AudienceFilters(), None, len(whole) + 1)
    assert [(e.customer_id, e.reason) for e in members if e.channel is None] == [
        (e.customer_id, e.reason) for e in preview.excluded
    ]
    assert [(r.customer_id, r.channel) for r in members if r.channel is not None] == [
        (r.customer_id, r.channel) for r in preview.recipients
    ]


def select_audience_lines(services: Services, query: AudienceQuery) -> list[object]:
    with services.db.read() as s:
        return list(select_audience(s, query))


def _assert_read_model_answers_as_the_full_computation(services: Services, clock: Clock) -> None:
    _assert_visits_kept(services)
    for type_ in CampaignType:
        for choice in ChannelChoice:
            assert outcomes(services, type_, choice) == python_policy(
                services, clock, type_, choice
            ), (type_, choice)
            if (type_, choice) in PAGED:
                _assert_pages_equal_the_whole(services, clock, type_, choice)
            else:
                _assert_counts_equal_the_whole(services, clock, type_, choice)
    _assert_filters_select_as_counted(services, clock)


@pytest.mark.parametrize("seed", [2026])
def test_read_model_equals_the_full_computation_before_and_after_changes(
    services: Services, clock: Clock, seed: int
) -> None:
    salon = RandomSalon(services, clock, seed)
    _assert_read_model_answers_as_the_full_computation(services, clock)

    rng, ids = salon.rng, list(salon.customer_ids)
    rng.shuffle(ids)
    confirm, revoke, unsubscribe, new_visit, cancel, erase = ids[:6]
    clock.advance(hours=1)
    salon.declare(confirm, Channel.EMAIL, confirmed=True)
    salon.declare(confirm, Channel.SMS, confirmed=True)
    services.consent.revoke(revoke, list(Channel), ConsentSource.PHONE, salon.salon.reception.name)
    salon.unsubscribe(unsubscribe)
    salon.book(new_visit, AppointmentStatus.DONE)
    booked = salon.book(cancel, AppointmentStatus.DONE)
    services.booking.cancel(booked)
    services.privacy.erase(erase, None, salon.salon.reception.name, actor=SHARED_COUNTER)
    _assert_read_model_answers_as_the_full_computation(services, clock)

    # What the read model keeps as of no particular time, the clock changes: advertising
    # sent two days later puts its recipients at a cap of one, and 30 days after the
    # declarations the pending ones have expired (the advertising still counts).
    clock.advance(days=2)
    services.campaigns.send(ADVERTISING_SENT, actor=SHARED_COUNTER)
    services.catalogue.set_setting("frequency_cap", "1", actor=SHARED_COUNTER)
    clock.advance(days=28, hours=1)
    seen: set[str] = set()
    for type_, choice in CLOCK_MOVED:
        assert outcomes(services, type_, choice) == python_policy(services, clock, type_, choice)
        _assert_counts_equal_the_whole(services, clock, type_, choice)
        seen.update(services.audience.counts(type_, choice, AudienceFilters()))
    assert {Reason.FREQUENCY_CAP.value, Reason.CONSENT_EXPIRED.value} <= seen


def test_pages_read_in_small_ranges_of_ids_equal_the_whole(
    services: Services, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Those alone on their addresses are read in ranges of ids that double: starting
    with ranges of three ids, a page takes several, and still every line is the whole's."""
    RandomSalon(services, clock, 7)
    monkeypatch.setattr(audience_pages, "FIRST_SPAN", 3)
    _assert_pages_equal_the_whole(services, clock, CampaignType.PROMOTION, ChannelChoice.BEST)
