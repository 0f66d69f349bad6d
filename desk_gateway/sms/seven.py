"""seven.io adapter (formerly sms77): send through the REST API, read status-report (``dlr``)
and inbound-SMS (``sms_mo``) webhooks.

What it speaks (seven.io's public documentation):

- Send: ``POST {base_url}/api/sms`` with header ``X-Api-Key`` and a JSON body
  ``{"to", "text", "from", "foreign_id"}`` (https://docs.seven.io/en/rest-api/endpoints/sms).
  The answer is JSON ``{"success": "100", "total_price", "balance", "debug", "sms_type",
  "messages": [{"id", "recipient", "parts", "success", "error", "error_text", …}]}``
  (seven's OpenAPI schema ``SmsResponse``, github.com/seven-io/api-schemes). Failures come as a
  return code instead of ``100``: either in ``success``/``messages[].error`` or, for account
  problems such as a wrong API key, as a bare number (``900``) for the whole body. The codes
  are those of seven's client libraries (github.com/seven-io/js-client, ``ErrorCode``).
- Webhooks (https://docs.seven.io/en/rest-api/webhooks) must be registered with
  ``request_method=JSON``; bodies look like
  ``{"webhook_event": "dlr", "webhook_timestamp": …, "data": {"msg_id", "status", "timestamp"}}``
  and ``{"webhook_event": "sms_mo", "data": {"id", "sender", "system", "text", "time"}}``.
  Status reports: DELIVERED, NOTDELIVERED, BUFFERED, TRANSMITTED, ACCEPTED, EXPIRED, REJECTED,
  FAILED, UNKNOWN (https://docs.seven.io/en/rest-api/endpoints/status-reports).
- Signature: seven.io signs every webhook with the account's signing key and sends
  ``X-Signature``, ``X-Timestamp`` and ``X-Nonce`` (https://docs.seven.io/en/rest-api/webhooks).
  The signed string is ``timestamp \\n nonce \\n HTTP method \\n full URL \\n MD5-hex(body)``,
  the MAC is hex HMAC-SHA256 with the signing key (https://docs.seven.io/en/rest-api/signing;
  seven's own ``WebhookVerifier`` in seven-io/js-client computes exactly this). When
  ``signing_secret`` is set we verify it in constant time and reject timestamps more than
  ``max_age`` seconds away from our clock (default 300 s, as seven's verifier); without a
  secret webhooks are accepted unverified (and a warning is logged once), which is only
  acceptable behind a source-IP filter (seven documents its sending addresses on the same page).

The send request itself is not signed: seven documents request signing as optional.
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
    signature_receipt,
)

log = logging.getLogger(__name__)

DEFAULT_BASE_URL: Final = "https://gateway.seven.io"
DEFAULT_TIMEOUT: Final = (3.05, 15.0)
DEFAULT_MAX_AGE: Final = 300
SUCCESS_CODE: Final = 100

# Return codes (seven's client libraries, ``ErrorCode``) by whose problem they are.
RECIPIENT_CODES: Final = frozenset(
    {
        201,  # country code invalid
        202,  # recipient number invalid
    }
)
# This message can never go out as it is. 402 ("reload lock") means seven saw the identical
# SMS within the last minutes and refused it as a duplicate: an earlier attempt most likely
# went out, so retrying must stop (but the number is fine).
MESSAGE_CODES: Final = frozenset(
    {
        301,  # parameter "to" missing
        305,  # parameter "text" missing
        400,  # invalid type
        401,  # text too long
        402,  # reload lock (duplicate within the lock period)
    }
)
# Our account or configuration: every message fails alike until an administrator acts.
TRANSPORT_CODES: Final[Mapping[int, str]] = {
    306: "sender_refused",  # sender invalid
    500: "provider_error",  # too little credit
    900: "auth_failed",  # API key wrong
    902: "auth_failed",  # API key has no access to this endpoint
    903: "auth_failed",  # server IP not allowed
}
# Everything else (403 daily limit for the number, 600 carrier failed, 700 unknown) passes:
# the message is retried later.

STATUS_MAP: Final[Mapping[str, SmsStatus]] = {
    "DELIVERED": SmsStatus.DELIVERED,
    # "The SMS could not be delivered. Please check the recipient number": seven's final,
    # number-related negative report (expiry and operator rejection have their own states).
    "NOTDELIVERED": SmsStatus.BOUNCED,
    "REJECTED": SmsStatus.FAILED,
    "EXPIRED": SmsStatus.FAILED,
    "FAILED": SmsStatus.FAILED,
    "TRANSMITTED": SmsStatus.SENT,
    "ACCEPTED": SmsStatus.SENT,
    # "Sent successfully, but temporarily stored by the SMSC": handed over, not delivered.
    "BUFFERED": SmsStatus.SENT,
}

# seven's documented pattern for foreign_id.
_FOREIGN_ID = re.compile(r"^[A-Za-z0-9.\-_@]+$")


class SevenProvider:
    """seven.io SMS gateway."""

    name = "seven"
    replies_inline = False

    def __init__(
        self,
        api_key: str,
        sender: str,
        base_url: str = DEFAULT_BASE_URL,
        signing_secret: str | None = None,
        timeout: tuple[float, float] | float = DEFAULT_TIMEOUT,
        max_age: int = DEFAULT_MAX_AGE,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if not api_key:
            raise ValueError("seven.io needs an API key")
        self._api_key = api_key
        self.sender = sender
        self._base_url = base_url.rstrip("/")
        self._signing_secret = signing_secret or None
        self._timeout = timeout
        self._max_age = max_age
        self._clock = clock
        if self._signing_secret is None:
            log.warning("seven.io webhooks will be accepted without signature check")

    def __repr__(self) -> str:  # keep the API key out of any repr() in a log line
        return f"SevenProvider(base_url={self._base_url!r})"

    # ---- sending --------------------------------------------------------------------------
    def send(self, sms: OutgoingSms) -> SentSms:
        body: dict[str, str] = {"to": sms.to, "text": sms.text}
        sender = sms.sender or self.sender
        if sender:
            body["from"] = sender
        if sms.reference and _FOREIGN_ID.match(sms.reference):
            body["foreign_id"] = sms.reference
        response = http.post(
            "seven",
            f"{self._base_url}/api/sms",
            json=body,
            headers={"X-Api-Key": self._api_key, "Accept": "application/json"},
            timeout=self._timeout,
        )

        status = response.status_code
        if status == 429 or status >= 500 or status in (401, 403):
            raise _error(status, None)

        try:
            payload = response.json()
        except ValueError:
            payload = response.text.strip()
        if isinstance(payload, dict):
            return _sent_or_raise(status, payload)
        code = _int_or_none(payload)
        if code is not None and code != SUCCESS_CODE:
            raise _error(status, code)
        # Neither the documented JSON nor a return code: seven is not itself. Tried again
        # after a pause (seven's reload lock refuses an identical resend within minutes).
        raise SmsSendError(
            f"seven: unexpected answer (HTTP {status})",
            status_code=status,
            kind=SmsFault.TRANSPORT,
            error="provider_error",
        )

    # ---- webhooks -------------------------------------------------------------------------
    def parse_webhook(self, request: WebhookRequest) -> WebhookResult:
        """Verify the signature (when a signing secret is configured) and read ``dlr`` and
        ``sms_mo`` events; other events give an empty result. Raises SignatureError or, for
        a body that is not the documented JSON, ValueError. A signed request's result carries
        its receipt (the signature covers timestamp, nonce, method, URL and body)."""
        receipt = None
        if self._signing_secret is not None:
            self._verify(request)
            receipt = signature_receipt(request.headers.get("x-signature", ""))
        return replace(self._read(request), receipt=receipt)

    def _read(self, request: WebhookRequest) -> WebhookResult:
        try:
            payload = json.loads(request.body or b"null")
        except ValueError as exc:
            raise ValueError("seven webhook is not JSON (register it with JSON method)") from exc
        if not isinstance(payload, dict) or not isinstance(payload.get("data"), dict):
            raise ValueError("seven webhook without data object")
        event = payload.get("webhook_event")
        data: dict[str, object] = payload["data"]

        if event == "dlr":
            msg_id = _text(data.get("msg_id"))
            raw_status = _text(data.get("status")).upper()
            if not msg_id or not raw_status:
                raise ValueError("seven dlr without msg_id/status")
            mapped = STATUS_MAP.get(raw_status)
            if mapped is None:
                return WebhookResult()
            error = raw_status if mapped in (SmsStatus.FAILED, SmsStatus.BOUNCED) else None
            return WebhookResult(
                statuses=(StatusUpdate(provider_id=msg_id, status=mapped, error_code=error),)
            )
        if event == "sms_mo":
            sender = _e164(_text(data.get("sender")))
            if not sender:
                raise ValueError("seven sms_mo without sender")
            return WebhookResult(
                inbound=(
                    InboundSms(
                        sender=sender,
                        text="" if data.get("text") is None else str(data["text"]),
                        provider_id=_text(data.get("id")) or None,
                    ),
                )
            )
        return WebhookResult()

    def reply_body(self, reply_text: str | None) -> tuple[str, bytes]:
        """seven.io takes no inline reply; any 2xx ends the delivery."""
        return "text/plain; charset=utf-8", b""

    def _verify(self, request: WebhookRequest) -> None:
        assert self._signing_secret is not None
        signature = request.headers.get("x-signature", "").strip().lower()
        timestamp = request.headers.get("x-timestamp", "").strip()
        nonce = request.headers.get("x-nonce", "").strip()
        if not signature or not timestamp or not nonce:
            raise SignatureError("seven: X-Signature, X-Timestamp or X-Nonce missing")
        try:
            sent_at = int(timestamp)
        except ValueError as exc:
            raise SignatureError("seven: X-Timestamp is not a number") from exc
        if abs(self._clock() - sent_at) > self._max_age:
            raise SignatureError("seven: webhook timestamp outside the allowed window")
        expected = compute_signature(
            self._signing_secret, timestamp, nonce, request.method, request.url, request.body
        )
        if not hmac.compare_digest(expected.encode(), signature.encode()):
            raise SignatureError("seven: signature does not match")


# ---- pure helpers ---------------------------------------------------------------------------
def compute_signature(
    secret: str, timestamp: str, nonce: str, method: str, url: str, body: bytes
) -> str:
    """seven.io's signature: hex HMAC-SHA256 over timestamp, nonce, method, URL, MD5(body)."""
    body_md5 = hashlib.md5(body).hexdigest()
    signed = "\n".join((timestamp, nonce, method.upper(), url, body_md5))
    return hmac.new(secret.encode(), signed.encode(), hashlib.sha256).hexdigest()


