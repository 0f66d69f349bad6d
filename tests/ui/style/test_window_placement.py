"""Where the window opens: centred at a size that suits the screen the first time, where
it was after that (per PC, in the preferences), centred again when that place is on no
screen any more (a monitor unplugged); and the sidebar it opens with."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from desk_app.ui import preferences
from desk_app.ui.main_window import SECTION_KEYS, SIDEBAR_HINTS_FROM_WIDTH, MainWindow
from desk_app.ui.sidebar import HINT_ROLE
from desk_app.ui.window_placement import Placement, default_rect, place

MINIMUM = QSize(1024, 640)
LAPTOP = QRect(0, 0, 1366, 740)  # 1366×768 less a task bar
FULL_HD = QRect(1366, 0, 1920, 1040)  # a second monitor to the right


def test_the_first_start_opens_centred_at_most_of_the_screen() -> None:
    rect = place(None, [LAPTOP], LAPTOP, MINIMUM).rect
    assert (rect.width(), rect.height()) == (1161, 640)  # 85 % wide; the minimum's height
    assert rect.center() == LAPTOP.center() and LAPTOP.contains(rect)
    big = place(None, [FULL_HD], FULL_HD, MINIMUM).rect
    assert (big.width(), big.height()) == (1632, 884) and big.center() == FULL_HD.center()


def test_a_place_on_a_screen_is_kept_one_on_no_screen_falls_back_to_centred() -> None:
    on_second = Placement(QRect(1500, 100, 1400, 800))
    assert place(on_second, [LAPTOP, FULL_HD], LAPTOP, MINIMUM) == on_second
    # The second monitor is gone: centred on the laptop, still maximised if it was.
    unplugged = Placement(on_second.rect, maximised=True)
    fallback = place(unplugged, [LAPTOP], LAPTOP, MINIMUM)
    assert fallback == Placement(default_rect(LAPTOP, MINIMUM), maximised=True)
    assert fallback.rect.center() == LAPTOP.center()
    # Half off the screen is clipped: centred as well.
    half = Placement(QRect(900, 100, 1100, 640))
    assert place(half, [LAPTOP], LAPTOP, MINIMUM).rect.center() == LAPTOP.center()


def test_a_screen_smaller_than_the_minimum_gets_the_minimum_from_its_corner() -> None:
    netbook = QRect(0, 0, 1024, 576)
    assert default_rect(netbook, MINIMUM) == QRect(0, 0, 1024, 640)


def test_what_is_kept_reads_back_and_anything_else_is_nothing() -> None:
    kept = Placement(QRect(-1200, 40, 1100, 700), maximised=True)
    assert Placement.from_text(kept.to_text()) == kept
    for text in ("", "1,2,3", "a,b,c,d,e", "0,0,0,0,0", "0,0,-5,100,0"):
        assert Placement.from_text(text) is None


def test_the_window_comes_back_where_it_was_unless_that_is_off_every_screen(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)
    first = MainWindow("Salon", settings)
    qtbot.addWidget(first)
    # The test screen is 1920×1080: 85 % of it, centred.
    assert (first.width(), first.height()) == (1632, 918)
    assert first.geometry().center() == first.screen().availableGeometry().center()
    first.setGeometry(100, 120, 1200, 700)
    first.close()
    assert preferences.WINDOW_PLACEMENT.read(settings) == "100,120,1200,700,0"

    second = MainWindow("Salon", settings)
    qtbot.addWidget(second)
    assert second.geometry() == QRect(100, 120, 1200, 700)
    second.close()

    preferences.WINDOW_PLACEMENT.write(settings, "2500,200,1200,700,0")  # a monitor gone
    third = MainWindow("Salon", settings)
    qtbot.addWidget(third)
    assert third.geometry().center() == third.screen().availableGeometry().center()


def test_the_sidebar_shows_icons_names_and_shortcuts_and_gives_room_when_narrow(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = MainWindow("Salon", QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    sidebar = window.findChild(QListWidget, "sections")
    assert sidebar is not None
    items = [sidebar.item(row) for row in range(sidebar.count())]
    assert [item.text() for item in items] == [
        "Calendar",
        "Customers",
        "Marketing",
        "Outbox",
        "Online requests",
    ]
    assert [item.data(HINT_ROLE) for item in items] == [f"Ctrl+{n}" for n in range(1, 6)]
    assert all(not item.icon().isNull() for item in items)
    assert len(items) == len(SECTION_KEYS)
    assert not window.action("new_booking").icon().isNull()
    assert window.action("new_booking").toolTip() == "New booking (Ctrl+N)"

    window.show()
    window.resize(SIDEBAR_HINTS_FROM_WIDTH + 100, 700)
    qtbot.waitUntil(lambda: sidebar.hints_shown())
    wide = sidebar.width()
    window.resize(MINIMUM)
    qtbot.waitUntil(lambda: not sidebar.hints_shown())
    assert sidebar.width() < wide  # the page gets the hints' room


def test_the_sidebar_keeps_its_width_when_a_count_appears(qtbot: QtBot, tmp_path: Path) -> None:
    """Room for a count is kept beside the longest name: a request that comes in does not
    take a page's room (at 1024 px the customer's card lost 23 pixels and a button's
    words to "Online requests (1)" in bold)."""
    window = MainWindow("Salon", QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    sidebar = window.findChild(QListWidget, "sections")
    assert sidebar is not None
    window.show()
    window.resize(SIDEBAR_HINTS_FROM_WIDTH + 100, 700)
    qtbot.waitUntil(lambda: sidebar.hints_shown())
    window.resize(MINIMUM)
    qtbot.waitUntil(lambda: not sidebar.hints_shown())
    without = sidebar.width()

    window.set_section_count("online", 12)
    window.resize(SIDEBAR_HINTS_FROM_WIDTH + 100, 700)  # the sidebar measures itself again
    qtbot.waitUntil(lambda: sidebar.hints_shown())
    window.resize(MINIMUM)
    qtbot.waitUntil(lambda: not sidebar.hints_shown())
    assert sidebar.item(SECTION_KEYS.index("online")).text() == "Online requests (12)"
    assert sidebar.width() == without
