"""Gateway configuration from environment variables, or a TOML file with the same keys.

Environment variables win over the file. Secrets (SMTP password, provider keys, the link
key) come only from here and are never logged or stored in the database.

``load_config`` either returns a configuration that is safe to run or raises ConfigError
listing *every* problem (``desk-gateway check-config`` prints them all): demo parts only
with ``DEMO=1``, links only over https (or http to this computer), signed provider
callbacks, trusted proxies that parse. DESIGN.md 2.4.
"""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

PREFIX = "DESK_GATEWAY_"
DEFAULT_SECRET_KEY_FILE = "desk-gateway.key"
DEFAULT_MAIL_FROM = "Salon <noreply@localhost>"  # fine for the demo; check-config refuses it
SMS_PROVIDERS = ("none", "capture", "twilio", "seven", "webhook")
_HEX_KEY = re.compile(r"^[0-9a-fA-F]{64}$")

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# What each SMS provider cannot work without (names without the prefix).
PROVIDER_REQUIRED = {
    "twilio": ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"),
    "seven": ("SEVEN_API_KEY", "SEVEN_SIGNING_SECRET"),
    "webhook": ("SMS_WEBHOOK_URL", "SMS_WEBHOOK_SECRET"),
}
# Provider endpoints the gateway sends credentials to: https, or http only on loopback.
PROVIDER_URLS = {
    "twilio": ("TWILIO_BASE_URL",),
    "seven": ("SEVEN_BASE_URL",),
    "webhook": ("SMS_WEBHOOK_URL",),
}


class ConfigError(Exception):
    """The configuration is missing something or unsafe; ``problems`` names each one."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("; ".join(self.problems))


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
    smtp: SmtpSettings | None  # None: email goes to the capture mailbox (demo mode only)
    sms_provider: str = "none"  # none | capture (demo) | twilio | seven | webhook
    provider_settings: Mapping[str, str] = field(default_factory=dict)
    sms_sender: str = "Salon"
    api_rate_per_minute: int = 1200
    page_rate_per_minute: int = 60
    worker_interval: float = 0.2
    # Demo mode: capture transports, /mailbox and /hooks/capture exist only with it.
    demo: bool = False
    # The link-token/address-hash key: given directly (64 hex), or kept in this file.
    secret_key: str | None = field(default=None, repr=False)
    secret_key_file: Path = Path(DEFAULT_SECRET_KEY_FILE)
    # Proxies whose X-Forwarded-For is believed (none by default).
    trusted_proxies: tuple[IPNetwork, ...] = ()
    lease_seconds: int = 60
    transport_backoff_max: int = 300
    max_body_bytes: int = 1_048_576
    docs: bool = False
    # Wrong bearer tokens per client address and minute before 429.
    auth_failures_per_minute: int = 20
    # Long-polls (GET /v1/events with wait > 0) one token may hold open at once.
    long_polls_per_token: int = 4
    # Online booking: form submissions per client address and hour; how long a submitted
    # slot is held for the desktop's answer.
    booking_posts_per_hour: int = 10
    booking_hold_hours: int = 48

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
            if isinstance(value, bool):
                value = "1" if value else "0"
            values[name if name.startswith(PREFIX) else PREFIX + name] = str(value)
    values.update({k: v for k, v in environ.items() if k.startswith(PREFIX)})
    return values


T = TypeVar("T")


class _Reader:
    """Reads values and collects every problem instead of stopping at the first."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self.values = values
        self.problems: list[str] = []

    def get(self, name: str, default: str | None = None) -> str | None:
        value = self.values.get(PREFIX + name)
        if value is None or not value.strip():
            return default
        return value.strip()

    def problem(self, name: str, text: str) -> None:
        self.problems.append(f"{PREFIX}{name} {text}")

    def parsed(self, name: str, default: T, parse: Callable[[str], T], what: str) -> T:
        raw = self.get(name)
        if raw is None:
            return default
        try:
            return parse(raw)
        except ValueError:
            self.problem(name, f"must be {what}")
            return default

    def positive(self, name: str, default: int) -> int:
        def parse(raw: str) -> int:
            number = int(raw)
            if number <= 0:
                raise ValueError(raw)
            return number

        return self.parsed(name, default, parse, "a positive whole number")

    def flag(self, name: str) -> bool:
        return self.parsed(name, False, _flag, "1 or 0")


