"""SMS facts of DESIGN.md 2.3 that both desktop and gateway rely on."""

from __future__ import annotations

from dataclasses import dataclass

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


# GSM 03.38 default alphabet (one septet each) and its extension table (escape + char:
# two septets). Anything else forces the whole message into UCS-2.
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = frozenset("\f^{}\\[~]|€")
GSM_SINGLE, GSM_PART = 160, 153  # septets
UCS2_SINGLE, UCS2_PART = 70, 67  # UTF-16 code units

# Typographic characters that force UCS-2, and plain replacements that keep GSM.
TYPOGRAPHIC_REPLACEMENTS = {
    "„": '"', "“": '"', "”": '"', "‚": "'", "‘": "'", "’": "'", "«": '"', "»": '"',
    "–": "-", "—": "-", "…": "...", "\u00a0": " ", "\u202f": " ", "•": "-",
}  # fmt: skip


@dataclass(frozen=True)
class SmsSize:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int
    forcing_ucs2: tuple[str, ...]  # the characters that made it UCS-2, in order of appearance

    @property
    def replaceable(self) -> bool:
        """True when replacing typographic characters would bring it back to GSM-7."""
        return bool(self.forcing_ucs2) and all(
            ch in TYPOGRAPHIC_REPLACEMENTS for ch in self.forcing_ucs2
        )


def _segments(costs: list[int], single: int, part: int) -> int:
    """Parts needed when no character may be split across a part boundary."""
    total = sum(costs)
    if total <= single:
        return 1 if total else 0
    parts, used = 1, 0
    for cost in costs:
        if used + cost > part:
            parts, used = parts + 1, 0
        used += cost
    return parts


def sms_size(text: str) -> SmsSize:
    """Encoding, length and number of SMS parts of ``text`` (DESIGN.md 2.3).

    An extension character costs two septets and, like a surrogate pair in UCS-2, is
    never split between two parts; that is why a long message can need one part more
    than its length divided by 153 (or 67) suggests.
    """
    forcing = [ch for ch in text if ch not in GSM_BASIC and ch not in GSM_EXTENSION]
    if not forcing:
        costs = [2 if ch in GSM_EXTENSION else 1 for ch in text]
        return SmsSize("GSM-7", sum(costs), _segments(costs, GSM_SINGLE, GSM_PART), ())
    costs = [2 if ord(ch) > 0xFFFF else 1 for ch in text]
    unique = tuple(dict.fromkeys(forcing))
    return SmsSize("UCS-2", sum(costs), _segments(costs, UCS2_SINGLE, UCS2_PART), unique)


def replace_typography(text: str) -> str:
    """„Quotes“, dashes and ellipses as plain characters, so the SMS stays GSM-7."""
    return "".join(TYPOGRAPHIC_REPLACEMENTS.get(ch, ch) for ch in text)
