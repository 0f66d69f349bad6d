"""The owner's settings: salon, opening hours, staff and their working hours, closed
days, services and the gateway.

Salon, opening hours and gateway are a form saved together with "Save" (one
transaction). Staff and services are lists that change at once when their buttons are
pressed. The gateway token is write-only: it is never shown or read back and goes to the
password store through the injected ``store_token`` (the ui may not import keyring).
The app's language and its appearance are per-computer preferences (QSettings
``ui/language``, ``ui/colour_scheme``); the appearance changes at once on "Save".

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.errors import InvalidField, KeyringUnavailable
from desk_app.services.rows import StaffRow, TreatmentRow
from desk_app.services.salon_setup import SalonProfileRow, SalonSettingsInput, time_zones
from desk_app.texts import error_text
from desk_app.ui import preferences
from desk_app.ui.context import UiContext
from desk_app.ui.settings.backup_tab import BackupTab
from desk_app.ui.settings.closures_tab import ClosuresTab
from desk_app.ui.settings.form import MessageLabel
from desk_app.ui.settings.gateway_tab import GatewayTab
from desk_app.ui.settings.online_tab import OnlineTab
from desk_app.ui.settings.opening_hours_tab import OpeningHoursTab
from desk_app.ui.settings.retention_tab import RetentionTab
from desk_app.ui.settings.salon_tab import SalonTab
from desk_app.ui.settings.staff_hours_tab import StaffHoursTab
from desk_app.ui.settings.staff_tab import StaffTab
from desk_app.ui.settings.treatments_tab import TreatmentsTab
from desk_app.ui.style import theme
from desk_app.ui.tasks import weakly

StoreToken = Callable[[str, str], None]  # (gateway_url, token); may raise KeyringUnavailable


@dataclass(frozen=True)
class _Loaded:
    profile: SalonProfileRow
    zones: list[str]
    week: dict[int, list[tuple[time, time]]]
    staff: list[StaffRow]
    with_pin: frozenset[int]  # the members who have a PIN
    services: list[TreatmentRow]
    categories: list[str]


class SettingsDialog(QDialog):
    """The owner's settings in tabs: Salon, Opening hours, Working hours, Closed days,
    Staff, Services, Online booking, Gateway, Data protection, Backups (all but salon,
    opening hours and gateway save their changes at once).

    ``store_token(gateway_url, token)`` is given by the composition root; it raises
    KeyringUnavailable when this computer has no password store.

    Signals:
        loaded(): the current settings are shown and can be edited.
        saved(bool): Salon, opening hours and gateway were saved; True when something
            (language, time zone) applies only after a restart.
    """

    loaded = Signal()
    saved = Signal(bool)

    def __init__(
        self,
        ctx: UiContext,
        store_token: StoreToken,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._store_token = store_token
        self._setup = ctx.services.salon_setup
        self._loaded_language = ""
        self._loaded_zone = ctx.time_zone
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumSize(960, 560)

        self.salon = SalonTab()
        self.hours = OpeningHoursTab()
        today = datetime.now(ZoneInfo(ctx.time_zone)).date()
        self.staff_hours = StaffHoursTab(ctx, today)
        self.closures = ClosuresTab(ctx, today)
        self.staff = StaffTab(ctx, self._setup)
        self.services = TreatmentsTab(ctx, self._setup)
        self.online = OnlineTab(ctx)
        self.gateway = GatewayTab()
        self.retention = RetentionTab(ctx)
        self.backups = BackupTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(self.salon, self.tr("Salon"))
        self.tabs.addTab(self.hours, self.tr("Opening hours"))
        self.tabs.addTab(self.staff_hours, self.tr("Working hours"))
        self.tabs.addTab(self.closures, self.tr("Closed days"))
        self.tabs.addTab(self.staff, self.tr("Staff"))
        self.tabs.addTab(self.services, self.tr("Services"))
        self.tabs.addTab(self.online, self.tr("Online booking"))
        self.tabs.addTab(self.gateway, self.tr("Gateway"))
        self.tabs.addTab(self.retention, self.tr("Data protection"))
        self.tabs.addTab(self.backups, self.tr("Backups"))
        self.tabs.setEnabled(False)
        self.sections = self._section_list(self.tabs)
        self.message = MessageLabel("dialogMessage")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        self.save_button.setToolTip(self.tr("Save salon, opening hours and gateway"))
        pages = QHBoxLayout()
        pages.addWidget(self.sections)
        pages.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(pages, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        # A member added or (de)activated is one to give working hours to (or not).
        self.staff.changed.connect(self._on_staff_changed)
        # The booking link follows the gateway's address as it is typed.
        self.gateway.url.textChanged.connect(self.online.set_gateway_url)
        self._load()

    @staticmethod
    def _section_list(tabs: QTabWidget) -> QListWidget:
        """The tabs' titles as a list on the left: ten titles do not fit one tab bar at
        the dialog's width (nor in German at 200 %), a list has room for more. The tab
        widget stays the pages' owner (Ctrl+Tab still turns them); its bar is hidden."""
        sections = QListWidget()
        sections.setObjectName("settingsSections")
        sections.setSpacing(3)
        sections.addItems([tabs.tabText(i) for i in range(tabs.count())])
        sections.setCurrentRow(tabs.currentIndex())
        sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        sections.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        # As wide as the longest title (the list's own size hint elided "Öffnungszeiten").
        metrics = sections.fontMetrics()
        widest = max(metrics.horizontalAdvance(tabs.tabText(i)) for i in range(tabs.count()))
        sections.setFixedWidth(widest + 2 * sections.frameWidth() + 4 * sections.spacing() + 16)
        sections.currentRowChanged.connect(tabs.setCurrentIndex)
        tabs.currentChanged.connect(sections.setCurrentRow)
        tabs.tabBar().hide()
        return sections

    # ---- loading ------------------------------------------------------------------------
    def _load(self) -> None:
        setup, catalogue = self._setup, self._ctx.services.catalogue
        staff_access = self._ctx.services.staff_access

        def work() -> _Loaded:
            return _Loaded(
                profile=setup.profile(),
                zones=time_zones(),
                week=setup.week(),
                staff=catalogue.list_staff(include_inactive=True),
                with_pin=staff_access.with_pin(),
                services=catalogue.list_treatments(),
                categories=setup.service_categories(),
            )

        self._ctx.db_tasks.submit(self, work, weakly(self._on_loaded), weakly(self._on_load_failed))

    def _on_loaded(self, data: _Loaded) -> None:
        self._loaded_language = str(preferences.LANGUAGE.read(self._ctx.preferences))
        self._loaded_zone = data.profile.time_zone
        colour_scheme = str(preferences.COLOUR_SCHEME.read(self._ctx.preferences))
        self.salon.load(data.profile, data.zones, self._loaded_language, colour_scheme)
        self.hours.load(data.week)
        self.staff.load(data.staff, data.with_pin)
        self.staff_hours.load(data.staff)
        self.services.load(data.services, data.categories)
        self.gateway.load(data.profile.gateway_url)
        self.tabs.setEnabled(True)
        self.save_button.setEnabled(True)
        self.loaded.emit()

    def _on_staff_changed(self) -> None:
        catalogue = self._ctx.services.catalogue
        self._ctx.db_tasks.submit(
            self,
            lambda: catalogue.list_staff(include_inactive=True),
            weakly(self.staff_hours.load),
            weakly(self._on_load_failed),
        )

    def _on_load_failed(self, error: BaseException) -> None:
        self.message.show_error(error_text.describe(error, self._ctx.time_zone))

    # ---- saving -------------------------------------------------------------------------
    def _on_buttons_accepted(self) -> None:
        self.message.clear_message()
        for tab, check in (
            (self.salon, self.salon.validate),
            (self.hours, self.hours.validate),
            (self.gateway, self.gateway.validate),
        ):
            wrong = check()
            if wrong is not None:
                self._point_at(tab, wrong)
                return
        url, token = self.gateway.values()
        language = str(self.salon.language.currentData())
        settings = SalonSettingsInput(
            salon_name=self.salon.name.text(),
            sender_name=self.salon.sender_name.text(),
            salon_phone=self.salon.phone.text(),
            salon_address=self.salon.address.text(),
            time_zone=self.salon.zone.currentText(),
            gateway_url=url,
            opening_hours=self.hours.week(),
        )
        restart = language != self._loaded_language or settings.time_zone != self._loaded_zone
        store_token, setup, actor = self._store_token, self._setup, self._ctx.signed_in.actor

        def work() -> SalonProfileRow:
            # The token first: without a password store nothing else is written either.
            if url and token:
                store_token(url, token)
            return setup.save(settings, actor=actor, gateway_login=bool(url and token))

        self.save_button.setEnabled(False)
        self._ctx.db_tasks.submit(
            self,
            work,
            weakly(self._on_saved, language, restart),
            weakly(self._on_save_failed),
        )

    def _on_saved(self, language: str, restart: bool, _profile: SalonProfileRow) -> None:
        preferences.LANGUAGE.write(self._ctx.preferences, language)
        colour_scheme = str(self.salon.colour_scheme.currentData())
        preferences.COLOUR_SCHEME.write(self._ctx.preferences, colour_scheme)
        theme.request(colour_scheme)
        self.gateway.token.clear()
        self.save_button.setEnabled(True)
        self.saved.emit(restart)
        self.accept()

    def _on_save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, KeyringUnavailable):
            self.gateway.show_keyring_missing(error)
            self._point_at(self.gateway, self.gateway.token)
            return
        if isinstance(error, InvalidField):
            wrong = self.salon.show_field_error(error)
            if wrong is not None:
                self._point_at(self.salon, wrong)
                return
            if error.field == "gateway_url":
                self.gateway.url_error.show_error(error_text.describe(error))
                self._point_at(self.gateway, self.gateway.url)
                return
        self.message.show_error(error_text.describe(error, self._ctx.time_zone))

    def _point_at(self, tab: QWidget, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(tab)
        widget.setFocus()
