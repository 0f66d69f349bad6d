"""Puts the sign-in and the lock into a window (issue 12): the screen, the idle watch,
the status bar's badge and the lock, wired to the window's ``lock`` action."""

from __future__ import annotations

from desk_app.ui.context import UiContext
from desk_app.ui.main_window import MainWindow
from desk_app.ui.shortcuts import SHORTCUTS
from desk_app.ui.signin.counter_lock import CounterLock
from desk_app.ui.signin.idle_watch import IdleWatch
from desk_app.ui.signin.sign_in_screen import SignInScreen
from desk_app.ui.signin.signed_in_badge import SignedInBadge


def install_counter_lock(
    window: MainWindow, ctx: UiContext, idle: IdleWatch | None = None
) -> CounterLock:
    """The window's lock, not yet told the salon's settings (``apply_settings``): until
    then the window keeps the shared sign-in and does not lock."""
    screen = SignInScreen(ctx.services.staff_access, ctx.db_tasks, ctx.time_zone)
    [lock_keys] = [s.keys_text() for s in SHORTCUTS if s.key == "lock"]
    badge = SignedInBadge(lock_keys)
    window.statusBar().addPermanentWidget(badge)
    action = window.action("lock")
    return CounterLock(
        window,
        ctx.signed_in,
        screen,
        idle if idle is not None else IdleWatch(window),
        badge,
        action,
    )
