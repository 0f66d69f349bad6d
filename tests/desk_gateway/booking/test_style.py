"""The salon's colour as the page's accent: whatever the colour, the text on it and the
links in it read with a contrast of at least 4.5:1 (WCAG AA)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desk_gateway.booking.style import DEFAULT_ACCENT, MIN_CONTRAST, accent_colours, contrast

colours = st.integers(min_value=0, max_value=0xFFFFFF).map(lambda n: f"#{n:06x}")


@given(colours)
def test_any_colour_gets_readable_text_and_links(colour: str) -> None:
    accent, on_accent, as_text = accent_colours(colour)

    assert accent == colour
    assert contrast(accent, on_accent) >= MIN_CONTRAST
    assert contrast(as_text, "#ffffff") >= MIN_CONTRAST


def test_known_pairs() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert accent_colours("#2d6a4f") == ("#2d6a4f", "#ffffff", "#2d6a4f")
    assert accent_colours("#ffe066")[1] == "#000000"
    assert accent_colours("not a colour")[0] == DEFAULT_ACCENT


def test_the_fixed_colours_of_the_sheet_read_on_white() -> None:
    for colour in ("#1a1a1a", "#4a4a4a", "#a4000f", "#595959"):
        assert contrast(colour, "#ffffff") >= MIN_CONTRAST
    assert contrast("#1a1a1a", "#f4f4f4") >= MIN_CONTRAST  # the summary box
