"""Synchronising with the gateway (SyncService, DESIGN.md section 3).

Events first, then the outbox; every event applied exactly once, the cursor moving in
the same transaction as the rows it stands for; messages in batches of at most 100,
each keeping its ``client_id`` across failures and runs.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import select

from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import Category, Channel, ConsentSource, ConsentState, OutboxStatus
from desk_app.gateway.port import GatewayError, GatewayEvent
from desk_app.services import sync as sync_module
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.messages import MessageTemplates
from desk_app.services.outbox import OutboxService
from desk_app.services.rows import CustomerRow, DeclarationRow
from desk_app.services.sync import SyncService
from tests.conftest import Clock
from tests.services.fake_gateway import GATEWAY_KEY, FakeGateway, make_sync
from tests.services.support import (
    Salon,
    add_customer,
    count,
    friday,
    outbox_messages,
)

STAFF = "Tanja Groß"
IP = "198.51.100.23"
AGENT = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Safari/604.1"


@pytest.fixture
def anna(services: Services, salon: Salon) -> CustomerRow:
    return add_customer(services)


@pytest.fixture
def bernd(services: Services, salon: Salon) -> CustomerRow:
    return add_customer(
        services, "Bernd", "Schäfer", "bernd@example.net", "0170 7654321", language="en"
    )


@pytest.fixture
def fake() -> FakeGateway:
    return FakeGateway()


@pytest.fixture
def sync(services: Services, fake: FakeGateway, clock: Clock) -> SyncService:
    return make_sync(services, fake, clock)


# ---- helpers ------------------------------------------------------------------------------
def _book(services: Services, salon: Salon, customer: CustomerRow, hour: int = 10) -> str:
    row = services.booking.book(
        BookingRequest(customer.id, salon.stylist.id, salon.cut.id, friday(hour))
    )
    assert row.confirmation_client_id is not None
    return row.confirmation_client_id


def _queue(
    services: Services,
    customer: CustomerRow,
    category: Category = Category.SERVICE_INFO,
    channel: Channel = Channel.EMAIL,
    text: str = "Ab Montag haben wir bis 20 Uhr geöffnet.",
) -> str:
    row, decision = services.outbox.queue_message(
        customer.id, channel, category, "Neuigkeiten", text
    )
    assert row is not None, decision
    return row.client_id


def _declare(services: Services, customer: CustomerRow, *channels: Channel) -> list[DeclarationRow]:
    return services.consent.declare(customer.id, channels, ConsentSource.PHONE, STAFF, True)


def _confirm(
    fake: FakeGateway, clock: Clock, customer: CustomerRow, declared: DeclarationRow
) -> None:
    fake.add_event(
        "consent.confirmed",
        clock.advance(minutes=20),
        customer.ref,
        declared.request_id,
        declared.channel.value,
        {"request_id": declared.request_id, "ip": IP, "user_agent": AGENT},
    )


def _confirmed_email(
    services: Services, fake: FakeGateway, sync: SyncService, clock: Clock, customer: CustomerRow
) -> str:
    """Declared, request handed over, confirmed by the customer's click; the request id."""
    [declared] = _declare(services, customer, Channel.EMAIL)
    assert sync.run_once().ok
    _confirm(fake, clock, customer, declared)
    assert sync.drain_events() == 1
    assert services.consent.status(customer.id).status.state(Channel.EMAIL) is (
        ConsentState.CONFIRMED
    )
    return declared.request_id


def _rows(services: Services) -> dict[str, m.OutboxMessage]:
    return {row.client_id: row for row in outbox_messages(services.db)}


def _queued_ids(services: Services) -> set[str]:
    return {r.client_id for r in services.outbox.messages(OutboxStatus.QUEUED)}


