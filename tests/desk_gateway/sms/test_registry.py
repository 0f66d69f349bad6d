"""Building the configured SMS provider from plain settings."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from desk_gateway.sms.base import OutgoingSms
from desk_gateway.sms.capture import CaptureProvider
from desk_gateway.sms.registry import build_provider
from desk_gateway.sms.seven import SevenProvider
from desk_gateway.sms.twilio import TwilioProvider
from desk_gateway.sms.webhook import WebhookProvider

TWILIO = {
    "TWILIO_ACCOUNT_SID": "AC0123456789abcdef0123456789abcdef",
    "TWILIO_AUTH_TOKEN": "secret-token-value",
    "SMS_SENDER": "SalonMaria",
}
SEVEN = {"SEVEN_API_KEY": "secret-api-key", "SMS_SENDER": "SalonMaria"}
WEBHOOK = {
    "SMS_WEBHOOK_URL": "https://sms.example.org/send",
    "SMS_WEBHOOK_SECRET": "secret-shared",
    "SMS_SENDER": "+4930123456",
}


def test_builds_each_kind() -> None:
    assert isinstance(build_provider("capture", {}), CaptureProvider)
    assert isinstance(build_provider("twilio", TWILIO), TwilioProvider)
    assert isinstance(build_provider("seven", SEVEN), SevenProvider)
    assert isinstance(build_provider(" Webhook ", WEBHOOK), WebhookProvider)


@pytest.mark.parametrize(
    ("kind", "settings", "missing"),
    [
        ("twilio", TWILIO, "TWILIO_ACCOUNT_SID"),
        ("twilio", TWILIO, "TWILIO_AUTH_TOKEN"),
        ("twilio", TWILIO, "SMS_SENDER"),
        ("seven", SEVEN, "SEVEN_API_KEY"),
        ("seven", SEVEN, "SMS_SENDER"),
        ("webhook", WEBHOOK, "SMS_WEBHOOK_URL"),
        ("webhook", WEBHOOK, "SMS_WEBHOOK_SECRET"),
        ("webhook", WEBHOOK, "SMS_SENDER"),
    ],
)
def test_missing_setting_is_named_and_no_secret_is_shown(
    kind: str, settings: dict[str, str], missing: str
) -> None:
    for variant in (
        {k: v for k, v in settings.items() if k != missing},
        {**settings, missing: " "},
    ):
        with pytest.raises(ValueError, match=missing) as raised:
            build_provider(kind, variant)
        for value in settings.values():
            if "secret" in value:
                assert value not in str(raised.value)


def test_unknown_kind_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match="capture, twilio, seven, webhook"):
        build_provider("carrier-pigeon", {})


@pytest.mark.parametrize(
    "sender", ["Salon Maria Hairdressing", "Salon Müller", "1234567890123456789"]
)
def test_invalid_sender_is_refused(sender: str) -> None:
    with pytest.raises(ValueError, match="SMS_SENDER"):
        build_provider("seven", {**SEVEN, "SMS_SENDER": sender})


@pytest.mark.parametrize("sender", ["SalonMaria", "Salon & Co", "+4930123456", "4930123456"])
def test_valid_senders(sender: str) -> None:
    build_provider("seven", {**SEVEN, "SMS_SENDER": sender})


def test_timeout_setting() -> None:
    with pytest.raises(ValueError, match="SMS_TIMEOUT"):
        build_provider("seven", {**SEVEN, "SMS_TIMEOUT": "soon"})
    with pytest.raises(ValueError, match="SMS_TIMEOUT"):
        build_provider("seven", {**SEVEN, "SMS_TIMEOUT": "0"})


def test_webhook_url_must_be_http() -> None:
    with pytest.raises(ValueError, match="SMS_WEBHOOK_URL"):
        build_provider("webhook", {**WEBHOOK, "SMS_WEBHOOK_URL": "ftp://sms.example.org"})


def test_base_url_settings_reach_the_adapters(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/api/sms", method="POST").respond_with_json(
        {"success": "100", "messages": [{"id": "1", "parts": 1, "success": True}]}
    )
    provider = build_provider(
        "seven", {**SEVEN, "SEVEN_BASE_URL": httpserver.url_for("/"), "SMS_TIMEOUT": "2"}
    )

    sent = provider.send(OutgoingSms("+4915112345678", "Hallo", "SalonMaria", "ref-1"))

    assert sent.provider_id == "1"
