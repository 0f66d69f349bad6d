"""The application's style, wrapped so that tab texts and labels are not cut at the top
and bottom.

Two cuts the screenshots showed in German with DejaVu Sans (Linux's usual fallback font),
where a capital umlaut reaches 2 pixels above the font's ascent at 9 pt:

- Fusion (Qt's style on Linux) gives the text of a tab that is not the current one a
  rectangle 2 pixels lower than a line and draws the text clipped to it: the dots of
  „Öffnungszeiten“ and the tail of a „g“ were cut off on every tab but the current one.
  The rectangle grows to a full line and the umlauts' headroom (into the tab's padding).
- A label as high as a line (a column header, a hint alone in its row) is painted only
  inside itself: „Öffnet“ read „Offnet“. A label gets that headroom as a top margin,
  only where its font needs it (none with Segoe UI, Windows' font, or at 8 pt).

Built on ``desk_app.ui.style.indicators.IndicatorStyle`` (check boxes whose frame is
seen): the application has one style. Everything else is left to the style it wraps.

May import: PySide6, desk_app.ui.style.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QStyle, QStyleOption, QWidget

from desk_app.ui.style.indicators import IndicatorStyle

TALL_LETTERS = "ÄÖÜÅÉÈÊ"  # capitals with marks above them: the tallest a label shows
_POLISHED = "wholeTextHeadroom"  # the margin added, so a second polish adds none


def headroom(metrics: QFontMetrics) -> int:
    """How far the tallest letters reach above the font's ascent (0 for most fonts)."""
    return max(0, -metrics.tightBoundingRect(TALL_LETTERS).top() - metrics.ascent())


class WholeTextStyle(IndicatorStyle):
    def subElementRect(
        self, element: QStyle.SubElement, option: QStyleOption, widget: QWidget | None = None
    ) -> QRect:
        # QProxyStyle's stub wants a widget where QStyle (and Qt) take None.
        rect = super().subElementRect(element, option, widget)  # type: ignore[arg-type]
        if element != QStyle.SubElement.SE_TabBarTabText or rect.isEmpty():
            return rect
        metrics = option.fontMetrics
        wanted = metrics.height() + 2 * headroom(metrics)
        room = option.rect  # the whole tab
        if rect.height() >= wanted or room.height() <= rect.height():
            return rect
        grow = min(wanted, room.height()) - rect.height()
        top = max(room.top(), rect.top() - (grow + 1) // 2)
        bottom = min(room.bottom(), top + rect.height() + grow - 1)
        return QRect(rect.left(), top, rect.width(), bottom - top + 1)

    # One Python method stands for QStyle's three polish overloads (widget, application,
    # palette); the stub types them apart.
    def polish(self, target: QWidget) -> None:  # type: ignore[override]
        super().polish(target)
        if isinstance(target, QLabel):
            _give_headroom(target)


def _give_headroom(label: QLabel) -> None:
    wanted = headroom(label.fontMetrics())
    given = label.property(_POLISHED)
    given = int(given) if isinstance(given, int) else 0
    if wanted == given:
        return
    margins = label.contentsMargins()
    margins.setTop(max(0, margins.top() - given) + wanted)
    label.setContentsMargins(margins)
    label.setProperty(_POLISHED, wanted)


def install(app: QApplication) -> None:
    """Wrap the application's style once (a window opened again keeps the wrapper)."""
    if isinstance(app.style(), WholeTextStyle):
        return
    app.setStyle(WholeTextStyle(app.style().name()))
