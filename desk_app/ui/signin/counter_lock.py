"""Who works at this window, and the lock (issue 12): one per window.

With personal sign-in on (``staff_sign_in``), the window starts locked (the sign-in
screen), locks on one key (``lock`` in ``ui.shortcuts``), by the status bar's button
and after ``idle_lock_minutes`` without keyboard or mouse input (``IdleWatch``). Locked,
the sign-in screen takes the place of the window's content, and its menu bar, status
bar and shortcuts are gone: nothing of a customer is on screen or a key away. The pages
stay as they were, out of sight; work already handed to the database or gateway worker
finishes and lands in them. The member's PIN unlocks; another member's PIN (alone, or
after picking their tile) switches to them (``SignedIn.switch_to``).

An open dialog (a booking, a customer form: customer data) is hidden while locked. The
same member coming back finds it as they left it; another member signing in closes it
as cancelled, so nobody saves what someone else typed in their name (a dialog in the
middle of saving finishes that save first: it cannot be cancelled then, and it acts
for whoever started it).

With personal sign-in off, the window keeps the shared sign-in and never locks: there
may be nobody with a PIN to unlock it.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desk_app.domain.access import Actor
from desk_app.ui.main_window import MainWindow
from desk_app.ui.signed_in import SignedIn
from desk_app.ui.signin.idle_watch import IdleWatch
from desk_app.ui.signin.sign_in_screen import SignInScreen
from desk_app.ui.signin.signed_in_badge import SignedInBadge


class CounterLock(QObject):
    def __init__(
        self,
        window: MainWindow,
        signed_in: SignedIn,
        screen: SignInScreen,
        idle: IdleWatch,
        badge: SignedInBadge,
        lock_action: QAction | None = None,
    ) -> None:
        super().__init__(window)
        self._window, self._signed_in, self._screen = window, signed_in, screen
        self._idle, self._badge, self._lock_action = idle, badge, lock_action
        self._required = False  # the salon's ``staff_sign_in``
        self._locked = False
        self._before: Actor | None = None  # who was signed in when it locked
        self._hidden_dialogs: list[QDialog] = []
        self._actions: dict[QAction, bool] = {}  # each window action's state before
        self._focus: QWidget | None = None
        screen.signed_in.connect(self._on_screen_signed_in)
        idle.idled.connect(self.lock)
        badge.lock_requested.connect(self.lock)
        signed_in.changed.connect(self._show_badge)
        self._show_badge()
        # The window's shortcut does not reach past a dialog it opened (Qt blocks what a
        # modal dialog covers): the lock's key is looked for in those dialogs too.
        idle.key_pressed.connect(self._on_idle_key_pressed)

    # ---- public ---------------------------------------------------------------------------
    def apply_settings(self, sign_in: bool, idle_minutes: int) -> None:
        """The salon's sign-in settings (at start, and when they may have changed, maybe
        at another counter PC). Switched on while this window has the shared sign-in,
        the window asks for a PIN at once: the shared sign-in may do nothing guarded
        any more."""
        self._required = sign_in
        self._idle.set_minutes(idle_minutes if sign_in else None)
        if self._lock_action is not None and not self.is_locked():
            self._lock_action.setEnabled(sign_in)
        self._show_badge()
        if not sign_in:
            return
        if not self._signed_in.actor.is_member:
            self.lock()
        elif not self.is_locked() and not self._idle.watching():
            self._idle.resume()

    def is_locked(self) -> bool:
        return self._locked

    def lock(self) -> None:
        """Put the sign-in screen in place of the content (personal sign-in only)."""
        if not self._required or self.is_locked():
            return
        window = self._window
        self._idle.pause()
        self._before = self._signed_in.actor
        focus = QApplication.focusWidget()
        self._focus = focus if focus is not None and window.isAncestorOf(focus) else None
        self._hidden_dialogs = [d for d in window.findChildren(QDialog) if d.isVisible()]
        for dialog in self._hidden_dialogs:
            dialog.hide()
        self._actions = {a: a.isEnabled() for a in window.actions()}
        for action in self._actions:
            action.setEnabled(False)
        window.menuBar().setVisible(False)
        window.statusBar().setVisible(False)  # its messages may name a customer
        self._locked = True
        window.cover(self._screen)  # the content stays in place, out of sight
        if self._before.is_member:
            self._screen.show_locked(self._before)
        else:
            self._screen.show_signed_out()
        self._screen.reload()
        window.activateWindow()  # a dialog had it: the keys go to the PIN now
        self._screen.focus_pin()

    def screen(self) -> SignInScreen:
        return self._screen

    def badge(self) -> SignedInBadge:
        return self._badge

    # ---- inside ---------------------------------------------------------------------------
    def _on_screen_signed_in(self, actor: Actor) -> None:
        if not self.is_locked():
            return
        same = self._before is not None and self._before.is_member and self._before == actor
        window = self._window
        window.uncover()
        self._locked = False
        window.menuBar().setVisible(True)
        window.statusBar().setVisible(True)
        for action, enabled in self._actions.items():
            if shiboken6.isValid(action):
                action.setEnabled(enabled)
        self._actions = {}
        if self._lock_action is not None:
            self._lock_action.setEnabled(self._required)
        dialogs, self._hidden_dialogs = self._hidden_dialogs, []
        for dialog in dialogs:
            if not shiboken6.isValid(dialog):
                continue
            if not same:
                dialog.reject()  # another member: nothing typed for the one before is kept
            if same or _busy(dialog):
                # Back as it was; or saving (a ``GuardedDialog`` refuses to be cancelled
                # then): shown, so its outcome is seen.
                dialog.show()
        switched = actor != self._signed_in.actor
        self._signed_in.switch_to(actor)
        if switched:
            window.refresh_pages()  # what is shown may depend on who looks
        focus, self._focus = self._focus, None
        if same and focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.setFocus()
        else:
            window.focusNextChild()  # the first field of what is shown
        self._idle.resume()

    def _on_idle_key_pressed(self, watched: QObject, event: QKeyEvent) -> None:
        if (
            self._lock_action is not None
            and self._lock_action.isEnabled()
            and isinstance(watched, QWidget)
            and isinstance(watched.window(), QDialog)
            and _opened_by(watched.window(), self._window)
        ):
            pressed = QKeySequence(event.keyCombination())
            lock_keys = self._lock_action.shortcuts()
            if any(pressed.matches(k) == QKeySequence.SequenceMatch.ExactMatch for k in lock_keys):
                self.lock()

    def _show_badge(self, _actor: object = None) -> None:
        self._badge.show_actor(self._signed_in.actor, can_lock=self._required)


def _busy(dialog: QDialog) -> bool:
    is_busy = getattr(dialog, "is_busy", None)
    return bool(is_busy()) if callable(is_busy) else False


def _opened_by(dialog: QWidget, window: QWidget) -> bool:
    """Whether ``dialog`` belongs to ``window`` (``isAncestorOf`` stops at a dialog: it
    is a window of its own)."""
    parent = dialog.parentWidget()
    while parent is not None:
        if parent is window:
            return True
        parent = parent.parentWidget()
    return False
