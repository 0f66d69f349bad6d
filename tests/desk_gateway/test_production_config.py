"""A production start with an unsafe configuration refuses (exit 2) and says why; demo parts
(capture transports, /mailbox, /hooks/capture) exist only with DESK_GATEWAY_DEMO=1;
``check-config`` lists every problem, not just the first (DESIGN.md 2.4)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from desk_gateway.cli import EXIT_CONFIG, _check
from desk_gateway.config import ConfigError, GatewayConfig, load_config
from desk_gateway.context import Gateway
from desk_gateway.server import Assembly, assemble, build_email_transport
from desk_gateway.sms.capture import CaptureProvider
from desk_gateway.web.app import create_app

from .conftest import SmtpRecorder, TestClient, free_port
from .test_cli import run_cli

SEVEN = {
    "DESK_GATEWAY_SMS_PROVIDER": "seven",
    "DESK_GATEWAY_SEVEN_API_KEY": "seven-api-key",
    "DESK_GATEWAY_SEVEN_SIGNING_SECRET": "seven-signing-secret",
    "DESK_GATEWAY_SMS_SENDER": "Haarwerk",
}


@pytest.fixture
def production_env(
    gateway_db_url: str, tmp_path: Path, smtp_server: SmtpRecorder
) -> dict[str, str]:
    """What an operator sets: a real SMTP server, an https public URL, no demo mode."""
    return {
        "DESK_GATEWAY_DATABASE_URL": gateway_db_url,
        "DESK_GATEWAY_PUBLIC_URL": "https://gateway.example.org",
        "DESK_GATEWAY_SMTP_HOST": "127.0.0.1",
        "DESK_GATEWAY_SMTP_PORT": str(smtp_server.port),
        "DESK_GATEWAY_SMTP_SECURITY": "none",
        "DESK_GATEWAY_MAIL_FROM": "Haarwerk Müller <termine@haarwerk.example>",
        "DESK_GATEWAY_SECRET_KEY_FILE": str(tmp_path / "gateway.key"),
    }


def problems_of(env: dict[str, str]) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(environ=env)
    return caught.value.problems


# ---- load_config -----------------------------------------------------------------------------
def test_a_production_configuration_loads(production_env: dict[str, str]) -> None:
    config = load_config(environ=production_env)

    assert config.demo is False
    assert config.sms_provider == "none"  # no SMS provider unless one is configured
    assert config.docs is False
    assert config.max_body_bytes == 1_048_576
    assert config.trusted_proxies == ()


def test_demo_mode_captures_sms_by_default(production_env: dict[str, str]) -> None:
    env = {**production_env, "DESK_GATEWAY_DEMO": "1"}
    env.pop("DESK_GATEWAY_SMTP_HOST")
    env["DESK_GATEWAY_PUBLIC_URL"] = "http://127.0.0.1:8080"

    config = load_config(environ=env)

    assert config.demo is True
    assert config.smtp is None
    assert config.sms_provider == "capture"


UNSAFE = [
    ({"DESK_GATEWAY_SMTP_HOST": None}, "SMTP_HOST is not set"),
    ({"DESK_GATEWAY_SMS_PROVIDER": "capture"}, "SMS_PROVIDER is capture"),
    ({"DESK_GATEWAY_PUBLIC_URL": "http://gateway.example.org"}, "PUBLIC_URL must use https"),
    ({"DESK_GATEWAY_PUBLIC_URL": "http://localhost@evil.example"}, "PUBLIC_URL must not contain"),
    ({"DESK_GATEWAY_PUBLIC_URL": "http://127.0.0.1.evil.example"}, "PUBLIC_URL must use https"),
    ({"DESK_GATEWAY_PUBLIC_URL": "http://localhost.evil.example"}, "PUBLIC_URL must use https"),
    ({"DESK_GATEWAY_PUBLIC_URL": "https://user:pw@gateway.example.org"}, "PUBLIC_URL must not"),
    ({"DESK_GATEWAY_PUBLIC_URL": "ftp://gateway.example.org"}, "PUBLIC_URL must be an http(s)"),
    ({"DESK_GATEWAY_PUBLIC_URL": "https://gateway.example.org:99999"}, "PUBLIC_URL is not a valid"),
    ({"DESK_GATEWAY_PUBLIC_URL": None}, "PUBLIC_URL is not set"),
    ({**SEVEN, "DESK_GATEWAY_SEVEN_SIGNING_SECRET": None}, "SEVEN_SIGNING_SECRET is not set"),
    (
        {**SEVEN, "DESK_GATEWAY_SEVEN_BASE_URL": "http://sms.example.org"},
        "SEVEN_BASE_URL must use https",
    ),
    (
        {
            "DESK_GATEWAY_SMS_PROVIDER": "webhook",
            "DESK_GATEWAY_SMS_WEBHOOK_URL": "http://relay.example.org/send",
            "DESK_GATEWAY_SMS_WEBHOOK_SECRET": "s",
        },
        "SMS_WEBHOOK_URL must use https",
    ),
    (
        {"DESK_GATEWAY_SMS_PROVIDER": "twilio", "DESK_GATEWAY_TWILIO_ACCOUNT_SID": "AC1"},
        "TWILIO_AUTH_TOKEN is not set",
    ),
    ({**SEVEN, "DESK_GATEWAY_SMS_SENDER": "Haarwerk Müller GmbH"}, "SMS_SENDER must be"),
    ({"DESK_GATEWAY_SMS_PROVIDER": "carrier-pigeon"}, "SMS_PROVIDER must be one of"),
    ({"DESK_GATEWAY_TRUSTED_PROXIES": "10.0.0.1, proxy.local"}, "not: proxy.local"),
    ({"DESK_GATEWAY_TRUSTED_PROXIES": "10.0.0.0/33"}, "TRUSTED_PROXIES must be"),
    ({"DESK_GATEWAY_SECRET_KEY": "short"}, "SECRET_KEY must be 64 hexadecimal"),
    ({"DESK_GATEWAY_SECRET_KEY": "ab" * 32}, "SECRET_KEY_FILE and SECRET_KEY are both set"),
    ({"DESK_GATEWAY_MAX_BODY_BYTES": "1MB"}, "MAX_BODY_BYTES must be a positive"),
    ({"DESK_GATEWAY_LEASE_SECONDS": "0"}, "LEASE_SECONDS must be a positive"),
    ({"DESK_GATEWAY_DEMO": "maybe"}, "DEMO must be 1 or 0"),
    ({"DESK_GATEWAY_SMTP_PORT": "smtp"}, "SMTP_PORT must be a port number"),
    ({"DESK_GATEWAY_SMTP_SECURITY": "tls"}, "SMTP_SECURITY must be none, starttls or ssl"),
    (
        {"DESK_GATEWAY_SMTP_HOST": "smtp.example.org", "DESK_GATEWAY_SMTP_PASSWORD": "pw"},
        "password would cross the network unencrypted",
    ),
]


@pytest.mark.parametrize(("changes", "expected"), UNSAFE, ids=[e for _, e in UNSAFE])
def test_an_unsafe_production_configuration_is_refused(
    production_env: dict[str, str], changes: dict[str, str | None], expected: str
) -> None:
    env = dict(production_env)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value

    problems = problems_of(env)

    assert any(expected in p for p in problems), problems
    secrets = [v for k, v in env.items() if "SECRET" in k or "PASSWORD" in k or "KEY" in k]
    for secret in secrets:
        if len(secret) > 2 and "/" not in secret:
            assert all(secret not in p for p in problems)  # names the key, never its value


@pytest.mark.parametrize(
    "url",
    [
        "https://gateway.example.org",
        "https://gateway.example.org/salon-desk",
        "http://127.0.0.1:8080",
        "http://localhost:8080",
        "http://[::1]:8080",
        "http://127.0.0.2",
    ],
)
def test_https_or_loopback_public_urls_are_fine(production_env: dict[str, str], url: str) -> None:
    assert load_config(environ={**production_env, "DESK_GATEWAY_PUBLIC_URL": url}).public_url == url


def test_every_problem_is_listed_not_just_the_first(production_env: dict[str, str]) -> None:
    env = {
        **production_env,
        **SEVEN,
        "DESK_GATEWAY_PUBLIC_URL": "http://gateway.example.org",
        "DESK_GATEWAY_TRUSTED_PROXIES": "proxy",
        "DESK_GATEWAY_MAX_BODY_BYTES": "-1",
    }
    env.pop("DESK_GATEWAY_SMTP_HOST")
    env.pop("DESK_GATEWAY_SEVEN_SIGNING_SECRET")

    problems = problems_of(env)

    assert len(problems) == 5, problems
    for key in ("SMTP_HOST", "PUBLIC_URL", "SEVEN_SIGNING_SECRET", "TRUSTED_PROXIES", "MAX_BODY"):
        assert any(key in p for p in problems), key


def test_the_config_file_takes_the_same_keys(
    production_env: dict[str, str], tmp_path: Path
) -> None:
    file = tmp_path / "gateway.toml"
    file.write_text(
        'demo = true\npublic_url = "http://127.0.0.1:9"\ntrusted_proxies = "10.0.0.0/8"\n'
    )

    config = load_config(environ={}, file=file)

    assert config.demo is True
    assert [str(n) for n in config.trusted_proxies] == ["10.0.0.0/8"]


# ---- what a production gateway has and has not -----------------------------------------------
@pytest.fixture
def production(production_env: dict[str, str]) -> Iterator[Assembly]:
    built = assemble(load_config(environ=production_env))
    yield built
    built.gateway.db.dispose()


def test_production_has_no_mailbox_no_capture_hook_and_no_sms_transport(
    production: Assembly,
) -> None:
    with TestClient(production.app) as client:
        mailbox = client.get("/mailbox")
        capture_hook = client.post(
            "/hooks/capture",
            content=b'{"type": "inbound", "from": "+4915112345678", "text": "STOP"}',
            headers={"Content-Type": "application/json"},
        )
        none_hook = client.post("/hooks/none", content=b"{}")
        docs = [client.get(p).status_code for p in ("/docs", "/redoc", "/openapi.json")]

    assert mailbox.status_code == 404
    assert capture_hook.status_code == 404
    assert none_hook.status_code == 404
    assert docs == [404, 404, 404]
    assert production.sms.name == "none"  # nothing that could report an SMS as sent


def test_the_demo_parts_cannot_be_built_outside_demo_mode(gw: Gateway) -> None:
    production = GatewayConfig(
        database_url=gw.config.database_url,
        public_url="https://gateway.example.org",
        mail_from="x <x@example.org>",
        smtp=None,
    )
    gateway = Gateway(gw.db, production, gw.secret_key)

    with pytest.raises(ValueError):
        create_app(gateway, CaptureProvider(), None)
    with pytest.raises(ValueError):
        create_app(gateway, CaptureProvider(), None, capture_mailbox=False)
    with pytest.raises(ValueError):
        build_email_transport(production, gw.db)


def test_demo_mode_has_the_mailbox_and_the_capture_hook(gateway_env: dict[str, str]) -> None:
    built = assemble(load_config(environ=gateway_env))
    try:
        with TestClient(built.app) as client:
            assert client.get("/mailbox").status_code == 200
            response = client.post(
                "/hooks/capture",
                content=b'{"type": "status", "id": "capture-99", "status": "delivered"}',
                headers={"Content-Type": "application/json"},
            )
            assert response.status_code == 200
    finally:
        built.gateway.db.dispose()


# ---- the command line ------------------------------------------------------------------------
def test_check_config_lists_every_problem_and_exits_2(production_env: dict[str, str]) -> None:
    env = {
        **production_env,
        **SEVEN,
        "DESK_GATEWAY_PUBLIC_URL": "http://localhost@evil.example",
        "DESK_GATEWAY_SMS_PROVIDER": "seven",
    }
    env.pop("DESK_GATEWAY_SEVEN_SIGNING_SECRET")
    env.pop("DESK_GATEWAY_SMTP_HOST")

    done = run_cli("check-config", env=env)

    assert done.returncode == 2
    assert done.stdout == ""
    for key in ("SMTP_HOST", "PUBLIC_URL", "SEVEN_SIGNING_SECRET"):
        assert f"DESK_GATEWAY_{key}" in done.stderr
    assert "seven-api-key" not in done.stderr


def test_check_config_passes_a_good_configuration(production_env: dict[str, str]) -> None:
    # An https PUBLIC_URL: a TLS proxy forwards, and check-config wants it named.
    proxied = {**production_env, **SEVEN, "DESK_GATEWAY_TRUSTED_PROXIES": "127.0.0.1"}
    done = run_cli("check-config", env=proxied)

    assert done.returncode == 0, done.stderr
    assert "configuration is fine" in done.stdout
    assert "sms: seven" in done.stdout
    assert "seven-signing-secret" not in done.stdout + done.stderr


def test_check_config_counts_the_deployment_checks(
    production_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """desk_gateway/deployment_checks.py is part of the verdict (in process: what the
    command runs once the configuration has loaded; one more process start costs seconds)."""
    assert _check(load_config(environ=production_env)) == EXIT_CONFIG
    assert "DESK_GATEWAY_TRUSTED_PROXIES is not set" in capsys.readouterr().err


def test_check_config_refuses_demo_mode_facing_the_internet(production_env: dict[str, str]) -> None:
    done = run_cli("check-config", env={**production_env, "DESK_GATEWAY_DEMO": "1"})

    assert done.returncode == 2
    assert "DESK_GATEWAY_DEMO" in done.stderr and "/mailbox" in done.stderr


@pytest.mark.parametrize(
    "changes",
    [
        {"DESK_GATEWAY_PUBLIC_URL": "http://gateway.example.org"},
        {"DESK_GATEWAY_SMS_PROVIDER": "seven", "DESK_GATEWAY_SEVEN_API_KEY": "k"},
        {"DESK_GATEWAY_SMTP_HOST": ""},
    ],
    ids=["http-public-url", "seven-unsigned", "no-smtp"],
)
def test_serve_refuses_to_start_unsafe(
    production_env: dict[str, str], changes: dict[str, str]
) -> None:
    port = free_port()
    started = time.monotonic()

    done = run_cli("serve", "--port", str(port), env={**production_env, **changes})

    assert done.returncode == 2
    assert "configuration error" in done.stderr
    assert time.monotonic() - started < 30
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1)


def test_serve_in_demo_mode_listens_on_loopback_only(gateway_env: dict[str, str]) -> None:
    done = run_cli("serve", "--host", "0.0.0.0", "--port", str(free_port()), env=gateway_env)

    assert done.returncode == 2
    assert "--host 127.0.0.1" in done.stderr


def test_serve_starts_with_a_safe_production_configuration(
    production_env: dict[str, str],
) -> None:
    port = free_port()
    env = {**production_env, "PYTHONIOENCODING": "utf-8"}
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DESK_GATEWAY_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "desk_gateway", "serve", "--port", str(port)],
        env={**environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, "the gateway exited"
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).ok:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "the gateway did not start"
            time.sleep(0.1)
        mailbox = requests.get(f"http://127.0.0.1:{port}/mailbox", timeout=5)
    finally:
        process.terminate()
        process.wait(timeout=20)

    assert mailbox.status_code == 404
