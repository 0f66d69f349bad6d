"""The gateway token: in the OS keyring, or in DESK_APP_GATEWAY_TOKEN on headless machines.

Never in the database, a settings file, the command line or a log.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import ModuleType

SERVICE = "salon-desk-gateway"
TOKEN_VARIABLE = "DESK_APP_GATEWAY_TOKEN"


class SecretStoreUnavailable(Exception):
    """No usable keyring (e.g. no desktop session): use DESK_APP_GATEWAY_TOKEN instead."""


def _keyring() -> tuple[ModuleType, tuple[type[Exception], ...]]:
    """The keyring and the errors it raises, imported when a secret is first needed
    (its backends take ~90 ms to import, and most starts read no secret)."""
    import keyring
    from keyring.errors import KeyringError, NoKeyringError

    return keyring, (NoKeyringError, KeyringError)


def gateway_token(gateway_url: str) -> str | None:
    """The explicit environment variable wins, else the keyring entry for this gateway."""
    from_env = os.environ.get(TOKEN_VARIABLE)
    if from_env:
        return from_env.strip()
    keyring, errors = _keyring()
    try:
        token: str | None = keyring.get_password(SERVICE, gateway_url)
    except errors:
        return None
    return token


def store_gateway_token(gateway_url: str, token: str) -> None:
    keyring, errors = _keyring()
    try:
        keyring.set_password(SERVICE, gateway_url, token)
    except errors as exc:
        raise SecretStoreUnavailable(str(exc)) from exc


def forget_gateway_token(gateway_url: str) -> None:
    keyring, errors = _keyring()
    with contextlib.suppress(*errors):
        keyring.delete_password(SERVICE, gateway_url)
