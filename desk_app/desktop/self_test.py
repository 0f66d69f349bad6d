"""``desk-app --self-test``: does this installation work? For a bundle or an installed
wheel on a machine that has nothing else (CI runs it on the PyInstaller bundle, outside
any virtual environment).

In a temporary folder (nothing of the user's data, preferences or logs is touched):
opens a fresh SQLite database (the migrations come from the package data), builds the
window as ``desk-app`` does, in German, and renders each main screen offscreen: the
calendar's day and week, customers, each marketing tab, the outbox, online requests,
each settings tab, the audit log, the sign-in screen. Each must paint something (a
screen whose libraries or plug-ins are missing paints nothing, or raises). Then the
German and English translations (ours: a German word on the window, an English plural;
Qt's own German)
and dates in both languages (Babel's locale data), the window icon, and the icons of the
sections and actions (QtAwesome's icon font, a data file the bundle must carry).

Prints one line per check and a summary with the time the window was ready; exits 0 if
all passed, 1 otherwise (the failing checks say what went wrong). The lines are for the
administrator or CI, like the log: English, not translated.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desk_app.config.paths import translations_dir
from desk_app.desktop.app_icon import ICON_SIZES, app_icon
from desk_app.desktop.gui import Desktop, fill_desktop
from desk_app.desktop.opening import open_database, open_frame
from desk_app.texts import i18n
from desk_app.ui import preferences

DialogT = TypeVar("DialogT", bound=QDialog)
SETTLE_TIMEOUT_S = 60.0  # a screen's loads on the database worker, on a slow machine
# A screen scaled down to this many pixels: any text or frame leaves more than one colour.
SAMPLE_SIZE = 64


class CheckFailed(Exception):
    """What a check found wrong (its message is the report's)."""


def expect(condition: bool, problem: str) -> None:
    # Not ``assert``: the checks must hold in an interpreter run with -O too.
    if not condition:
        raise CheckFailed(problem)


@dataclass
class Check:
    name: str
    problem: str | None = None  # None: passed

    def line(self) -> str:
        if self.problem is None:
            return f"ok    {self.name}"
        return f"FAIL  {self.name}: {self.problem}"


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)
    # The window shows its first day, this long after ``clock``.
    window_ready_s: float | None = None
    finished_s: float | None = None
    clock: str = "the process started"

    def passed(self) -> bool:
        return bool(self.checks) and all(c.problem is None for c in self.checks)

    def lines(self) -> list[str]:
        failed = [c for c in self.checks if c.problem is not None]
        lines = [c.line() for c in self.checks]
        if failed:
            lines.append(f"self-test FAILED: {len(failed)} of {len(self.checks)} checks")
        else:
            lines.append(f"self-test passed: {len(self.checks)} checks")
        if self.window_ready_s is not None and self.finished_s is not None:
            lines.append(
                f"window ready {self.window_ready_s:.2f} s, all screens rendered "
                f"{self.finished_s:.2f} s after {self.clock}"
            )
        return lines

    @contextmanager
    def check(self, name: str) -> Iterator[Check]:
        """A check that fails with the exception's message when its block raises."""
        entry = Check(name)
        self.checks.append(entry)
        try:
            yield entry
        except CheckFailed as exc:
            entry.problem = str(exc)
        except Exception as exc:  # noqa: BLE001 - any failure is this check's result
            entry.problem = f"{type(exc).__name__}: {exc}"
            traceback.print_exc(file=sys.stderr)  # a bug, or a part missing: where


def run() -> int:
    """``desk-app --self-test``: the checks in a temporary folder; the exit code."""
    started = time.monotonic()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window flashes on a desktop
    # No logging set up: no log file in the user's folder; Python's last resort prints
    # warnings and errors on stderr.
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Salon Desk")
    app.setOrganizationName("salon-desk")
    with tempfile.TemporaryDirectory(
        prefix="salon-desk-self-test-", ignore_cleanup_errors=True
    ) as folder:
        report = check_installation(app, Path(folder), started)
    for line in report.lines():
        print(line, flush=True)
    return 0 if report.passed() else 1