def _flag(raw: str) -> bool:
    lowered = raw.lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(raw)


def is_loopback_host(host: str | None) -> bool:
    """``localhost`` or a loopback address (127.0.0.0/8, ::1); nothing else."""
    if not host:
        return False
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_problem(value: str, allow_path: bool = True) -> str | None:
    """Why ``value`` is not an https URL (or an http URL to this computer); None if fine.

    Parsed, not prefix-matched: ``http://localhost@evil.example`` goes to evil.example.
    """
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return "is not a valid URL"
    if parts.scheme not in ("http", "https") or not host:
        return "must be an http(s) URL with a host"
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return "must not contain a user name or password"
    if parts.fragment or (not allow_path and parts.query):
        return "must not contain a query or fragment"
    if parts.scheme == "http" and not is_loopback_host(host):
        return "must use https (http only for localhost / 127.0.0.1 / ::1)"
    return None


def parse_trusted_proxies(raw: str) -> tuple[tuple[IPNetwork, ...], list[str]]:
    """The networks in a comma-separated list, and the entries that are not addresses."""
    networks: list[IPNetwork] = []
    bad: list[str] = []
    for entry in (e.strip() for e in raw.split(",")):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            bad.append(entry)
    return tuple(networks), bad


def load_config(
    environ: Mapping[str, str] | None = None, file: Path | None = None
) -> GatewayConfig:
    """The configuration, or ConfigError with every problem found."""
    values = _merged(os.environ if environ is None else environ, file)
    r = _Reader(values)
    demo = r.flag("DEMO")

    smtp = None
    if r.get("SMTP_HOST"):
        security = (r.get("SMTP_SECURITY") or "starttls").lower()
        if security not in ("none", "starttls", "ssl"):
            r.problem("SMTP_SECURITY", "must be none, starttls or ssl")
            security = "starttls"
        default_port = {"none": 25, "starttls": 587, "ssl": 465}[security]
        port = r.parsed("SMTP_PORT", default_port, _port, "a port number (1-65535)")
        smtp = SmtpSettings(
            host=r.get("SMTP_HOST") or "",
            port=port,
            security=security,
            user=r.get("SMTP_USER"),
            password=r.get("SMTP_PASSWORD"),
        )
        if security == "none" and smtp.password and not is_loopback_host(smtp.host):
            r.problem(
                "SMTP_SECURITY",
                "is none: the SMTP password would cross the network unencrypted "
                "(use starttls or ssl)",
            )
    elif not demo:
        r.problem(
            "SMTP_HOST",
            "is not set: outside demo mode mail needs an SMTP server "
            f"({PREFIX}DEMO=1 keeps it in a local mailbox instead)",
        )

    provider = (r.get("SMS_PROVIDER") or ("capture" if demo else "none")).lower()
    if provider not in SMS_PROVIDERS:
        r.problem("SMS_PROVIDER", f"must be one of {', '.join(SMS_PROVIDERS)}")
        provider = "none"
    if provider == "capture" and not demo:
        r.problem(
            "SMS_PROVIDER",
            f"is capture: SMS would be reported sent and never leave; only with {PREFIX}DEMO=1",
        )
    before_provider = len(r.problems)
    for key in PROVIDER_REQUIRED.get(provider, ()):
        if not r.get(key):
            why = " (callbacks must be signed)" if key == "SEVEN_SIGNING_SECRET" else ""
            r.problem(key, f"is not set; SMS provider {provider} needs it{why}")
    for key in PROVIDER_URLS.get(provider, ()):
        url = r.get(key)
        if url and (reason := url_problem(url)):
            r.problem(key, reason)
    provider_complete = len(r.problems) == before_provider

    public_url = r.get("PUBLIC_URL")
    if public_url is None:
        r.problem("PUBLIC_URL", "is not set (the base of every link the gateway sends)")
        public_url = ""
    elif reason := url_problem(public_url, allow_path=False):
        r.problem("PUBLIC_URL", reason)

    secret_key = r.get("SECRET_KEY")
    if secret_key is not None and not _HEX_KEY.match(secret_key):
        r.problem("SECRET_KEY", "must be 64 hexadecimal characters (32 random bytes)")
        secret_key = None
    key_file = r.get("SECRET_KEY_FILE")
    if secret_key is not None and key_file is not None:
        r.problem("SECRET_KEY_FILE", "and SECRET_KEY are both set; set only one")

    trusted: tuple[IPNetwork, ...] = ()
    if raw_proxies := r.get("TRUSTED_PROXIES"):
        trusted, bad = parse_trusted_proxies(raw_proxies)
        if bad:
            r.problem(
                "TRUSTED_PROXIES",
                "must be IP addresses or networks separated by commas; not: " + ", ".join(bad),
            )

    provider_settings = {k.removeprefix(PREFIX): v for k, v in values.items()}
    provider_settings.setdefault("SMS_SENDER", r.get("SMS_SENDER") or "Salon")
    if provider in PROVIDER_REQUIRED and provider_complete:
        # Sender and timeout formats: the adapter's own checks, so they cannot drift.
        from desk_gateway.sms.registry import build_provider

        try:
            build_provider(provider, provider_settings)
        except ValueError as exc:
            r.problems.append(f"SMS provider {provider}: {exc}")
    config = GatewayConfig(
        database_url=r.get("DATABASE_URL") or "sqlite:///desk-gateway.sqlite3",
        public_url=public_url,
        mail_from=r.get("MAIL_FROM") or DEFAULT_MAIL_FROM,
        smtp=smtp,
        sms_provider=provider,
        provider_settings=provider_settings,
        sms_sender=r.get("SMS_SENDER") or "Salon",
        api_rate_per_minute=r.positive("API_RATE_PER_MINUTE", 1200),
        page_rate_per_minute=r.positive("PAGE_RATE_PER_MINUTE", 60),
        demo=demo,
        secret_key=secret_key,
        secret_key_file=Path(key_file or DEFAULT_SECRET_KEY_FILE),
        trusted_proxies=trusted,
        lease_seconds=r.positive("LEASE_SECONDS", 60),
        transport_backoff_max=r.positive("TRANSPORT_BACKOFF_MAX", 300),
        max_body_bytes=r.positive("MAX_BODY_BYTES", 1_048_576),
        docs=r.flag("DOCS"),
        auth_failures_per_minute=r.positive("AUTH_FAILURES_PER_MINUTE", 20),
        long_polls_per_token=r.positive("LONG_POLLS_PER_TOKEN", 4),
        booking_posts_per_hour=r.positive("BOOKING_POSTS_PER_HOUR", 10),
        booking_hold_hours=r.positive("BOOKING_HOLD_HOURS", 48),
    )
    if r.problems:
        raise ConfigError(r.problems)
    return config


def serve_problems(config: GatewayConfig, host: str | None = None) -> list[str]:
    """What makes ``serve`` unsafe beyond the configuration itself: demo mode (every message
    on /mailbox, unsigned capture hook) is for this computer only, never for the internet."""
    problems: list[str] = []
    if not config.demo:
        return problems
    if not is_loopback_host(urlsplit(config.public_url).hostname):
        problems.append(
            f"{PREFIX}DEMO is on but {PREFIX}PUBLIC_URL is not on this computer: demo mode "
            "shows every message on /mailbox and must never face the internet"
        )
    if host is not None and not is_loopback_host(host):
        problems.append(
            f"{PREFIX}DEMO is on: serve listens on this computer only (--host 127.0.0.1)"
        )
    return problems


def _port(raw: str) -> int:
    number = int(raw)
    if not 0 < number < 65536:
        raise ValueError(raw)
    return number
