"""The fixed stage every compared or looked-at picture is taken on, and the walk through
the main screens.

Fixed: the clock (``frozen_clock``), the demo salon (seeded, made at that clock), the
font (DejaVu Sans, what CI installs with ``fonts-dejavu-core``; the check fails if it is
missing rather than comparing another font), no blinking text cursor, no animated
effects, the window size, the language (``DESK_APP_LANGUAGE``, read when the window is
built) and the colour scheme.

Light and dark: the app follows the operating system's colour scheme
(``QStyleHints.colorSchemeChanged``). The offscreen platform keeps ``colorScheme()`` at
``Unknown`` and ignores ``setColorScheme``; ``use_color_scheme`` asks anyway (a real
platform obeys) and otherwise announces the scheme through the same signal, which is
what a listener that follows the OS hears.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFont, QFontInfo, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea, QWidget

FONT_FAMILY = "DejaVu Sans"
FONT_POINTS = 9  # Qt's default on Linux
SETTLE_TIMEOUT_S = 60.0
TIMER_PATIENCE_S = 5.0  # a debounce (at most 1 s) has fired by then
THEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
DEMO_CUSTOMERS = 60


def description() -> str:
    """What the pictures were drawn with: kept beside the references, so a check that
    fails after a Qt upgrade says so (Fusion and the text rendering change with Qt)."""
    import PySide6
    from PySide6.QtCore import qVersion

    return f"Qt {qVersion()}, PySide6 {PySide6.__version__}, {FONT_FAMILY} {FONT_POINTS} pt\n"


class StageError(RuntimeError):
    """The stage cannot be set up as the references need it (a font missing, …)."""


def fix_the_look(app: QApplication) -> None:
    """The font, no cursor blink, no animations: the same pixels on every run."""
    font = QFont(FONT_FAMILY, FONT_POINTS)
    if QFontInfo(font).family() != FONT_FAMILY:
        raise StageError(
            f"the font {FONT_FAMILY!r} is not installed (Debian: apt install fonts-dejavu-core);"
            f" the references are drawn with it, got {QFontInfo(font).family()!r}"
        )
    app.setFont(font)
    app.setCursorFlashTime(0)  # the caret shown steadily, not every other half second
    for effect in (
        Qt.UIEffect.UI_AnimateMenu,
        Qt.UIEffect.UI_FadeMenu,
        Qt.UIEffect.UI_AnimateCombo,
        Qt.UIEffect.UI_AnimateTooltip,
        Qt.UIEffect.UI_FadeTooltip,
        Qt.UIEffect.UI_AnimateToolBox,
    ):
        app.setEffectEnabled(effect, False)


def use_color_scheme(app: QApplication, scheme: Qt.ColorScheme) -> None:
    """Light or dark, as the operating system would switch it."""
    hints = QGuiApplication.styleHints()
    hints.setColorScheme(scheme)
    app.processEvents()
    if hints.colorScheme() != scheme:  # the offscreen platform: tell the listeners
        hints.colorSchemeChanged.emit(scheme)
        app.processEvents()


def fill_demo_salon(folder: Path) -> str:
    """A demo salon in ``folder`` (SQLite), made at the frozen clock; its address."""
    from desk_app.bootstrap import open_services
    from desk_app.domain.access import SHARED_COUNTER

    url = f"sqlite:///{folder / 'salon.sqlite3'}"
    services = open_services(url)
    services.demo.fill(customers=DEMO_CUSTOMERS)
    services.catalogue.set_settings({"owner_email": "chefin@salon-demo.de"}, actor=SHARED_COUNTER)
    services.db.dispose()
    return url


def settle(app: QApplication, desktop: object, timeout_s: float = SETTLE_TIMEOUT_S) -> None:
    """Until nothing is left to happen: no answer from the database or gateway on its
    way, no short single-shot timer running (the composer asks after a pause in typing);
    three quiet rounds in a row, since an answer may start the next timer. A short timer
    still running after ``TIMER_PATIENCE_S`` is a clock that ticks (re-armed each time),
    not a pause: from then on only the workers are waited for."""
    ctx = desktop.ctx  # type: ignore[attr-defined]
    window = desktop.window  # type: ignore[attr-defined]
    started = time.monotonic()
    deadline = started + timeout_s
    quiet = 0
    while quiet < 3:
        app.processEvents()
        busy = not (ctx.db_tasks.idle() and ctx.gateway_tasks.idle())
        if not busy and time.monotonic() - started < TIMER_PATIENCE_S:
            busy = any(
                shiboken6.isValid(t) and t.isSingleShot() and t.interval() <= 1000 and t.isActive()
                for t in window.findChildren(QTimer)
            )
        quiet = 0 if busy else quiet + 1
        if time.monotonic() > deadline:
            raise TimeoutError(f"the screen was not settled within {timeout_s:.0f} s")
        time.sleep(0.005)
    QCoreApplication.sendPostedEvents()  # pending layout and paint requests
    app.processEvents()


def stop_the_clockwork(desktop: object) -> None:
    """The automations (reminders queued 20 s after the start) and the daily backup run
    on threads by the wall clock: whether a screen showed their work would depend on how
    fast the machine got there. Stopped before they start (``close`` stops them again)."""
    for background in (desktop.automations, desktop.backups):  # type: ignore[attr-defined]
        if background is not None:
            background.stop()


def size_window(app: QApplication, desktop: object, size: tuple[int, int]) -> None:
    """The window at ``size``, after it was shown (the window may choose its own size
    for the screen as it opens), and laid out."""
    window = desktop.window  # type: ignore[attr-defined]
    settle(app, desktop)
    window.resize(*size)
    settle(app, desktop)
    if window.size().toTuple() != size:
        raise StageError(f"the window is {window.size().toTuple()}, not {size}")


@dataclass(frozen=True)
class Shot:
    name: str  # file name without .png
    widget: QWidget  # what to grab

    def grab(self, app: QApplication) -> QImage:
        """The widget as its active window shows it: an inactive window draws its
        selections and focus in other colours, and which window the offscreen platform
        leaves active after a dialog closed is not to be relied on."""
        window = self.widget.window()
        if QApplication.activeWindow() is not window:
            window.activateWindow()
            app.processEvents()
        return self.widget.grab().toImage()


def first_customer_to_ask(desktop: object) -> int:
    """A customer with an email address and no consent: the consent panel's usual case."""
    from desk_app.domain.enums import Channel

    services = desktop.services  # type: ignore[attr-defined]
    for customer in services.customers.all():
        status = services.consent.status(customer.id).status
        if customer.email and status.state(Channel.EMAIL).value == "none":
            return int(customer.id)
    return int(services.customers.all()[0].id)


