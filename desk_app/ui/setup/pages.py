"""The setup assistant's pages. Each wraps what the settings dialog shows for the same
thing (its tab, its checks), so the first start asks exactly what can be changed later
under Settings, in the same words.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desk_app.domain.enums import StaffRole
from desk_app.domain.errors import InvalidField
from desk_app.domain.fields import NAME_MAX, SERVICE_NAME_MAX
from desk_app.domain.salon_settings import normalise_setting
from desk_app.services.catalogue import parse_price_cents
from desk_app.services.first_setup import NewMember, NewService
from desk_app.texts import error_text
from desk_app.texts.access_words import role_name
from desk_app.ui.settings.form import MessageLabel, add_row, hint, price_text
from desk_app.ui.settings.gateway_tab import GatewayTab
from desk_app.ui.settings.opening_hours_tab import OpeningHoursTab
from desk_app.ui.settings.pin_dialog import PinFields
from desk_app.ui.settings.salon_tab import SalonTab

LANGUAGES = (("de", "Deutsch"), ("en", "English"))  # each named in its own language
# A usual salon week to start from: Monday to Friday 9–18, Saturday 9–14.
SUGGESTED_WEEK: dict[int, list[tuple[time, time]]] = {
    **{day: [(time(9, 0), time(18, 0))] for day in range(5)},
    5: [(time(9, 0), time(14, 0))],
}
TEAM_ROLES = (StaffRole.STYLIST, StaffRole.RECEPTION, StaffRole.MANAGER)


class _EnterAdds(QObject):
    """Enter in a field with text adds it to the list (and does not also press Next);
    in an empty field Enter goes on to the next page as everywhere in the assistant."""

    def __init__(self, add: Callable[[], None], *edits: QLineEdit) -> None:
        super().__init__(edits[0])
        self._add = add
        for edit in edits:
            edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and isinstance(watched, QLineEdit)
            and watched.text().strip()
        ):
            self._add()
            return True
        return super().eventFilter(watched, event)


class LanguagePage(QWizardPage):
    """The language of this computer's window (the settings' "Language of the app")."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = QComboBox()
        self.language.setObjectName("setupLanguage")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(language), 0))
        self._label = QLabel()
        self._label.setBuddy(self.language)
        self._about = hint("")
        self._about.setObjectName("setupWelcome")
        layout = QFormLayout(self)
        layout.addRow(self._about)
        layout.addRow(self._label, self.language)
        self._translate()

    def chosen(self) -> str:
        return str(self.language.currentData())

    def changeEvent(self, event: QEvent) -> None:
        # The language switched while this page stays: its own words follow.
        if event.type() == QEvent.Type.LanguageChange:
            self._translate()
        super().changeEvent(event)

    def _translate(self) -> None:
        self.setTitle(self.tr("Welcome to Salon Desk"))
        self.setSubTitle(self.tr("A few questions, then the salon is ready for its first booking."))
        self._label.setText(self.tr("&Language:"))
        self._about.setText(
            self.tr(
                "Everything asked here can be changed later under Settings. Cancel ends "
                "Salon Desk without saving anything; the assistant then starts again."
            )
        )


