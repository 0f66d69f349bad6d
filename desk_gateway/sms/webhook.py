"""Generic JSON webhook adapter: lets any SMS provider (or an in-house relay) plug into the
gateway through a small, signed JSON format that we publish and keep stable.

Format "Salon Desk SMS webhook v1"
==================================

Signature (both directions)
---------------------------
Every request carries two headers::

    X-Desk-Timestamp: 1764057600                      (unix seconds, when it was signed)
    X-Desk-Signature: sha256=<hex>

``<hex>`` is the lowercase hex HMAC-SHA256, keyed with the shared secret (UTF-8), over the
bytes ``f"{timestamp}."`` followed by the raw request body, exactly as sent. Receivers compare
in constant time and reject requests whose timestamp is more than 5 minutes away from their
clock (either way). Within those 5 minutes the gateway refuses a second request with the
same signature (HTTP 409, code ``replayed``): send every event once, with its own timestamp.

Sending (gateway → your ``send_url``)
-------------------------------------
``POST send_url`` with ``Content-Type: application/json`` and the body::

    {"to": "+4915112345678", "text": "…", "from": "SalonMaria", "reference": "<message id>"}

``to`` is E.164; ``from`` an alphanumeric sender (≤ 11 characters) or a number; ``reference``
is the gateway's message id and stays the same when the gateway retries a message, so use it
to drop duplicates. Answer:

- ``2xx`` with ``{"id": "<your message id>"}`` (``"segments": n`` optional): accepted. The id
  is what your status webhooks refer to: at most 120 printable characters. A longer id (or
  one with control characters) is not kept: the SMS counts as sent, but its status webhooks
  cannot be matched.
- ``408``, ``429``, ``5xx``, no answer, ``401``/``403`` (credentials being fixed): your side is
  not working; the gateway pauses all SMS (growing pauses) and tries again, and the message
  keeps all its tries.
- any other ``4xx``: the message is given up; the number stays usable. A JSON body
  ``{"error": "<code>", "permanent": false}`` turns it into a retry of this message instead
  (and ``"permanent": true`` gives up on a ``5xx``); ``"recipient": true`` says the number
  itself can never take an SMS (unknown, not a mobile): the gateway then stops texting it.
  ``error`` is a short code (letters, digits, ``_ . -``), never free text: it ends up in the
  gateway's logs.

Webhooks (your system → gateway ``POST /hooks/webhook``)
-------------------------------------------------------
Signed as above, ``Content-Type: application/json``, the body one event or a JSON array of
events::

    {"type": "status", "id": "<your message id>", "status": "sent|delivered|failed|bounced",
     "error": "<optional code>"}
    {"type": "inbound", "id": "<your id>", "from": "+4915112345678", "text": "STOP"}

``bounced`` means the number is permanently unusable (unknown, not a mobile); ``failed`` is
anything else. Events of other types are ignored, so the format can grow. The gateway answers
``2xx`` with an empty body; ``403`` means a bad signature or an old timestamp, ``409`` (code
``replayed``) a request it has taken already, ``400`` a body that is not this format.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Final

from desk_gateway.sms import http
from desk_gateway.sms.base import (
    InboundSms,
    OutgoingSms,
    SentSms,
    SignatureError,
    SmsFault,
    SmsSendError,
    SmsStatus,
    StatusUpdate,
    WebhookRequest,
    WebhookResult,
    http_fault,
    signature_receipt,
)

log = logging.getLogger(__name__)

SIGNATURE_HEADER: Final = "X-Desk-Signature"
TIMESTAMP_HEADER: Final = "X-Desk-Timestamp"
MAX_AGE_SECONDS: Final = 300
DEFAULT_TIMEOUT: Final = (3.05, 15.0)

_ERROR_CODE: Final = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
_STATUSES: Final = {
    "sent": SmsStatus.SENT,
    "delivered": SmsStatus.DELIVERED,
    "failed": SmsStatus.FAILED,
    "bounced": SmsStatus.BOUNCED,
}


def sign(secret: str, timestamp: int | str, body: bytes) -> str:
    """The ``X-Desk-Signature`` value for ``body`` signed at ``timestamp``."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(
    secret: str,
    headers: Mapping[str, str],
    body: bytes,
    now: float,
    max_age: int = MAX_AGE_SECONDS,
) -> None:
    """Check signature and age of a signed request (headers with lower-case names);
    raise SignatureError if either fails."""
    signature = headers.get(SIGNATURE_HEADER.lower(), "").strip()
    timestamp = headers.get(TIMESTAMP_HEADER.lower(), "").strip()
    if not signature or not timestamp:
        raise SignatureError("webhook: signature or timestamp header missing")
    try:
        signed_at = int(timestamp)
    except ValueError as exc:
        raise SignatureError("webhook: timestamp is not unix seconds") from exc
    if abs(now - signed_at) > max_age:
        raise SignatureError("webhook: timestamp outside the allowed window")
    expected = sign(secret, timestamp, body)
    if not hmac.compare_digest(expected.encode(), signature.lower().encode()):
        raise SignatureError("webhook: signature does not match")


