"""The application's style with tab texts that are not cut at the top and bottom.

Fusion (Qt's style on Linux) shifts the text of a tab that is not selected 2 pixels down
and gives it a rectangle 2 pixels lower than a line of text; the text is drawn clipped
to that rectangle, so the dots of „Öffnungszeiten“ and the tail of a „g“ were cut off
on every tab but the current one. This proxy grows the rectangle to a full line (into
the tab's own padding) and leaves everything else to the style it wraps.

May import: PySide6 only.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

# Capital umlauts reach above a font's ascent in some fonts (DejaVu Sans by 2 pixels):
# the rectangle gets this much beyond a line, as far as the tab has room for it.
HEADROOM = 2


class TabTextStyle(QProxyStyle):
    def subElementRect(
        self, element: QStyle.SubElement, option: QStyleOption, widget: QWidget | None = None
    ) -> QRect:
        # QProxyStyle's stub wants a widget where QStyle (and Qt) take None.
        rect = super().subElementRect(element, option, widget)  # type: ignore[arg-type]
        if element != QStyle.SubElement.SE_TabBarTabText or rect.isEmpty():
            return rect
        wanted = option.fontMetrics.height() + 2 * HEADROOM
        room = option.rect  # the whole tab
        if rect.height() >= wanted or room.height() <= rect.height():
            return rect
        grow = min(wanted, room.height()) - rect.height()
        top = max(room.top(), rect.top() - (grow + 1) // 2)
        bottom = min(room.bottom(), top + rect.height() + grow - 1)
        return QRect(rect.left(), top, rect.width(), bottom - top + 1)


def install(app: QApplication) -> None:
    """Wrap the application's style once (a window opened again keeps the wrapper)."""
    if isinstance(app.style(), TabTextStyle):
        return
    app.setStyle(TabTextStyle(app.style().name()))
