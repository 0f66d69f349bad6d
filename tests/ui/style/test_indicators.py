"""Check boxes and radio buttons are seen in both colour schemes: the frame the style
paints around the indicator reaches WCAG's 3:1 for the parts of a control against the
window, read from the pixels of the widget as the application's style draws it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
)
from pytestqt.qtbot import QtBot

from desk_app.ui.style.theme import Theme, ThemeChoice, request
from desk_app.ui.widgets.whole_text_style import WholeTextStyle
from tests.ui.style.test_theme import contrast

NON_TEXT = 3.0  # WCAG's contrast for the parts of a control

pytestmark = pytest.mark.usefixtures("system_scheme")


def frame_colour(button: QAbstractButton) -> QColor:
    """The colour of the indicator's frame as painted: of the pixels down the middle of
    the indicator's left edge, the one that stands out most from the window."""
    option = QStyleOptionButton()
    button.initStyleOption(option)  # type: ignore[attr-defined]
    element = (
        QStyle.SubElement.SE_CheckBoxIndicator
        if isinstance(button, QCheckBox)
        else QStyle.SubElement.SE_RadioButtonIndicator
    )
    indicator = button.style().subElementRect(element, option, button)
    image = button.grab().toImage()
    window = button.palette().color(QPalette.ColorRole.Window).name()
    middle = indicator.center().y()
    column = [image.pixelColor(indicator.left(), y) for y in range(middle - 2, middle + 3)]
    return max(column, key=lambda colour: contrast(colour.name(), window))


@pytest.mark.parametrize("choice", [ThemeChoice.LIGHT, ThemeChoice.DARK])
@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
def test_an_indicator_frame_stands_out_from_the_window(
    qtbot: QtBot, qapp: QApplication, choice: ThemeChoice, kind: type[QAbstractButton]
) -> None:
    Theme.install(qapp)
    request(choice)
    style = WholeTextStyle("fusion")  # the application's style (``whole_text_style.install``)
    button = kind("Werbung per E-Mail")
    qtbot.addWidget(button)
    button.setStyle(style)
    button.show()
    qtbot.waitExposed(button)

    window = qapp.palette().color(QPalette.ColorRole.Window).name()
    painted = frame_colour(button)
    assert contrast(painted.name(), window) >= NON_TEXT, f"{painted.name()} on {window}"
    # An indicator in a list or table sits on the base colour.
    base = qapp.palette().color(QPalette.ColorRole.Base).name()
    assert contrast(painted.name(), base) >= NON_TEXT, f"{painted.name()} on {base}"
