"""The gateway token: in the OS keyring, or in DESK_APP_GATEWAY_TOKEN on headless machines.

Never in the database, a settings file, the command line or a log.
"""

from __future__ import annotations

import contextlib
import os

import keyring
from keyring.errors import KeyringError, NoKeyringError

SERVICE = "salon-desk-gateway"
TOKEN_VARIABLE = "DESK_APP_GATEWAY_TOKEN"


class SecretStoreUnavailable(Exception):
    """No usable keyring (e.g. no desktop session): use DESK_APP_GATEWAY_TOKEN instead."""


def gateway_token(gateway_url: str) -> str | None:
    """The explicit environment variable wins, else the keyring entry for this gateway."""
    from_env = os.environ.get(TOKEN_VARIABLE)
    if from_env:
        return from_env.strip()
    try:
        return keyring.get_password(SERVICE, gateway_url)
    except (NoKeyringError, KeyringError):
        return None


def store_gateway_token(gateway_url: str, token: str) -> None:
    try:
        keyring.set_password(SERVICE, gateway_url, token)
    except (NoKeyringError, KeyringError) as exc:
        raise SecretStoreUnavailable(str(exc)) from exc


def forget_gateway_token(gateway_url: str) -> None:
    with contextlib.suppress(NoKeyringError, KeyringError):
        keyring.delete_password(SERVICE, gateway_url)
