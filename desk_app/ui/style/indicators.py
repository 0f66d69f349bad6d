"""Check boxes and radio buttons whose frame is seen in both colour schemes.

Fusion (Qt's style on Linux) draws an indicator's frame a shade off the window (the
window's colour, darker by 140 %): 1.7:1 against the light scheme's window and 1.1:1
against the dark one's, where an unticked box all but disappears. WCAG asks 3:1 for
the parts of a control. ``IndicatorStyle`` draws the frame again, in the same place, in
the palette's placeholder colour (the muted grey of secondary text: above 5:1 in both
schemes, on window and base), which follows a switch of the scheme with the palette.

Left to the style: other styles than Fusion (they draw their own indicators), a
disabled indicator (it need not stand out) and one with keyboard focus (Fusion frames it
in the highlight).

May import: PySide6.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

FRAME_ROLE = QPalette.ColorRole.PlaceholderText
_FRAMED = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
)


class IndicatorStyle(QProxyStyle):
    """The application's style with check box and radio button frames that are seen."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in _FRAMED and self._redraws(option):
            draw_frame(element, option, painter)

    def _redraws(self, option: QStyleOption) -> bool:
        state = option.state
        focused = state & QStyle.StateFlag.State_HasFocus and (
            state & QStyle.StateFlag.State_KeyboardFocusChange
        )
        enabled = bool(state & QStyle.StateFlag.State_Enabled)
        return enabled and not focused and self.baseStyle().name().casefold() == "fusion"


def draw_frame(element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter) -> None:
    """The indicator's frame where Fusion draws it (a one-pixel square, a circle)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(option.palette.color(FRAME_ROLE), 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    rect = QRect(option.rect)
    if element == QStyle.PrimitiveElement.PE_IndicatorCheckBox:
        painter.translate(0.5, 0.5)  # the lines on whole pixels, as Fusion's
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
    else:
        width = rect.width()
        radius = (width + (width + 1) % 2) / 2.0 - 1
        circle = QPainterPath()
        circle.addEllipse(QPointF(rect.center()) + QPointF(1, 1), radius, radius)
        painter.drawPath(circle)
    painter.restore()
