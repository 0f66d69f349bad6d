"""SMS facts of DESIGN.md 2.3 that both desktop and gateway rely on."""

from __future__ import annotations

STOP_KEYWORDS = frozenset(
    {"STOP", "STOPP", "ENDE", "ABMELDEN", "ABBESTELLEN", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"}
)


def is_stop_request(text: str) -> bool:
    """True when the first word of an inbound SMS is a STOP keyword (any case)."""
    words = text.strip().split(maxsplit=1)
    if not words:
        return False
    first = words[0].strip(".,;:!?\"'").upper()
    return first in STOP_KEYWORDS
