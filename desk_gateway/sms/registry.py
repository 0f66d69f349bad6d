"""Builds the configured SMS provider from plain settings (the gateway's environment).

Settings per kind (names as in the environment; empty values count as missing):

=========  ===========================================================================
capture    (none)
none       (none: no SMS at all)
twilio     TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, SMS_SENDER; optional TWILIO_BASE_URL
seven      SEVEN_API_KEY, SMS_SENDER; optional SEVEN_SIGNING_SECRET, SEVEN_BASE_URL
webhook    SMS_WEBHOOK_URL, SMS_WEBHOOK_SECRET, SMS_SENDER
=========  ===========================================================================

Optional for all HTTP kinds: ``SMS_TIMEOUT`` (seconds to wait for an answer; connecting gets
at most 3.05 s). Errors name the missing or broken key, never its value: values are secrets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from desk_gateway.sms.base import SmsProvider
from desk_gateway.sms.capture import CaptureProvider
from desk_gateway.sms.none import NoSmsProvider
from desk_gateway.sms.seven import SevenProvider
from desk_gateway.sms.twilio import TwilioProvider
from desk_gateway.sms.webhook import WebhookProvider

KINDS: Final = ("capture", "twilio", "seven", "webhook", "none")
CONNECT_TIMEOUT: Final = 3.05
DEFAULT_READ_TIMEOUT: Final = 15.0

# DESIGN 2.3: an alphanumeric sender has at most 11 characters and needs a letter (else
# networks take it for a number); a numeric one is a phone number (seven accepts up to 16
# digits, E.164 has 15). Umlauts and most punctuation are refused by networks, so the
# alphabet is kept to ASCII letters, digits, space, "-", "_" and "&".
_ALPHANUMERIC_SENDER = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9 \-_&]{1,11}$")
_NUMERIC_SENDER = re.compile(r"^\+?[0-9]{3,16}$")
_MESSAGING_SERVICE_SID = re.compile(r"^MG[0-9a-fA-F]{32}$")


def build_provider(kind: str, settings: Mapping[str, str]) -> SmsProvider:
    """The provider for ``kind``; ValueError naming the setting that is missing or invalid."""
    kind = kind.strip().lower()
    if kind == "capture":
        return CaptureProvider()
    if kind == "none":
        return NoSmsProvider()
    if kind == "twilio":
        sender = _sender(settings, allow_messaging_service=True)
        return TwilioProvider(
            account_sid=_required(settings, "TWILIO_ACCOUNT_SID"),
            auth_token=_required(settings, "TWILIO_AUTH_TOKEN"),
            sender=sender,
            base_url=_optional(settings, "TWILIO_BASE_URL") or "https://api.twilio.com",
            timeout=_timeout(settings),
        )
    if kind == "seven":
        return SevenProvider(
            api_key=_required(settings, "SEVEN_API_KEY"),
            sender=_sender(settings),
            base_url=_optional(settings, "SEVEN_BASE_URL") or "https://gateway.seven.io",
            signing_secret=_optional(settings, "SEVEN_SIGNING_SECRET"),
            timeout=_timeout(settings),
        )
    if kind == "webhook":
        url = _required(settings, "SMS_WEBHOOK_URL")
        if not url.startswith(("https://", "http://")):
            raise ValueError("SMS_WEBHOOK_URL must be an http(s) URL")
        return WebhookProvider(
            send_url=url,
            secret=_required(settings, "SMS_WEBHOOK_SECRET"),
            sender=_sender(settings),
            timeout=_timeout(settings),
        )
    raise ValueError(f"unknown SMS provider kind {kind!r}; expected one of {', '.join(KINDS)}")


def _required(settings: Mapping[str, str], key: str) -> str:
    value = _optional(settings, key)
    if value is None:
        raise ValueError(f"missing setting {key}")
    return value


def _optional(settings: Mapping[str, str], key: str) -> str | None:
    value = settings.get(key)
    if value is None or not str(value).strip():
        return None
    return str(value).strip()


def _sender(settings: Mapping[str, str], allow_messaging_service: bool = False) -> str:
    sender = _required(settings, "SMS_SENDER")
    if allow_messaging_service and _MESSAGING_SERVICE_SID.match(sender):
        return sender
    if _NUMERIC_SENDER.match(sender) or _ALPHANUMERIC_SENDER.match(sender):
        return sender
    raise ValueError(
        "SMS_SENDER must be a phone number or at most 11 letters, digits, spaces, - _ &"
    )


def _timeout(settings: Mapping[str, str]) -> tuple[float, float]:
    raw = _optional(settings, "SMS_TIMEOUT")
    if raw is None:
        return (CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT)
    try:
        seconds = float(raw)
    except ValueError as exc:
        raise ValueError("SMS_TIMEOUT must be a number of seconds") from exc
    if not 0 < seconds <= 120:
        raise ValueError("SMS_TIMEOUT must be between 0 and 120 seconds")
    return (min(CONNECT_TIMEOUT, seconds), seconds)
