"""``check-config`` beyond what ``serve`` refuses: a sender address no receiving server
accepts, a TLS proxy in front without TRUSTED_PROXIES, a key file others can read. In
process, on the loaded configuration (the command's wiring: test_production_config)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desk_gateway.config import load_config
from desk_gateway.deployment_checks import deployment_problems

PRODUCTION = {
    "DESK_GATEWAY_PUBLIC_URL": "https://gateway.haarwerk.de",
    "DESK_GATEWAY_SMTP_HOST": "smtp.haarwerk.de",
    "DESK_GATEWAY_MAIL_FROM": "Haarwerk Müller <termine@haarwerk.de>",
    "DESK_GATEWAY_TRUSTED_PROXIES": "127.0.0.1",
}


def problems(tmp_path: Path, **changes: str | None) -> list[str]:
    env = {**PRODUCTION, "DESK_GATEWAY_SECRET_KEY_FILE": str(tmp_path / "gateway.key")}
    for key, value in changes.items():
        if value is None:
            env.pop(f"DESK_GATEWAY_{key}")
        else:
            env[f"DESK_GATEWAY_{key}"] = value
    return deployment_problems(load_config(environ=env))


def test_a_complete_deployment_has_no_problems(tmp_path: Path) -> None:
    assert problems(tmp_path) == []


@pytest.mark.parametrize(
    ("sender", "expected"),
    [
        (None, "MAIL_FROM is not set"),
        ("Haarwerk <termine@localhost>", "domain localhost"),
        ("Haarwerk <termine@haarwerk>", "domain haarwerk"),
        ("Haarwerk <termine@[192.0.2.1]>", "domain [192.0.2.1]"),
        ("Haarwerk <termine@salon.local>", "domain salon.local"),
        ("Haarwerk Müller", "must be an address"),
    ],
)
def test_a_sender_receiving_servers_refuse_is_a_problem(
    tmp_path: Path, sender: str | None, expected: str
) -> None:
    [problem] = problems(tmp_path, MAIL_FROM=sender)

    assert "DESK_GATEWAY_MAIL_FROM" in problem and expected in problem


def test_an_https_gateway_needs_its_proxy_named(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, TRUSTED_PROXIES=None)

    assert "DESK_GATEWAY_TRUSTED_PROXIES is not set" in problem
    # On this computer (http to loopback) nothing stands in front of it.
    assert problems(tmp_path, TRUSTED_PROXIES=None, PUBLIC_URL="http://127.0.0.1:8080") == []


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_key_file_others_can_read_is_a_problem(tmp_path: Path) -> None:
    key_file = tmp_path / "gateway.key"
    key_file.write_text("ab" * 32 + "\n")
    key_file.chmod(0o600)
    assert problems(tmp_path) == []

    key_file.chmod(0o644)
    [problem] = problems(tmp_path)

    assert str(key_file) in problem and "0644" in problem and "chmod 600" in problem


def test_demo_mode_on_this_computer_is_not_checked(tmp_path: Path) -> None:
    env = {
        "DESK_GATEWAY_DEMO": "1",
        "DESK_GATEWAY_PUBLIC_URL": "http://127.0.0.1:8080",
        "DESK_GATEWAY_SECRET_KEY_FILE": str(tmp_path / "gateway.key"),
    }

    assert deployment_problems(load_config(environ=env)) == []
