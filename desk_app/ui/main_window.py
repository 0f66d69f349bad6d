"""The main window: sections on the left, the chosen section on the right, shortcuts for
everything a receptionist does often (the menu bar and F1 list them), a status bar that
says whether the gateway is reachable and how many messages wait or failed.

Signals:
    section_changed(str): the user switched to another section (its key).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenuBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.ui import preferences
from desk_app.ui.help_overlay import HelpOverlay
from desk_app.ui.menu_bar import fill_menu_bar
from desk_app.ui.shortcuts import CALENDAR_SHORTCUTS, SHORTCUTS
from desk_app.ui.sidebar import SectionSidebar
from desk_app.ui.style import icons
from desk_app.ui.style.theme import Theme
from desk_app.ui.widgets.lazy_section import LazySection
from desk_app.ui.window_placement import Placement, place, screen_areas

SECTION_KEYS = ("calendar", "customers", "marketing", "outbox", "online")
CHANGE_POLL_MS = 500  # a change elsewhere (counter PC, sync) is on screen within 2 s
# Narrower than this, the sidebar leaves out its shortcut hints: the pages need the room
# (the German composer at the 1024-pixel minimum).
SIDEBAR_HINTS_FROM_WIDTH = 1200


@dataclass
class WindowParts:
    """The sections and hooks the composition root hands the window (all optional, so the
    window can be shown and tested on its own)."""

    pages: dict[str, QWidget]
    poll_changes: Callable[[], None] | None = None  # schedules a look for others' changes
    sync_now: Callable[[], None] | None = None
    open_settings: Callable[[], None] | None = None
    open_audit_log: Callable[[], None] | None = None
    lock: Callable[[], None] | None = None  # locks the window (personal sign-in)


class MainWindow(QMainWindow):
    section_changed = Signal(str)

    def __init__(
        self,
        salon_name: str | None,
        settings: QSettings | None = None,
        parts: WindowParts | None = None,
    ) -> None:
        """``salon_name`` None: the window's frame only (sections, menus, status bar, empty
        pages), shown while the database opens; ``fill`` puts the pages in."""
        super().__init__()
        self._settings = settings
        self._parts = WindowParts(pages={})
        self._filled = False
        self._chosen = False  # the receptionist picked a section in the frame
        self.setWindowTitle("Salon Desk")
        self.setMinimumSize(1024, 640)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            Theme.install(app)  # follows the system's colour scheme (open_frame: the PC's)

        self._sections = SectionSidebar()
        self._pages = QStackedWidget()
        self._page_by_key: dict[str, QWidget] = {}
        self._titles = titles = {
            "calendar": self.tr("Calendar"),
            "customers": self.tr("Customers"),
            "marketing": self.tr("Marketing"),
            "outbox": self.tr("Outbox"),
            "online": self.tr("Online requests"),
        }
        keys = {shortcut.key: shortcut.keys_text() for shortcut in SHORTCUTS}
        for key in SECTION_KEYS:
            self._sections.add_section(key, titles[key], keys.get(key, ""))
            page = QWidget()  # empty until ``fill``
            self._page_by_key[key] = page
            self._pages.addWidget(page)
        # Selected before listening: the first page loads itself when it is built, a
        # refresh would load the calendar a second time at start.
        self._sections.setCurrentRow(0)
        self._sections.fit_width()
        self._sections.currentRowChanged.connect(self._on_sections_current_row_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._sections)
        layout.addWidget(self._pages, 1)
        # The content, or a screen that covers it (the lock, issue 12): the content stays
        # in place (its pages keep loading), only out of sight.
        self._cover = QStackedWidget()
        self._cover.setObjectName("cover")
        self._cover.addWidget(central)
        self.setCentralWidget(self._cover)
        self._help: HelpOverlay | None = None
        self._actions: dict[str, QAction] = {}
        self._stand_ins: list[QAction] = []
        self._create_actions()
        self._change_timer = QTimer(self)
        self._change_timer.setInterval(CHANGE_POLL_MS)
        self._restore_geometry()
        if salon_name is not None:
            self.fill(salon_name, parts or WindowParts(pages={}))

    def fill(self, salon_name: str, parts: WindowParts) -> None:
        """The pages and hooks into the frame (once); then the section shown last time."""
        assert not self._filled, "the window is filled once"
        self._filled = True
        self._parts = parts
        self.setWindowTitle(self.tr("Salon Desk – {salon}").format(salon=salon_name))
        for index, key in enumerate(SECTION_KEYS):
            page = parts.pages.get(key) or self._placeholder(self._titles[key])
            empty, self._page_by_key[key] = self._page_by_key[key], page
            self._pages.insertWidget(index, page)
            self._pages.removeWidget(empty)
            empty.deleteLater()
        self._pages.setCurrentIndex(self._sections.currentRow())
        # The calendar's grid actions exist now: the menus name them instead of stand-ins
        # (the window deletes the frame's bar with its menus).
        self.setMenuBar(QMenuBar())
        for stand_in in self._stand_ins:
            stand_in.deleteLater()
        self._fill_menu_bar()
        self.statusBar().showMessage(self.tr("Ready"))
        if parts.poll_changes is not None:
            self._change_timer.timeout.connect(parts.poll_changes)
            self._change_timer.start()
        if not self._chosen:  # a section chosen while the database opened stays
            self._restore_section()

    def is_filled(self) -> bool:
        return self._filled

    def show_while_opening(self, key: str, widget: QWidget) -> None:
        """Show ``widget`` in section ``key`` of the frame until ``fill`` puts the page
        in (the day read before the database is open)."""
        assert not self._filled, "only the frame's sections"
        page = self._page_by_key[key]
        layout = page.layout() or QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widget)

    # ---- public ---------------------------------------------------------------------------
    def current_section(self) -> str:
        return SECTION_KEYS[self._pages.currentIndex()]

    def show_section(self, key: str) -> None:
        self._sections.setCurrentRow(SECTION_KEYS.index(key))

    def page(self, key: str) -> QWidget:
        page = self._page_by_key[key]
        return page.content() if isinstance(page, LazySection) else page

    def action(self, key: str) -> QAction:
        return self._actions[key]

    def cover(self, screen: QWidget) -> None:
        """Show ``screen`` in place of the content (which stays as it is, hidden)."""
        if self._cover.indexOf(screen) < 0:
            self._cover.addWidget(screen)
        self._cover.setCurrentWidget(screen)

    def uncover(self) -> None:
        self._cover.setCurrentIndex(0)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def set_section_count(self, key: str, count: int) -> None:
        """Show how many things wait in a section next to its title (0: the title alone)."""
        item = self._sections.item(SECTION_KEYS.index(key))
        title = self._titles[key]
        item.setText(
            self.tr("{section} ({count})").format(section=title, count=count) if count else title
        )
        font = item.font()
        font.setBold(count > 0)  # something waits for a decision
        item.setFont(font)

    def refresh_pages(self) -> None:
        """Something changed (maybe on another counter PC): reload what is on screen; the
        other sections reload when they are shown."""
        self._refresh(self.current_section())

    def _refresh(self, key: str) -> None:
        # The section itself: a lazy section builds its page, whose first load is the refresh.
        refresh = getattr(self._page_by_key[key], "refresh", None)
        if callable(refresh):
            refresh()

    # ---- actions --------------------------------------------------------------------------
    def _create_actions(self) -> None:
        handlers: dict[str, Callable[[], None]] = {
            "new_booking": lambda: self._on_calendar("new_booking"),
            "find_customer": self._on_find_customer,
            "today": lambda: self._on_calendar("go_today"),
            "next_day": lambda: self._on_calendar("next_day"),
            "previous_day": lambda: self._on_calendar("previous_day"),
            "go_to_day": lambda: self._on_calendar("open_mini_month"),
            "undo": lambda: self._on_undo_stack("undo"),
            "redo": lambda: self._on_undo_stack("redo"),
            "calendar": lambda: self._on_calendar("focus_grid"),
            "customers": lambda: self._enter_section("customers"),
            "marketing": lambda: self._enter_section("marketing"),
            "outbox": lambda: self._enter_section("outbox"),
            "online": lambda: self._enter_section("online"),
            "sync": lambda: self._hook(self._parts.sync_now),
            "settings": lambda: self._hook(self._parts.open_settings),
            "audit_log": lambda: self._hook(self._parts.open_audit_log),
            "lock": lambda: self._hook(self._parts.lock),
            "help": self.show_help,
            "quit": self._quit,
            "menu_bar": self._open_menu_bar,
        }
        for shortcut in SHORTCUTS:
            action = QAction(shortcut.text(), self)
            action.setShortcuts(shortcut.key_sequences())
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(handlers[shortcut.key])
            if shortcut.key in icons.GLYPHS:
                action.setIcon(icons.icon(shortcut.key))
            action.setToolTip(f"{shortcut.text()} ({shortcut.keys_text()})")
            self.addAction(action)
            self._actions[shortcut.key] = action
        self._fill_menu_bar()

    def _fill_menu_bar(self) -> None:
        fill_menu_bar(
            self.menuBar(),
            {**self._actions, **self._calendar_actions()},
            {
                "calendar_cursor": lambda: self._on_calendar("focus_grid"),
                "calendar_hour": lambda: self._on_calendar("focus_grid"),
                "online_book": lambda: self._on_online("book_selected"),
                "online_refuse": lambda: self._on_online("refuse_selected"),
                "online_reload": self._on_online_reload,
                "customer_book": self._on_customer_book,
            },
        )

    def _calendar_actions(self) -> dict[str, QAction]:
        """The calendar grid's actions (bound to its grids); greyed stand-ins without one."""
        actions = getattr(self.page("calendar"), "keyboard_actions", None)
        if callable(actions):
            return dict(actions())
        stand_ins = {}
        for shortcut in CALENDAR_SHORTCUTS:
            action = QAction(shortcut.text(), self)
            action.setShortcuts(shortcut.key_sequences())
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.setEnabled(False)
            stand_ins[shortcut.key] = action
        self._stand_ins = list(stand_ins.values())
        return stand_ins

    @staticmethod
    def _hook(hook: Callable[[], None] | None) -> None:
        if hook is not None:
            hook()

    def show_help(self) -> None:
        if self._help is None:
            self._help = HelpOverlay(self)
        self._help.show()
        self._help.raise_()

    def _enter_section(self, key: str) -> None:
        """Ctrl+digit: show the section and put the focus on its first stop, so Tab and
        the arrows work there at once."""
        self.show_section(key)
        page = self.page(key)
        widget = page.nextInFocusChain()
        while widget is not None and widget is not page:
            policy = widget.focusPolicy()
            if (
                page.isAncestorOf(widget)
                and widget.isVisible()
                and widget.isEnabled()
                and policy & Qt.FocusPolicy.TabFocus
            ):
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
            widget = widget.nextInFocusChain()

    def _on_calendar(self, method: str) -> None:
        self.show_section("calendar")
        handler = getattr(self.page("calendar"), method, None)
        if callable(handler):
            handler()

    def _open_menu_bar(self) -> None:
        bar = self.menuBar()
        bar.setFocus(Qt.FocusReason.ShortcutFocusReason)
        bar.setActiveAction(bar.actions()[0])  # the first menu opens; arrows go on from there

    def _quit(self) -> None:
        self.close()

    def _on_online_reload(self) -> None:
        self._on_online("refresh")
        self._actions["sync"].trigger()  # the online page's F5 syncs too

    def _on_online(self, method: str) -> None:
        self.show_section("online")
        handler = getattr(self.page("online"), method, None)
        if callable(handler):
            handler()

    def _on_customer_book(self) -> None:
        """The menu's „Termin buchen" for the customer shown in the customers section."""
        self.show_section("customers")
        book = getattr(self.page("customers"), "book_for_shown", None)
        if callable(book):
            book()

    def _on_find_customer(self) -> None:
        self.show_section("customers")
        focus = getattr(self.page("customers"), "focus_search", None)
        if callable(focus):
            focus()

    def _on_undo_stack(self, method: str) -> None:
        stack_of = getattr(self.page("calendar"), "undo_stack", None)
        if callable(stack_of):
            getattr(stack_of(), method)()

    # ---- sections -------------------------------------------------------------------------
    def _placeholder(self, title: str) -> QWidget:
        label = QLabel(self.tr("{section} – coming soon").format(section=title))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def _on_sections_current_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self._chosen = True
        self._pages.setCurrentIndex(row)
        self._refresh(SECTION_KEYS[row])
        self.section_changed.emit(SECTION_KEYS[row])

    # ---- window state ---------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        """Where it was on this PC if that is on a screen still, else centred at a size
        that suits the screen (``window_placement``)."""
        saved = None
        if self._settings is not None:
            saved = Placement.from_text(preferences.WINDOW_PLACEMENT.read(self._settings))
        screens, primary = screen_areas()
        placement = place(saved, screens, primary, self.minimumSize())
        self.setGeometry(placement.rect)
        if placement.maximised:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def _restore_section(self) -> None:
        if self._settings is None:
            return
        section = preferences.WINDOW_SECTION.read(self._settings)
        if section in SECTION_KEYS:
            self.show_section(section)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._sections.show_hints(event.size().width() >= SIDEBAR_HINTS_FROM_WIDTH)
        super().resizeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._change_timer.stop()
        if self._settings is not None:
            normal = self.normalGeometry() if self.isMaximized() else self.geometry()
            placement = Placement(normal, self.isMaximized())
            preferences.WINDOW_PLACEMENT.write(self._settings, placement.to_text())
            if self._filled:  # closed while still opening: the last section stays
                preferences.WINDOW_SECTION.write(self._settings, self.current_section())
        super().closeEvent(event)
