"""Which sender name each message item carries (protocol v1 ``sender_name``): the salon name
for email (the From display name), the owner's SMS sender name for SMS; nothing where the
owner set nothing, so the gateway's defaults apply. Read once per flush."""

from __future__ import annotations

import pytest

from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import Category, Channel
from desk_app.services import sync as sync_module
from desk_app.services.booking import BookingRequest
from desk_app.services.campaign_rows import CampaignDraft
from desk_app.services.container import Services
from desk_app.services.rows import CustomerRow
from desk_app.services.salon_setup import SalonSettingsInput
from desk_app.services.sender_names import SenderNames
from desk_app.services.sync import SyncService
from tests.conftest import Clock
from tests.services.fake_gateway import FakeGateway, make_sync
from tests.services.support import Salon, add_customer, friday
from tests.services.test_campaign_service import PROMOTION


@pytest.fixture
def fake() -> FakeGateway:
    return FakeGateway()


@pytest.fixture
def sync(services: Services, fake: FakeGateway, clock: Clock) -> SyncService:
    return make_sync(services, fake, clock)


@pytest.fixture
def anna(services: Services, salon: Salon) -> CustomerRow:
    """A customer with an appointment (so service information may reach her); booking it
    queues its confirmation email."""
    customer = add_customer(services)
    services.booking.book(BookingRequest(customer.id, salon.stylist.id, salon.cut.id, friday(10)))
    return customer


def _profile(services: Services, salon_name: str, sender_name: str) -> None:
    """As the settings dialog saves it."""
    services.salon_setup.save(
        SalonSettingsInput(
            salon_name=salon_name,
            sender_name=sender_name,
            time_zone="Europe/Berlin",
            gateway_url="https://gateway.example.org",
        ),
        actor=SHARED_COUNTER,
    )


def _queue(services: Services, customer: CustomerRow, channel: Channel) -> str:
    row, decision = services.outbox.queue_message(
        customer.id, channel, Category.SERVICE_INFO, "Neuigkeiten", "Ab Montag bis 20 Uhr."
    )
    assert row is not None, decision
    return row.client_id


def _senders(fake: FakeGateway) -> dict[str, str | None]:
    return {item.client_id: item.sender_name for item in fake.sent_items}


def _by_channel(fake: FakeGateway) -> dict[str, set[str | None]]:
    found: dict[str, set[str | None]] = {}
    for item in fake.sent_items:
        found.setdefault(item.channel, set()).add(item.sender_name)
    return found


def test_email_carries_the_salon_name_and_sms_the_sender_name(
    services: Services, anna: CustomerRow, fake: FakeGateway, sync: SyncService
) -> None:
    _profile(services, "Haarwerk Müller", "HaarWerk")
    email = _queue(services, anna, Channel.EMAIL)
    sms = _queue(services, anna, Channel.SMS)

    assert sync.run_once().ok

    senders = _senders(fake)
    assert (senders[email], senders[sms]) == ("Haarwerk Müller", "HaarWerk")
    # The booking confirmation (email) too: every item of a channel carries the same.
    assert _by_channel(fake) == {"email": {"Haarwerk Müller"}, "sms": {"HaarWerk"}}


def test_without_a_sender_name_sms_carry_none(
    services: Services, anna: CustomerRow, fake: FakeGateway, sync: SyncService
) -> None:
    _profile(services, "Haarwerk Müller", "")  # the dialog stores "" for "none"
    email = _queue(services, anna, Channel.EMAIL)
    sms = _queue(services, anna, Channel.SMS)

    assert sync.run_once().ok

    senders = _senders(fake)
    assert (senders[email], senders[sms]) == ("Haarwerk Müller", None)
    assert _by_channel(fake) == {"email": {"Haarwerk Müller"}, "sms": {None}}


def test_nothing_set_carries_nothing(
    services: Services, anna: CustomerRow, fake: FakeGateway, sync: SyncService
) -> None:
    """A salon that never saved its profile: the gateway's own From and SMS sender apply
    (not the built-in default "Salon", which would hide the gateway's configured name)."""
    with services.db.read() as s:
        assert s.get(m.Setting, "salon_name") is None
        assert s.get(m.Setting, "sender_name") is None
    email = _queue(services, anna, Channel.EMAIL)
    sms = _queue(services, anna, Channel.SMS)

    assert sync.run_once().ok

    senders = _senders(fake)
    assert (senders[email], senders[sms]) == (None, None)
    assert _by_channel(fake) == {"email": {None}, "sms": {None}}


def test_a_long_salon_name_is_cut_to_what_the_protocol_takes(
    services: Services, anna: CustomerRow, fake: FakeGateway, sync: SyncService
) -> None:
    long_name = "Friseursalon Haarwerk Müller & Töchter am Marktplatz Oberhausen"
    assert len(long_name) > 40
    _profile(services, long_name, "HaarWerk")
    _queue(services, anna, Channel.EMAIL)

    assert sync.run_once().ok

    assert _by_channel(fake) == {"email": {long_name[:40].strip()}}
    assert all(len(item.sender_name or "") <= 40 for item in fake.sent_items)


def test_settings_are_read_once_per_flush_and_anew_on_the_next(
    services: Services,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads: list[SenderNames] = []
    real = sync_module.load_sender_names

    def counting(db: object) -> SenderNames:
        names = real(db)  # type: ignore[arg-type]
        reads.append(names)
        return names

    monkeypatch.setattr(sync_module, "load_sender_names", counting)
    _profile(services, "Haarwerk Müller", "HaarWerk")
    first = [_queue(services, anna, Channel.EMAIL) for _ in range(150)]

    assert sync.run_once().ok

    assert [len(batch) for batch in fake.batches] == [100, 51]  # and the confirmation
    assert len(reads) == 1  # one read for both batches
    assert {_senders(fake)[c] for c in first} == {"Haarwerk Müller"}

    assert sync.run_once().ok
    assert len(reads) == 1  # nothing to send: nothing read

    _profile(services, "Haarwerk Schmidt", "Schmidt")
    later = _queue(services, anna, Channel.SMS)
    assert sync.run_once().ok
    assert len(reads) == 2
    assert _senders(fake)[later] == "Schmidt"


def test_the_owners_test_send_carries_the_sender_name_of_its_channel(
    services: Services, salon: Salon
) -> None:
    _profile(services, "Haarwerk Müller", "HaarWerk")
    services.catalogue.set_setting("owner_email", "chefin@haarwerk.example", actor=SHARED_COUNTER)
    services.catalogue.set_setting("owner_mobile", "+4915112345678", actor=SHARED_COUNTER)
    draft = CampaignDraft(**PROMOTION.__dict__)

    email = services.campaigns.test_message(draft, Channel.EMAIL)
    sms = services.campaigns.test_message(draft, Channel.SMS)

    assert (email.channel, email.sender_name) == ("email", "Haarwerk Müller")
    assert (sms.channel, sms.sender_name) == ("sms", "HaarWerk")
