"""A waitlist wish from the booking page (``waitlist.requested``) on both backends: who
it is for, and that it never speaks for a customer who objected (DESIGN.md 2; the page
cannot tell who typed an address)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from desk_app.domain.access import SHARED_COUNTER
from desk_app.services.container import Services
from desk_app.services.sync import SyncService
from tests.conftest import Clock
from tests.services.fake_gateway import FakeGateway
from tests.services.support import Salon, add_customer, friday
from tests.services.test_waitlist import FRIDAY, _book, _offers, _wait, fake, sync  # noqa: F401


def _asked_online(
    gateway: FakeGateway, clock: Clock, salon: Salon, email: str | None, first: str | None
) -> None:
    request_id = str(uuid.uuid4())
    gateway.add_event("waitlist.requested", clock.now, None, request_id, None, {
        "request_id": request_id, "treatment_id": salon.cut.id, "staff_id": None,
        "first_day": FRIDAY.isoformat(), "last_day": FRIDAY.isoformat(), "days": [],
        "from": None, "until": None, "channel": "email", "first_name": first,
        "last_name": first and "Online", "email": email, "phone": None, "language": "de",
        "submitted_at": clock.now.isoformat()})  # fmt: skip
    clock.now += timedelta(minutes=1)  # the next one waits shorter


def test_a_wish_from_the_page_never_lifts_an_objection_only_the_counter_does(
    services: Services,
    salon: Salon,
    clock: Clock,
    fake: FakeGateway,  # noqa: F811
    sync: SyncService,  # noqa: F811
) -> None:
    eva = add_customer(services, "Eva", "Früh", email="eva@example.org", phone=None)
    fake.add_event("optout.received", clock.now, eva.ref, None, "email", {"via": "link"})
    sync.run_once()
    clock.now += timedelta(minutes=1)
    # Anyone may type Eva's address on the page; and a new customer asks too.
    _asked_online(fake, clock, salon, "eva@example.org", "Stranger")
    _asked_online(fake, clock, salon, "nina@example.org", "Nina")
    sync.run_once()
    waiting = services.waitlist.entries()
    assert [(e.customer_id, e.source) for e in waiting][:1] == [(eva.id, "online")]
    assert [e.customer_name for e in waiting] == ["Eva Früh", "Nina Online"]

    ten = _book(services, salon, friday(10))
    services.booking.cancel(ten.id)
    sync.run_once()
    # Eva is first in line, but her objection stands: the offer goes to Nina.
    assert [to for to, _start in _offers(fake)] == ["nina@example.org"]

    services.waitlist.remove(waiting[1].id)  # Nina found a time herself
    # Staff call Eva, and she asks at the counter: from now on offers reach her.
    _wait(services, salon, eva, clock)
    two = _book(services, salon, friday(14), "Pia")
    services.booking.cancel(two.id)
    sync.run_once()
    assert [to for to, _start in _offers(fake)][1:] == ["eva@example.org"]

    # Her Art. 15 export shows both wishes and what became of the offers on each.
    exported = services.privacy.export(eva.id, None, actor=SHARED_COUNTER)["waitlist_entries"]
    assert [(e["source"], [o["state"] for o in e["offers"]]) for e in exported] == [
        ("online", ["skipped", "skipped"]),  # the objection held: nothing went to her
        ("counter", ["offered"]),
    ]


def test_a_wish_the_gateway_has_purged_adds_nobody(
    services: Services,
    salon: Salon,
    clock: Clock,
    fake: FakeGateway,  # noqa: F811
    sync: SyncService,  # noqa: F811
) -> None:
    # Read again after a restore: the gateway blanked its names once it was applied.
    _asked_online(fake, clock, salon, None, None)
    sync.run_once()
    assert services.waitlist.entries() == []
