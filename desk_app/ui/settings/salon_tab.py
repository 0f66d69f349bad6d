"""The "Salon" tab: name, SMS sender name, phone, postal address, backup folder, time zone,
the app's language and its appearance (light, dark or as the computer);
checked through the salon settings' declarations before "Save".

May import: PySide6, desk_app.services, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QFormLayout, QLineEdit, QWidget

from desk_app.domain.errors import InvalidField
from desk_app.domain.fields import PHONE_TYPED_MAX
from desk_app.domain.salon_settings import normalise_setting
from desk_app.domain.setting_checks import SALON_ADDRESS_MAX
from desk_app.services.salon_setup import SalonProfileRow
from desk_app.texts import error_text
from desk_app.ui.settings.form import MessageLabel, add_row, hint


class SalonTab(QWidget):
    """``with_language`` False: without the app's language (the setup assistant asks it on
    a page of its own). The backup folder is the Backups page's."""

    def __init__(self, parent: QWidget | None = None, with_language: bool = True) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setObjectName("salonName")
        self.name.setMaxLength(120)
        self.name_error = MessageLabel("salonNameError")
        self.sender_name = QLineEdit()
        self.sender_name.setObjectName("senderName")
        self.sender_name.setMaxLength(11)
        self.sender_name.setPlaceholderText(self.tr("e.g. HaarWerk"))
        self.sender_error = MessageLabel("senderNameError")
        self.phone = QLineEdit()
        self.phone.setObjectName("salonPhone")
        self.phone.setMaxLength(PHONE_TYPED_MAX)
        self.phone.setPlaceholderText(self.tr("e.g. 0221 1234567"))
        self.phone_error = MessageLabel("salonPhoneError")
        self.address = QLineEdit()
        self.address.setObjectName("salonAddress")
        self.address.setMaxLength(SALON_ADDRESS_MAX)
        self.address.setPlaceholderText(self.tr("e.g. Hauptstraße 12, 50667 Köln"))
        self.address_error = MessageLabel("salonAddressError")
        self.zone = QComboBox()
        self.zone.setObjectName("timeZone")
        self.zone.setEditable(True)
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone_error = MessageLabel("timeZoneError")
        self.language = QComboBox()
        self.language.setObjectName("appLanguage")
        self.language.addItem(self.tr("Same as this computer"), "")
        # Language names in their own language: whoever needs to switch can read them.
        self.language.addItem("Deutsch", "de")
        self.language.addItem("English", "en")
        # This PC's colour scheme (desk_app.ui.style.theme.ThemeChoice), applied on "Save".
        self.colour_scheme = QComboBox()
        self.colour_scheme.setObjectName("colourScheme")
        self.colour_scheme.addItem(self.tr("Same as this computer"), "system")
        self.colour_scheme.addItem(self.tr("Light"), "light")
        self.colour_scheme.addItem(self.tr("Dark"), "dark")

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add_row(form, self.tr("Salon &name:"), self.name, self.name_error)
        sender_hint = hint(
            self.tr(
                "Shown as the sender of text messages: up to 11 letters (no umlauts), "
                "digits or spaces. Leave empty to use the gateway's default."
            )
        )
        add_row(form, self.tr("&Sender name:"), self.sender_name, self.sender_error, sender_hint)
        phone_hint = hint(
            self.tr(
                "Printed in the imprint of advertising emails; also the placeholder "
                "{{ salon_phone }} (a campaign that uses it cannot be sent while it is empty)."
            )
        )
        add_row(form, self.tr("Salon &phone:"), self.phone, self.phone_error, phone_hint)
        address_hint = hint(
            self.tr(
                "Printed with the salon's name and phone as the imprint of every advertising "
                "email, which cannot be sent while it is empty; also the placeholder "
                "{{ salon_address }}."
            )
        )
        add_row(form, self.tr("Salon &address:"), self.address, self.address_error, address_hint)
        add_row(form, self.tr("&Time zone:"), self.zone, self.zone_error)
        restart_hint = hint(
            self.tr("A new language or time zone applies after Salon Desk is restarted.")
        )
        if with_language:
            add_row(form, self.tr("&Language of the app:"), self.language, restart_hint)
            add_row(form, self.tr("App&earance:"), self.colour_scheme)
        else:
            for widget in (self.language, self.colour_scheme):
                widget.setParent(self)
                widget.hide()
            restart_hint.deleteLater()

    def load(
        self, profile: SalonProfileRow, zones: list[str], language: str, colour_scheme: str = ""
    ) -> None:
        self.name.setText(profile.salon_name)
        self.sender_name.setText(profile.sender_name)
        self.phone.setText(profile.salon_phone)
        self.address.setText(profile.salon_address)
        self.set_zones(zones, profile.time_zone)
        index = self.language.findData(language)
        self.language.setCurrentIndex(max(index, 0))
        self.colour_scheme.setCurrentIndex(max(self.colour_scheme.findData(colour_scheme), 0))

    def set_zones(self, zones: list[str], current: str) -> None:
        """The time zones to choose from, ``current`` chosen."""
        self.zone.clear()
        self.zone.addItems(zones)
        completer = QCompleter(zones, self.zone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.zone.setCompleter(completer)
        self.zone.setCurrentText(current)

    def validate(self) -> QWidget | None:
        """Show what is wrong next to the field; the first wrong field, or None."""
        for label in (
            self.name_error,
            self.sender_error,
            self.phone_error,
            self.address_error,
            self.zone_error,
        ):
            label.clear_message()
        first: QWidget | None = None
        if not self.name.text().strip():
            self.name_error.show_error(self.tr("Please enter the salon's name."))
            first = first or self.name
        else:
            first = first or self._checked("salon_name", self.name, self.name_error)
        if not self._passes("sender_name", self.sender_name):
            self.sender_error.show_error(
                self.tr("Use at most 11 letters A–Z (no umlauts), digits or spaces.")
            )
            first = first or self.sender_name
        first = first or self._checked("salon_phone", self.phone, self.phone_error)
        first = first or self._checked("salon_address", self.address, self.address_error)
        if self.zone.findText(self.zone.currentText()) < 0:
            self.zone_error.show_error(self.tr("Choose a time zone from the list."))
            first = first or self.zone
        return first

    @staticmethod
    def _passes(key: str, edit: QLineEdit) -> bool:
        """The setting's declared check accepts what is typed."""
        try:
            normalise_setting(key, edit.text())
        except InvalidField:
            return False
        return True

    @staticmethod
    def _checked(key: str, edit: QLineEdit, error: MessageLabel) -> QWidget | None:
        """The settings store's own check (the one ``desk-app settings set`` uses)."""
        try:
            normalise_setting(key, edit.text())
        except InvalidField as exc:
            error.show_error(error_text.describe(exc))
            return edit
        return None

    def show_field_error(self, error: InvalidField) -> QWidget | None:
        """A refusal from the service, next to its field (None: not one of ours)."""
        if error.field == "salon_name":
            self.name_error.show_error(error_text.describe(error))
            return self.name
        if error.field == "salon_phone":
            self.phone_error.show_error(error_text.describe(error))
            return self.phone
        if error.field == "salon_address":
            self.address_error.show_error(error_text.describe(error))
            return self.address
        if error.field == "sender_name":
            self.sender_error.show_error(
                self.tr("Use at most 11 letters A–Z (no umlauts), digits or spaces.")
            )
            return self.sender_name
        if error.field == "time_zone":
            self.zone_error.show_error(self.tr("Choose a time zone from the list."))
            return self.zone
        return None
