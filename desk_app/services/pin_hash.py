"""Staff PINs as slow, salted hashes (issue 12), with the standard library only.

scrypt with N=2**14, r=8, p=1 (16 MiB of memory, some 50 ms per PIN on a counter PC):
the parameters RFC 7914 and OWASP give for interactive sign-ins. They are written into
each hash, so a later change of them still verifies the PINs stored before. A PIN has
only 10^4–10^8 values: the hash keeps it from being read off the database, but it is
the lockout (``domain.pin_rules``) that stops guessing, and the database file stays
private (mode 0600) for that reason too.

Never logs, returns or repeats a PIN.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

SCHEME = "scrypt"
N, R, P = 2**14, 8, 1
SALT_BYTES, KEY_BYTES = 16, 32
# scrypt needs 128 * N * r bytes; room for the parameters of hashes made later.
_MAX_MEMORY = 64 * 1024 * 1024


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAX_MEMORY, dklen=KEY_BYTES
    )


def hash_pin(pin: str) -> str:
    """``scrypt$N$r$p$salt$key`` (hex) of ``pin`` with a fresh random salt."""
    salt = secrets.token_bytes(SALT_BYTES)
    key = _derive(pin, salt, N, R, P)
    return f"{SCHEME}${N}${R}${P}${salt.hex()}${key.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    """Whether ``pin`` is the PIN ``stored`` was made from; compares in constant time.
    A hash this module cannot read matches nothing."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != SCHEME:
            return False
        derived = _derive(pin, bytes.fromhex(salt), int(n), int(r), int(p))
        return hmac.compare_digest(derived, bytes.fromhex(key))
    except ValueError:
        return False
