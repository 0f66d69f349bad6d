"""The waitlist's use cases on both backends: freed times through the one door (cancel,
no-show, move), who they fit, booking one at the counter, the automatic offers with their
hold, and an accepted offer booked through the booking path (issue 14)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import AppointmentStatus, Channel
from desk_app.domain.errors import BookingConflict
from desk_app.domain.waitlist import TimeWindow
from desk_app.gateway.port import OutgoingMessage
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import AppointmentRow, CustomerRow
from desk_app.services.sync import SyncService
from desk_app.services.waitlist import NewWaitlistEntry
from tests.conftest import Clock
from tests.services.fake_gateway import FakeGateway, make_sync
from tests.services.support import Salon, add_customer, count, friday, outbox_messages

FRIDAY = date(2026, 11, 27)


def _book(services: Services, salon: Salon, at: datetime, who: str = "Paula") -> AppointmentRow:
    customer = add_customer(services, who, "Platz", email=f"{who.lower()}@example.org", phone=None)
    return services.booking.book(
        BookingRequest(customer.id, salon.stylist.id, salon.cut.id, at, notify=False)
    )


def _wait(
    services: Services,
    salon: Salon,
    customer: CustomerRow,
    clock: Clock,
    **kw: object,
) -> int:
    entry = NewWaitlistEntry(
        customer.id,
        salon.cut.id,
        FRIDAY,
        FRIDAY,
        channel=Channel.EMAIL,
        **kw,  # type: ignore[arg-type]
    )
    row = services.waitlist.add(entry)
    clock.now += timedelta(minutes=1)  # the next one waits shorter
    return row.id


def _names(services: Services) -> list[list[str]]:
    return [[w.customer_name for w in o.waiting] for o in services.waitlist.open_matches()]


def test_a_cancellation_lists_who_fits_first_in_line_first(
    services: Services, salon: Salon, clock: Clock
) -> None:
    booked = _book(services, salon, friday(10))
    anna = add_customer(services, "Anna", "Erste", email="anna@example.org", phone=None)
    berta = add_customer(services, "Berta", "Zweite", email="berta@example.org", phone=None)
    carla = add_customer(services, "Carla", "Abends", email="carla@example.org", phone=None)
    dora = add_customer(services, "Dora", "Andere", email="dora@example.org", phone=None)
    _wait(services, salon, anna, clock)
    _wait(services, salon, berta, clock, staff_id=salon.stylist.id)
    _wait(services, salon, carla, clock, windows=(TimeWindow(4, time(17), time(20)),))
    _wait(services, salon, dora, clock, staff_id=salon.other_stylist.id)
    assert services.waitlist.open_matches() == []

    services.booking.cancel(booked.id)
    assert _names(services) == [["Anna Erste", "Berta Zweite"]]

    # Booked at the counter meanwhile: no longer a match.
    _book(services, salon, friday(10), "Otto")
    assert services.waitlist.open_matches() == []


def test_a_no_show_and_a_move_free_their_time_too_and_nothing_is_kept_when_nobody_waits(
    services: Services, salon: Salon, clock: Clock
) -> None:
    quiet = _book(services, salon, friday(9), "Quiet")
    services.booking.cancel(quiet.id)
    assert count(services.db, m.WaitlistOpening) == 0  # nobody waited

    anna = add_customer(services, "Anna", "Erste", email="anna@example.org", phone=None)
    _wait(services, salon, anna, clock)
    no_show = _book(services, salon, friday(10), "Nora")
    moved = _book(services, salon, friday(14), "Mona")
    clock.now = friday(10, 5)
    services.booking.set_status(no_show.id, AppointmentStatus.NO_SHOW)
    assert count(services.db, m.WaitlistOpening) == 0  # its time has begun
    services.booking.reschedule(moved.id, friday(16))
    [opening] = services.waitlist.open_matches()
    assert (opening.starts_at, opening.reason) == (friday(14), "moved")


def test_booking_a_match_books_it_once(services: Services, salon: Salon, clock: Clock) -> None:
    booked = _book(services, salon, friday(10))
    anna = add_customer(services, "Anna", "Erste", email="anna@example.org", phone=None)
    berta = add_customer(services, "Berta", "Zweite", email="berta@example.org", phone=None)
    anna_entry = _wait(services, salon, anna, clock)
    berta_entry = _wait(services, salon, berta, clock)
    services.booking.cancel(booked.id)
    [opening] = services.waitlist.open_matches()

    appointment_id = services.waitlist.book(opening.id, berta_entry)
    with services.db.read() as s:
        appointment = s.get(m.Appointment, appointment_id)
        assert appointment is not None
        assert (appointment.customer_id, appointment.starts_at) == (berta.id, friday(10))
    assert [e.id for e in services.waitlist.entries()] == [anna_entry]
    assert services.waitlist.open_matches() == []
    with pytest.raises(BookingConflict):
        services.waitlist.book(opening.id, anna_entry)


@pytest.fixture
def fake() -> FakeGateway:
    return FakeGateway()


@pytest.fixture
def sync(services: Services, fake: FakeGateway, clock: Clock) -> SyncService:
    services.catalogue.set_settings(
        {"waitlist_auto_offers": "on", "waitlist_hold_minutes": "30"}, actor=SHARED_COUNTER
    )
    return make_sync(services, fake, clock)


def _offers(fake: FakeGateway) -> list[tuple[str, str]]:
    return [(i.to, i.offer["starts_at"]) for i in fake.sent_items if i.offer is not None]


def test_offers_go_in_line_and_roll_on_after_the_hold(
    services: Services, salon: Salon, clock: Clock, fake: FakeGateway, sync: SyncService
) -> None:
    booked = _book(services, salon, friday(10))
    for name in ("Anna", "Berta"):
        who = add_customer(services, name, "W", email=f"{name.lower()}@example.org", phone=None)
        _wait(services, salon, who, clock)
    services.booking.cancel(booked.id)
    sync.run_once()
    [offer] = fake.sent_items
    assert offer.offer is not None and offer.category == "transactional"
    assert offer.to == "anna@example.org" and "$offer_url" in offer.text
    assert "Abmelden: $unsubscribe_url" in offer.text  # the booking messages' footer
    clock.now += timedelta(minutes=29)
    sync.run_once()
    assert len(_offers(fake)) == 1
    clock.now += timedelta(minutes=2)
    sync.run_once()
    assert [to for to, _start in _offers(fake)] == ["anna@example.org", "berta@example.org"]
    clock.now += timedelta(hours=1)
    sync.run_once()  # nobody left in line
    assert len(_offers(fake)) == 2


def test_off_by_default(services: Services, salon: Salon, clock: Clock, fake: FakeGateway) -> None:
    sync = make_sync(services, fake, clock)
    booked = _book(services, salon, friday(10))
    _wait(services, salon, add_customer(services, "Anna", "W", phone=None), clock)
    services.booking.cancel(booked.id)
    sync.run_once()
    assert _offers(fake) == []


def test_an_objection_blocks_offers_unless_they_asked_after_it(
    services: Services, salon: Salon, clock: Clock, fake: FakeGateway, sync: SyncService
) -> None:
    early = add_customer(services, "Eva", "Früh", email="eva@example.org", phone=None)
    late = add_customer(services, "Lea", "Spät", email="lea@example.org", phone=None)
    _wait(services, salon, early, clock)  # asked, then objected: no offers
    fake.add_event("optout.received", clock.now, early.ref, None, "email", {"via": "link"})
    fake.add_event("optout.received", clock.now, late.ref, None, "email", {"via": "link"})
    sync.run_once()
    clock.now += timedelta(minutes=1)
    _wait(services, salon, late, clock)  # objected, then asked on the entry: offers
    booked = _book(services, salon, friday(10))
    services.booking.cancel(booked.id)
    sync.run_once()
    assert [to for to, _start in _offers(fake)] == ["lea@example.org"]


def _accept(fake: FakeGateway, clock: Clock, who: CustomerRow, *items: OutgoingMessage) -> None:
    for item in items:  # what the gateway appends when its page says "it is yours"
        fake.add_event("waitlist.accepted", clock.now, who.ref, item.client_id, None,
                       {"offer_ref": item.client_id})  # fmt: skip


def _offer_states(services: Services) -> dict[str, str]:
    with services.db.read() as s:
        return dict(s.execute(select(m.WaitlistOffer.ref, m.WaitlistOffer.state)).all())


def _at(item: OutgoingMessage) -> datetime:
    assert item.offer is not None
    return datetime.fromisoformat(item.offer["starts_at"])


def _two_offers_to_anna(
    services: Services, salon: Salon, clock: Clock, fake: FakeGateway, sync: SyncService
) -> tuple[CustomerRow, OutgoingMessage, OutgoingMessage]:
    """Anna, alone in line, gets 10:00 and (after its hold ran out) 14:00 offered."""
    first = _book(services, salon, friday(10))
    second = _book(services, salon, friday(14), "Pia")
    anna = add_customer(services, "Anna", "W", email="anna@example.org", phone=None)
    _wait(services, salon, anna, clock)
    services.booking.cancel(first.id)
    services.booking.cancel(second.id)
    sync.run_once()
    # One live offer per entry: 14:00 waits while 10:00 is held for her.
    [ten] = fake.sent_items
    assert ten.offer is not None and _at(ten) == friday(10)
    clock.now += timedelta(minutes=31)
    sync.run_once()
    [two] = fake.sent_items[1:]  # 10:00 stays open to her, unheld
    assert two.offer is not None and _at(two) == friday(14)
    assert ten.offer["slot"] != two.offer["slot"]
    return anna, ten, two


def test_an_accepted_offer_is_booked_once_and_loses_to_a_counter_booking(
    services: Services, salon: Salon, clock: Clock, fake: FakeGateway, sync: SyncService
) -> None:
    anna, ten, two = _two_offers_to_anna(services, salon, clock, fake, sync)
    # 14:00 is booked at the counter before her acceptance arrives.
    _book(services, salon, friday(14), "Otto")
    _accept(fake, clock, anna, two, ten, ten)  # the last one repeated: applied once
    sync.run_once()
    with services.db.read() as s:
        hers = s.scalars(select(m.Appointment).where(m.Appointment.customer_id == anna.id))
        assert [(a.starts_at, a.status) for a in hers] == [(friday(10), "booked")]
    # The lost one's claim was released at the gateway in the same sync.
    assert _offer_states(services) == {ten.client_id: "accepted", two.client_id: "released"}
    assert fake.released_claims == [two.client_id]
    told = [
        (x.kind, x.to_address) for x in outbox_messages(services.db) if x.customer_id == anna.id
    ]
    # Her two offers, then (in the order the events came) the sorry and the confirmation.
    assert told[2:] == [
        ("waitlist_offer_taken", "anna@example.org"),
        ("booking_confirmation", "anna@example.org"),
    ]


def test_a_second_acceptance_is_told_released_and_offered_to_the_next(
    services: Services, salon: Salon, clock: Clock, fake: FakeGateway, sync: SyncService
) -> None:
    anna, ten, two = _two_offers_to_anna(services, salon, clock, fake, sync)
    berta = add_customer(services, "Berta", "W", email="berta@example.org", phone=None)
    _wait(services, salon, berta, clock)
    # The gateway's page told her both are hers (two openings, two claims).
    _accept(fake, clock, anna, ten, two)
    fake.fail_next(method="release_waitlist_claim")  # the gateway away for a moment
    sync.run_once()
    assert _offer_states(services)[two.client_id] == "releasing"
    assert [to for to, _start in _offers(fake)][2:] == []  # its claim still holds 14:00
    sync.run_once()
    assert fake.released_claims == [two.client_id]
    assert _offer_states(services) == {
        ten.client_id: "accepted",
        two.client_id: "released",
        **{i.client_id: "offered" for i in fake.sent_items[2:] if i.offer is not None},
    }
    told = [(x.kind, x.subject) for x in outbox_messages(services.db) if x.customer_id == anna.id]
    assert [kind for kind, _subject in told[2:]] == ["booking_confirmation", "waitlist_offer_had"]
    assert told[3][1] == "Der Termin am Freitag, 27. November 2026 geht an jemand anderen"
    # 14:00 is free again: the next in line gets it, under the same opening's slot.
    [to_berta] = [i for i in fake.sent_items[2:] if i.offer is not None]
    assert to_berta.to == "berta@example.org" and to_berta.offer and two.offer
    assert to_berta.offer["slot"] == two.offer["slot"]
    # Applied again (a repeated page of events), nothing more is told or released.
    _accept(fake, clock, anna, two)
    sync.run_once()
    assert len(fake.released_claims) == 1
    assert len([x for x in outbox_messages(services.db) if x.customer_id == anna.id]) == 4


def test_an_offer_accepted_after_the_counter_gave_its_time_to_another_is_told_taken(
    services: Services, salon: Salon, clock: Clock, fake: FakeGateway, sync: SyncService
) -> None:
    booked = _book(services, salon, friday(10))
    anna = add_customer(services, "Anna", "W", email="anna@example.org", phone=None)
    berta = add_customer(services, "Berta", "W", email="berta@example.org", phone=None)
    _wait(services, salon, anna, clock)
    berta_entry = _wait(services, salon, berta, clock)
    services.booking.cancel(booked.id)
    sync.run_once()
    [to_anna] = fake.sent_items
    [opening] = services.waitlist.open_matches()
    services.waitlist.book(opening.id, berta_entry)  # at the counter, from the panel
    _accept(fake, clock, anna, to_anna)  # the gateway had no claim yet: "yours"
    sync.run_once()
    told = [x.kind for x in outbox_messages(services.db) if x.customer_id == anna.id]
    assert told == ["waitlist_offer", "waitlist_offer_taken"]
    assert _releases(fake) == [(to_anna.client_id, True)]  # she still waits
    assert _offer_states(services) == {to_anna.client_id: "released"}


def _releases(fake: FakeGateway) -> list[tuple[str, bool]]:
    calls = fake.calls_of("release_waitlist_claim")
    return [(c.args["offer_ref"], c.args["waiting"]) for c in calls]


def test_the_gateway_learns_when_an_offered_customer_no_longer_waits(
    services: Services, salon: Salon, clock: Clock, fake: FakeGateway, sync: SyncService
) -> None:
    booked = _book(services, salon, friday(10))
    anna = add_customer(services, "Anna", "W", email="anna@example.org", phone=None)
    berta = add_customer(services, "Berta", "W", email="berta@example.org", phone=None)
    _wait(services, salon, anna, clock)
    berta_entry = _wait(services, salon, berta, clock)
    services.booking.cancel(booked.id)
    sync.run_once()
    clock.now += timedelta(minutes=31)  # Anna's hold runs out: Berta is offered it too
    sync.run_once()
    to_anna, to_berta = fake.sent_items
    _accept(fake, clock, anna, to_anna)
    sync.run_once()
    # Anna has it; Berta's page says "taken, you stay on the waitlist": still true.
    assert _releases(fake) == []
    assert _offer_states(services) == {to_anna.client_id: "accepted", to_berta.client_id: "lost"}
    services.waitlist.remove(berta_entry)  # she called: no longer needed
    sync.run_once()
    # Now it is not: the gateway is told (once) so her page promises nothing.
    assert _releases(fake) == [(to_berta.client_id, False)]
    assert _offer_states(services)[to_berta.client_id] == "ended"
    sync.run_once()
    assert len(_releases(fake)) == 1


def test_an_ended_entry_stays_ended_when_its_time_goes_to_another(
    services: Services, salon: Salon, clock: Clock, fake: FakeGateway, sync: SyncService
) -> None:
    booked = _book(services, salon, friday(10))
    anna = add_customer(services, "Anna", "W", email="anna@example.org", phone=None)
    berta = add_customer(services, "Berta", "W", email="berta@example.org", phone=None)
    _wait(services, salon, anna, clock)
    berta_entry = _wait(services, salon, berta, clock)
    services.booking.cancel(booked.id)
    sync.run_once()
    clock.now += timedelta(minutes=31)
    sync.run_once()
    to_anna, to_berta = fake.sent_items
    services.waitlist.remove(berta_entry)
    _accept(fake, clock, anna, to_anna)  # applied before the gateway hears of Berta
    sync.run_once()
    assert _releases(fake) == [(to_berta.client_id, False)]
    assert _offer_states(services) == {to_anna.client_id: "accepted", to_berta.client_id: "ended"}


def test_an_acceptance_after_the_entry_was_removed_is_told_and_released_as_not_waiting(
    services: Services, salon: Salon, clock: Clock, fake: FakeGateway, sync: SyncService
) -> None:
    booked = _book(services, salon, friday(10))
    anna = add_customer(services, "Anna", "W", email="anna@example.org", phone=None)
    entry = _wait(services, salon, anna, clock)
    services.booking.cancel(booked.id)
    sync.run_once()
    [to_anna] = fake.sent_items
    services.waitlist.remove(entry)
    _accept(fake, clock, anna, to_anna)  # she clicked before the gateway knew
    sync.run_once()
    told = [x.kind for x in outbox_messages(services.db) if x.customer_id == anna.id]
    assert told == ["waitlist_offer", "waitlist_offer_taken"]
    assert _releases(fake) == [(to_anna.client_id, False)]
    assert _offer_states(services) == {to_anna.client_id: "released"}


def test_a_time_freed_again_is_a_new_opening_with_a_slot_of_its_own(
    services: Services, salon: Salon, clock: Clock, fake: FakeGateway, sync: SyncService
) -> None:
    booked = _book(services, salon, friday(10))
    anna = add_customer(services, "Anna", "W", email="anna@example.org", phone=None)
    berta = add_customer(services, "Berta", "W", email="berta@example.org", phone=None)
    _wait(services, salon, anna, clock)
    _wait(services, salon, berta, clock)
    services.booking.cancel(booked.id)
    sync.run_once()
    [first] = fake.sent_items
    _accept(fake, clock, anna, first)
    sync.run_once()
    with services.db.read() as s:
        [appointment] = s.scalars(select(m.Appointment).where(m.Appointment.customer_id == anna.id))
    services.booking.cancel(appointment.id)  # Anna cannot come after all
    sync.run_once()
    [again] = [i for i in fake.sent_items[1:] if i.offer is not None]
    assert again.to == "berta@example.org" and again.offer is not None and first.offer
    assert again.offer["starts_at"] == first.offer["starts_at"]
    assert again.offer["slot"] != first.offer["slot"]  # the gateway's claim of #1 is no bar


def test_a_held_time_is_not_on_the_booking_page_until_the_hold_runs_out(
    services: Services, salon: Salon, clock: Clock, fake: FakeGateway, sync: SyncService
) -> None:
    from tests.services.test_online_availability import _free, _open_online

    availability = _open_online(services)
    services.catalogue.set_treatment_online(salon.cut.id, True)
    services.catalogue.set_staff_online(salon.stylist.id, True)
    booked = _book(services, salon, friday(10))
    _wait(services, salon, add_customer(services, "Anna", "W", phone=None), clock)

    def free_at_ten() -> bool:
        snapshot = availability.snapshot()
        assert snapshot is not None
        ten, end = friday(10), friday(10, 45)
        return any(a <= ten and end <= b for a, b in _free(snapshot, salon.stylist.id))

    services.booking.cancel(booked.id)
    assert free_at_ten()  # no offer out yet: the page may show it
    sync.run_once()
    assert _offers(fake) and not free_at_ten()  # held for Anna
    clock.now += timedelta(minutes=29)
    assert not free_at_ten()
    # The hold ran out (the page's window moves on the grid of start times), and nobody
    # else waits: the page may show it again.
    clock.now += timedelta(minutes=15)
    assert free_at_ten()


def test_a_release_the_gateway_refuses_for_good_does_not_hold_back_the_messages(
    services: Services, salon: Salon, clock: Clock, fake: FakeGateway, sync: SyncService
) -> None:
    """A 4xx on one release (asking again cannot change it) is logged and marked done;
    before, every run stopped there, before the outbox was flushed."""
    anna, ten, two = _two_offers_to_anna(services, salon, clock, fake, sync)
    _book(services, salon, friday(14), "Otto")  # her acceptance of 14:00 will lose
    _accept(fake, clock, anna, two)
    fake.fail_next(method="release_waitlist_claim", kind="rejected", status=422)
    report = sync.run_once()
    assert report.error is None
    assert _offer_states(services)[two.client_id] == "released"
    # The sorry was handed to the gateway in the same run.
    handed = {(x.kind, x.status) for x in outbox_messages(services.db)}
    assert ("waitlist_offer_taken", "accepted") in handed