def _sent_or_raise(status: int, payload: Mapping[str, object]) -> SentSms:
    success = _int_or_none(payload.get("success"))
    messages = payload.get("messages")
    message = messages[0] if isinstance(messages, list) and messages else None
    if not isinstance(message, dict):
        message = {}
    if success == SUCCESS_CODE and message.get("success", True) and message.get("id"):
        provider_id = str(message["id"])
        log.info("seven accepted message %s", provider_id)
        return SentSms(
            provider_id=provider_id,
            segments=_int_or_none(message.get("parts")),
            raw=_safe_raw(payload, message),
        )
    # A message-level error code says more than the overall one (101 = "failed for at
    # least one recipient").
    code = _int_or_none(message.get("error")) or success
    raise _error(status, code)


def _safe_raw(payload: Mapping[str, object], message: Mapping[str, object]) -> dict[str, object]:
    """The answer without recipient, sender and text, so no personal data travels on."""
    raw: dict[str, object] = {
        k: payload[k] for k in ("success", "sms_type", "total_price", "debug") if k in payload
    }
    raw["message"] = {
        k: message[k] for k in ("id", "parts", "price", "encoding", "success") if k in message
    }
    return raw


def _error(status: int, code: int | None) -> SmsSendError:
    label = f"seven: HTTP {status}" + (f", code {code}" if code is not None else "")
    kind, error = _classify(status, code)
    log.warning("%s (%s)", label, kind.value)
    return SmsSendError(label, status_code=status, kind=kind, error=error)


def _classify(status: int, code: int | None) -> tuple[SmsFault, str]:
    """Whose problem a refused send is: the number's, this message's, or ours."""
    if status in (401, 403):
        return SmsFault.TRANSPORT, "auth_failed"
    if status >= 500:
        return SmsFault.TRANSPORT, "server_error"
    if status == 429:
        return SmsFault.TRANSPORT, "provider_error"
    if code in RECIPIENT_CODES:
        return SmsFault.RECIPIENT, "invalid_number"
    if code in MESSAGE_CODES:
        return SmsFault.MESSAGE, "refused"
    if code is not None and code in TRANSPORT_CODES:
        return SmsFault.TRANSPORT, TRANSPORT_CODES[code]
    return SmsFault.TEMPORARY, "temporary"


def _e164(number: str) -> str:
    """seven reports numbers as digits without '+' (``4917…``); the gateway wants E.164."""
    number = number.strip().replace(" ", "")
    if number.startswith("00") and number[2:].isdigit():
        return "+" + number[2:]
    if number.isdigit():
        return "+" + number
    return number


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _int_or_none(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None