def _gateway_rows(db: Database) -> Counter[tuple[str, int | None]]:
    """(kind, gateway_seq) of every row that came from an event."""
    with db.read() as s:
        ledger = s.execute(
            select(m.ConsentLedgerEntry.event, m.ConsentLedgerEntry.gateway_seq).where(
                m.ConsentLedgerEntry.gateway_seq.is_not(None)
            )
        ).all()
        inbound = s.scalars(select(m.InboundMessage.gateway_seq)).all()
    return Counter([(event, seq) for event, seq in ledger] + [("inbound", seq) for seq in inbound])


def _fail_on(seq: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Applying event ``seq`` crashes (a bug, a power cut): the page's transaction ends."""
    real = sync_module.apply_event

    def apply_event(s: Any, event: GatewayEvent, *context: Any) -> None:
        if event.seq == seq:
            raise RuntimeError(f"crash while applying {seq}")
        real(s, event, *context)

    monkeypatch.setattr(sync_module, "apply_event", apply_event)


def _five_events(fake: FakeGateway, clock: Clock, anna: CustomerRow, bernd: CustomerRow) -> None:
    """Seqs 1..5: an inbound SMS, an opt-out, another SMS, a second opt-out, an SMS."""
    at = clock.now
    fake.add_event("sms.inbound", at, anna.ref, None, "sms", {"from": "+49", "text": "eins"})
    fake.add_event("optout.received", at, anna.ref, None, "email", {"via": "link"})
    fake.add_event("sms.inbound", at, bernd.ref, None, "sms", {"from": "+49", "text": "drei"})
    fake.add_event("optout.received", at, bernd.ref, None, "sms", {"via": "sms_stop"})
    fake.add_event("sms.inbound", at, anna.ref, None, "sms", {"from": "+49", "text": "fünf"})


FIVE = Counter(
    {
        ("inbound", 1): 1,
        ("objected", 2): 1,
        ("inbound", 3): 1,
        ("objected", 4): 1,
        ("inbound", 5): 1,
    }
)


# ---- events before messages -----------------------------------------------------------------
def test_events_are_drained_before_the_outbox_is_flushed(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    bernd: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    _confirmed_email(services, fake, sync, clock, anna)
    offer = _queue(services, anna, Category.MARKETING, text="20 % auf Färben im Dezember")
    booking = _book(services, salon, bernd)
    # While this counter PC was offline, Anna clicked "Abmelden".
    fake.add_event(
        "optout.received", clock.advance(minutes=5), anna.ref, None, "email", {"via": "link"}
    )
    calls_before = len(fake.calls)

    report = sync.run_once()

    assert report.ok
    assert report.events_applied == 1
    assert offer not in fake.sent_client_ids
    assert fake.sent_client_ids == [booking]
    rows = _rows(services)
    assert rows[offer].status == OutboxStatus.REJECTED.value
    assert rows[offer].reason == "objected"
    assert rows[booking].status == OutboxStatus.ACCEPTED.value
    methods = [c.method for c in fake.calls[calls_before:]]
    assert methods.index("send_messages") > max(
        i for i, name in enumerate(methods) if name == "events"
    )


def test_failing_event_fetch_sends_nothing(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
) -> None:
    booking = _book(services, salon, anna)
    fake.fail_next(method="events", kind="server_error", status=503)

    report = sync.run_once()

    assert report.error is not None and report.error.kind == "server_error"
    assert fake.calls_of("send_messages", ok=None) == []
    assert _queued_ids(services) == {booking}
    assert services.outbox.sync_state(GATEWAY_KEY)["last_error"] == "server_error 503"

    report = sync.run_once()

    assert report.ok
    assert fake.sent_client_ids == [booking]
    assert services.outbox.sync_state(GATEWAY_KEY)["last_error"] is None


# ---- exactly once ---------------------------------------------------------------------------
def test_draining_twice_applies_nothing_the_second_time(
    services: Services,
    anna: CustomerRow,
    bernd: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    _five_events(fake, clock, anna, bernd)

    assert sync.drain_events() == 5
    assert sync.drain_events() == 0
    assert sync.run_once().events_applied == 0

    assert _gateway_rows(services.db) == FIVE
    assert sync.cursor() == 5
    # The later requests asked only for what came after the cursor.
    assert [c.args["after"] for c in fake.calls_of("events")][-1] == 5


def test_cursor_is_kept_in_the_database_across_restarts(
    services: Services,
    anna: CustomerRow,
    bernd: CustomerRow,
    fake: FakeGateway,
    clock: Clock,
) -> None:
    _five_events(fake, clock, anna, bernd)
    assert make_sync(services, fake, clock).drain_events() == 5

    restarted = make_sync(services, fake, clock)

    assert restarted.cursor() == 5
    assert restarted.drain_events() == 0
    assert fake.calls_of("events")[-1].args["after"] == 5
    assert _gateway_rows(services.db) == FIVE


def test_crash_mid_page_applies_nothing_of_the_page_and_keeps_the_cursor(
    services: Services,
    anna: CustomerRow,
    bernd: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _five_events(fake, clock, anna, bernd)
    _fail_on(3, monkeypatch)

    with pytest.raises(RuntimeError):
        sync.drain_events()

    # Seqs 1 and 2 were applied inside the page's transaction, which rolled back.
    assert _gateway_rows(services.db) == Counter()
    assert count(services.db, m.ConsentLedgerEntry) == 0
    assert sync.cursor() == 0

    monkeypatch.undo()
    assert sync.drain_events() == 5
    assert _gateway_rows(services.db) == FIVE
    assert sync.cursor() == 5
    assert sync.drain_events() == 0
    assert _gateway_rows(services.db) == FIVE


def test_crash_in_a_later_page_keeps_the_pages_before_it(
    services: Services,
    anna: CustomerRow,
    bernd: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake.page_cap = 2  # pages [1, 2], [3, 4], [5]
    _five_events(fake, clock, anna, bernd)
    _fail_on(4, monkeypatch)

    with pytest.raises(RuntimeError):
        sync.drain_events()

    assert _gateway_rows(services.db) == Counter({("inbound", 1): 1, ("objected", 2): 1})
    assert sync.cursor() == 2

    monkeypatch.undo()
    assert sync.drain_events() == 3
    assert _gateway_rows(services.db) == FIVE
    assert sync.cursor() == 5


def test_crash_while_applying_a_message_event_leaves_the_message_as_it_was(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    booking = _book(services, salon, anna)
    fake.add_event("message.accepted", clock.now, anna.ref, booking, "email", {})
    fake.add_event("message.sent", clock.now, anna.ref, booking, "email", {"message_id": "<1@x>"})
    fake.add_event("message.delivered", clock.now, anna.ref, booking, "email", {})
    _fail_on(3, monkeypatch)

    with pytest.raises(RuntimeError):
        sync.drain_events()

    assert _rows(services)[booking].status == OutboxStatus.QUEUED.value
    assert sync.cursor() == 0
    monkeypatch.undo()
    assert sync.drain_events() == 3
    assert _rows(services)[booking].status == OutboxStatus.DELIVERED.value


def test_gap_in_seqs_raises_and_applies_nothing_past_it(
    services: Services,
    anna: CustomerRow,
    bernd: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    _five_events(fake, clock, anna, bernd)
    fake.events_list.remove(next(e for e in fake.events_list if e.seq == 3))  # 1, 2, 4, 5

    with pytest.raises(GatewayError) as caught:
        sync.drain_events()

    assert caught.value.kind == "server_error"
    applied = _gateway_rows(services.db)
    assert not {seq for _, seq in applied} - {1, 2}
    # Whatever was kept, the cursor stands exactly behind it.
    assert sync.cursor() == max((seq or 0 for _, seq in applied), default=0)
    assert sync.cursor() <= 2

    # The gateway fills the gap: every event once, in the end.
    fake.add_event("sms.inbound", clock.now, bernd.ref, None, "sms", {"text": "drei"}, seq=3)
    sync.drain_events()
    assert _gateway_rows(services.db) == FIVE
    assert sync.cursor() == 5


def test_gap_after_a_full_page_keeps_that_page(
    services: Services,
    anna: CustomerRow,
    bernd: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    fake.page_cap = 2  # pages [1, 2], [4, 5]
    _five_events(fake, clock, anna, bernd)
    fake.events_list.remove(next(e for e in fake.events_list if e.seq == 3))

    with pytest.raises(GatewayError):
        sync.drain_events()

    assert _gateway_rows(services.db) == Counter({("inbound", 1): 1, ("objected", 2): 1})
    assert sync.cursor() == 2


def test_gap_ends_the_run_with_an_error_and_sends_nothing(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    booking = _book(services, salon, anna)
    fake.add_event("sms.inbound", clock.now, anna.ref, None, "sms", {"text": "a"}, seq=1)
    fake.add_event("sms.inbound", clock.now, anna.ref, None, "sms", {"text": "b"}, seq=3)

    report = sync.run_once()

    assert report.error is not None and report.error.kind == "server_error"
    assert fake.calls_of("send_messages", ok=None) == []
    assert _queued_ids(services) == {booking}


def test_two_counter_pcs_interleaved_apply_every_event_once(
    services: Services,
    anna: CustomerRow,
    bernd: CustomerRow,
    fake: FakeGateway,
    clock: Clock,
) -> None:
    """PC B fetches a page; before it writes, PC A applies the same events."""
    _five_events(fake, clock, anna, bernd)
    pc_a = make_sync(services, fake, clock)
    pc_b = make_sync(services, fake, clock)
    applied_by_a: list[int] = []

    def a_gets_there_first(after: int) -> None:
        if not applied_by_a:
            applied_by_a.append(-1)  # re-entrant guard: A's own calls come here too
            applied_by_a.append(pc_a.drain_events())

    fake.on_events = a_gets_there_first

    applied_by_b = pc_b.drain_events()

    assert applied_by_a[1] == 5
    assert applied_by_b == 0
    assert _gateway_rows(services.db) == FIVE
    assert pc_a.cursor() == pc_b.cursor() == 5


def _drain_concurrently(
    database_url: str,
    fake: FakeGateway,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[list[int], list[BaseException]]:
    """Two counter PCs (own engines) fetch the same page at once, then both write."""
    fetched = threading.Barrier(2, timeout=10)
    seen: set[int] = set()
    lock = threading.Lock()

    def both_fetch_first(after: int) -> None:
        with lock:
            first_call = threading.get_ident() not in seen
            seen.add(threading.get_ident())
        if first_call:
            fetched.wait()

    fake.on_events = both_fetch_first
    real = sync_module.apply_event

    def slow_apply(s: Any, event: GatewayEvent, *context: Any) -> None:
        if event.seq == 1:
            time.sleep(0.2)  # keep the first writer's transaction open a moment
        real(s, event, *context)

    monkeypatch.setattr(sync_module, "apply_event", slow_apply)

    applied: list[int] = []
    errors: list[BaseException] = []
    databases = [Database(create_database_engine(database_url)) for _ in range(2)]

    def run(db: Database) -> None:
        templates = MessageTemplates(templates_dir())
        pc = SyncService(db, fake, GATEWAY_KEY, OutboxService(db, clock), templates, clock)
        try:
            applied.append(pc.drain_events())
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(db,)) for db in databases]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        for db in databases:
            db.dispose()
    return applied, errors


def test_two_counter_pcs_syncing_at_once_apply_every_event_once(
    services: Services,
    anna: CustomerRow,
    bernd: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert sync.run_once().ok  # an earlier sync (nothing new then) left the cursor row
    _five_events(fake, clock, anna, bernd)

    applied, errors = _drain_concurrently(database_url, fake, clock, monkeypatch)

    assert errors == []
    assert sorted(applied) == [0, 5]
    assert _gateway_rows(services.db) == FIVE
    assert sync.cursor() == 5


def test_two_counter_pcs_on_their_very_first_sync_apply_every_event_once(
    services: Services,
    anna: CustomerRow,
    bernd: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No cursor row yet: both PCs must not trip over creating it."""
    _five_events(fake, clock, anna, bernd)

    applied, errors = _drain_concurrently(database_url, fake, clock, monkeypatch)

    assert errors == []
    assert sorted(applied) == [0, 5]
    assert _gateway_rows(services.db) == FIVE
    assert sync.cursor() == 5


# ---- flushing the outbox --------------------------------------------------------------------
def _many(services: Services, salon: Salon, anna: CustomerRow, n: int) -> list[str]:
    """``n`` queued messages (a booking confirmation and service infos), oldest first."""
    ids = [_book(services, salon, anna)]
    ids += [_queue(services, anna, text=f"Neuigkeit Nr. {i}") for i in range(1, n)]
    return ids


def test_messages_go_in_batches_of_at_most_100(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
) -> None:
    ids = _many(services, salon, anna, 250)

    report = sync.run_once()

    assert report.ok
    assert [len(batch) for batch in fake.batches] == [100, 100, 50]
    assert fake.sent_client_ids == ids  # each once, oldest first
    assert report.accepted == 250
    assert {row.status for row in _rows(services).values()} == {OutboxStatus.ACCEPTED.value}
    assert sync.run_once().accepted == 0
    assert len(fake.batches) == 3


def test_items_carry_what_the_protocol_asks_for(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    bernd: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
) -> None:
    booking = _book(services, salon, anna)
    _book(services, salon, bernd, hour=14)
    info = _queue(services, bernd, channel=Channel.SMS, text="Wir ziehen um!")

    assert sync.run_once().ok

    items = {item.client_id: item for item in fake.sent_items}
    rows = _rows(services)
    assert set(items) == set(rows)  # both booking confirmations and the info
    assert len(rows) == 3
    confirmation = items[booking]
    assert confirmation.customer_ref == anna.ref
    assert (confirmation.channel, confirmation.category) == ("email", "transactional")
    assert confirmation.to == "anna.mueller@example.org"
    assert confirmation.subject == rows[booking].subject != ""
    assert confirmation.text == rows[booking].body
    assert "Damenhaarschnitt" in confirmation.text
    assert confirmation.not_after == friday(10)
    assert confirmation.basis_ref is None
    assert confirmation.language == "de"

    sms = items[info]
    assert sms.customer_ref == bernd.ref
    assert (sms.channel, sms.category, sms.to) == ("sms", "service_info", "+491707654321")
    assert sms.text == "Wir ziehen um!"
    assert sms.subject == "Neuigkeiten"
    assert sms.not_after is None
    assert sms.basis_ref is None
    assert sms.language == "en"


def test_marketing_carries_the_request_id_of_the_confirmed_consent(
    services: Services,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    request_id = _confirmed_email(services, fake, sync, clock, anna)
    offer = _queue(services, anna, Category.MARKETING, text="Adventsaktion: 15 % auf Pflege")

    assert sync.run_once().ok

    [item] = [i for i in fake.sent_items if i.client_id == offer]
    assert item.category == "marketing"
    assert item.basis_ref == request_id
    assert item.to == "anna.mueller@example.org"
    assert _rows(services)[offer].status == OutboxStatus.ACCEPTED.value


def test_consent_requests_go_one_by_one_with_the_declaration(
    services: Services,
    anna: CustomerRow,
    bernd: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    services.catalogue.set_setting("salon_name", "Salon Schnittpunkt", actor=SHARED_COUNTER)
    declared_at = clock.now
    anna_email, anna_sms = _declare(services, anna, Channel.EMAIL, Channel.SMS)
    [bernd_email] = _declare(services, bernd, Channel.EMAIL)
    clock.advance(minutes=1)

    report = sync.run_once()

    assert report.ok
    assert report.consent_requests == 3
    assert fake.calls_of("send_messages", ok=None) == []
    requests = {r.request_id: r for r in fake.consent_requests}
    assert list(requests) == [anna_email.request_id, anna_sms.request_id, bernd_email.request_id]
    for declared, customer, address, language in (
        (anna_email, anna, "anna.mueller@example.org", "de"),
        (anna_sms, anna, "+4915112345678", "de"),
        (bernd_email, bernd, "bernd@example.net", "en"),
    ):
        request = requests[declared.request_id]
        assert request.customer_ref == customer.ref
        assert request.channel == declared.channel.value
        assert request.address == address
        assert request.statement_version == declared.statement_version
        assert request.statement_text == services.consent.statement_text(declared.statement_sha256)
        assert request.statement_text
        assert (request.source_kind, request.staff) == ("phone", STAFF)
        assert request.declared_at == declared_at
        assert request.language == language
        assert request.salon_name == "Salon Schnittpunkt"
        assert request.message_text is not None and "$confirm_url" in request.message_text
        assert "Salon Schnittpunkt" in request.message_text
    assert requests[anna_email.request_id].message_subject
    statuses = {cid: row.status for cid, row in _rows(services).items()}
    assert statuses == dict.fromkeys(requests, OutboxStatus.ACCEPTED.value)
    # Handed over once: the next run sends nothing again.
    assert sync.run_once().consent_requests == 0
    assert len(fake.consent_requests) == 3


def test_a_damaged_consent_request_is_rejected_alone(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    bernd: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    # A payload that cannot be read (hand-edited, or written by a faulty version) must
    # neither go out with a guessed statement nor hold up everything queued behind it.
    [damaged] = _declare(services, anna, Channel.EMAIL)
    [sound] = _declare(services, bernd, Channel.EMAIL)
    booking = _book(services, salon, bernd)
    with services.db.write() as s:
        row = s.scalars(
            select(m.OutboxMessage).where(m.OutboxMessage.client_id == damaged.request_id)
        ).one()
        row.payload = {**row.payload, "statement": {**row.payload["statement"], "version": ""}}
    clock.advance(minutes=1)

    report = sync.run_once()

    assert report.ok
    assert [r.request_id for r in fake.consent_requests] == [sound.request_id]
    assert report.rejected_codes == {sync_module.DAMAGED_REQUEST: 1}
    rows = _rows(services)
    assert (rows[damaged.request_id].status, rows[damaged.request_id].reason) == (
        OutboxStatus.REJECTED.value,
        sync_module.DAMAGED_REQUEST,
    )
    assert rows[sound.request_id].status == OutboxStatus.ACCEPTED.value
    assert rows[booking].status == OutboxStatus.ACCEPTED.value
    # Rejected for good: the next run does not try it again.
    assert sync.run_once().rejected == 0
    assert len(fake.consent_requests) == 1


def test_rejections_are_stored_with_their_code(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    bernd: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
) -> None:
    first = _book(services, salon, anna)
    second = _book(services, salon, bernd, hour=14)
    info = _queue(services, anna)
    [request] = _declare(services, bernd, Channel.SMS)
    fake.reject_addresses["bernd@example.net"] = "suppressed"
    fake.reject_keys[info] = "invalid_address"
    fake.reject_addresses["+491707654321"] = "suppressed"

    report = sync.run_once()

    assert report.ok
    rows = _rows(services)
    assert (rows[first].status, rows[first].reason) == (OutboxStatus.ACCEPTED.value, None)
    assert (rows[second].status, rows[second].reason) == (OutboxStatus.REJECTED.value, "suppressed")
    assert (rows[info].status, rows[info].reason) == (
        OutboxStatus.REJECTED.value,
        "invalid_address",
    )
    assert rows[request.request_id].status == OutboxStatus.REJECTED.value
    assert rows[request.request_id].reason == "suppressed"
    assert (report.accepted, report.rejected) == (1, 3)
    assert report.rejected_codes == {"suppressed": 2, "invalid_address": 1}


def test_answers_lost_on_the_way_back_come_again_as_duplicates(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    bernd: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
) -> None:
    sent = _book(services, salon, anna)
    refused = _book(services, salon, bernd, hour=14)
    fake.reject_keys[refused] = "suppressed"
    fake.fail_next(method="send_messages", after_processing=True)  # gateway has them

    report = sync.run_once()

    assert report.error is not None
    assert _queued_ids(services) == {sent, refused}
    fake.message_status[sent] = "sent"  # meanwhile the gateway sent it

    report = sync.run_once()

    assert report.ok
    [first_try, second_try] = [[i.client_id for i in b] for b in fake.failed_batches + fake.batches]
    assert first_try == second_try == [sent, refused]
    rows = _rows(services)
    assert rows[sent].status == OutboxStatus.SENT.value
    assert (rows[refused].status, rows[refused].reason) == (
        OutboxStatus.REJECTED.value,
        "suppressed",
    )
    assert rows[sent].attempts == 2


def test_message_delivered_while_the_answer_was_lost_is_not_sent_again(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    """The answer to a send got lost; by the next run the gateway reports it delivered.
    Events come first, so the message is no longer queued and is not handed over again."""
    booking = _book(services, salon, anna)
    fake.fail_next(method="send_messages", after_processing=True)
    assert sync.run_once().error is not None
    fake.add_event("message.delivered", clock.now, anna.ref, booking, "email", {})

    assert sync.run_once().ok

    assert _rows(services)[booking].status == OutboxStatus.DELIVERED.value
    assert len(fake.calls_of("send_messages", ok=None)) == 1


def test_duplicate_tells_where_the_message_stands_and_late_events_do_not_undo_it(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    booking = _book(services, salon, anna)
    fake.fail_next(method="send_messages", after_processing=True)
    assert sync.run_once().error is not None
    fake.message_status[booking] = "delivered"

    assert sync.run_once().ok
    assert _rows(services)[booking].status == OutboxStatus.DELIVERED.value

    # The gateway's events of that message arrive afterwards, in their order.
    fake.add_event("message.accepted", clock.now, anna.ref, booking, "email", {})
    fake.add_event("message.sent", clock.now, anna.ref, booking, "email", {"message_id": "<m>"})
    assert sync.run_once().events_applied == 2
    assert _rows(services)[booking].status == OutboxStatus.DELIVERED.value


def test_network_failure_mid_flush_keeps_the_rest_queued_with_the_same_client_ids(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
) -> None:
    ids = _many(services, salon, anna, 250)
    real_send = fake.send_messages
    send_calls = 0

    def second_call_fails(items: Any) -> Any:
        nonlocal send_calls
        send_calls += 1
        if send_calls == 2:
            fake.fail_next(method="send_messages", kind="unreachable")
        return real_send(items)

    fake.send_messages = second_call_fails  # type: ignore[method-assign]

    first = sync.run_once()

    assert first.error is not None and first.error.kind == "unreachable"
    assert first.accepted == 100
    assert [len(b) for b in fake.batches] == [100]
    [failed] = fake.failed_batches
    assert [i.client_id for i in failed] == ids[100:200]
    assert _queued_ids(services) == set(ids[100:])
    last_error = services.outbox.sync_state(GATEWAY_KEY)["last_error"]
    assert isinstance(last_error, str) and last_error.startswith("unreachable")

    second = sync.run_once()

    assert second.ok
    assert second.accepted == 150
    assert [len(b) for b in fake.batches] == [100, 100, 50]
    # The failed batch went again with the very same client_ids; nothing else twice.
    assert [i.client_id for i in fake.batches[1]] == [i.client_id for i in failed]
    assert Counter(fake.sent_client_ids) == Counter(ids)
    assert _queued_ids(services) == set()
    attempts = {cid: row.attempts for cid, row in _rows(services).items()}
    assert {attempts[cid] for cid in ids[100:200]} == {2}
    assert {attempts[cid] for cid in ids[:100] + ids[200:]} == {1}


def test_failing_consent_request_stays_queued_and_goes_again_with_its_request_id(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    bernd: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
) -> None:
    booking = _book(services, salon, anna)
    [declared] = _declare(services, bernd, Channel.EMAIL)
    fake.fail_next(method="request_consent", kind="server_error", status=502)

    report = sync.run_once()

    assert report.error is not None
    rows = _rows(services)
    assert rows[booking].status == OutboxStatus.ACCEPTED.value  # stored before the failure
    assert rows[declared.request_id].status == OutboxStatus.QUEUED.value

    assert sync.run_once().ok

    ids = [c.args["request"].request_id for c in fake.calls_of("request_consent", ok=None)]
    assert ids == [declared.request_id, declared.request_id]
    assert fake.sent_client_ids == [booking]
    assert _rows(services)[declared.request_id].status == OutboxStatus.ACCEPTED.value


def test_messages_past_not_after_expire_and_are_never_sent(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    bernd: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    early = _book(services, salon, anna, hour=10)  # not_after = Friday 10:00
    late = _book(services, salon, bernd, hour=16)
    clock.now = friday(12)  # offline until after the first appointment began

    report = sync.run_once()

    assert report.ok
    rows = _rows(services)
    assert (rows[early].status, rows[early].reason) == (OutboxStatus.EXPIRED.value, "not_after")
    assert rows[late].status == OutboxStatus.ACCEPTED.value
    assert fake.sent_client_ids == [late]
    clock.advance(days=1)
    sync.run_once()
    assert fake.sent_client_ids == [late]


def test_message_exactly_at_not_after_is_expired(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    booking = _book(services, salon, anna, hour=10)
    clock.now = friday(10)

    sync.run_once()

    assert _rows(services)[booking].status == OutboxStatus.EXPIRED.value
    assert fake.calls_of("send_messages", ok=None) == []


def test_progress_reports_and_close(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    _book(services, salon, anna)
    fake.add_event("sms.inbound", clock.now, anna.ref, None, "sms", {"text": "Hallo"})
    seen: list[tuple[str, int]] = []

    report = sync.run_once(lambda stage, n: seen.append((stage, n)))

    assert (report.events_applied, report.accepted) == (1, 1)
    assert seen == [("events", 1), ("messages", 1)]
    state = services.outbox.sync_state(GATEWAY_KEY)
    assert state["last_seq"] == 1
    assert state["last_sync_at"] == clock.now.isoformat()
    sync.close()
    assert fake.closed


def test_wait_for_events_long_polls_once(
    services: Services,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    fake.page_cap = 1
    for text in ("a", "b", "c"):
        fake.add_event("sms.inbound", clock.now, anna.ref, None, "sms", {"text": text})

    assert sync.wait_for_events(25) == 3

    waits = [c.args["wait"] for c in fake.calls_of("events")]
    assert waits == [25, 0, 0, 0]


def test_one_page_about_the_same_messages_and_customers_applies_event_by_event(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    bernd: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    """The drain reads a page's customers and messages at once and writes runs of status
    events in bulk (event_page); events later in the page still see what earlier ones
    did to the same message or customer."""
    delivered, bounced = _book(services, salon, anna), _queue(services, anna)
    unsubscribed = _book(services, salon, bernd, hour=11)
    for client_id, customer in ((delivered, anna), (bounced, anna), (unsubscribed, bernd)):
        fake.add_event("message.accepted", clock.now, customer.ref, client_id, "email", {})
    fake.add_event("message.delivered", clock.now, anna.ref, delivered, "email", {})
    fake.add_event("message.accepted", clock.now, anna.ref, delivered, "email", {})  # late
    fake.add_event("message.bounced", clock.now, anna.ref, bounced, "email", {"permanent": True})
    fake.add_event("optout.received", clock.now, bernd.ref, None, None, {"via": "link"})
    fake.add_event(
        "message.accepted", clock.now, "no-such-customer", "no-such-message", "email", {}
    )

    assert sync.drain_events() == 8

    rows = _rows(services)
    assert rows[delivered].status == OutboxStatus.DELIVERED.value
    assert rows[bounced].status == OutboxStatus.BOUNCED.value
    assert rows[unsubscribed].status == OutboxStatus.ACCEPTED.value
    assert services.customers.get(anna.id).email_bounced is True
    assert services.consent.status(bernd.id).status.objected
