"""The whole window by keyboard: the menu bar names what F1 names, Tab never stays inside
a table, and no two visible widgets of one window answer to the same Alt+letter."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QRadioButton,
    QScrollArea,
    QTabBar,
    QTableWidget,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desk_app.config.paths import translations_dir
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.texts import i18n
from desk_app.ui.calendar.calendar_page import CalendarPage
from desk_app.ui.context import UiContext
from desk_app.ui.customers.customers_page import CustomersPage
from desk_app.ui.help_overlay import HelpOverlay
from desk_app.ui.main_window import SECTION_KEYS, MainWindow, WindowParts
from desk_app.ui.marketing.marketing_page import MarketingPage
from desk_app.ui.menu_bar import MENUS
from desk_app.ui.online.requests_page import OnlineRequestsPage
from desk_app.ui.outbox.outbox_page import OutboxPage
from desk_app.ui.settings.dialog import SettingsDialog
from desk_app.ui.shortcuts import CALENDAR_SHORTCUTS, SECTION_SHORTCUTS, SHORTCUTS
from tests.conftest import Clock
from tests.services.support import add_customer, berlin, make_salon
from tests.support.ui import open_weekdays

pytestmark = [
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]
TAB_PRESSES = 120  # more than any section has focus stops: the chain must close before


@pytest.fixture(params=["en", "de"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    i18n.install_translators(qapp, request.param, translations_dir())
    yield str(request.param)
    i18n.install_translators(qapp, "en", translations_dir())


def _window(
    qtbot: QtBot, ctx: UiContext, services: Services, clock: Clock, alive: list[object]
) -> MainWindow:
    """The real window with every section, as the desktop composes it (no gateway), with
    rows in the tables (an empty table lets Tab through even when it would trap it)."""
    open_weekdays(services)
    salon = make_salon(services)
    for number in range(4):
        customer = add_customer(
            services,
            f"Kundin{chr(65 + number)}",
            "Test",
            f"k{number}@example.org",
            f"0170 555012{number}",
        )
        services.booking.book(  # queues a confirmation: a row in the outbox
            BookingRequest(
                customer.id, salon.stylist.id, salon.cut.id, berlin(2026, 11, 25, 10 + number)
            )
        )
    pages: dict[str, QWidget] = {
        "calendar": CalendarPage(ctx, clock=clock),
        "customers": CustomersPage(ctx, directory=services.directory),
        "marketing": MarketingPage(ctx, None),
        "outbox": OutboxPage(ctx, None),
        "online": OnlineRequestsPage(ctx, lambda: None, None, clock=clock),
    }
    settings = QSettings(str(ctx.preferences.fileName()) + ".window", QSettings.Format.IniFormat)
    window = MainWindow("Salon", settings, WindowParts(pages=pages))
    qtbot.addWidget(window)
    alive.append(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    return window


# ---- menu bar ------------------------------------------------------------------------------
def _menu_entries(window: MainWindow) -> list[tuple[str, str]]:
    """(name, keys) of every menu bar entry, keys as the menu shows them (after a tab),
    checked against the keys the entry is bound to where it is bound."""
    native = QKeySequence.SequenceFormat.NativeText
    entries = []
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            if action.isSeparator():
                continue
            name, _, shown = action.text().partition("\t")
            bound = ", ".join(s.toString(native) for s in action.shortcuts())
            assert not bound or bound == shown, f"{name}: shows {shown}, bound to {bound}"
            entries.append((name, shown))
    return entries


def test_the_menu_bar_lists_exactly_what_f1_lists(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    clock: Clock,
    alive: list[object],
    language: str,
) -> None:
    window = _window(qtbot, ctx, services, clock, alive)
    overlay = HelpOverlay(window)
    table = overlay.findChild(QTableWidget, "shortcut_table")
    assert table is not None
    f1 = [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
    menu = _menu_entries(window)
    assert sorted(menu) == sorted(f1)
    assert all(keys for _name, keys in menu)  # every entry says its keys
    # One source: every key of the tables sits in exactly one menu.
    placed = Counter(key for _n, _t, keys in MENUS for key in keys if key is not None)
    tables = SHORTCUTS + CALENDAR_SHORTCUTS + SECTION_SHORTCUTS
    assert placed == Counter(s.key for s in tables)
    titles = [a.text() for a in window.menuBar().actions()]
    if language == "de":
        assert titles == ["Datei", "Bearbeiten", "Ansicht", "Termin", "Anfragen", "Hilfe"]
        assert ("Kalender: als erschienen markieren", "E") in menu
    else:
        assert ("Calendar: mark as arrived", "A") in menu


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_menu_entries_do_what_the_keys_do(
    qtbot: QtBot, ctx: UiContext, services: Services, clock: Clock, alive: list[object]
) -> None:
    window = _window(qtbot, ctx, services, clock, alive)
    entries = {
        a.objectName() or a.text(): a
        for top in window.menuBar().actions()
        for a in top.menu().actions()
    }
    window.show_section("outbox")
    entries["calendar_cursor"].trigger()  # "cursor keys" from the menu: into the grid
    assert window.current_section() == "calendar"
    page = window.page("calendar")
    assert isinstance(page, CalendarPage)
    assert QApplication.focusWidget() is page.day_view().canvas()
    # Actions that need an appointment under the cursor are greyed out on free time.
    calendar = page.keyboard_actions()
    assert not calendar["mark_arrived"].isEnabled()
    assert calendar["open_appointment"].isEnabled()
    # F10 opens the menu bar's first menu; the arrows go on from there.
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F10)
    opened = QApplication.activePopupWidget()
    assert isinstance(opened, QMenu) and opened.objectName() == "menu_file"
    QTest.keyClick(opened, Qt.Key.Key_Escape)


# ---- Tab -----------------------------------------------------------------------------------
def _describe(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    return f"{type(widget).__name__}({widget.objectName()!r})"


def test_tab_leaves_every_table_and_goes_round_every_section(
    qtbot: QtBot, ctx: UiContext, services: Services, clock: Clock, alive: list[object]
) -> None:
    window = _window(qtbot, ctx, services, clock, alive)
    for number, key in enumerate(SECTION_KEYS, start=1):
        digit = Qt.Key(Qt.Key.Key_0 + number)
        QTest.keyClick(
            QApplication.focusWidget() or window, digit, Qt.KeyboardModifier.ControlModifier
        )
        assert window.current_section() == key
        start = QApplication.focusWidget()
        assert start is not None and window.page(key).isAncestorOf(start), (
            f"Ctrl+{number} leaves the focus on {_describe(start)}"
        )
        visited: list[QWidget] = []
        for _ in range(TAB_PRESSES):
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            visited.append(QApplication.focusWidget())
            if visited[-1] is start:
                break
        trail = " → ".join(_describe(w) for w in visited)
        assert visited[-1] is start, f"{key}: Tab never came back ({trail})"
        # A scroll area is no stop of its own: it shows no focus, and the keys belong to
        # what it shows (arrows scrolled the calendar instead of moving its cursor).
        bare = [w for w in visited if type(w) is QScrollArea]
        assert not bare, f"{key}: Tab stops on a scroll area ({trail})"
        # A table is one stop: the next Tab moves on.
        for before, after in zip(visited, visited[1:], strict=False):
            if isinstance(before, QAbstractItemView):
                assert after is not before, f"{key}: Tab stays in {_describe(before)}"
        print(f"\n{key}: Tab goes round in {len(visited)} presses")


# ---- mnemonics -----------------------------------------------------------------------------
def _mnemonics(window: QWidget) -> tuple[Counter[str], list[str]]:
    """Alt+letters of the visible widgets of one window (and its menu bar), and the
    labels whose letter leads nowhere (no buddy)."""
    found: Counter[str] = Counter()
    owners: dict[str, list[str]] = {}
    orphans = []

    def add(text: str, owner: str) -> None:
        key = QKeySequence.mnemonic(text).toString()
        if key:
            found[key] += 1
            owners.setdefault(key, []).append(owner)

    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            add(action.text(), f"menu {action.text()}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QAbstractButton):
            add(widget.text(), f"button {widget.text()}")
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            add(widget.title(), f"group {widget.title()}")
        elif isinstance(widget, QLabel) and "&" in widget.text().replace("&&", ""):
            if not QKeySequence.mnemonic(widget.text()).isEmpty():
                if widget.buddy() is None:
                    orphans.append(widget.text())
                add(widget.text(), f"label {widget.text()}")
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                add(widget.tabText(index), f"tab {widget.tabText(index)}")
    clashes = Counter({k: n for k, n in found.items() if n > 1})
    details = [f"{k}: {owners[k]}" for k in clashes]
    return clashes, orphans + details


def _each_tab(root: QWidget) -> Iterator[None]:
    """Show each tab of every visible tab widget in turn (nested ones too)."""
    yield
    for tabs in root.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            yield
        tabs.setCurrentIndex(0)


def _check(window: QWidget, where: str, problems: list[str]) -> None:
    clashes, details = _mnemonics(window)
    if clashes or details:
        problems.append(f"{where}: {details}")


def test_no_two_visible_widgets_share_a_mnemonic(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    clock: Clock,
    alive: list[object],
    language: str,
) -> None:
    window = _window(qtbot, ctx, services, clock, alive)
    problems: list[str] = []
    for key in SECTION_KEYS:
        window.show_section(key)
        qtbot.wait(10)
        for _ in _each_tab(window.page(key)):
            _check(window, f"{key}", problems)
    # The send step's other state: "Schedule for" chosen, its button says "Schedule…".
    window.show_section("marketing")
    later = window.page("marketing").findChild(QRadioButton, "sendLater")
    assert later is not None
    later.setChecked(True)
    _check(window, "marketing, scheduled", problems)
    settings = SettingsDialog(ctx, lambda _url, _token: None, window)
    alive.append(settings)
    settings.show()
    qtbot.waitExposed(settings)
    qtbot.waitUntil(settings.tabs.isEnabled, timeout=15000)  # checked as loaded
    for _ in _each_tab(settings):
        _check(settings, "settings", problems)
    settings.close()
    page = window.page("calendar")
    assert isinstance(page, CalendarPage)
    window.show_section("calendar")
    dialog = page.open_booking_dialog(None, clock(), 0)
    qtbot.waitExposed(dialog)
    _check(dialog, "booking", problems)
    dialog.reject()
    overlay = HelpOverlay(window)
    overlay.show()
    _check(overlay, "help", problems)
    overlay.close()
    assert not problems, "\n".join(problems)


def test_appointment_menu_entries_do_not_act_on_a_calendar_out_of_sight(
    qtbot: QtBot, ctx: UiContext, services: Services, clock: Clock, alive: list[object]
) -> None:
    """An appointment chosen in the calendar, then another section shown: the menu bar's
    appointment entries are greyed out there (Cancel from the menu must not cancel an
    appointment the receptionist cannot see), and work again in the calendar."""
    window = _window(qtbot, ctx, services, clock, alive)
    page = window.page("calendar")
    assert isinstance(page, CalendarPage)
    qtbot.waitUntil(lambda: page.day_view().column_count() > 0)
    QTest.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    canvas = page.day_view().canvas()
    assert QApplication.focusWidget() is canvas
    for _ in range(3):  # the stylist's first appointment, whichever column is first
        if canvas.selected() is None:
            QTest.keyClick(canvas, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
        if canvas.selected() is None:
            QTest.keyClick(canvas, Qt.Key.Key_Right)
    row = canvas.selected()
    assert row is not None
    actions = page.keyboard_actions()
    assert actions["cancel_appointment"].isEnabled()

    window.show_section("outbox")
    for key in ("cancel_appointment", "mark_arrived", "move_later", "open_appointment"):
        assert not actions[key].isEnabled(), key
    actions["cancel_appointment"].trigger()  # as a click in the menu would
    qtbot.wait(100)
    assert services.booking.get(row.id).status.value == "booked"

    window.show_section("calendar")
    assert actions["cancel_appointment"].isEnabled()
