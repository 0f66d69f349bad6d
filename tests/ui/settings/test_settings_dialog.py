"""The owner's settings dialog: loading, saving through ctx.db_tasks, the write-only token,
inline validation, and the staff and services lists (SQLite; the service is tested on
both backends in tests/services/test_salon_setup.py)."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import StaffRole
from desk_app.domain.errors import KeyringUnavailable
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.salon_setup import SalonSettingsInput, SalonSetupService
from desk_app.ui import preferences
from desk_app.ui.context import UiContext
from desk_app.ui.settings.dialog import SettingsDialog
from desk_app.ui.settings.opening_hours_tab import OpeningHoursTab
from desk_app.ui.style.theme import Theme, ThemeChoice, request
from tests.services.support import Salon, add_customer, friday, give_salon_address, make_salon

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
GATEWAY = "https://gateway.example.de"


class TokenStore:
    """Stands in for the keyring callable the composition root injects."""

    def __init__(self, available: bool = True) -> None:
        self.available = available
        self.stored: list[tuple[str, str]] = []

    def __call__(self, url: str, token: str) -> None:
        if not self.available:
            raise KeyringUnavailable()
        self.stored.append((url, token))


@pytest.fixture
def setup(services: Services) -> SalonSetupService:
    """The service the dialog uses (``ctx.services.salon_setup``)."""
    return services.salon_setup


@pytest.fixture
def salon(services: Services, setup: SalonSetupService) -> Salon:
    setup.save(
        SalonSettingsInput(
            salon_name="Haarwerk Müller",
            sender_name="HaarWerk",
            time_zone="Europe/Berlin",
            gateway_url=GATEWAY,
            opening_hours={
                0: [(time(9), time(18))],
                2: [(time(9), time(13)), (time(14), time(19))],
                5: [(time(9), time(14))],
            },
        ),
        actor=SHARED_COUNTER,
    )
    return make_salon(services)


def open_dialog(
    qtbot: QtBot, ctx: UiContext, setup: SalonSetupService, store: TokenStore
) -> SettingsDialog:
    assert ctx.services.salon_setup is setup
    dialog = SettingsDialog(ctx, store)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        pass  # the load answers on the event loop, which waitSignal runs
    return dialog


def type_text(widget: QWidget, text: str) -> None:
    """Key events with their text set: qtbot.keyClicks cannot type umlauts."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def replace_text(edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    edit.del_()
    type_text(edit, text)


def save(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.save_button.click()


# ---- loading and saving ---------------------------------------------------------------------
def test_shows_the_current_settings(
    qtbot: QtBot, ctx: UiContext, setup: SalonSetupService, salon: Salon
) -> None:
    dialog = open_dialog(qtbot, ctx, setup, TokenStore())

    assert dialog.salon.name.text() == "Haarwerk Müller"
    assert dialog.salon.sender_name.text() == "HaarWerk"
    assert dialog.salon.zone.currentText() == "Europe/Berlin"
    assert dialog.hours.modes[0].currentIndex() == OpeningHoursTab.OPEN
    assert dialog.hours.modes[1].currentIndex() == OpeningHoursTab.CLOSED
    assert dialog.hours.modes[2].currentIndex() == OpeningHoursTab.WITH_BREAK
    assert dialog.hours.day_intervals(2) == [(time(9), time(13)), (time(14), time(19))]
    staff = [dialog.staff.table.item(r, 0).text() for r in range(dialog.staff.table.rowCount())]
    assert staff == ["Aylin Öztürk", "Jörg Weiß", "Tanja Groß"]
    services = dialog.services.table
    assert [services.item(r, 0).text() for r in range(services.rowCount())] == [
        "Damenhaarschnitt",
        "Färben",
    ]
    assert dialog.gateway.url.text() == GATEWAY
    # Write-only: never filled, hidden while typed.
    assert dialog.gateway.token.text() == ""
    assert dialog.gateway.token.echoMode() is QLineEdit.EchoMode.Password


def test_save_writes_everything_through_the_database(
    qtbot: QtBot, ctx: UiContext, setup: SalonSetupService, salon: Salon
) -> None:
    store = TokenStore()
    dialog = open_dialog(qtbot, ctx, setup, store)
    replace_text(dialog.salon.name, "Salon Schöne Grüße")
    replace_text(dialog.salon.sender_name, "Gruesse")
    dialog.salon.zone.setCurrentText("Europe/Vienna")
    dialog.salon.language.setCurrentIndex(dialog.salon.language.findData("en"))
    dialog.hours.modes[0].setCurrentIndex(OpeningHoursTab.WITH_BREAK)  # suggests a lunch break
    dialog.hours.modes[5].setCurrentIndex(OpeningHoursTab.CLOSED)
    replace_text(dialog.gateway.url, "https://neu.example.de/")
    type_text(dialog.gateway.token, "s3cr3t-tøken")

    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        save(qtbot, dialog)

    assert saved.args == [True]  # language and time zone need a restart
    assert dialog.result() == QDialog.DialogCode.Accepted
    profile = setup.profile()
    assert profile.salon_name == "Salon Schöne Grüße"
    assert profile.sender_name == "Gruesse"
    assert profile.time_zone == "Europe/Vienna"
    assert profile.gateway_url == "https://neu.example.de"
    assert store.stored == [("https://neu.example.de", "s3cr3t-tøken")]
    assert dialog.gateway.token.text() == ""
    assert preferences.LANGUAGE.read(ctx.preferences) == "en"
    week = setup.week()
    assert week[0] == [(time(9), time(13)), (time(14), time(18))]
    assert 5 not in week
    assert week[2] == [(time(9), time(13)), (time(14), time(19))]


def test_unchanged_address_keeps_the_stored_token(
    qtbot: QtBot, ctx: UiContext, setup: SalonSetupService, salon: Salon
) -> None:
    store = TokenStore()
    dialog = open_dialog(qtbot, ctx, setup, store)
    replace_text(dialog.salon.name, "Haarwerk")

    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        save(qtbot, dialog)

    assert saved.args == [False]
    assert store.stored == []
    assert setup.profile().salon_name == "Haarwerk"


def test_no_password_store_saves_nothing_and_says_why(
    qtbot: QtBot, ctx: UiContext, setup: SalonSetupService, salon: Salon
) -> None:
    dialog = open_dialog(qtbot, ctx, setup, TokenStore(available=False))
    replace_text(dialog.salon.name, "Neuer Name")
    type_text(dialog.gateway.token, "new-token")
    saved: list[bool] = []
    dialog.saved.connect(saved.append)

    save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.gateway.message.isVisibleTo(dialog))

    assert "no password store" in dialog.gateway.message.text()
    assert "Nothing was saved." in dialog.gateway.message.text()
    assert dialog.tabs.currentWidget() is dialog.gateway
    assert dialog.save_button.isEnabled() and saved == []
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert setup.profile().salon_name == "Haarwerk Müller"