def main_screens(app: QApplication, desktop: object) -> Iterator[Shot]:
    """Each main screen, settled: the calendar's day and week, a customer, a new
    customer, the marketing tabs, the outbox, the online requests, the booking dialog,
    every settings tab, the keyboard help. Nothing is sent or saved, so a second walk
    (the other colour scheme) shows the same."""
    from desk_app.ui.help_overlay import HelpOverlay
    from desk_app.ui.marketing.marketing_page import (
        AUTOMATIONS_TAB,
        CAMPAIGNS_TAB,
        COMPOSER_TAB,
        OVERVIEW_TAB,
    )
    from desk_app.ui.settings.dialog import SettingsDialog

    window = desktop.window  # type: ignore[attr-defined]

    def ready() -> None:
        settle(app, desktop)

    calendar = window.page("calendar")
    window.show_section("calendar")
    for mode in ("day", "week"):
        calendar.set_mode(mode)
        ready()
        yield Shot(f"calendar-{mode}", window)
    calendar.set_mode("day")

    customers = window.page("customers")
    window.show_section("customers")
    customers.show_customer(first_customer_to_ask(desktop))
    ready()
    form = customers.form()
    scroll = next(a for a in customers.findChildren(QScrollArea) if a.widget() is form)
    scroll.verticalScrollBar().setValue(0)
    ready()
    yield Shot("customer", window)
    new_customer = customers.findChild(QPushButton, "new_customer")
    new_customer.click()
    ready()
    yield Shot("customer-new", window)

    marketing = window.page("marketing")
    window.show_section("marketing")
    for name, tab in (
        ("marketing-composer", COMPOSER_TAB),
        ("marketing-campaigns", CAMPAIGNS_TAB),
        ("marketing-dashboard", OVERVIEW_TAB),
        ("marketing-automations", AUTOMATIONS_TAB),
    ):
        marketing.show_tab(tab)
        ready()
        yield Shot(name, window)
    marketing.show_tab(COMPOSER_TAB)

    for section in ("outbox", "online"):
        window.show_section(section)
        ready()
        yield Shot(section, window)

    window.show_section("calendar")
    calendar.new_booking()
    ready()
    booking = calendar.booking_dialog()
    if booking is not None:
        yield Shot("booking-dialog", booking)
        booking.reject()
        ready()

    window.action("settings").trigger()
    ready()
    dialog = [d for d in window.findChildren(SettingsDialog) if d.isVisible()][-1]
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        ready()
        yield Shot(f"settings-{index + 1}", dialog)
    dialog.close()
    dialog.deleteLater()
    ready()

    window.show_help()
    ready()
    overlay = window.findChild(HelpOverlay)
    if overlay is not None:
        yield Shot("help", overlay)
        overlay.close()
        ready()
