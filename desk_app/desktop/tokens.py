"""Keeping the gateway token in the password store, for the settings dialog and the
setup assistant (the ui may not import keyring): a missing store becomes the domain's
``KeyringUnavailable``, which both tell the owner in words."""

from __future__ import annotations

from desk_app.config import secrets
from desk_app.domain.errors import KeyringUnavailable


def store_token(url: str, token: str) -> None:
    try:
        secrets.store_gateway_token(url, token)
    except secrets.SecretStoreUnavailable as exc:
        raise KeyringUnavailable() from exc