# ---- validation ---------------------------------------------------------------------------
def test_missing_name_and_bad_sender_are_shown_at_the_fields(
    qtbot: QtBot, ctx: UiContext, setup: SalonSetupService, salon: Salon
) -> None:
    store = TokenStore()
    dialog = open_dialog(qtbot, ctx, setup, store)
    dialog.tabs.setCurrentWidget(dialog.services)
    replace_text(dialog.salon.name, "")
    replace_text(dialog.salon.sender_name, "Schöner Tag")

    save(qtbot, dialog)

    assert dialog.tabs.currentWidget() is dialog.salon
    assert dialog.salon.name_error.isVisibleTo(dialog)
    assert dialog.salon.name_error.text() == "Please enter the salon's name."
    assert dialog.salon.sender_error.text().startswith("Use at most 11 letters")
    assert dialog.result() != QDialog.DialogCode.Accepted
    qtbot.wait(50)
    assert setup.profile().salon_name == "Haarwerk Müller"

    replace_text(dialog.salon.name, "Haarwerk")
    replace_text(dialog.salon.sender_name, "Haarwerk")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        save(qtbot, dialog)
    assert not dialog.salon.name_error.isVisibleTo(dialog)


def test_break_must_not_overlap(
    qtbot: QtBot, ctx: UiContext, setup: SalonSetupService, salon: Salon
) -> None:
    dialog = open_dialog(qtbot, ctx, setup, TokenStore())
    second_opens = dialog.hours.edits[2][2]
    second_opens.setTime(dialog.hours.edits[2][1].time().addSecs(-3600))  # 12:00 < 13:00

    save(qtbot, dialog)

    assert dialog.tabs.currentWidget() is dialog.hours
    assert dialog.hours.errors[2].isVisibleTo(dialog)
    assert "13:00" in dialog.hours.errors[2].text()
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_new_address_needs_a_token(
    qtbot: QtBot, ctx: UiContext, setup: SalonSetupService, salon: Salon
) -> None:
    store = TokenStore()
    dialog = open_dialog(qtbot, ctx, setup, store)
    replace_text(dialog.gateway.url, "https://other.example.de")

    save(qtbot, dialog)

    assert dialog.tabs.currentWidget() is dialog.gateway
    assert dialog.gateway.token_error.text() == "Enter the token for the new gateway address."

    replace_text(dialog.gateway.url, "http://gateway.example.de")
    save(qtbot, dialog)
    assert "must start with https://" in dialog.gateway.url_error.text()
    assert store.stored == []


