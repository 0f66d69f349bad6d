"""Tricky SMS texts with sizes worked out by hand from GSM 03.38 (DESIGN.md 2.3).

GSM-7: 160 septets in a single SMS, 153 per part of a long one; ^ { } \\ [ ~ ] | € and
form feed are escape + character (2 septets), and the pair is never split across parts.
Everything not in the basic table or the extension table (small ç, ê, á, tab, backtick,
typographic quotes, emoji, combining accents) makes the whole text UCS-2: 70 UTF-16 units
single, 67 per part; a character beyond the BMP (emoji) is a surrogate pair of 2 units
that is never split either. In UCS-2 the € is an ordinary single unit.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from desk_app.domain.campaign_content import (
    SmsCampaignSize,
    compose,
    sms_campaign_size,
    unsubscribe_link_length,
)
from desk_app.domain.enums import Category, Channel
from desk_app.domain.sms import sms_size

# The unsubscribe link of a gateway at https://gw.example: 18 + 3 + 43 characters.
LINK = unsubscribe_link_length("https://gw.example")


def _size(bodies: Iterable[str], price: int, link_length: int = LINK) -> SmsCampaignSize:
    return sms_campaign_size(bodies, price, link_length=link_length)


A = "a"
TABLE = [
    # text, encoding, units, segments, characters forcing UCS-2
    # --- GSM-7 part boundaries: 160 single, 153 per part
    (A * 160, "GSM-7", 160, 1, ()),
    (A * 161, "GSM-7", 161, 2, ()),
    (A * 153 * 2, "GSM-7", 306, 2, ()),
    (A * 153 * 2 + A, "GSM-7", 307, 3, ()),
    (A * 153 * 3, "GSM-7", 459, 3, ()),
    (A * 153 * 3 + A, "GSM-7", 460, 4, ()),
    # --- the escape pair
    (A * 158 + "€", "GSM-7", 160, 1, ()),  # 158 + 2 = 160: still one SMS
    (A * 159 + "€", "GSM-7", 161, 2, ()),  # 159 + 2 = 161: two parts (153 + 8)
    # € at position 153: septet 153 is left free, the pair opens part 2 (152 | 2 + 10)
    (A * 152 + "€" + A * 10, "GSM-7", 164, 2, ()),
    # same, 306 septets: 152 | 2 + 151 = 153 | 1 — three parts, not 306 / 153 = 2
    (A * 152 + "€" + A * 152, "GSM-7", 306, 3, ()),
    # € at positions 152–153 ends exactly at the boundary: 153 | 153
    (A * 151 + "€" + A * 153, "GSM-7", 306, 2, ()),
    ("^{}\\[~]|€", "GSM-7", 18, 1, ()),
    ("\f", "GSM-7", 2, 1, ()),  # form feed is in the extension table
    ("{" * 80, "GSM-7", 160, 1, ()),
    ("{" * 81, "GSM-7", 162, 2, ()),  # 76 pairs (152 septets) per part: 76 | 5
    ("\r\n@£$¥§¿¡¤", "GSM-7", 10, 1, ()),
    ("ΔΦΓΛΩΠΨΣΘΞ", "GSM-7", 10, 1, ()),  # Greek capitals of the basic table
    # --- German and French letters
    ("äöüÄÖÜß", "GSM-7", 7, 1, ()),
    ("Grüße aus Köln", "GSM-7", 14, 1, ()),
    ("é", "GSM-7", 1, 1, ()),
    ("è", "GSM-7", 1, 1, ()),
    ("à", "GSM-7", 1, 1, ()),
    ("Café Crème", "GSM-7", 10, 1, ()),
    ("ê", "UCS-2", 1, 1, ("ê",)),
    ("Crêpe", "UCS-2", 5, 1, ("ê",)),
    ("á", "UCS-2", 1, 1, ("á",)),
    ("e\u0301", "UCS-2", 2, 1, ("\u0301",)),  # é typed as e + combining accent
    # --- Ç is 0x09 of the basic table, small ç is not in GSM 03.38 at all
    ("Ç", "GSM-7", 1, 1, ()),
    ("Çelik", "GSM-7", 5, 1, ()),
    ("ç", "UCS-2", 1, 1, ("ç",)),
    ("François", "UCS-2", 8, 1, ("ç",)),
    ("ç" + A * 69, "UCS-2", 70, 1, ("ç",)),
    ("ç" + A * 70, "UCS-2", 71, 2, ("ç",)),
    # --- typographic quotes force UCS-2: 70 single, 67 per part
    ("„" + A * 68 + "“", "UCS-2", 70, 1, ("„", "“")),
    ("„" + A * 69 + "“", "UCS-2", 71, 2, ("„", "“")),
    ("„" + A * 132 + "“", "UCS-2", 134, 2, ("„", "“")),
    ("„" + A * 133 + "“", "UCS-2", 135, 3, ("„", "“")),
    # in UCS-2 the € is one unit like any other: 1 + 69
    ("ê" + "€" * 69, "UCS-2", 70, 1, ("ê",)),
    ("€" * 70 + "ê", "UCS-2", 71, 2, ("ê",)),
    ("a\tb", "UCS-2", 3, 1, ("\t",)),  # tab is not in GSM 03.38
    ("`", "UCS-2", 1, 1, ("`",)),
    ("\u00a0", "UCS-2", 1, 1, ("\u00a0",)),  # no-break space
    # --- emoji: 2 UTF-16 units each, a pair never split
    ("😀", "UCS-2", 2, 1, ("😀",)),
    (A * 68 + "😀", "UCS-2", 70, 1, ("😀",)),
    (A * 69 + "😀", "UCS-2", 71, 2, ("😀",)),
    # 134 units would fill two parts, but the pair cannot start at unit 67: 66 | 2 + 65 | 1
    (A * 66 + "😀" + A * 66, "UCS-2", 134, 3, ("😀",)),
    (A * 65 + "😀" + A * 67, "UCS-2", 134, 2, ("😀",)),  # 65 + 2 = 67 | 67
    ("👍🏽", "UCS-2", 4, 1, ("👍", "🏽")),  # thumbs up + skin tone: two astral code points
    ("🇩🇪", "UCS-2", 4, 1, ("🇩", "🇪")),  # a flag is two regional indicators
    ("❤\ufe0f", "UCS-2", 2, 1, ("❤", "\ufe0f")),  # heart (BMP) + variation selector
]


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments", "forcing"),
    TABLE,
    ids=[f"{n:02}-{row[1]}-{row[2]}u-{row[3]}p" for n, row in enumerate(TABLE)],
)
def test_sms_size_table(
    text: str, encoding: str, units: int, segments: int, forcing: tuple[str, ...]
) -> None:
    size = sms_size(text)
    assert (size.encoding, size.units, size.segments, size.forcing_ucs2) == (
        encoding,
        units,
        segments,
        forcing,
    )


# --- a campaign ---------------------------------------------------------------------------

# "Hallo " (6) + name + "! Im Mai 20 % auf Pflege im " (28) + "Salon Mia" (9) + "." (1)
# + "\n" (1) + "Abmelden: " (10) + the link (64) = 119 + the name.
BODY = "Hallo {{ first_name }}! Im Mai 20 % auf Pflege im {{ salon_name }}."
FIXED = 119
NAMES = [
    ("Anna", 1),  # GSM-7, 123 septets: one SMS
    ("François", 2),  # ç: UCS-2, 127 units > 70: two parts of 67
    ("Lena 🌸", 2),  # 4 + 1 + 2 = 7: UCS-2, 126 units: two parts
    ("O’Brien", 2),  # ’ : UCS-2, 126 units; typographic, GSM-7 after replacement
    ("Ştefania Ionescu-Popescu", 3),  # Ş: UCS-2, 24 + 119 = 143 units > 134: three parts
]


def _bodies() -> list[str]:
    return [
        compose(
            Category.MARKETING,
            Channel.SMS,
            "",
            BODY,
            {"first_name": name, "salon_name": "Salon Mia"},
            "de",
        ).body
        for name, _ in NAMES
    ]


def test_the_rendered_bodies_are_the_expected_texts() -> None:
    first = _bodies()[0]
    assert first == "Hallo Anna! Im Mai 20 % auf Pflege im Salon Mia.\nAbmelden: $unsubscribe_url"
    assert len(first) - len("$unsubscribe_url") + 64 == FIXED + len("Anna")


@pytest.mark.parametrize(("index", "segments"), [(n, s) for n, (_, s) in enumerate(NAMES)])
def test_each_body_is_counted_with_the_real_link(index: int, segments: int) -> None:
    assert _size([_bodies()[index]], 9).total_segments == segments


def test_campaign_totals_and_cost() -> None:
    assert _size(_bodies(), 9) == SmsCampaignSize(
        recipients=5,
        total_segments=1 + 2 + 2 + 2 + 3,
        worst_segments=3,
        ucs2_bodies=4,  # all but Anna
        typography_fixable=1,  # only O’Brien; ç, 🌸 and Ş stay
        cost_cents=10 * 9,
    )


def test_the_placeholder_is_not_counted_as_16_characters() -> None:
    body = A * 100 + " $unsubscribe_url"  # 117 as written, 165 as sent
    assert sms_size(body).segments == 1
    assert _size([body], 7) == SmsCampaignSize(1, 2, 2, 0, 0, 14)
    # A gateway with a shorter address fits one SMS: 100 + 1 + 10 = 111.
    assert _size([body], 7, link_length=10).total_segments == 1


def test_every_occurrence_of_the_placeholder_is_replaced() -> None:
    body = "$unsubscribe_url $unsubscribe_url"  # 64 + 1 + 64 = 129 septets
    assert _size([body], 5) == SmsCampaignSize(1, 1, 1, 0, 0, 5)
    body = A * 32 + body  # 161: two parts
    assert _size([body], 5) == SmsCampaignSize(1, 2, 2, 0, 0, 10)


def test_quotes_and_a_name_with_c_cedilla_are_not_fixable_by_typography() -> None:
    bodies = ["„Hallo“ François", "„Hallo“ Anna", "Hallo Anna"]
    assert _size(bodies, 8) == SmsCampaignSize(3, 3, 1, 2, 1, 24)


def test_an_empty_campaign_costs_nothing() -> None:
    assert _size([], 9) == SmsCampaignSize(0, 0, 0, 0, 0, 0)
    assert _size(iter(["x"]), 0).cost_cents == 0
