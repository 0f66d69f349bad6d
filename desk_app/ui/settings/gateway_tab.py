"""The "Gateway" tab: the gateway's address and its write-only access token.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from desk_app.domain.errors import InvalidField, KeyringUnavailable
from desk_app.domain.salon_settings import normalise_setting
from desk_app.texts import error_text
from desk_app.ui.settings.form import MessageLabel, add_row, hint


class GatewayTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved_url = ""
        self.url = QLineEdit()
        self.url.setObjectName("gatewayUrl")
        self.url.setPlaceholderText("https://gateway.example.de")
        self.url_error = MessageLabel("gatewayUrlError")
        self.token = QLineEdit()
        self.token.setObjectName("gatewayToken")
        # Write-only: never filled from the store, hidden while typed, no copying out.
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("Enter a new token to replace the stored one"))
        self.token_error = MessageLabel("gatewayTokenError")
        self.message = MessageLabel("gatewayMessage")
        token_hint = hint(
            self.tr(
                "The token is kept in this computer's password store, never in the "
                "database, and is not shown again. Leave it empty to keep the stored one."
            )
        )
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add_row(form, self.tr("Gateway &address:"), self.url, self.url_error)
        add_row(form, self.tr("&Token:"), self.token, self.token_error, token_hint)
        form.addRow("", self.message)

    def load(self, url: str) -> None:
        self._saved_url = url
        self.url.setText(url)
        self.token.clear()

    def values(self) -> tuple[str, str]:
        """The normalised address and the new token ("" to keep the stored one)."""
        return normalise_setting("gateway_url", self.url.text()), self.token.text().strip()

    def validate(self) -> QWidget | None:
        for label in (self.url_error, self.token_error, self.message):
            label.clear_message()
        try:
            url, token = self.values()
        except InvalidField as exc:
            self.url_error.show_error(error_text.describe(exc))
            return self.url
        # The token is stored per address: a new address without one could never sync.
        if url and url != self._saved_url and not token:
            self.token_error.show_error(self.tr("Enter the token for the new gateway address."))
            return self.token
        return None

    def show_keyring_missing(self, error: KeyringUnavailable) -> None:
        self.message.show_error(
            self.tr("{problem} Nothing was saved.").format(problem=error_text.describe(error))
        )
