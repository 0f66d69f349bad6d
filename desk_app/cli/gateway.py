"""``desk-app gateway login|status``: the connection to the mail/SMS gateway."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk_app.cli.acting import command_actor, requires
from desk_app.cli.output import handled_by, json_flag, out
from desk_app.config import secrets
from desk_app.domain.enums import OutboxStatus, Permission
from desk_app.domain.errors import InvalidField, KeyringUnavailable
from desk_app.domain.web_address import gateway_url

if TYPE_CHECKING:
    from desk_app.services.container import Services


def add_parsers(sub: Any) -> None:
    gateway = sub.add_parser("gateway", help="connection to the mail/SMS gateway").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    login = handled_by(
        gateway.add_parser("login", help="set the gateway URL; the token is read from stdin"),
        _login,
    )
    login.add_argument("url")
    status = handled_by(gateway.add_parser("status", help="gateway URL, token, last sync"), _status)
    json_flag(login, status)
    # Checked before the token is read or sent anywhere (the service checks it again
    # when storing): a member who may not log in never makes the app send
    # DESK_APP_GATEWAY_TOKEN to an address they typed.
    requires(login, Permission.CHANGE_SETTINGS)


def _read_token() -> str:
    """From DESK_APP_GATEWAY_TOKEN (machines without a keyring), a pipe (scripts) or a
    hidden prompt; never from the command line."""
    from_env = os.environ.get(secrets.TOKEN_VARIABLE, "").strip()
    if from_env:
        return from_env
    if sys.stdin.isatty():
        return getpass.getpass(QCoreApplication.translate("Cli", "Gateway token: "))
    return sys.stdin.readline()


def _login(s: Services, o: argparse.Namespace) -> None:
    url = gateway_url(o.url)  # the one rule: https, or http to this machine only
    if not url:
        raise InvalidField("gateway_url", "required")
    token = _read_token().strip()
    if not token:
        raise InvalidField("token", "required")
    from desk_app.gateway.client import GatewayClient  # requests: only for this command

    with GatewayClient(url, token, max_attempts=2) as client:
        client.events(after=0, limit=1)  # proves the token before it is stored
    from_env = token == os.environ.get(secrets.TOKEN_VARIABLE, "").strip()
    stored = True

    def store_token() -> None:  # once the member's right to change settings is checked
        nonlocal stored
        try:
            secrets.store_gateway_token(url, token)
        except secrets.SecretStoreUnavailable as exc:
            if not from_env:
                raise KeyringUnavailable() from exc
            stored = False  # it stays where it came from: DESK_APP_GATEWAY_TOKEN

    # The address, and the login in the audit log (never the token).
    s.gateway_login.log_in(url, store_token, actor=command_actor(s, o))
    text = QCoreApplication.translate("Cli", "Connected to the gateway.")
    if not stored:
        text += " " + QCoreApplication.translate(
            "Cli", "The token is not stored: keep DESK_APP_GATEWAY_TOKEN set on this computer."
        )
    out(o, {"gateway_url": url, "token_stored": stored}, text)


def _status(s: Services, o: argparse.Namespace) -> None:
    url = s.catalogue.salon_settings().gateway_url
    data: dict[str, Any] = {
        "gateway_url": url or None,
        "token": bool(url and secrets.gateway_token(url)),
        "queued": len(s.outbox.messages(OutboxStatus.QUEUED)),
    }
    if url:
        data.update(s.outbox.sync_state(url))
    out(o, data, "\n".join(f"{k}: {v}" for k, v in data.items()))
