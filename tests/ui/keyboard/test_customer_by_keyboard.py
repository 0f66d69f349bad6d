"""The customer at the counter by keyboard alone, in the real window (German): found by
name, opened with Enter, put on the waitlist with Alt+W."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from desk_app.ui.customers.customers_page import CustomersPage
from tests.ui.keyboard.conftest import Counter
from tests.ui.keyboard.typist import Typist

pytestmark = [
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]
Mod = Qt.KeyboardModifier
PAUL = "Paul Werner"  # the demo's only one


def _open_paul(counter: Counter, keys: Typist) -> CustomersPage:
    page = counter.desktop.window.page("customers")
    assert isinstance(page, CustomersPage)
    keys.press(Qt.Key.Key_2, Mod.ControlModifier)
    keys.wait_for_focus("customer_search")
    keys.type(PAUL)
    keys.wait_until(lambda: page.status_text().startswith("1 "))  # „1 Treffer“
    keys.press(Qt.Key.Key_Return)
    keys.wait_until(lambda: (c := page.form().customer()) is not None and c.full_name == PAUL)
    return page


def test_enter_opens_the_customer_with_the_cursor_where_one_sees_it(
    counter: Counter, qtbot: QtBot
) -> None:
    """The cursor used to go to the form itself, which takes no keys and shows no focus:
    the next key went nowhere to be seen."""
    window = counter.desktop.window
    window.resize(1024, 640)
    keys = Typist(qtbot, "customer", window)
    page = _open_paul(counter, keys)
    focused = keys.focused()
    assert page.isAncestorOf(focused)
    assert focused.focusPolicy() & Qt.FocusPolicy.TabFocus, focused
    assert focused.isEnabled() and focused.isVisible()


def _waitlist_dialog_open() -> bool:
    dialog = QApplication.activeModalWidget()
    return dialog is not None and dialog.objectName() == "waitlistDialog"


def test_alt_w_puts_the_open_customer_on_the_waitlist(counter: Counter, qtbot: QtBot) -> None:
    """„Warteliste…“ had no Alt+letter: from the opened customer it was 3 Shift+Tabs or
    some 20 Tabs away."""
    window = counter.desktop.window
    window.resize(1024, 640)
    keys = Typist(qtbot, "customer waitlist", window)
    page = _open_paul(counter, keys)
    keys.press(Qt.Key.Key_W, Mod.AltModifier)
    keys.wait_until(_waitlist_dialog_open)
    keys.wait_for_focus("waitlistService")
    service = keys.focused()
    assert isinstance(service, QComboBox)
    keys.wait_until(lambda: service.count() > 0)  # the services are shown
    keys.pick("H")  # Herrenhaarschnitt
    keys.press(Qt.Key.Key_Return)
    keys.wait_until(lambda: not _waitlist_dialog_open())
    customer = page.form().customer()
    assert customer is not None
    [entry] = counter.services.waitlist.entries(customer.id)
    assert entry.service_name == "Herrenhaarschnitt"
    assert keys.other_keys <= 6, keys.report()


def test_alt_w_opens_the_waitlist_from_the_calendar(counter: Counter, qtbot: QtBot) -> None:
    window = counter.desktop.window
    window.resize(1024, 640)
    keys = Typist(qtbot, "calendar waitlist", window)
    keys.press(Qt.Key.Key_1, Mod.ControlModifier)
    keys.press(Qt.Key.Key_W, Mod.AltModifier)
    keys.wait_until(_waitlist_dialog_open)
    keys.wait_for_focus("customer_search")