def check_installation(app: QApplication, folder: Path, started: float) -> Report:
    """Every check, on a fresh database in ``folder``; leaves the translators of the
    language the app would start in."""
    report = Report()
    age = seconds_since_process_start()
    report.clock = "the process started" if age is not None else "the self-test started"
    # From the process's start to ``started`` (0 where the start cannot be read).
    offset = age - (time.monotonic() - started) if age is not None else 0.0
    desktop: Desktop | None = None
    try:
        with report.check("database: a new one, migrated from the bundled scripts"):
            # This folder's preferences, in German: the salon's language, the most words.
            settings = QSettings(str(folder / "preferences.ini"), QSettings.Format.IniFormat)
            preferences.LANGUAGE.write(settings, "de")
            frame = open_frame(app, settings)
            opened = open_database(f"sqlite:///{(folder / 'self-test.sqlite3').as_posix()}")
            desktop = fill_desktop(frame, opened)
            desktop.window.show()
            settle(app, desktop)
        report.window_ready_s = offset + time.monotonic() - started
        if desktop is not None:
            render_screens(app, desktop, report)
        report.finished_s = offset + time.monotonic() - started
        check_translations(app, report, translations_dir())
        check_dates(report)
        with report.check("window icon"):
            sizes = sorted(size.width() for size in app_icon().availableSizes())
            expect(sizes == sorted(ICON_SIZES), f"the icon has the sizes {sizes}")
        with report.check("icons: QtAwesome's icon font"):
            check_icons()
    finally:
        if desktop is not None:
            desktop.close()
            desktop.window.close()
            desktop.window.deleteLater()
        i18n.install_translators(app, i18n.choose_language(), translations_dir())
    return report


def render_screens(app: QApplication, desktop: Desktop, report: Report) -> None:
    from desk_app.ui.audit.audit_view import AuditLogDialog
    from desk_app.ui.calendar.calendar_page import DAY, WEEK, CalendarPage
    from desk_app.ui.marketing.marketing_page import MarketingPage
    from desk_app.ui.settings.dialog import SettingsDialog

    window = desktop.window

    def screen(name: str, show: Callable[[], QWidget]) -> None:
        with report.check(f"screen: {name}") as entry:
            widget = show()
            settle(app, desktop)
            entry.problem = blank_problem(widget)

    screen("main window", lambda: window)

    def calendar_in(mode: str) -> QWidget:
        window.show_section("calendar")
        page = window.page("calendar")
        assert isinstance(page, CalendarPage)
        page.set_mode(mode)
        return page

    screen("calendar, day", lambda: calendar_in(DAY))
    screen("calendar, week", lambda: calendar_in(WEEK))

    def section(key: str) -> QWidget:
        window.show_section(key)
        return window.page(key)

    screen("customers", lambda: section("customers"))
    for index, tab in enumerate(("composer", "campaigns", "overview", "automations")):

        def marketing_tab(index: int = index) -> QWidget:
            page = section("marketing")
            assert isinstance(page, MarketingPage)
            page.show_tab(index)
            return page

        screen(f"marketing, {tab}", marketing_tab)
    screen("outbox", lambda: section("outbox"))
    screen("online requests", lambda: section("online"))

    settings = opened_dialog(app, desktop, "settings", SettingsDialog, report)
    if settings is not None:
        for index in range(settings.tabs.count()):

            def settings_tab(index: int = index) -> QWidget:
                assert settings is not None
                settings.tabs.setCurrentIndex(index)
                return settings

            screen(f"settings, tab {index + 1} ({settings.tabs.tabText(index)})", settings_tab)
        close(app, settings)
    audit = opened_dialog(app, desktop, "audit_log", AuditLogDialog, report)
    if audit is not None:
        screen("audit log", lambda: audit)
        close(app, audit)

    def sign_in_screen() -> QWidget:
        assert desktop.lock is not None
        sign_in = desktop.lock.screen()
        window.cover(sign_in)  # as the lock shows it; the pages stay behind it
        sign_in.show_signed_out()
        sign_in.reload()
        return sign_in

    screen("sign-in screen", sign_in_screen)
    window.uncover()


