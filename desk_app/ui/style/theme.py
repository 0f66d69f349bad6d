"""Light or dark, following the operating system: the application's QPalette, the meaning
colours (``desk_app.ui.widgets.palette``) and every toned label, switched together.

Two things decide the scheme: the system's, as ``QStyleHints.colorSchemeChanged``
reports it (its argument is taken as the truth: the offscreen platform and a bare X11
session never change ``colorScheme()``, so a test or the screenshot script switches the
system's scheme by emitting the signal), and this PC's preference (Settings ▸ Salon ▸
Appearance), given to ``request``. A preference for light or dark wins; "as the
computer" follows the system.

May import: PySide6, desk_app.ui.style, desk_app.ui.widgets.palette.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
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
    """This PC's preference: ``choice``'s scheme, or the system's for any other value.
    Qt is asked too (where the platform can, its own dialogs follow)."""
    scheme = _SCHEMES.get(str(choice), Qt.ColorScheme.Unknown)
    hints = QGuiApplication.styleHints()
    if scheme == Qt.ColorScheme.Unknown:
        hints.unsetColorScheme()
    else:
        hints.setColorScheme(scheme)
    app = QApplication.instance()
    theme = Theme.of(app) if isinstance(app, QApplication) else None
    if theme is not None:
        theme.prefer(scheme)


_SCHEMES = {
    ThemeChoice.LIGHT.value: Qt.ColorScheme.Light,
    ThemeChoice.DARK.value: Qt.ColorScheme.Dark,
}


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
        self._preferred = Qt.ColorScheme.Unknown  # Unknown: the system's
        self._system = app.styleHints().colorScheme()
        self._applied: colours.Scheme | None = None
        app.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)

    @classmethod
    def install(cls, app: QApplication, choice: ThemeChoice | str | None = None) -> Theme:
        """The application's theme (made once) applied, with this PC's preference
        ``choice`` (None: the one given before stays, or the system's)."""
        theme = cls.of(app) or cls(app)
        if choice is not None:
            request(choice)
        theme.apply()
        return theme

    @staticmethod
    def of(app: QApplication) -> Theme | None:
        return app.findChild(Theme, THEME_OBJECT_NAME)

    def is_dark(self) -> bool:
        scheme = self._preferred
        if scheme == Qt.ColorScheme.Unknown:
            scheme = self._system
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

    def prefer(self, scheme: Qt.ColorScheme) -> None:
        """This PC's preference (Unknown: the system's); see ``request``."""
        self._preferred = scheme
        self.apply()

    def _on_color_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        self._system = scheme
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
