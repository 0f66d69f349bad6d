"""Twilio adapter: send through the Programmable Messaging REST API, read status callbacks
and inbound messages, answer inbound messages with TwiML.

What it speaks (Twilio's public documentation):

- Send: ``POST {base_url}/2010-04-01/Accounts/{AccountSid}/Messages.json``, HTTP basic auth
  (Account SID, Auth Token), form fields ``To``, ``From`` (or ``MessagingServiceSid`` when the
  sender is a Messaging Service SID ``MG…``), ``Body`` and ``StatusCallback``. Success is
  ``201`` with the Message resource as JSON (``sid``, ``status``, ``num_segments``, …); errors
  are JSON ``{"code", "message", "more_info", "status"}``
  (https://www.twilio.com/docs/messaging/api/message-resource,
  https://www.twilio.com/docs/usage/twilios-response).
- Webhooks are signed with ``X-Twilio-Signature``: base64(HMAC-SHA1(auth token, full URL +
  every POST parameter sorted by name, name and value concatenated)). For JSON bodies Twilio
  signs the URL only and puts the body's SHA-256 in the ``bodySHA256`` query parameter
  (https://www.twilio.com/docs/usage/webhooks/webhooks-security). Like Twilio's own helper
  libraries we accept the URL with and without the default port, because Twilio is not
  consistent about it.
- Status callbacks carry ``MessageSid``, ``MessageStatus`` and, on failure, ``ErrorCode``;
  inbound messages carry ``MessageSid``, ``From``, ``Body`` and ``SmsStatus=received``.

Twilio's error *messages* quote the recipient's number ("The 'To' number +49… is not a valid
phone number"), so they never go into exceptions or logs here: only the numeric code does.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Final
from urllib.parse import parse_qs, parse_qsl, urlsplit, urlunsplit
from xml.sax.saxutils import escape

import requests

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

DEFAULT_BASE_URL: Final = "https://api.twilio.com"
DEFAULT_TIMEOUT: Final = (3.05, 15.0)
SIGNATURE_HEADER: Final = "x-twilio-signature"

# Error codes in a status callback that say the number itself cannot take SMS: the customer's
# address is dead, not the network busy (https://www.twilio.com/docs/api/errors/<code>).
# 30003 "Unreachable destination handset" is deliberately NOT here: Twilio documents it as
# usually temporary (phone off, no signal), and a bounce would exclude the customer for good.
BOUNCE_ERROR_CODES: Final = frozenset(
    {
        "21211",  # invalid 'To' phone number
        "21614",  # 'To' number is not a valid mobile number
        "21635",  # 'To' number cannot be a landline
        "30005",  # unknown destination handset (number does not exist)
        "30006",  # landline or unreachable carrier
    }
)

# Send errors that are about the recipient's number: it can never take an SMS from us, so it
# is suppressed like a bounce (https://www.twilio.com/docs/api/errors/<code>).
RECIPIENT_SEND_CODES: Final = frozenset(
    {
        21211,  # invalid 'To' phone number
        21610,  # recipient replied STOP to this sender (unsubscribed)
        21614,  # 'To' number is not a valid mobile number
        21635,  # 'To' number cannot be a landline
    }
)
# Send errors about our sender or account: every message would fail the same way until an
# administrator fixes the configuration, so they are the gateway's own failure.
SENDER_SEND_CODES: Final = frozenset(
    {
        21212,  # invalid 'From' number
        21606,  # 'From' number is not a valid, SMS-capable number of this account
        21659,  # 'From' is not a Twilio phone number or short code
        21660,  # mismatch between 'From' and the account
    }
)
AUTH_SEND_CODES: Final = frozenset({20003})  # authentication failed
# Send errors about what our account may do: limits and settings an administrator changes in
# the Twilio console (the messages are fine and go out after that; counting tries against
# them would fail them all).
ACCOUNT_SEND_CODES: Final = frozenset(
    {
        21408,  # permission to send to this region (Messaging Geo Permissions) not enabled
        21608,  # trial account (or no approved compliance profile): 'To' not verified
        21609,  # invalid StatusCallback URL (the gateway's PUBLIC_URL)
        21611,  # the 'From' number's queue is full (over 10 hours of messages)
    }
)

# Twilio message states that mean "still on the way to the carrier": no event for those.
_PENDING_STATES: Final = frozenset({"accepted", "queued", "scheduled", "sending", "receiving"})
_MESSAGING_SERVICE_SID = re.compile(r"^MG[0-9a-fA-F]{32}$")
# Characters XML 1.0 does not allow; a stray control character would make Twilio reject the
# whole TwiML document.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Fields of the Message resource that carry no personal data; the rest (to, from, body) is
# dropped so nothing downstream stores or logs a number or a text by accident.
_SAFE_RESPONSE_FIELDS: Final = (
    "sid",
    "status",
    "num_segments",
    "num_media",
    "direction",
    "error_code",
    "price",
    "price_unit",
    "api_version",
    "date_created",
    "messaging_service_sid",
)


class TwilioProvider:
    """Twilio Programmable Messaging (SMS)."""

    name = "twilio"
    replies_inline = True

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        sender: str,
        base_url: str = DEFAULT_BASE_URL,
        timeout: tuple[float, float] | float = DEFAULT_TIMEOUT,
    ) -> None:
        if not account_sid or not auth_token:
            raise ValueError("Twilio needs an account SID and an auth token")
        self._account_sid = account_sid
        self._auth_token = auth_token
        self.sender = sender
        self._base_url = base_url.rstrip("/")
        self._timeout = timeout

    def __repr__(self) -> str:  # the token must not end up in a log line via repr()
        return f"TwilioProvider(account_sid={self._account_sid!r}, base_url={self._base_url!r})"

    # ---- sending --------------------------------------------------------------------------
    def send(self, sms: OutgoingSms) -> SentSms:
        url = f"{self._base_url}/2010-04-01/Accounts/{self._account_sid}/Messages.json"
        sender = sms.sender or self.sender
        form: dict[str, str] = {"To": sms.to, "Body": sms.text}
        if _MESSAGING_SERVICE_SID.match(sender):
            form["MessagingServiceSid"] = sender
        else:
            form["From"] = sender
        if sms.status_callback_url:
            form["StatusCallback"] = sms.status_callback_url
        response = http.post(
            "twilio",
            url,
            data=form,
            auth=(self._account_sid, self._auth_token),
            headers={"Accept": "application/json"},
            timeout=self._timeout,
        )

        payload = _json_object(response)
        if response.status_code in (200, 201) and payload and payload.get("sid"):
            provider_id = str(payload["sid"])
            log.info("twilio accepted message %s (%s)", provider_id, payload.get("status"))
            return SentSms(
                provider_id=provider_id,
                segments=_int_or_none(payload.get("num_segments")),
                raw={k: payload[k] for k in _SAFE_RESPONSE_FIELDS if k in payload},
            )
        raise _send_error(response.status_code, payload)

    # ---- webhooks -------------------------------------------------------------------------
    def parse_webhook(self, request: WebhookRequest) -> WebhookResult:
        """Verify ``X-Twilio-Signature`` and read a status callback or an inbound message.

        Raises SignatureError when the signature is missing or wrong, ValueError when a
        signed request carries nothing readable. The result's receipt identifies the
        signed request (Twilio's signature covers the URL and every parameter).
        """
        params = _request_params(request)
        self._verify(request, params)
        if _content_type(request) == "application/json":
            fields = _json_fields(request.body)
        else:
            fields = _flat(params)
        receipt = signature_receipt(request.headers.get(SIGNATURE_HEADER, ""))
        return replace(_read_fields(fields), receipt=receipt)

    def reply_body(self, reply_text: str | None) -> tuple[str, bytes]:
        """TwiML: an inline reply for inbound messages, or an empty ``<Response/>``."""
        declaration = '<?xml version="1.0" encoding="UTF-8"?>'
        if not reply_text:
            return "text/xml", f"{declaration}<Response/>".encode()
        text = escape(_XML_INVALID.sub("", reply_text))
        return (
            "text/xml",
            f"{declaration}<Response><Message>{text}</Message></Response>".encode(),
        )

    def _verify(self, request: WebhookRequest, params: list[tuple[str, str]]) -> None:
        signature = request.headers.get(SIGNATURE_HEADER, "")
        if not signature:
            raise SignatureError("twilio: X-Twilio-Signature missing")
        query = parse_qs(urlsplit(request.url).query)
        if _content_type(request) == "application/json" and "bodySHA256" not in query:
            raise SignatureError("twilio: JSON body without bodySHA256 is not signed")
        if "bodySHA256" in query:
            # JSON webhooks: the URL (with the body hash in it) is signed, the body is not.
            body_hash = hashlib.sha256(request.body).hexdigest()
            if not hmac.compare_digest(body_hash, query["bodySHA256"][0].lower()):
                raise SignatureError("twilio: body does not match bodySHA256")
            params = []
        for url in _url_variants(request.url):
            expected = compute_signature(self._auth_token, url, params)
            if hmac.compare_digest(expected.encode(), signature.strip().encode()):
                return
        raise SignatureError("twilio: signature does not match")


# ---- pure helpers (public for tests and the HTTP layer) -----------------------------------
def compute_signature(auth_token: str, url: str, params: Iterable[tuple[str, str]]) -> str:
    """Twilio's request signature: base64(HMAC-SHA1(token, url + sorted name/value pairs))."""
    grouped: dict[str, list[str]] = {}
    for key, value in params:
        grouped.setdefault(key, []).append(value)
    # Twilio sorts by name (case-sensitive, code point order); repeated names by value.
    data = url + "".join(key + value for key in sorted(grouped) for value in sorted(grouped[key]))
    digest = hmac.new(auth_token.encode(), data.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def _read_fields(fields: Mapping[str, str]) -> WebhookResult:
    status = fields.get("MessageStatus") or fields.get("SmsStatus") or ""
    if "Body" in fields or status == "received":
        sender = fields.get("From", "")
        if not sender:
            raise ValueError("twilio inbound message without From")
        return WebhookResult(
            inbound=(
                InboundSms(
                    sender=sender,
                    text=fields.get("Body", ""),
                    provider_id=fields.get("MessageSid") or fields.get("SmsSid") or None,
                ),
            )
        )

    provider_id = fields.get("MessageSid") or fields.get("SmsSid") or ""
    if not provider_id or not status:
        raise ValueError("twilio callback without MessageSid/MessageStatus")
    error_code = fields.get("ErrorCode") or None
    mapped = map_status(status, error_code)
    if mapped is None:
        return WebhookResult()
    return WebhookResult(
        statuses=(StatusUpdate(provider_id=provider_id, status=mapped, error_code=error_code),)
    )


def map_status(status: str, error_code: str | None) -> SmsStatus | None:
    """Twilio MessageStatus (+ ErrorCode) → gateway status; None for in-flight states."""
    status = status.lower()
    if status == "sent":
        return SmsStatus.SENT
    if status in ("delivered", "read"):
        return SmsStatus.DELIVERED
    if status in ("undelivered", "failed", "canceled"):
        if error_code and error_code in BOUNCE_ERROR_CODES:
            return SmsStatus.BOUNCED
        return SmsStatus.FAILED
    if status not in _PENDING_STATES:
        log.warning("twilio: unknown message status %r ignored", status[:32])
    return None


def _send_error(status_code: int, payload: Mapping[str, object] | None) -> SmsSendError:
    code = _int_or_none(payload.get("code")) if payload else None
    label = f"twilio: HTTP {status_code}" + (f", error {code}" if code is not None else "")
    kind, error = _classify(status_code, code)
    log.warning("%s (%s)", label, kind.value)
    return SmsSendError(label, status_code=status_code, kind=kind, error=error)


def _classify(status_code: int, code: int | None) -> tuple[SmsFault, str]:
    """Whose problem a refused send is: the number's, this message's, or ours."""
    if code in RECIPIENT_SEND_CODES:
        return SmsFault.RECIPIENT, "invalid_number"
    if code in AUTH_SEND_CODES or status_code in (401, 403):
        # Wrong credentials or a suspended account: an administrator fixes them, after
        # which the same messages go through.
        return SmsFault.TRANSPORT, "auth_failed"
    if code in SENDER_SEND_CODES:
        return SmsFault.TRANSPORT, "sender_refused"
    if code in ACCOUNT_SEND_CODES:
        return SmsFault.TRANSPORT, "provider_error"
    # Otherwise the status decides; another 4xx means Twilio refused this request as
    # invalid (21617 text too long, 21602 no text, …): the same request gets the same no.
    return http_fault(status_code)


def _content_type(request: WebhookRequest) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _request_params(request: WebhookRequest) -> list[tuple[str, str]]:
    """All POST parameters in wire form, read from the raw body: Twilio's signature covers
    them (empty and repeated ones too), so they are read before it can be checked. Only the
    two bodies Twilio sends are accepted; a JSON body counts only with its ``bodySHA256``."""
    content_type = _content_type(request)
    if content_type == "application/json":
        return []
    if content_type not in ("application/x-www-form-urlencoded", ""):
        raise SignatureError("twilio: not a Twilio request body (content type)")
    if not request.body:
        return []
    try:
        text = request.body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError("twilio webhook body is not UTF-8") from exc
    return parse_qsl(text, keep_blank_values=True)


def _json_fields(body: bytes) -> dict[str, str]:
    """Parameters of a JSON-bodied webhook (the ``bodySHA256`` variant), as strings."""
    if not body:
        return {}
    try:
        payload = json.loads(body)
    except ValueError as exc:
        raise ValueError("twilio webhook body is neither form data nor JSON") from exc
    if not isinstance(payload, dict):
        raise ValueError("twilio JSON webhook is not an object")
    return {str(k): str(v) for k, v in payload.items() if v is not None}


def _flat(params: list[tuple[str, str]]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for key, value in params:
        fields.setdefault(key, value)
    return fields


def _url_variants(url: str) -> list[str]:
    """The URL as given, plus with the default port added or removed."""
    parts = urlsplit(url)
    variants = [url]
    default_port = {"https": 443, "http": 80}.get(parts.scheme)
    host = parts.hostname or ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    userinfo = parts.netloc.rpartition("@")[0]
    prefix = f"{userinfo}@" if userinfo else ""
    if parts.port is not None:
        variants.append(urlunsplit(parts._replace(netloc=f"{prefix}{host}")))
    elif default_port is not None:
        variants.append(urlunsplit(parts._replace(netloc=f"{prefix}{host}:{default_port}")))
    return variants


def _json_object(response: requests.Response) -> dict[str, object] | None:
    try:
        payload = response.json()
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None


def _int_or_none(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None
