"""The mnemonic of an InstantButton clicks before the next key is handled."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desk_app.ui.widgets.instant_button import InstantButton


def _window(qtbot: QtBot, button: QPushButton) -> tuple[QWidget, QLineEdit, QLineEdit]:
    window = QWidget()
    qtbot.addWidget(window)
    search, form = QLineEdit(), QLineEdit()
    layout = QVBoxLayout(window)
    for widget in (search, button, form):
        layout.addWidget(widget)
    button.clicked.connect(lambda: form.setFocus())
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is search)
    return window, search, form


def _alt_n_then_type(qtbot: QtBot, text: str) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClick(focused, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    for char in text:  # at once, as a fast typist does: no event loop in between
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, char)


def test_alt_letter_clicks_at_once_and_the_next_keys_land_where_the_click_led(
    qtbot: QtBot,
) -> None:
    _window_kept, search, form = _window(qtbot, InstantButton("&New customer"))
    _alt_n_then_type(qtbot, "Lisa")
    assert (search.text(), form.text()) == ("", "Lisa")


def test_a_plain_button_clicks_later_which_is_why_the_instant_one_exists(
    qtbot: QtBot,
) -> None:
    _window_kept, search, form = _window(qtbot, QPushButton("&New customer"))
    _alt_n_then_type(qtbot, "Lisa")
    assert form.text() == ""  # the keys went elsewhere: Qt clicks 100 ms later
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form)
