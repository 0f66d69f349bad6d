"""Light or dark, following the operating system: the application's QPalette, the meaning
colours (``desk_app.ui.widgets.palette``) and every toned label, switched together.

Qt's colour scheme is the one switch: ``QStyleHints.colorScheme()`` says what the system
uses, ``QStyleHints.setColorScheme`` asks for one (this PC's preference in the settings
does, and so may a test or the screenshot script). Qt reports a change through
``colorSchemeChanged`` only where the platform can switch (Windows, macOS, a desktop with
the colour-scheme portal); elsewhere (a bare X11 session, the offscreen platform) the
request is dropped silently. So ``Theme`` also hears the requests themselves: the two
methods of QStyleHints are wrapped once to report them (``_RequestHook``), and the theme
follows the last request, or the system where none is made.

May import: PySide6, desk_app.ui.style, desk_app.ui.widgets.palette.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QStyleHints
from PySide6.QtWidgets import QApplication

from desk_app.ui.style import colours, tone
from desk_app.ui.widgets import palette as meaning

THEME_OBJECT_NAME = "theme"


class ThemeChoice(StrEnum):
    """This PC's preference (``ui/colour_scheme``)."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


def request(choice: ThemeChoice | str) -> None:
    """Ask Qt for ``choice``'s colour scheme (the theme follows); an unknown value is the
    system's (a request made before is withdrawn)."""
    hints = QGuiApplication.styleHints()
    if choice == ThemeChoice.LIGHT:
        hints.setColorScheme(Qt.ColorScheme.Light)
    elif choice == ThemeChoice.DARK:
        hints.setColorScheme(Qt.ColorScheme.Dark)
    else:
        hints.unsetColorScheme()


class _RequestHook(QObject):
    """Reports every ``setColorScheme``/``unsetColorScheme`` made through Python.

    Signals:
        requested(object): the Qt.ColorScheme asked for (Unknown: the system's again).
    """

    requested = Signal(object)
    _installed: _RequestHook | None = None

    @classmethod
    def install(cls) -> _RequestHook:
        if cls._installed is None:
            hook = cls._installed = cls()
            set_scheme, unset_scheme = QStyleHints.setColorScheme, QStyleHints.unsetColorScheme

            def set_color_scheme(hints: QStyleHints, scheme: Qt.ColorScheme) -> None:
                set_scheme(hints, scheme)
                hook.requested.emit(scheme)

            def unset_color_scheme(hints: QStyleHints) -> None:
                unset_scheme(hints)
                hook.requested.emit(Qt.ColorScheme.Unknown)

            QStyleHints.setColorScheme = set_color_scheme  # type: ignore[method-assign]  # see the module's docstring
            QStyleHints.unsetColorScheme = unset_color_scheme  # type: ignore[method-assign]  # see the module's docstring
        return cls._installed


class Theme(QObject):
    """The scheme in use, applied to the whole application; one per application
    (``install``), found again with ``of``.

    Signals:
        changed(bool): another scheme was applied (True: dark).
    """

    changed = Signal(bool)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName(THEME_OBJECT_NAME)
        self._app = app
        self._requested = Qt.ColorScheme.Unknown
        self._applied: colours.Scheme | None = None
        app.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)
        _RequestHook.install().requested.connect(self._on_requested)

    @classmethod
    def install(cls, app: QApplication, choice: ThemeChoice | str = ThemeChoice.SYSTEM) -> Theme:
        """The application's theme (made once) applied, with ``choice`` requested unless it
        is the system's (then a request made since the theme exists stands: a test's, the
        screenshot script's)."""
        theme = cls.of(app) or cls(app)
        if choice in (ThemeChoice.LIGHT, ThemeChoice.DARK):
            request(choice)
        theme.apply()
        return theme

    @staticmethod
    def of(app: QApplication) -> Theme | None:
        return app.findChild(Theme, THEME_OBJECT_NAME)

    def is_dark(self) -> bool:
        scheme = self._requested
        if scheme == Qt.ColorScheme.Unknown:
            scheme = self._app.styleHints().colorScheme()
        return scheme == Qt.ColorScheme.Dark

    def scheme(self) -> colours.Scheme:
        return colours.DARK if self.is_dark() else colours.LIGHT

    def apply(self) -> None:
        scheme = self.scheme()
        if scheme is self._applied:
            return
        self._applied = scheme
        meaning.use(scheme)
        self._app.setPalette(qt_palette(scheme))
        tone.restyle_all(scheme)
        self.changed.emit(scheme.dark)

    def _on_color_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        self.apply()

    def _on_requested(self, scheme: Qt.ColorScheme) -> None:
        self._requested = scheme
        self.apply()


def qt_palette(scheme: colours.Scheme) -> QPalette:
    """``scheme`` as a QPalette (the Fusion style draws its bevels from Light … Shadow)."""
    role = QPalette.ColorRole
    button = QColor(scheme.button)
    result = QPalette()
    for name, value in (
        (role.Window, scheme.window),
        (role.WindowText, scheme.text),
        (role.Base, scheme.base),
        (role.AlternateBase, scheme.alternate_base),
        (role.ToolTipBase, scheme.tooltip_base),
        (role.ToolTipText, scheme.tooltip_text),
        (role.PlaceholderText, scheme.muted),
        (role.Text, scheme.text),
        (role.Button, scheme.button),
        (role.ButtonText, scheme.text),
        (role.BrightText, "#ffffff"),
        (role.Highlight, scheme.highlight),
        (role.HighlightedText, scheme.highlighted_text),
        (role.Link, scheme.link),
        (role.LinkVisited, scheme.link),
        (role.Accent, scheme.accent),
        (role.Mid, scheme.mid),
    ):
        result.setColor(name, QColor(value))
    result.setColor(role.Light, button.lighter(160 if scheme.dark else 115))
    result.setColor(role.Midlight, button.lighter(125 if scheme.dark else 108))
    result.setColor(role.Dark, button.darker(160 if scheme.dark else 140))
    result.setColor(role.Shadow, QColor("#000000"))
    disabled = QPalette.ColorGroup.Disabled
    for name in (role.WindowText, role.Text, role.ButtonText):
        result.setColor(disabled, name, QColor(scheme.muted))
    result.setColor(disabled, role.Highlight, QColor(scheme.mid))
    return result
