"""Sign-in at the counter (issue 12), on the real widgets and both databases: sign in with
a PIN, lock by key and by idle time, unlock, switch member by the PIN alone and by tile,
wrong PINs locking a member and PIN-alone entry, nothing of a customer visible while
locked, and a background task finishing meanwhile."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from desk_app.domain.access import SHARED_COUNTER, Actor
from desk_app.services.container import Services
from desk_app.ui.context import UiContext
from desk_app.ui.signin.sign_in_screen import SignInScreen
from desk_app.ui.widgets.operation import GuardedDialog, Operation
from tests.services.staff_support import PINS
from tests.ui.signin.conftest import CUSTOMER, Counter


def _screen(counter: Counter) -> SignInScreen:
    return counter.lock.screen()


def _type_pin(qtbot: QtBot, counter: Counter, pin: str) -> None:
    screen = _screen(counter)
    qtbot.waitUntil(lambda: not screen.busy())
    field = screen.pin_field()
    qtbot.waitUntil(field.hasFocus)  # the screen puts the focus where the PIN goes
    qtbot.keyClicks(field, pin)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not screen.busy(), timeout=20_000)


def _press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key as a person presses it: to the widget with the focus."""
    # The window becomes active again (a dialog had it) a moment later.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _focus_tiles(qtbot: QtBot, screen: SignInScreen) -> None:
    """Tab to the tiles (the focus lands on the first)."""
    screen.tiles().focus_first()
    first = screen.tiles().tile(screen.tiles().member_ids()[0])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)


def _customer_visible(counter: Counter) -> bool:
    shown = [w.text() for w in counter.window.findChildren(QLabel) if w.isVisible()]
    return counter.customer.isVisible() or any(CUSTOMER in text for text in shown)


def _assert_locked(counter: Counter) -> None:
    window = counter.window
    assert counter.lock.is_locked()
    assert _screen(counter).isVisible()
    assert not _customer_visible(counter)
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert not window.action("new_booking").isEnabled()


def _assert_open(counter: Counter, actor: Actor) -> None:
    assert not counter.lock.is_locked()
    assert not _screen(counter).isVisible()
    assert counter.customer.isVisible()
    assert counter.lock.badge().text().endswith(f"{actor.name} ({actor.role.value.title()})")


def test_sign_in_lock_unlock_and_switch_member(
    qtbot: QtBot, counter: Counter, services: Services, ctx: UiContext
) -> None:
    team, window, lock = counter.team, counter.window, counter.lock
    # Personal sign-in off: the shared sign-in, as before; nothing locks.
    lock.apply_settings(False, 5)
    assert not lock.is_locked() and not window.action("lock").isEnabled()
    assert lock.badge().text() == "Shared sign-in"
    assert not lock.badge().lock_button().isVisible()

    # On: the window asks for a PIN at once; the PIN alone signs in.
    services.catalogue.set_setting("staff_sign_in", "on", actor=team.owner)
    lock.apply_settings(True, 5)
    _assert_locked(counter)
    qtbot.waitUntil(lambda: len(_screen(counter).tiles().member_ids()) == 4)
    _type_pin(qtbot, counter, PINS["reception"])
    _assert_open(counter, team.reception)
    assert ctx.signed_in.actor == team.reception
    assert window.action("lock").isEnabled() and lock.badge().lock_button().isVisible()

    # Locked by its key, with a dialog open and a task on the database worker: the
    # dialog is hidden, the task finishes meanwhile.
    dialog = QDialog(window)
    typed = QLineEdit("Anna", dialog)  # a customer's name being typed
    dialog.open()
    release, done = threading.Event(), []
    ctx.db_tasks.submit(window, lambda: release.wait(10), done.append)
    # The key works in the dialog too (a modal dialog blocks the window's shortcuts).
    qtbot.keyClick(typed, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    _assert_locked(counter)
    assert not dialog.isVisible()
    assert "Tanja Groß was signed in" in window.findChild(QLabel, "sign_in_hint").text()
    release.set()
    qtbot.waitUntil(lambda: done == [True])
    assert lock.is_locked()
    # The same member's PIN unlocks: their dialog is back as they left it.
    _type_pin(qtbot, counter, PINS["reception"])
    _assert_open(counter, team.reception)
    assert dialog.isVisible()

    # Locked by idle time: input starts the wait over, then the full limit passes.
    assert counter.countdown.running
    counter.monotonic.seconds += 4 * 60
    qtbot.keyClick(dialog, Qt.Key.Key_Shift)  # any input, anywhere in the app
    counter.monotonic.seconds += 2 * 60
    counter.countdown.fire()
    assert not lock.is_locked()
    assert counter.countdown.started[-1] == 3 * 60 * 1000  # the rest of the 5 minutes
    counter.monotonic.seconds += 3 * 60
    counter.countdown.fire()
    _assert_locked(counter)
    assert not dialog.isVisible()

    # Another member by tile, by keyboard only: the arrows, Enter, then the PIN.
    screen = _screen(counter)
    qtbot.waitUntil(lambda: len(screen.tiles().member_ids()) == 4)
    _focus_tiles(qtbot, screen)  # the tiles are in name order: Jörg, Murat, Sabine, Tanja
    _press(qtbot, Qt.Key.Key_Right)
    _press(qtbot, Qt.Key.Key_Return)
    assert screen.tiles().chosen() == team.manager.member_id
    _type_pin(qtbot, counter, PINS["manager"])
    _assert_open(counter, team.manager)
    assert ctx.signed_in.actor == team.manager
    # The dialog the member before had open is gone, cancelled: nothing kept in their name.
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected

    # By the PIN alone, from the status bar's lock button, while a dialog is saving: it
    # cannot be cancelled then, so it comes back to show how the save went.
    saving = GuardedDialog(window)
    save = saving.guard(Operation(saving, ctx.gateway_tasks))  # e.g. a test send
    saved = threading.Event()
    save.run(lambda: saved.wait(10))
    saving.open()
    lock.badge().lock_button().click()
    _assert_locked(counter)
    assert not saving.isVisible()
    _type_pin(qtbot, counter, PINS["stylist"])
    _assert_open(counter, team.stylist)
    assert saving.isVisible()
    saved.set()
    qtbot.waitUntil(lambda: not saving.is_busy())
    saving.reject()
    window.activateWindow()  # the dialog had it
    qtbot.waitActive(window)
    _press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(screen.tiles().member_ids()) == 4)
    _focus_tiles(qtbot, screen)
    _press(qtbot, Qt.Key.Key_3)  # Sabine Müller
    assert screen.tiles().chosen() == team.owner.member_id
    assert screen.pin_field().hasFocus()
    _type_pin(qtbot, counter, PINS["owner"])
    _assert_open(counter, team.owner)


