"""Light and dark: the theme follows the system's colour scheme as Qt reports it
(``colorSchemeChanged``, emitted here as the offscreen platform never does) and this PC's
preference (``request``), and everything coloured follows along: the application's
palette, the meaning colours, toned labels, the sidebar and the icons. Also: every text
colour of both schemes is readable on its background."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QListWidget
from pytestqt.qtbot import QtBot

from desk_app.ui.main_window import MainWindow
from desk_app.ui.style import colours, icons
from desk_app.ui.style.theme import Theme, ThemeChoice, request
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.widgets import palette

AA_TEXT = 4.5  # WCAG's contrast for normal text


def icon_colour(name: str, state: QIcon.State = QIcon.State.Off) -> QColor:
    """The colour of the glyph's inside (not its smoothed edges)."""
    pixmap = icons.icon(name).pixmap(QSize(48, 48), QIcon.Mode.Normal, state)
    image = pixmap.toImage()
    inked = [
        image.pixelColor(x, y)
        for x in range(48)
        for y in range(48)
        if image.pixelColor(x, y).alpha() == 255
    ]
    assert inked, f"the icon {name!r} paints nothing"
    return inked[len(inked) // 2]


@pytest.mark.usefixtures("system_scheme")
def test_a_switch_of_the_colour_scheme_recolours_everything_and_back(
    qtbot: QtBot, qapp: QApplication, tmp_path: object
) -> None:
    window = MainWindow("Salon", QSettings(f"{tmp_path}/p.ini", QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    theme = Theme.of(qapp)
    assert theme is not None and not theme.is_dark()  # the offscreen platform: no scheme
    label = QLabel("Nicht gespeichert")
    qtbot.addWidget(label)
    set_tone(label, Tone.ERROR)
    sidebar = window.findChild(QListWidget, "sections")
    assert sidebar is not None
    hints = QGuiApplication.styleHints()

    for scheme, expected in (
        (Qt.ColorScheme.Dark, colours.DARK),
        (Qt.ColorScheme.Light, colours.LIGHT),
        (Qt.ColorScheme.Dark, colours.DARK),
    ):
        with qtbot.waitSignal(theme.changed, timeout=1000) as changed:
            hints.colorSchemeChanged.emit(scheme)  # the system switched
        assert changed.args == [expected.dark]
        assert qapp.palette().color(QPalette.ColorRole.Window) == QColor(expected.window)
        assert expected.error == palette.ERROR  # what models and painters read
        assert expected.error in label.styleSheet()  # set once, before the switch
        assert expected.sidebar in sidebar.styleSheet()
        assert icon_colour("calendar") == QColor(expected.text)
        # A checked button's (Day, Week) is drawn on the highlight.
        assert icon_colour("day", QIcon.State.On) == QColor(expected.highlighted_text)

    # The PC's preference wins over the system's dark, until it is "as the computer".
    with qtbot.waitSignal(theme.changed, timeout=1000):
        request(ThemeChoice.LIGHT)
    assert not theme.is_dark() and colours.LIGHT.error == palette.ERROR
    with qtbot.waitSignal(theme.changed, timeout=1000):
        request(ThemeChoice.SYSTEM)
    assert theme.is_dark()
    # A new window (a language switch builds one) keeps the preference.
    request(ThemeChoice.LIGHT)
    qtbot.addWidget(MainWindow("Salon", QSettings(f"{tmp_path}/q.ini", QSettings.Format.IniFormat)))
    assert not theme.is_dark()
    # The system's scheme again (none offscreen: light), the preference with it.
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Unknown)
    request(ThemeChoice.SYSTEM)
    assert not theme.is_dark()


def contrast(foreground: str, background: str) -> float:
    def luminance(colour: str) -> float:
        channels = []
        for value in QColor(colour).getRgbF()[:3]:
            channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
        red, green, blue = channels
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", [colours.LIGHT, colours.DARK], ids=["light", "dark"])
def test_every_text_colour_is_readable_on_its_background(scheme: colours.Scheme) -> None:
    low = []
    for name in ("text", "muted", "link", "error", "warning", "success"):
        for surface in ("window", "base", "alternate_base"):
            ratio = contrast(getattr(scheme, name), getattr(scheme, surface))
            if ratio < AA_TEXT:
                low.append(f"{name} on {surface}: {ratio:.2f}")
    for box in ("error_box", "warning_box", "caution_box"):
        background, text, _border = getattr(scheme, box)
        if contrast(text, background) < AA_TEXT:
            low.append(f"{box}: {contrast(text, background):.2f}")
    selected = contrast(scheme.highlighted_text, scheme.highlight)
    if selected < AA_TEXT:
        low.append(f"highlighted text: {selected:.2f}")
    assert not low
