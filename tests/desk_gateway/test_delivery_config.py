"""The delivery settings: LEASE_SECONDS, TRANSPORT_BACKOFF_MAX, SMS_PROVIDER=none."""

from __future__ import annotations

import pytest

from desk_gateway.config import ConfigError, load_config
from desk_gateway.health import backoff
from desk_gateway.sms.base import OutgoingSms, SmsFault, SmsSendError
from desk_gateway.sms.registry import build_provider

BASE = {"DESK_GATEWAY_PUBLIC_URL": "https://gateway.example.test", "DESK_GATEWAY_DEMO": "1"}


def test_the_defaults() -> None:
    config = load_config(environ=BASE)

    assert (config.lease_seconds, config.transport_backoff_max) == (60, 300)


def test_the_settings_are_read() -> None:
    config = load_config(
        environ={
            **BASE,
            "DESK_GATEWAY_LEASE_SECONDS": "15",
            "DESK_GATEWAY_TRANSPORT_BACKOFF_MAX": "900",
            "DESK_GATEWAY_SMS_PROVIDER": "none",
        }
    )

    assert (config.lease_seconds, config.transport_backoff_max) == (15, 900)
    assert config.sms_provider == "none"


@pytest.mark.parametrize("key", ["LEASE_SECONDS", "TRANSPORT_BACKOFF_MAX"])
@pytest.mark.parametrize("value", ["0", "-5", "soon"])
def test_bad_values_name_the_setting(key: str, value: str) -> None:
    with pytest.raises(ConfigError, match=key):
        load_config(environ={**BASE, f"DESK_GATEWAY_{key}": value})


def test_the_backoff_doubles_up_to_the_cap() -> None:
    pauses = [backoff(n, 300).total_seconds() for n in range(1, 10)]

    assert pauses == [5, 10, 20, 40, 80, 160, 300, 300, 300]
    assert backoff(10_000, 300).total_seconds() == 300


def test_without_a_provider_nothing_is_ever_reported_sent() -> None:
    provider = build_provider("none", {})

    with pytest.raises(SmsSendError) as raised:
        provider.send(OutgoingSms(to="+4915112345678", text="x", sender="Salon", reference="r"))

    assert raised.value.kind is SmsFault.TRANSPORT
