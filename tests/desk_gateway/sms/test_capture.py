"""The capture adapter: in-memory, thread-safe, unsigned generic webhooks."""

from __future__ import annotations

import json
import threading

import pytest

from desk_gateway.sms.base import (
    InboundSms,
    OutgoingSms,
    SmsSendError,
    SmsStatus,
    StatusUpdate,
    WebhookRequest,
)
from desk_gateway.sms.capture import CaptureProvider


def sms(n: int) -> OutgoingSms:
    return OutgoingSms(to="+4915112345678", text=f"Nachricht {n}", sender="Salon", reference=str(n))


def test_sent_messages_are_kept_in_order_with_sequential_ids() -> None:
    provider = CaptureProvider()

    first = provider.send(sms(1))
    second = provider.send(sms(2))

    assert (first.provider_id, second.provider_id) == ("capture-1", "capture-2")
    assert [m.reference for m in provider.sent] == ["1", "2"]
    assert [pid for pid, _ in provider.sent_with_ids] == ["capture-1", "capture-2"]


def test_sent_is_a_copy() -> None:
    provider = CaptureProvider()
    provider.send(sms(1))

    provider.sent.clear()

    assert len(provider.sent) == 1


def test_concurrent_sends_lose_nothing_and_ids_stay_unique() -> None:
    provider = CaptureProvider()

    def worker(start: int) -> None:
        for n in range(start, start + 200):
            provider.send(sms(n))

    threads = [threading.Thread(target=worker, args=(i * 1000,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    ids = [pid for pid, _ in provider.sent_with_ids]
    assert len(ids) == 1600
    assert len(set(ids)) == 1600


def test_fail_next_raises_once() -> None:
    provider = CaptureProvider()
    provider.fail_next(permanent=True, status_code=400)

    with pytest.raises(SmsSendError) as raised:
        provider.send(sms(1))

    assert raised.value.permanent is True
    assert provider.send(sms(2)).provider_id == "capture-1"
    assert [m.reference for m in provider.sent] == ["2"]


def test_unsigned_generic_webhooks_are_read() -> None:
    provider = CaptureProvider()
    body = json.dumps(
        [
            {"type": "status", "id": "capture-1", "status": "delivered"},
            {"type": "inbound", "id": "in-1", "from": "+4915112345678", "text": "STOP"},
        ]
    ).encode()

    result = provider.parse_webhook(
        WebhookRequest("http://127.0.0.1:8000/hooks/capture", "POST", {}, body, {})
    )

    assert result.statuses == (StatusUpdate("capture-1", SmsStatus.DELIVERED, None),)
    assert result.inbound == (InboundSms(sender="+4915112345678", text="STOP", provider_id="in-1"),)


def test_reply_body_is_empty() -> None:
    assert CaptureProvider().reply_body("x")[1] == b""