# ---- staff ----------------------------------------------------------------------------------
def _staff_names(dialog: SettingsDialog) -> list[str]:
    table = dialog.staff.table
    return [table.item(r, 0).text() for r in range(table.rowCount())]


def test_add_staff_at_once(
    qtbot: QtBot, ctx: UiContext, services: Services, setup: SalonSetupService, salon: Salon
) -> None:
    dialog = open_dialog(qtbot, ctx, setup, TokenStore())
    tab = dialog.staff
    type_text(tab.name, "Jürgen Groß")
    tab.role.setCurrentIndex(tab.role.findData(StaffRole.RECEPTION.value))

    with qtbot.waitSignal(tab.changed, timeout=5000):
        tab.add.click()

    assert "Jürgen Groß" in _staff_names(dialog)
    assert tab.message.text() == "Jürgen Groß was added."
    assert tab.name.text() == ""
    added = services.catalogue.staff_by_name("Jürgen Groß")
    assert added.role is StaffRole.RECEPTION and added.active

    type_text(tab.name, "Jürgen Groß")
    tab.add.click()
    qtbot.waitUntil(lambda: "already exists" in tab.message.text())


def test_deactivate_staff_warns_about_upcoming_appointments(
    qtbot: QtBot, ctx: UiContext, services: Services, setup: SalonSetupService, salon: Salon
) -> None:
    anna = add_customer(services)
    services.booking.book(
        BookingRequest(anna.id, salon.stylist.id, salon.cut.id, friday(10), override=True)
    )
    dialog = open_dialog(qtbot, ctx, setup, TokenStore())
    tab = dialog.staff
    tab.table.selectRow(_staff_names(dialog).index("Jörg Weiß"))
    assert tab.toggle.text() == "&Deactivate"

    with qtbot.waitSignal(tab.changed, timeout=5000):
        tab.toggle.click()

    assert "1 upcoming appointment:" in tab.message.text()
    assert "Jörg Weiß" not in {s.name for s in services.catalogue.list_staff()}
    assert _staff_names(dialog)[-1] == "Jörg Weiß"  # inactive staff at the end
    tab.table.selectRow(len(_staff_names(dialog)) - 1)
    assert tab.toggle.text() == "&Activate again"
    with qtbot.waitSignal(tab.changed, timeout=5000):
        tab.toggle.click()
    assert tab.message.text() == "Jörg Weiß can be booked again."
    assert "Jörg Weiß" in {s.name for s in services.catalogue.list_staff()}


# ---- services -------------------------------------------------------------------------------
def test_add_change_and_withdraw_a_service(
    qtbot: QtBot, ctx: UiContext, services: Services, setup: SalonSetupService, salon: Salon
) -> None:
    dialog = open_dialog(qtbot, ctx, setup, TokenStore())
    tab = dialog.services
    type_text(tab.name, "Balayage")
    tab.minutes.setValue(150)
    type_text(tab.price, "129,50")
    tab.category.setCurrentText("Farbe")
    tab.colour.setCurrentIndex(tab.colour.findText("Lilac"))

    with qtbot.waitSignal(tab.changed, timeout=5000):
        tab.add.click()

    added = services.catalogue.treatment_by_name("Balayage")
    assert (added.minutes, added.price_cents, added.category, added.colour) == (
        150,
        12950,
        "Farbe",
        "#d4a6e0",
    )
    names = [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())]
    assert names == ["Balayage", "Damenhaarschnitt", "Färben"]

    tab.table.selectRow(names.index("Färben"))
    assert tab.name.text() == "Färben" and tab.minutes.value() == 90
    replace_text(tab.price, "84,90")
    with qtbot.waitSignal(tab.changed, timeout=5000):
        tab.update_button.click()
    assert services.catalogue.treatment_by_name("Färben").price_cents == 8490
    assert tab.message.text() == "Färben was changed."

    tab.table.selectRow(0)
    with qtbot.waitSignal(tab.changed, timeout=5000):
        tab.remove.click()
    assert [s.name for s in services.catalogue.list_treatments()] == ["Damenhaarschnitt", "Färben"]


def test_wrong_price_is_shown_at_the_field(
    qtbot: QtBot, ctx: UiContext, services: Services, setup: SalonSetupService, salon: Salon
) -> None:
    dialog = open_dialog(qtbot, ctx, setup, TokenStore())
    tab = dialog.services
    type_text(tab.name, "Pony schneiden")
    type_text(tab.price, "12,345")

    tab.add.click()

    assert tab.price_error.isVisibleTo(tab)
    assert tab.price_error.text() == "“12,345” is not a valid price (example: 35,50)."
    qtbot.wait(50)
    assert "Pony schneiden" not in {s.name for s in services.catalogue.list_treatments()}