def opened_dialog(
    app: QApplication, desktop: Desktop, action: str, kind: type[DialogT], report: Report
) -> DialogT | None:
    """The dialog the window's ``action`` opens (as the menu does), once it has loaded."""
    with report.check(f"{action} dialog opens") as entry:
        desktop.window.action(action).trigger()
        settle(app, desktop)
        found = [d for d in desktop.window.findChildren(kind) if d.isVisible()]
        if found:
            return found[0]
        entry.problem = "no dialog was shown"
    return None


def close(app: QApplication, dialog: QDialog) -> None:
    dialog.reject()
    dialog.deleteLater()
    app.processEvents()


def check_translations(app: QApplication, report: Report, directory: Path) -> None:
    # Not named ``translate``: lupdate would take these for new messages of ours (Qt's
    # "Save" among them); they look up messages that exist.
    look_up = QCoreApplication.translate
    with report.check("translations: German"):
        i18n.install_translators(app, "de", directory)
        word = look_up("MainWindow", "Calendar")
        expect(word == "Kalender", f"'Calendar' came out as {word!r}")
    with report.check("translations: Qt's own, German"):
        # The buttons Qt labels itself (Save, Cancel in every dialog): from qtbase_de.qm.
        word = look_up("QPlatformTheme", "Save")
        expect(word == "Speichern", f"Qt's 'Save' came out as {word!r}")
    with report.check("translations: English plural forms"):
        i18n.install_translators(app, "en", directory)
        words = look_up("AudienceStep", "%n recipient(s)", None, 1)
        expect(words == "1 recipient", f"'%n recipient(s)' for 1 came out as {words!r}")


def check_dates(report: Report) -> None:
    from desk_app.services.messages import local_date_and_time

    moment = datetime(2026, 12, 4, 13, 30, tzinfo=UTC)
    for language, expected in (("de", "Freitag, 4. Dezember 2026"), ("en", "Friday")):
        with report.check(f"dates in messages: {language}"):
            day, hour = local_date_and_time(moment, "Europe/Berlin", language)
            expect(day.startswith(expected) and hour == "14:30", f"came out as {day!r}, {hour!r}")


def check_icons() -> None:
    """Each section's and action's icon paints a glyph (a missing font paints nothing)."""
    from desk_app.ui.style import icons

    expect(icons.available(), f"the icon font is not in {icons.fonts_folder()}")
    for name in icons.GLYPHS:
        image = icons.icon(name).pixmap(QSize(32, 32)).toImage()
        inked = any(
            image.pixelColor(x, y).alpha() > 0 for x in range(0, 32, 2) for y in range(0, 32, 2)
        )
        expect(inked, f"the icon {name!r} paints nothing")


def blank_problem(widget: QWidget) -> str | None:
    """What is wrong with how ``widget`` paints (None: it paints something)."""
    if not widget.isVisible():
        return "not shown"
    pixmap = widget.grab()
    if pixmap.isNull() or pixmap.width() < 2 or pixmap.height() < 2:
        return f"painted nothing ({pixmap.width()}×{pixmap.height()} pixels)"
    sample = pixmap.toImage().scaled(
        SAMPLE_SIZE,
        SAMPLE_SIZE,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    colours = {sample.pixel(x, y) for x in range(SAMPLE_SIZE) for y in range(SAMPLE_SIZE)}
    if len(colours) < 2:
        return "painted a single colour (blank)"
    return None


def settle(app: QApplication, desktop: Desktop, timeout_s: float = SETTLE_TIMEOUT_S) -> None:
    """Process events until the database and gateway workers have nothing left to do
    (twice in a row: a result may start the next load)."""
    deadline = time.monotonic() + timeout_s
    ctx, quiet = desktop.ctx, 0
    while quiet < 2:
        app.processEvents()
        quiet = quiet + 1 if ctx.db_tasks.idle() and ctx.gateway_tasks.idle() else 0
        if time.monotonic() > deadline:
            raise TimeoutError(f"the screen's loads were not done within {timeout_s:.0f} s")
        time.sleep(0.005)


def seconds_since_process_start() -> float | None:
    """How long this process has been running (Linux; None where it cannot be read)."""
    try:
        stat = Path("/proc/self/stat").read_text(encoding="ascii")
        start_ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22: starttime
        uptime = float(Path("/proc/uptime").read_text(encoding="ascii").split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None
