"""Secrets the gateway hands out: bearer tokens, link tokens, address hashes.

Bearer tokens are random and stored only as SHA-256. Link tokens (confirmation and
unsubscribe) are HMAC-SHA256 values of the link's identity under the gateway's secret
key: 256 unguessable bits that the gateway can recompute when it sends the message, so
the database keeps only their hash, never the token itself.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets


def new_bearer_token() -> str:
    return secrets.token_urlsafe(32)


def new_secret_key() -> str:
    return secrets.token_hex(32)


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def link_token(secret_key: str, purpose: str, installation_id: int, key: str) -> str:
    """The token in /c/{token} (purpose "c") or /u/{token} (purpose "u")."""
    message = f"{purpose}:{installation_id}:{key}".encode()
    digest = hmac.new(bytes.fromhex(secret_key), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def address_hash(secret_key: str, address: str) -> str:
    """Keyed hash of a normalised address for the suppression list (no address stored)."""
    normalised = address.strip().lower()
    return hmac.new(bytes.fromhex(secret_key), normalised.encode(), hashlib.sha256).hexdigest()