# ---- looks --------------------------------------------------------------------------------
def test_every_tab_fits_a_laptop_screen(
    qtbot: QtBot, ctx: UiContext, setup: SalonSetupService, salon: Salon, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, ctx, setup, TokenStore())
    dialog.resize(dialog.minimumSize())
    assert dialog.width() <= 1366 and dialog.height() <= 768 - 60
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        assert dialog.grab().save(str(tmp_path / f"settings-{index}.png"))
        for button in dialog.tabs.currentWidget().findChildren(QPushButton):
            assert button.width() >= button.sizeHint().width(), button.text()


# ---- issue 8: the salon's phone, parsed gateway addresses, the screenshots ------------------
def test_the_salons_phone_is_set_and_checked_here(
    qtbot: QtBot, ctx: UiContext, setup: SalonSetupService, salon: Salon, services: Services
) -> None:
    dialog = open_dialog(qtbot, ctx, setup, TokenStore())
    assert dialog.salon.phone.text() == ""
    replace_text(dialog.salon.phone, "12")
    save(qtbot, dialog)
    assert dialog.tabs.currentWidget() is dialog.salon
    assert dialog.salon.phone_error.text() == "“12” is not a valid phone number."
    assert services.catalogue.stored_settings()["salon_phone"] == ""

    replace_text(dialog.salon.phone, "0221 1234567")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        save(qtbot, dialog)
    assert services.catalogue.stored_settings()["salon_phone"] == "0221 1234567"


def test_the_salons_address_is_set_here(
    qtbot: QtBot, ctx: UiContext, setup: SalonSetupService, salon: Salon, services: Services
) -> None:
    give_salon_address(services.db, "")  # not set yet
    dialog = open_dialog(qtbot, ctx, setup, TokenStore())
    assert dialog.salon.address.text() == ""
    replace_text(dialog.salon.address, "Hauptstraße 12, 50667 Köln")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        save(qtbot, dialog)
    assert services.catalogue.stored_settings()["salon_address"] == "Hauptstraße 12, 50667 Köln"
    again = open_dialog(qtbot, ctx, setup, TokenStore())
    assert again.salon.address.text() == "Hauptstraße 12, 50667 Köln"


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("http://localhost@evil.example", "is not a web address like https://"),
        ("http://127.0.0.1.evil.example", "must start with https://"),
        ("http://localhost.", "is not a web address like https://"),
    ],
)
def test_the_gateway_address_is_parsed_not_prefix_matched(
    qtbot: QtBot,
    ctx: UiContext,
    setup: SalonSetupService,
    salon: Salon,
    typed: str,
    words: str,
) -> None:
    store = TokenStore()
    dialog = open_dialog(qtbot, ctx, setup, store)
    replace_text(dialog.gateway.url, typed)
    type_text(dialog.gateway.token, "secret")
    save(qtbot, dialog)
    assert dialog.tabs.currentWidget() is dialog.gateway
    assert words in dialog.gateway.url_error.text()
    assert store.stored == []
    assert setup.profile().gateway_url == GATEWAY


def test_a_loopback_gateway_with_a_port_is_fine(
    qtbot: QtBot, ctx: UiContext, setup: SalonSetupService, salon: Salon
) -> None:
    store = TokenStore()
    dialog = open_dialog(qtbot, ctx, setup, store)
    replace_text(dialog.gateway.url, "http://[::1]:8080/")
    type_text(dialog.gateway.token, "secret")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        save(qtbot, dialog)
    assert store.stored == [("http://[::1]:8080", "secret")]
    assert setup.profile().gateway_url == "http://[::1]:8080"


def test_the_appearance_is_this_pcs_and_changes_at_once_on_save(
    qtbot: QtBot, ctx: UiContext, setup: SalonSetupService, salon: Salon, qapp: QApplication
) -> None:
    theme = Theme.install(qapp)
    try:
        dialog = open_dialog(qtbot, ctx, setup, TokenStore())
        assert dialog.salon.colour_scheme.currentData() == "system"  # nothing chosen yet
        dialog.salon.colour_scheme.setCurrentIndex(dialog.salon.colour_scheme.findData("dark"))
        assert not theme.is_dark()  # only on "Save"
        with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
            save(qtbot, dialog)
        assert saved.args == [False]  # no restart needed for it
        assert preferences.COLOUR_SCHEME.read(ctx.preferences) == "dark"
        assert theme.is_dark()

        again = open_dialog(qtbot, ctx, setup, TokenStore())
        assert again.salon.colour_scheme.currentData() == "dark"
        again.salon.colour_scheme.setCurrentIndex(again.salon.colour_scheme.findData("system"))
        with qtbot.waitSignal(again.saved, timeout=5000):
            save(qtbot, again)
        assert not theme.is_dark()  # the system's again (none offscreen: light)
    finally:
        request(ThemeChoice.SYSTEM)
