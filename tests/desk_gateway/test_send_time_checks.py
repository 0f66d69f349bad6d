"""Right before each hand-over: an opt-out, a bounce or an erasure that arrived after the
round claimed its messages still stops the message; an outcome the database does not take
never makes a message go out twice; claims live as long as their worker, however long one
hand-over takes.
"""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DataError

from desk_gateway import outcomes
from desk_gateway.db.models import Message
from desk_gateway.email_transport import OutgoingEmail
from desk_gateway.sms.base import OutgoingSms, SentSms, SmsFault, SmsSendError
from desk_gateway.sms.capture import CaptureProvider
from desk_sql.errors import StorageError

from .support import MOBILE, Harness, message_item, one_link
from .test_leases import HookedTransport, worker


def deliveries(harness: Harness) -> Counter[str]:
    return Counter(m.to_address or "" for m in harness.emails())


def test_an_erasure_during_the_round_stops_the_customers_mail(harness: Harness) -> None:
    items = [message_item(to=f"k{n}@example.de", category="service_info") for n in range(3)]
    harness.post_messages(items)
    erased = items[2]

    def erase_while_the_first_goes_out(n: int, email: OutgoingEmail) -> None:
        if n == 1:
            response = harness.client.post(
                f"/v1/customers/{erased['customer_ref']}/erase", headers=harness.auth()
            )
            assert response.status_code == 200, response.text

    worker(harness, HookedTransport(harness, before=erase_while_the_first_goes_out)).run_once()

    assert deliveries(harness) == Counter({"k0@example.de": 1, "k1@example.de": 1})
    assert harness.event_types(client_id=erased["client_id"]) == [
        "message.accepted",
        "message.rejected",
    ]