class _SettingsTabPage(QWizardPage):
    """A page that is a settings tab as it is: Next runs the tab's own checks and puts
    the cursor into the first field they refuse."""

    def __init__(
        self, tab: QWidget, check: Callable[[], QWidget | None], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self._check = check  # the field it refuses first, None: all good
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(tab)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        wrong = self._check()
        if wrong is not None:
            wrong.setFocus()
        return wrong is None


class SalonPage(_SettingsTabPage):
    """Name, sender name, phone, postal address and time zone: the settings' Salon tab."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.tab = SalonTab(with_language=False)
        super().__init__(self.tab, self.tab.validate, parent)
        self.setTitle(self.tr("The salon"))
        self.setSubTitle(
            self.tr(
                "Name, phone and postal address are the imprint of advertising emails; "
                "the sender name is what text messages show."
            )
        )


class HoursPage(_SettingsTabPage):
    """The opening hours: the settings' tab, starting from a usual week."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.tab = OpeningHoursTab()
        self.tab.load(SUGGESTED_WEEK)
        super().__init__(self.tab, self.tab.validate, parent)
        self.setTitle(self.tr("Opening hours"))
        self.setSubTitle(self.tr("Appointments are booked within these hours."))


class StaffPage(QWizardPage):
    """The owner (with the PIN that signs them in) and, if they like, the team."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("The team"))
        self.setSubTitle(
            self.tr(
                "You are the owner: your PIN signs you in when the salon signs in "
                "personally. Add the others now or later under Settings ▸ Staff."
            )
        )
        self.owner = QLineEdit()
        self.owner.setObjectName("setupOwner")
        self.owner.setMaxLength(NAME_MAX)
        self.owner_error = MessageLabel("setupOwnerError")
        self.pin = PinFields()
        self.pin_error = MessageLabel("setupPinError")
        self.member = QLineEdit()
        self.member.setObjectName("setupMember")
        self.member.setMaxLength(NAME_MAX)
        self.member.setPlaceholderText(self.tr("Name"))
        self.role = QComboBox()
        self.role.setObjectName("setupMemberRole")
        for role in TEAM_ROLES:
            self.role.addItem(role_name(role), role.value)
        self.add = QPushButton(self.tr("&Add"))
        self.add.setObjectName("setupMemberAdd")
        self.add.setAutoDefault(False)
        self.team = QListWidget()
        self.team.setObjectName("setupTeam")
        self.team_error = MessageLabel("setupTeamError")
        self._members: list[NewMember] = []
        remove = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.team)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self._on_remove_activated)

        form = QFormLayout(self)
        add_row(form, self.tr("&Your name:"), self.owner, self.owner_error)
        form.addRow(self.tr("Your PIN:"), self.pin)
        form.addRow("", self.pin_error)
        adding = QHBoxLayout()
        adding.addWidget(self.member, 1)
        adding.addWidget(self.role)
        adding.addWidget(self.add)
        member_label = QLabel(self.tr("&More staff:"))
        member_label.setBuddy(self.member)
        form.addRow(member_label, adding)
        form.addRow("", self.team)
        form.addRow("", self.team_error)
        form.addRow("", hint(self.tr("Del removes the selected member from the list.")))
        self.add.clicked.connect(self._on_add_clicked)
        _EnterAdds(self._on_add_clicked, self.member)

    def members(self) -> list[NewMember]:
        return list(self._members)

    def _names(self) -> set[str]:
        return {self.owner.text().strip().casefold()} | {m.name.casefold() for m in self.members()}

    def _on_add_clicked(self) -> None:
        self.team_error.clear_message()
        name = self.member.text().strip()
        if not name:
            return
        if name.casefold() in self._names():
            self.team_error.show_error(_listed_already(name))
            return
        role = StaffRole(self.role.currentData())
        item = QListWidgetItem(f"{name} ({role_name(role)})")
        item.setData(Qt.ItemDataRole.UserRole, role.value)
        self.team.addItem(item)
        self.member.clear()
        self.member.setFocus()

    def _on_remove_activated(self) -> None:
        row = self.team.currentRow()
        if row >= 0:
            self.team.takeItem(row)
            del self._members[row]

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        self.owner_error.clear_message()
        self.pin_error.clear_message()
        owner = self.owner.text().strip()
        if not owner:
            self.owner_error.show_error(self.tr("Please enter your name."))
            self.owner.setFocus()
            return False
        if owner.casefold() in {m.name.casefold() for m in self.members()}:
            self.owner_error.show_error(_listed_already(owner))
            self.owner.setFocus()
            return False
        if not self.pin.acceptable():
            self.pin_error.show_error(self.tr("Type the same PIN of 4 to 8 digits in both fields."))
            self.pin.first.setFocus()
            return False
        return True


class ServicesPage(QWizardPage):
    """What can be booked: name, duration and price (more under Settings ▸ Services)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Services"))
        self.setSubTitle(
            self.tr(
                "At least one service, so that a booking can say what is done. Categories, "
                "colours and descriptions can follow under Settings ▸ Services."
            )
        )
        self.name = QLineEdit()
        self.name.setObjectName("setupServiceName")
        self.name.setMaxLength(SERVICE_NAME_MAX)
        self.name.setPlaceholderText(self.tr("e.g. Damenhaarschnitt"))
        self.minutes = QSpinBox()
        self.minutes.setObjectName("setupServiceMinutes")
        self.minutes.setRange(5, 12 * 60)
        self.minutes.setSingleStep(5)
        self.minutes.setValue(30)
        self.minutes.setSuffix(self.tr(" min"))
        self.price = QLineEdit()
        self.price.setObjectName("setupServicePrice")
        self.price.setPlaceholderText(price_text(3500))
        self.add = QPushButton(self.tr("&Add"))
        self.add.setObjectName("setupServiceAdd")
        self.add.setAutoDefault(False)
        self.list = QListWidget()
        self.list.setObjectName("setupServices")
        self.error = MessageLabel("setupServiceError")
        self._services: list[NewService] = []
        remove = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.list)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self._on_remove_activated)

        row = QHBoxLayout()
        row.addWidget(self.name, 1)
        row.addWidget(self.minutes)
        row.addWidget(self.price)
        row.addWidget(self.add)
        label = QLabel(self.tr("&Service, duration, price (€):"))
        label.setBuddy(self.name)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint(self.tr("Del removes the selected service from the list.")))
        self.add.clicked.connect(self._on_add_clicked)
        _EnterAdds(self._on_add_clicked, self.name, self.price)

    def services(self) -> list[NewService]:
        return list(self._services)

    def _on_add_clicked(self) -> None:
        self.error.clear_message()
        name = self.name.text().strip()
        if not name:
            self.error.show_error(self.tr("Please enter the service's name."))
            self.name.setFocus()
            return
        if name.casefold() in {s.name.casefold() for s in self._services}:
            self.error.show_error(_listed_already(name))
            return
        try:
            cents = parse_price_cents(self.price.text() or "0")
        except InvalidField as exc:
            self.error.show_error(error_text.describe(exc))
            self.price.setFocus()
            return
        service = NewService(name, self.minutes.value(), cents)
        self._services.append(service)
        self.list.addItem(
            self.tr("{name} – {minutes} min – {price} €").format(
                name=name, minutes=service.minutes, price=price_text(cents)
            )
        )
        self.name.clear()
        self.price.clear()
        self.name.setFocus()

    def _on_remove_activated(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            del self._services[row]

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if not self._services:
            self.error.show_error(self.tr("Add at least one service."))
            self.name.setFocus()
            return False
        return True


class GatewayPage(_SettingsTabPage):
    """The gateway's address and token: the settings' Gateway tab; may stay empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.tab = GatewayTab()
        self.tab.load("")
        super().__init__(self.tab, self.tab.validate, parent)
        self.setTitle(self.tr("Gateway for email and text messages"))
        self.setSubTitle(
            self.tr(
                "Leave it empty to work without one for now: booking works offline, and "
                "messages wait in the outbox until a gateway is set up under Settings ▸ "
                "Gateway."
            )
        )
        # Nothing is stored yet: the tab's "replace the stored one" would mislead here.
        self.tab.token.setPlaceholderText(self.tr("The token the gateway's operator gave you"))


class BackupPage(QWizardPage):
    """Where the daily backups go ("": the default folder in the data directory)."""

    def __init__(self, default_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Backups"))
        self.setSubTitle(
            self.tr(
                "Salon Desk copies its data every day. Best on another disk or a network "
                "share; empty: {folder}."
            ).format(folder=default_folder)
        )
        self.folder = QLineEdit()
        self.folder.setObjectName("setupBackupFolder")
        self.folder.setPlaceholderText(default_folder)
        self.folder_error = MessageLabel("setupBackupFolderError")
        self.choose = QPushButton(self.tr("&Choose…"))
        self.choose.setObjectName("setupBackupChoose")
        self.choose.setAutoDefault(False)
        self.message = MessageLabel("setupMessage")
        box = QHBoxLayout()
        box.addWidget(self.folder, 1)
        box.addWidget(self.choose)
        holder = QWidget()
        holder.setLayout(box)
        box.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout(self)
        label = QLabel(self.tr("Backup fo&lder:"))
        label.setBuddy(self.folder)
        form.addRow(label, holder)
        form.addRow("", self.folder_error)
        form.addRow("", hint(self.tr("Finish saves everything at once.")))
        form.addRow(self.message)
        self.choose.clicked.connect(self._on_choose_clicked)

    def _on_choose_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr("Backup folder"), self.folder.text())
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.folder.setText)
        dialog.open()

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        self.folder_error.clear_message()
        try:
            normalise_setting("backup_folder", self.folder.text())
        except InvalidField as exc:
            self.folder_error.show_error(error_text.describe(exc))
            self.folder.setFocus()
            return False
        return True


def _listed_already(name: str) -> str:
    return QCoreApplication.translate("SetupPages", "“{name}” is in the list already.").format(
        name=name
    )