def test_wrong_pins_lock_the_member_and_then_pin_alone_entry(
    qtbot: QtBot, counter: Counter, services: Services, ctx: UiContext
) -> None:
    team = counter.team
    services.catalogue.set_settings(
        {"staff_sign_in": "on", "pin_attempts": "3", "pin_lockout_minutes": "10"},
        actor=team.owner,
    )
    counter.lock.apply_settings(True, 5)
    screen = _screen(counter)
    qtbot.waitUntil(lambda: len(screen.tiles().member_ids()) == 4)
    screen.tiles().tile(team.reception.member_id or 0).click()
    assert screen.pin_field().hasFocus()
    _type_pin(qtbot, counter, "0000")
    assert screen.message() == "Wrong PIN – 2 more tries before this member is locked."
    assert screen.pin_field().text() == ""  # never kept
    _type_pin(qtbot, counter, "0001")
    assert screen.message() == "Wrong PIN – one more try before this member is locked."
    _type_pin(qtbot, counter, "0002")
    # 08:00 UTC is 09:00 in Berlin; locked for 10 minutes.
    assert screen.message() == (
        "Locked until 09:10: too many wrong PINs. The owner can reset the PIN."
    )
    _type_pin(qtbot, counter, PINS["reception"])  # the right PIN, but locked
    assert screen.message().startswith("Locked until 09:10")
    assert counter.lock.is_locked() and ctx.signed_in.actor == SHARED_COUNTER

    # The PIN alone, with nobody picked (Escape): its misses count for the salon.
    _press(qtbot, Qt.Key.Key_Escape)
    assert screen.tiles().chosen() is None
    _type_pin(qtbot, counter, "5555")
    assert screen.message() == "Unknown PIN – 2 more tries before sign-in by PIN alone locks."
    _type_pin(qtbot, counter, "5556")
    _type_pin(qtbot, counter, "5557")
    assert screen.message() == (
        "Sign-in by PIN alone is locked until 09:10 (too many unknown PINs). "
        "Pick your name, then type your PIN."
    )
    assert not screen.pin_field().hasFocus()  # to the tiles: the way in now
    # A member's own counter still works by tile.
    _press(qtbot, Qt.Key.Key_1)  # Jörg Weiß
    _type_pin(qtbot, counter, PINS["stylist"])
    _assert_open(counter, team.stylist)
