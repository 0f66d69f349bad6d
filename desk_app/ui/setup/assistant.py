"""The setup assistant of a real installation's first start (issue 13): language,
salon, opening hours, the team with the owner's PIN, services, gateway, backup folder.

Nothing is written until Finish: then the gateway token goes to the password store and
everything else to the database in one transaction (``FirstSetupService.complete``, on
the worker: the PIN's hash is slow on purpose). Cancel writes nothing; the next start
asks again. Choosing another language switches the translators at once and builds the
pages after the first one anew in it (none of them was filled in yet).

May import: PySide6, desk_app.services, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QWidget, QWizard, QWizardPage

from desk_app.domain.access import Actor
from desk_app.domain.errors import InvalidField, KeyringUnavailable
from desk_app.domain.salon_settings import DEFAULT_SETTINGS
from desk_app.services.first_setup import FirstSetup, FirstSetupService
from desk_app.services.salon_setup import SalonSettingsInput, time_zones
from desk_app.texts import error_text
from desk_app.ui.setup.pages import (
    BackupPage,
    GatewayPage,
    HoursPage,
    LanguagePage,
    SalonPage,
    ServicesPage,
    StaffPage,
)
from desk_app.ui.tasks import TaskRunner, weakly

StoreToken = Callable[[str, str], None]  # (gateway_url, token); may raise KeyringUnavailable
DEFAULT_ZONE = DEFAULT_SETTINGS["time_zone"]
LANGUAGE, SALON, HOURS, STAFF, SERVICES, GATEWAY, BACKUP = range(7)


class SetupAssistant(QWizard):
    """The pages in order; Finish saves, Cancel leaves everything as it was.

    ``switch_language(code)`` installs the translators (and keeps the choice for this
    computer); ``store_token`` keeps the gateway token in the password store.

    Signals:
        completed(object): everything was saved; the owner as an ``Actor``.
    """

    completed = Signal(object)

    def __init__(
        self,
        first_setup: FirstSetupService,
        tasks: TaskRunner,
        store_token: StoreToken,
        switch_language: Callable[[str], None],
        language: str,
        default_backup_folder: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("setupAssistant")
        self._first_setup, self._tasks = first_setup, tasks
        self._store_token, self._switch_language = store_token, switch_language
        self._language = language
        self._backup_default = default_backup_folder
        self._saving = False
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.language_page = LanguagePage(language)
        self.setPage(LANGUAGE, self.language_page)
        self._build_pages()
        self._load_zones()

    def sizeHint(self) -> QSize:
        return QSize(760, 560)

    # ---- the pages ----------------------------------------------------------------------
    def _build_pages(self) -> None:
        """The pages after the language, in the language installed now."""
        self.setWindowTitle(self.tr("Setting up Salon Desk"))
        # Enter is Next and Finish, Esc is Cancel; only Back needs a letter, one that no
        # page's label uses (Qt's own "&Next" would share N with "Salon &name").
        for button, text in (
            (QWizard.WizardButton.BackButton, self.tr("< &Back")),
            (QWizard.WizardButton.NextButton, self.tr("Next >")),
            (QWizard.WizardButton.FinishButton, self.tr("Finish")),
            (QWizard.WizardButton.CancelButton, self.tr("Cancel")),
        ):
            self.setButtonText(button, text)
        for page_id in range(SALON, BACKUP + 1):
            if self.page(page_id) is not None:
                self.removePage(page_id)
        self.salon_page = SalonPage()
        self.hours_page = HoursPage()
        self.staff_page = StaffPage()
        self.services_page = ServicesPage()
        self.gateway_page = GatewayPage()
        self.backup_page = BackupPage(self._backup_default)
        pages: tuple[tuple[int, QWizardPage], ...] = (
            (SALON, self.salon_page),
            (HOURS, self.hours_page),
            (STAFF, self.staff_page),
            (SERVICES, self.services_page),
            (GATEWAY, self.gateway_page),
            (BACKUP, self.backup_page),
        )
        for page_id, page in pages:
            self.setPage(page_id, page)

    def _load_zones(self) -> None:
        # Listing every zone reads the zone database: on the worker.
        self._tasks.submit(self, time_zones, weakly(self._on_zones_loaded))

    def _on_zones_loaded(self, zones: list[str]) -> None:
        zone = self.salon_page.tab.zone.currentText() or DEFAULT_ZONE
        self.salon_page.tab.set_zones(zones, zone)

    def validateCurrentPage(self) -> bool:  # noqa: N802 - Qt override
        if not super().validateCurrentPage():
            return False
        if self.currentId() == LANGUAGE:
            chosen = self.language_page.chosen()
            if chosen != self._language:
                self._language = chosen
                self._switch_language(chosen)
                self._build_pages()
                self._load_zones()
        return True

    # ---- finishing ----------------------------------------------------------------------
    def setup(self) -> FirstSetup:
        """What the pages hold, as the service takes it."""
        salon = self.salon_page.tab
        url, token = self.gateway_page.tab.values()
        return FirstSetup(
            salon=SalonSettingsInput(
                salon_name=salon.name.text(),
                sender_name=salon.sender_name.text(),
                salon_phone=salon.phone.text(),
                salon_address=salon.address.text(),
                time_zone=salon.zone.currentText(),
                gateway_url=url,
                opening_hours=self.hours_page.tab.week(),
            ),
            owner=self.staff_page.owner.text(),
            owner_pin=self.staff_page.pin.first.text(),
            team=tuple(self.staff_page.members()),
            services=tuple(self.services_page.services()),
            backup_folder=self.backup_page.folder.text(),
            gateway_login=bool(url and token),
            language=self._language,
        )

    def accept(self) -> None:
        """Finish: save on the worker; the assistant closes once it is saved."""
        if self._saving:
            return
        setup = self.setup()
        url, token = self.gateway_page.tab.values()
        first_setup, store_token = self._first_setup, self._store_token

        def work() -> Actor:
            # The token first: without a password store nothing else is written either.
            if url and token:
                store_token(url, token)
            return first_setup.complete(setup)

        self._saving = True
        self._busy(True)
        self.backup_page.message.show_info(self.tr("Saving…"))
        self._tasks.submit(self, work, weakly(self._on_saved), weakly(self._on_save_failed))

    def reject(self) -> None:
        if not self._saving:  # a transaction under way is not left half-reported
            super().reject()

    def _on_saved(self, owner: Actor) -> None:
        self._saving = False
        self.staff_page.pin.take_pin()  # not kept in the widgets once stored
        self.gateway_page.tab.token.clear()
        self.completed.emit(owner)
        super().accept()

    def _on_save_failed(self, error: BaseException) -> None:
        self._saving = False
        self._busy(False)
        self.backup_page.message.clear_message()
        page, text = self._where(error)
        if page is not None:
            # Back to the page that can fix it; the message stays on the last page too.
            while self.currentId() > page:
                self.back()
        self.backup_page.message.show_error(text)

    def _where(self, error: BaseException) -> tuple[int | None, str]:
        if isinstance(error, KeyringUnavailable):
            self.gateway_page.tab.show_keyring_missing(error)
            return GATEWAY, error_text.describe(error)
        if isinstance(error, InvalidField) and self.salon_page.tab.show_field_error(error):
            return SALON, error_text.describe(error)
        if isinstance(error, InvalidField) and error.field == "gateway_url":
            self.gateway_page.tab.url_error.show_error(error_text.describe(error))
            return GATEWAY, error_text.describe(error)
        return None, error_text.describe(error)

    def _busy(self, busy: bool) -> None:
        for button in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
        ):
            widget = self.button(button)
            if widget is not None:
                widget.setEnabled(not busy)
