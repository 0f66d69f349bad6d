"""Capture adapter: keeps "sent" SMS in memory instead of sending them.

Used by the in-process demo (the local mailbox page shows what would have gone out) and by
tests. Its webhooks use the generic JSON event format of ``desk_gateway.sms.webhook`` but
unsigned: the demo gateway only listens on loopback, and nothing secret is involved.
"""

from __future__ import annotations

import itertools
import threading

from desk_gateway.sms.base import (
    OutgoingSms,
    SentSms,
    SmsFault,
    SmsSendError,
    WebhookRequest,
    WebhookResult,
)
from desk_gateway.sms.webhook import parse_events


class CaptureProvider:
    """Thread-safe in-memory SMS sink with provider ids ``capture-1``, ``capture-2``, …"""

    name = "capture"
    replies_inline = False

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sent: list[tuple[str, OutgoingSms]] = []
        self._ids = itertools.count(1)
        self._failures: list[SmsSendError] = []

    @property
    def sent(self) -> list[OutgoingSms]:
        """A copy of everything sent so far, oldest first."""
        with self._lock:
            return [sms for _, sms in self._sent]

    @property
    def sent_with_ids(self) -> list[tuple[str, OutgoingSms]]:
        """Like ``sent``, with the provider id each message got."""
        with self._lock:
            return list(self._sent)

    def clear(self) -> None:
        with self._lock:
            self._sent.clear()

    def fail_next(
        self,
        permanent: bool = False,
        status_code: int | None = None,
        kind: SmsFault | None = None,
        error: str | None = None,
    ) -> None:
        """Make the next ``send`` raise SmsSendError (to exercise retries in tests)."""
        with self._lock:
            self._failures.append(
                SmsSendError("capture: failure requested", permanent, status_code, kind, error)
            )

    def send(self, sms: OutgoingSms) -> SentSms:
        with self._lock:
            if self._failures:
                raise self._failures.pop(0)
            provider_id = f"capture-{next(self._ids)}"
            self._sent.append((provider_id, sms))
        return SentSms(provider_id=provider_id, segments=None, raw={"id": provider_id})

    def parse_webhook(self, request: WebhookRequest) -> WebhookResult:
        return parse_events(request.body)

    def reply_body(self, reply_text: str | None) -> tuple[str, bytes]:
        return "text/plain; charset=utf-8", b""
