"""Gateway configuration from environment variables, or a TOML file with the same keys.

Environment variables win over the file. Secrets (SMTP password, provider keys) come
only from here and are never logged or stored in the database.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

PREFIX = "DESK_GATEWAY_"


class ConfigError(Exception):
    """A setting is missing or malformed; the message names it."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    security: str = "starttls"  # none | starttls | ssl
    user: str | None = None
    password: str | None = None
    timeout: float = 20.0


@dataclass(frozen=True)
class GatewayConfig:
    database_url: str
    public_url: str  # base of every link the gateway sends
    mail_from: str
    smtp: SmtpSettings | None  # None: email goes to the capture mailbox
    sms_provider: str = "capture"  # capture | twilio | seven | webhook | none
    provider_settings: Mapping[str, str] = field(default_factory=dict)
    sms_sender: str = "Salon"
    api_rate_per_minute: int = 1200
    page_rate_per_minute: int = 60
    worker_interval: float = 0.2
    # Delivery: how long a worker's claim on a message lasts without renewal (a dead
    # worker's claims come back after it), and the longest pause after the SMTP server or
    # SMS provider failed before the next try.
    lease_seconds: int = 60
    transport_backoff_max: int = 300

    @property
    def capture_email(self) -> bool:
        return self.smtp is None

    def link(self, path: str) -> str:
        return self.public_url.rstrip("/") + path


def _merged(environ: Mapping[str, str], file: Path | None) -> dict[str, str]:
    values: dict[str, str] = {}
    if file is not None:
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read {file}: {exc}") from exc
        for key, value in data.items():
            name = key.upper()
            values[name if name.startswith(PREFIX) else PREFIX + name] = str(value)
    values.update({k: v for k, v in environ.items() if k.startswith(PREFIX)})
    return values


def load_config(
    environ: Mapping[str, str] | None = None, file: Path | None = None
) -> GatewayConfig:
    values = _merged(os.environ if environ is None else environ, file)

    def get(name: str, default: str | None = None) -> str | None:
        return values.get(PREFIX + name, default)

    def need(name: str) -> str:
        value = get(name)
        if not value:
            raise ConfigError(f"{PREFIX}{name} is not set")
        return value

    smtp = None
    if get("SMTP_HOST"):
        security = get("SMTP_SECURITY", "starttls") or "starttls"
        if security not in ("none", "starttls", "ssl"):
            raise ConfigError(f"{PREFIX}SMTP_SECURITY must be none, starttls or ssl")
        default_port = {"none": "25", "starttls": "587", "ssl": "465"}[security]
        try:
            port = int(get("SMTP_PORT", default_port) or default_port)
        except ValueError as exc:
            raise ConfigError(f"{PREFIX}SMTP_PORT must be a number") from exc
        smtp = SmtpSettings(
            host=need("SMTP_HOST"),
            port=port,
            security=security,
            user=get("SMTP_USER") or None,
            password=get("SMTP_PASSWORD") or None,
        )
    provider = (get("SMS_PROVIDER", "capture") or "capture").lower()
    if provider not in ("capture", "twilio", "seven", "webhook", "none"):
        raise ConfigError(f"{PREFIX}SMS_PROVIDER must be capture, twilio, seven, webhook or none")
    provider_settings = {k.removeprefix(PREFIX): v for k, v in values.items()}
    provider_settings.setdefault("SMS_SENDER", get("SMS_SENDER") or "Salon")
    return GatewayConfig(
        database_url=get("DATABASE_URL") or "sqlite:///desk-gateway.sqlite3",
        public_url=need("PUBLIC_URL"),
        mail_from=get("MAIL_FROM") or "Salon <noreply@localhost>",
        smtp=smtp,
        sms_provider=provider,
        provider_settings=provider_settings,
        sms_sender=get("SMS_SENDER") or "Salon",
        api_rate_per_minute=_positive(get("API_RATE_PER_MINUTE"), 1200, "API_RATE_PER_MINUTE"),
        page_rate_per_minute=_positive(get("PAGE_RATE_PER_MINUTE"), 60, "PAGE_RATE_PER_MINUTE"),
        lease_seconds=_positive(get("LEASE_SECONDS"), 60, "LEASE_SECONDS"),
        transport_backoff_max=_positive(get("TRANSPORT_BACKOFF_MAX"), 300, "TRANSPORT_BACKOFF_MAX"),
    )


def _positive(value: str | None, default: int, name: str) -> int:
    if not value:
        return default
    try:
        number = int(value)
    except ValueError as exc:
        raise ConfigError(f"{PREFIX}{name} must be a whole number") from exc
    if number <= 0:
        raise ConfigError(f"{PREFIX}{name} must be positive")
    return number
