"""One bad message never blocks the outbox (issue 8, section 3).

The gateway may refuse one item (``invalid_item``), refuse a whole batch with 400/413/422
(older gateways validated the envelope as one), or answer a batch with a server error
because of one message in it. Whatever it does, the innocent messages go out, the bad
one ends ``rejected`` or — after ten troubled hand-overs — ``failed`` with a reason, and
nothing is retried for ever. Fake gateway here; the real gateway process in
tests/e2e/test_poisoned_message.py.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import Category, Channel, ConsentSource, OutboxStatus
from desk_app.gateway.port import GatewayStatus, OutgoingMessage, TransportHealth
from desk_app.services import sync as sync_module
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import CustomerRow
from desk_app.services.sync import SyncService
from tests.conftest import Clock
from tests.services.fake_gateway import GATEWAY_KEY, FakeGateway, make_sync
from tests.services.support import Salon, add_customer, friday, outbox_messages

POISON = "☠ Gift"


@pytest.fixture
def anna(services: Services, salon: Salon) -> CustomerRow:
    """An existing customer (service information needs a booking); its confirmation is
    switched off, so the outbox holds only what each test queues."""
    customer = add_customer(services)
    services.catalogue.set_setting("auto_confirmation", "off", actor=SHARED_COUNTER)
    services.booking.book(BookingRequest(customer.id, salon.stylist.id, salon.cut.id, friday(10)))
    return customer


@pytest.fixture
def fake() -> FakeGateway:
    return FakeGateway()


@pytest.fixture
def sync(services: Services, fake: FakeGateway, clock: Clock) -> SyncService:
    return make_sync(services, fake, clock)


def _queue(services: Services, customer: CustomerRow, text: str) -> str:
    row, decision = services.outbox.queue_message(
        customer.id, Channel.EMAIL, Category.SERVICE_INFO, "Neuigkeiten", text
    )
    assert row is not None, decision
    return row.client_id


def _messages(services: Services, customer: CustomerRow, n: int, poison_at: int) -> list[str]:
    return [
        _queue(services, customer, f"{POISON} Nr. {i}" if i == poison_at else f"Neu Nr. {i}")
        for i in range(n)
    ]


def _state(services: Services) -> dict[str, tuple[str, str | None]]:
    return {row.client_id: (row.status, row.reason) for row in outbox_messages(services.db)}


def _poisoned(item: OutgoingMessage) -> bool:
    return POISON in item.text


def test_an_item_the_gateway_refuses_is_rejected_and_the_rest_go_out(
    services: Services, anna: CustomerRow, fake: FakeGateway, sync: SyncService
) -> None:
    ids = _messages(services, anna, 5, poison_at=2)
    fake.reject_when = lambda item: "invalid_item" if _poisoned(item) else None  # type: ignore[arg-type,return-value]

    report = sync.run_once()

    assert report.ok
    assert (report.accepted, report.rejected) == (4, 1)
    assert report.rejected_codes == {"invalid_item": 1}
    state = _state(services)
    assert state[ids[2]] == (OutboxStatus.REJECTED.value, "invalid_item")
    assert {state[i] for i in ids if i != ids[2]} == {(OutboxStatus.ACCEPTED.value, None)}
    assert [len(batch) for batch in fake.batches] == [5]  # one request, not five


@pytest.mark.parametrize("status", [400, 413, 422])
def test_a_batch_refused_as_a_whole_is_split_and_the_bad_one_rejected_alone(
    services: Services, anna: CustomerRow, fake: FakeGateway, sync: SyncService, status: int
) -> None:
    ids = _messages(services, anna, 4, poison_at=1)
    fake.refuse_batch_when = lambda item: ("rejected", status) if _poisoned(item) else None

    report = sync.run_once()

    assert report.ok, report.error
    assert (report.accepted, report.rejected) == (3, 1)
    assert report.rejected_codes == {"gateway_refused": 1}
    state = _state(services)
    assert state[ids[1]] == (OutboxStatus.REJECTED.value, "gateway_refused")
    assert sorted(fake.sent_client_ids) == sorted(i for i in ids if i != ids[1])
    assert [len(b) for b in fake.failed_batches] == [4, 1]  # the batch, then the bad one
    # Nothing is left to retry: the next sync sends nothing.
    calls = len(fake.calls_of("send_messages", ok=None))
    assert sync.run_once().ok
    assert len(fake.calls_of("send_messages", ok=None)) == calls


def test_a_message_that_breaks_the_gateway_is_given_up_after_ten_hand_overs(
    services: Services, anna: CustomerRow, fake: FakeGateway, sync: SyncService
) -> None:
    """The PostgreSQL NUL of issue 8: the gateway answered 500 for the whole batch, and
    the desktop retried that batch for ever, innocent messages included."""
    ids = _messages(services, anna, 3, poison_at=0)
    fake.refuse_batch_when = lambda item: ("server_error", 500) if _poisoned(item) else None

    first = sync.run_once()
    # The batch failed; then each went alone: the innocent two are out, the bad one not.
    assert first.error is not None and first.error.kind == "server_error"
    state = _state(services)
    assert state[ids[1]] == state[ids[2]] == (OutboxStatus.ACCEPTED.value, None)
    assert state[ids[0]] == (OutboxStatus.QUEUED.value, None)
    assert [len(b) for b in fake.failed_batches] == [3, 1]

    # Meanwhile new messages are never held up by it: they go first, in their batch.
    later = _queue(services, anna, "Neu, später")
    second = sync.run_once()
    assert _state(services)[later] == (OutboxStatus.ACCEPTED.value, None)
    assert second.error is not None  # the bad one failed again, alone
    rounds = 2
    while _state(services)[ids[0]][0] == OutboxStatus.QUEUED.value:
        sync.run_once()
        rounds += 1
    assert _state(services)[ids[0]] == (OutboxStatus.FAILED.value, "too_many_attempts")
    poisoned = fake.calls_of("send_messages", ok=False)
    hand_overs = sum(ids[0] in [i.client_id for i in c.args["items"]] for c in poisoned)
    assert hand_overs == sync_module.MAX_GATEWAY_FAILURES == 10
    assert rounds == 9  # two hand-overs in the first round, one in each after

    # Given up means given up: no further hand-over, the sync is clean again.
    calls = len(fake.calls)
    report = sync.run_once()
    assert report.ok
    assert [c.method for c in fake.calls[calls:]] == ["events", "status"]
    # "Send again" gives it ten more tries.
    services.outbox.retry(next(r.id for r in outbox_messages(services.db) if r.client_id == ids[0]))
    assert _state(services)[ids[0]] == (OutboxStatus.QUEUED.value, None)
    fake.refuse_batch_when = None
    assert sync.run_once().ok
    assert _state(services)[ids[0]] == (OutboxStatus.ACCEPTED.value, None)


def test_a_gateway_failing_for_every_message_is_not_asked_a_hundred_times(
    services: Services, anna: CustomerRow, fake: FakeGateway, sync: SyncService
) -> None:
    ids = _messages(services, anna, 50, poison_at=-1)
    fake.refuse_batch_when = lambda item: ("server_error", 503)

    report = sync.run_once()

    assert report.error is not None and report.error.status == 503
    # The batch, then two alone: two in a row means the gateway, not a message.
    assert [len(b) for b in fake.failed_batches] == [50, 1, 1]
    assert {status for status, _ in _state(services).values()} == {OutboxStatus.QUEUED.value}
    fake.refuse_batch_when = None
    assert sync.run_once().ok
    assert sorted(fake.sent_client_ids) == sorted(ids)
    assert [len(b) for b in fake.batches] == [50]  # in one batch again, not fifty


def test_a_wrong_token_counts_against_no_message(
    services: Services, anna: CustomerRow, fake: FakeGateway, sync: SyncService
) -> None:
    [client_id] = _messages(services, anna, 1, poison_at=-1)
    for _ in range(sync_module.MAX_GATEWAY_FAILURES + 2):
        fake.fail_next(method="send_messages", kind="unauthorized", status=401)
        assert sync.run_once().error is not None
    [row] = [r for r in outbox_messages(services.db) if r.client_id == client_id]
    assert (row.status, row.gateway_failures) == (OutboxStatus.QUEUED.value, 0)


def test_network_trouble_counts_and_gives_up_only_after_ten(
    services: Services, anna: CustomerRow, fake: FakeGateway, sync: SyncService
) -> None:
    [client_id] = _messages(services, anna, 1, poison_at=-1)
    for n in range(1, sync_module.MAX_GATEWAY_FAILURES):
        fake.fail_next(method="send_messages", kind="unreachable")
        sync.run_once()
        [row] = [r for r in outbox_messages(services.db) if r.client_id == client_id]
        assert (row.status, row.gateway_failures) == (OutboxStatus.QUEUED.value, n)
    fake.fail_next(method="send_messages", kind="unreachable")
    report = sync.run_once()
    assert report.given_up == 1
    assert _state(services)[client_id] == (OutboxStatus.FAILED.value, "too_many_attempts")


def test_channel_unavailable_is_a_rejection_with_that_reason(
    services: Services, anna: CustomerRow, fake: FakeGateway, sync: SyncService
) -> None:
    row, _ = services.outbox.queue_message(
        anna.id, Channel.SMS, Category.SERVICE_INFO, "", "Ab Montag bis 20 Uhr geöffnet."
    )
    assert row is not None
    fake.reject_when = lambda item: "channel_unavailable" if item.channel == "sms" else None  # type: ignore[union-attr,return-value]
    report = sync.run_once()
    assert report.rejected_codes == {"channel_unavailable": 1}
    assert _state(services)[row.client_id] == (OutboxStatus.REJECTED.value, "channel_unavailable")


def test_a_consent_request_refused_alone_does_not_block_the_outbox(
    services: Services, anna: CustomerRow, salon: Salon, fake: FakeGateway, sync: SyncService
) -> None:
    [declared] = services.consent.declare(
        anna.id, [Channel.EMAIL], ConsentSource.PHONE, salon.reception.name, True
    )
    news = _queue(services, anna, "Ab Montag bis 20 Uhr geöffnet.")
    real = fake.request_consent

    def refuse(request: object) -> object:
        fake.fail_next(method="request_consent", kind="rejected", status=422)
        return real(request)  # type: ignore[arg-type]

    fake.request_consent = refuse  # type: ignore[assignment,method-assign]
    report = sync.run_once()
    assert report.ok, report.error
    state = _state(services)
    assert state[declared.request_id] == (OutboxStatus.REJECTED.value, "gateway_refused")
    assert state[news] == (OutboxStatus.ACCEPTED.value, None)


# ---- the gateway's own health (GET /v1/status) ----------------------------------------------
def test_each_sync_keeps_the_gateways_latest_status(
    services: Services, fake: FakeGateway, sync: SyncService
) -> None:
    since = datetime(2026, 11, 25, 9, 42, tzinfo=UTC)
    fake.gateway_status = GatewayStatus(
        {
            "email": TransportHealth("failing", "auth_failed", since),
            "sms": TransportHealth("unavailable"),
        }
    )
    report = sync.run_once()
    assert report.gateway_status == fake.gateway_status
    state = services.outbox.sync_state(GATEWAY_KEY)
    assert state["gateway_status"] == {
        "email": {"state": "failing", "error": "auth_failed", "since": since.isoformat()},
        "sms": {"state": "unavailable", "error": None, "since": None},
    }
    # A gateway without the endpoint (None), or one that cannot say: unknown, no warning.
    fake.gateway_status = None
    assert sync.run_once().ok
    assert services.outbox.sync_state(GATEWAY_KEY)["gateway_status"] is None
    fake.gateway_status = GatewayStatus({"email": TransportHealth("ok")})
    fake.fail_next(method="status", kind="server_error", status=500)
    assert sync.run_once().ok  # the messages still went
    assert services.outbox.sync_state(GATEWAY_KEY)["gateway_status"] is None