def parse_events(body: bytes) -> WebhookResult:
    """Read the v1 event JSON (one object or an array); ValueError if it is malformed."""
    try:
        payload = json.loads(body)
    except ValueError as exc:
        raise ValueError("webhook body is not JSON") from exc
    events = payload if isinstance(payload, list) else [payload]
    statuses: list[StatusUpdate] = []
    inbound: list[InboundSms] = []
    for event in events:
        if not isinstance(event, dict):
            raise ValueError("webhook event is not an object")
        kind = event.get("type")
        if kind == "status":
            provider_id = _required(event, "id")
            status = _STATUSES.get(_required(event, "status").lower())
            if status is None:
                raise ValueError("webhook status event with unknown status")
            error = event.get("error")
            statuses.append(
                StatusUpdate(
                    provider_id=provider_id,
                    status=status,
                    error_code=str(error) if error not in (None, "") else None,
                )
            )
        elif kind == "inbound":
            text = event.get("text")
            inbound.append(
                InboundSms(
                    sender=_required(event, "from"),
                    text="" if text is None else str(text),
                    provider_id=str(event["id"]) if event.get("id") not in (None, "") else None,
                )
            )
        # Other types are ignored on purpose: the format may grow without breaking us.
    return WebhookResult(statuses=tuple(statuses), inbound=tuple(inbound))


class WebhookProvider:
    """Any provider that speaks the signed JSON format described in this module."""

    name = "webhook"
    replies_inline = False

    def __init__(
        self,
        send_url: str,
        secret: str,
        sender: str,
        timeout: tuple[float, float] | float = DEFAULT_TIMEOUT,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if not send_url or not secret:
            raise ValueError("the SMS webhook needs a send URL and a secret")
        self._send_url = send_url
        self._secret = secret
        self.sender = sender
        self._timeout = timeout
        self._clock = clock

    def __repr__(self) -> str:  # keep the secret out of any repr() in a log line
        return f"WebhookProvider(send_url={self._send_url!r})"

    def send(self, sms: OutgoingSms) -> SentSms:
        payload = {
            "to": sms.to,
            "text": sms.text,
            "from": sms.sender or self.sender,
            "reference": sms.reference,
        }
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        timestamp = int(self._clock())
        headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            TIMESTAMP_HEADER: str(timestamp),
            SIGNATURE_HEADER: sign(self._secret, timestamp, body),
        }
        response = http.post(
            "webhook", self._send_url, data=body, headers=headers, timeout=self._timeout
        )

        status = response.status_code
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            answer = {}
        if 200 <= status < 300:
            provider_id = answer.get("id")
            if provider_id in (None, ""):
                # Breach of the format: we cannot correlate reports. The receiver is told to
                # drop duplicates by reference, so a retry is the safe side.
                raise SmsSendError(
                    "webhook: answer without id",
                    status_code=status,
                    kind=SmsFault.TRANSPORT,
                    error="provider_error",
                )
            segments = answer.get("segments")
            return SentSms(
                provider_id=str(provider_id),
                segments=segments if isinstance(segments, int) else None,
                raw={"id": str(provider_id), "status_code": status},
            )

        kind, code = _classify(status, answer)
        # Only a code-like "error" is passed on: free text might quote the number.
        error = str(answer.get("error") or "")
        label = f"webhook: HTTP {status}" + (f", error {error}" if _ERROR_CODE.match(error) else "")
        log.warning("%s (%s)", label, kind.value)
        raise SmsSendError(label, status_code=status, kind=kind, error=code)

    def parse_webhook(self, request: WebhookRequest) -> WebhookResult:
        verify(self._secret, request.headers, request.body, now=self._clock())
        receipt = signature_receipt(request.headers.get(SIGNATURE_HEADER.lower(), ""))
        return replace(parse_events(request.body), receipt=receipt)

    def reply_body(self, reply_text: str | None) -> tuple[str, bytes]:
        """The format has no inline reply: replies are sent as ordinary messages."""
        return "text/plain; charset=utf-8", b""


def _classify(status: int, answer: Mapping[str, object]) -> tuple[SmsFault, str]:
    """Whose problem a refused send is (see "Sending" above)."""
    permanent = answer.get("permanent")
    if answer.get("recipient") is True:
        return SmsFault.RECIPIENT, "invalid_number"
    if permanent is True:
        return SmsFault.MESSAGE, "refused"
    if permanent is False:
        return SmsFault.TEMPORARY, "temporary"
    return http_fault(status)


def _required(event: dict[str, object], key: str) -> str:
    value = event.get(key)
    if value is None or str(value).strip() == "":
        raise ValueError(f"webhook event without {key!r}")
    return str(value).strip()
