"""The two halves of a window start that do not need each other: the window's frame (Qt
only: preferences, translations, sections, menus) and the open database (no Qt: SQLAlchemy,
the models, the schema check and upgrade, the salon's settings, the change feed's
connection and the gateway token from the keyring: each may wait on a disk, a server or
a keyring daemon, so none of it is done on the GUI thread).

Importing this module imports neither half's heavy part: ``launch.run`` shows the frame
at once and opens the database on a thread meanwhile (most of a start is importing
SQLAlchemy and the models); ``gui.fill_desktop`` joins them on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desk_app.config.paths import translations_dir
from desk_app.texts import i18n
from desk_app.ui import preferences
from desk_app.ui.main_window import MainWindow
from desk_app.ui.style.theme import Theme
from desk_app.ui.widgets import whole_text_style

if TYPE_CHECKING:
    from desk_app.domain.salon_settings import SalonSettings
    from desk_app.services.changes import ChangeWatch
    from desk_app.services.container import Services


@dataclass(frozen=True)
class Frame:
    window: MainWindow  # sections, menus and status bar; the pages come with ``fill``
    settings: QSettings  # this PC's preferences


@dataclass(frozen=True)
class Opened:
    services: Services
    salon: SalonSettings  # as the database was opened
    watch: ChangeWatch  # other counter PCs' writes
    gateway_token: str | None  # for ``salon.gateway_url``; None without a gateway or token
    needs_setup: bool = False  # no salon set up yet: the first start's assistant asks first

    def close(self) -> None:
        """For an opened database the window never got (closed while it opened)."""
        self.watch.close()
        self.services.db.dispose()


def open_frame(app: QApplication, settings: QSettings | None = None) -> Frame:
    """The window as it looks before its pages are in (GUI thread; not shown yet), with
    this PC's preferences (``settings``: others', e.g. the self-test's scratch file)."""
    settings = settings if settings is not None else QSettings()
    preferences.upgrade(settings)
    language = preferences.LANGUAGE.read(settings) or None
    i18n.install_translators(app, i18n.choose_language(language), translations_dir())
    whole_text_style.install(app)
    Theme.install(app, preferences.COLOUR_SCHEME.read(settings))
    return Frame(MainWindow(None, settings), settings)


def open_database(database_url: str | None) -> Opened:
    """The services on the database (upgraded after a backup if it must be); raises
    StorageError for an unusable database. Touches no Qt, so it may run on any thread."""
    from desk_app.bootstrap import open_change_watch, open_services
    from desk_app.config import secrets

    services = open_services(database_url)
    try:
        salon = services.catalogue.salon_settings()
        # Built here, off the GUI thread: the first day's load asks for it at once.
        services.calendar  # noqa: B018 - the attribute access builds (imports) the service
        url = salon.gateway_url
        token = secrets.gateway_token(url) if url else None
        watch = open_change_watch(services)  # PostgreSQL: a connection to the server
        # Through the catalogue: the assistant's own service imports half the app.
        needs_setup = services.catalogue.never_set_up()
    except BaseException:
        services.db.dispose()
        raise
    return Opened(services, salon, watch, token, needs_setup)


def reread_salon(opened: Opened) -> Opened:
    """The same open database with the salon's settings and gateway token as they are
    now (after the setup assistant saved them); no Qt, like ``open_database``."""
    from desk_app.config import secrets

    salon = opened.services.catalogue.salon_settings()
    url = salon.gateway_url
    token = secrets.gateway_token(url) if url else None
    return replace(opened, salon=salon, gateway_token=token, needs_setup=False)