def test_an_opt_out_during_the_round_stops_advertising_but_not_the_booking_mail(
    harness: Harness,
) -> None:
    address = "anna@example.de"
    first = message_item(to=address, category="transactional")
    advert = message_item(to=address, category="service_info", customer_ref=first["customer_ref"])
    booking = message_item(to=address, category="transactional", customer_ref=first["customer_ref"])
    harness.post_messages([first, message_item(to="ben@example.de"), advert, booking])

    def one_click_while_the_second_goes_out(n: int, email: OutgoingEmail) -> None:
        if n == 2:  # Anna's first mail is out: she clicks its one-click unsubscribe
            token = one_link(harness.emails(to=address)[0].text, "u")
            response = harness.client.post(
                f"/u/{token}",
                content=b"List-Unsubscribe=One-Click",
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
            assert response.status_code == 200

    worker(harness, HookedTransport(harness, before=one_click_while_the_second_goes_out)).run_once()

    assert deliveries(harness) == Counter({address: 2, "ben@example.de": 1})
    assert harness.message(advert["client_id"]).status == "rejected"
    assert harness.event_types(client_id=advert["client_id"]) == [
        "message.accepted",
        "message.rejected",
    ]
    assert harness.message(booking["client_id"]).status == "sent"


def test_an_outcome_the_database_did_not_take_is_written_before_anything_else_is_sent(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = [message_item(to=f"k{n}@example.de") for n in range(3)]
    harness.post_messages(items)
    real = outcomes.OutcomeWriter._write
    failures = iter([True])

    def database_gone_once(self: outcomes.OutcomeWriter, job: outcomes.Job, outcome: object):  # type: ignore[no-untyped-def]
        if next(failures, False):
            raise StorageError("unreachable", "connection refused")
        return real(self, job, outcome)  # type: ignore[arg-type]

    monkeypatch.setattr(outcomes.OutcomeWriter, "_write", database_gone_once)
    delivery = worker(harness)

    with pytest.raises(StorageError):
        delivery.run_once()
    assert deliveries(harness) == Counter({"k0@example.de": 1})
    delivery.run_once()
    harness.clock.advance(seconds=harness.gw.config.lease_seconds * 2)
    worker(harness).run_once()  # another worker, after every lease ran out

    assert deliveries(harness) == Counter({f"k{n}@example.de": 1 for n in range(3)})
    assert Counter(harness.event_types()) == Counter({"message.accepted": 3, "message.sent": 3})


def test_an_outcome_with_words_the_database_refuses_is_written_without_them(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = message_item(channel="sms", to=MOBILE)
    harness.post_messages([item])
    real = outcomes.OutcomeWriter._write
    calls: list[str] = []

    def refuses_the_first(self: outcomes.OutcomeWriter, job: outcomes.Job, outcome: object):  # type: ignore[no-untyped-def]
        calls.append(job.client_id)
        if len(calls) == 1:
            raise DataError("UPDATE messages", {}, Exception("invalid byte sequence"))
        return real(self, job, outcome)  # type: ignore[arg-type]

    monkeypatch.setattr(outcomes.OutcomeWriter, "_write", refuses_the_first)
    sms = CaptureProvider()
    worker(harness, sms=sms).run_once()
    harness.clock.advance(seconds=harness.gw.config.lease_seconds * 2)
    worker(harness, sms=sms).run_once()

    assert [s.reference for s in sms.sent] == [item["client_id"]]
    assert harness.message(item["client_id"]).status == "sent"


class LongIdProvider(CaptureProvider):
    """A relay that answers with an id longer than any provider's."""

    def send(self, sms: OutgoingSms) -> SentSms:
        super().send(sms)
        return SentSms(provider_id="x" * 500)


class NulProvider(CaptureProvider):
    def send(self, sms: OutgoingSms) -> SentSms:
        raise SmsSendError("refused\x00 by the\u2028network", kind=SmsFault.TEMPORARY)


def test_what_providers_say_is_stored_whatever_it_holds(harness: Harness) -> None:
    long_id, nul = (
        message_item(channel="sms", to=MOBILE),
        message_item(channel="sms", to="+4915112345678"),
    )
    harness.post_messages([long_id])
    sms = LongIdProvider()
    worker(harness, sms=sms).run_once()
    harness.post_messages([nul])
    worker(harness, sms=NulProvider()).run_once()

    sent = harness.message(long_id["client_id"])
    assert (sent.status, sent.provider_id) == ("sent", None)
    waiting = harness.message(nul["client_id"])
    assert waiting.status == "accepted" and waiting.attempts == 1
    assert waiting.last_error is not None and "\x00" not in waiting.last_error
    assert "\u2028" not in waiting.last_error


def test_a_hand_over_longer_than_the_lease_keeps_its_claim(harness: Harness) -> None:
    """The heartbeat renews the claims while one hand-over takes longer than the lease
    (a tarpitting SMTP server): no other worker takes the message meanwhile."""
    harness.post_messages([message_item(to="k0@example.de")])
    stolen: list[int] = []
    delivery = worker(harness)

    def very_slow(n: int, email: OutgoingEmail) -> None:
        for _ in range(3):  # three thirds of the lease, twice over
            harness.clock.advance(seconds=harness.gw.config.lease_seconds * 2 / 3)
            assert delivery.renew_claims() == 1  # what the heartbeat thread does
            stolen.append(worker(harness).run_once())

    delivery._email = HookedTransport(harness, before=very_slow)
    assert delivery.run_once() == 1

    assert stolen == [0, 0, 0]
    assert deliveries(harness) == Counter({"k0@example.de": 1})
    with harness.gw.db.read() as s:
        assert s.scalars(select(Message.status)).all() == ["sent"]


def test_the_heartbeat_runs_with_the_worker(harness: Harness) -> None:
    delivery = worker(harness)
    delivery.start()
    try:
        assert delivery._heartbeat is not None and delivery._heartbeat.is_alive()
    finally:
        delivery.stop()
    assert not delivery._heartbeat.is_alive()
