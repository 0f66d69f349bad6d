"""Data protection on the customers page: Art. 15 export to a JSON file and the Art. 17
erase dialog (confirmation by staff member and typed last name)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER
from desk_app.services.container import Services
from desk_app.services.privacy import ERASED_NAME
from desk_app.services.rows import CustomerRow
from desk_app.ui.context import UiContext
from desk_app.ui.customers.customers_page import CustomersPage
from desk_app.ui.customers.erase_dialog import EraseDialog
from tests.services.support import Salon, add_customer, make_salon, object_customer

pytestmark = [
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture
def salon(services: Services) -> Salon:
    return make_salon(services)


@pytest.fixture
def joerg(services: Services, salon: Salon, clock: Callable[[], datetime]) -> CustomerRow:
    customer = add_customer(services, "Jörg", "Weiß", "joerg@example.org", "030 1234567")
    object_customer(services.db, customer.id, clock())  # one ledger entry to export
    add_customer(services, "Anna", "Müller", "anna@example.org", "0151 12345678")
    return customer


@pytest.fixture
def page(qtbot: QtBot, ctx: UiContext, joerg: CustomerRow) -> CustomersPage:
    widget = CustomersPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 740)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.model().rowCount() == 2)
    with qtbot.waitSignal(widget.customer_shown, timeout=5000):
        widget.show_customer(joerg.id)
    return widget


def type_text(widget: QWidget, text: str) -> None:
    """One key event per character with its text (umlauts included)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QCoreApplication.sendEvent(widget, event)


def open_dialog(qtbot: QtBot, page: CustomersPage) -> EraseDialog:
    dialog = page.start_erase()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    staff = dialog.findChild(QComboBox, "staff")
    qtbot.waitUntil(lambda: staff.count() == 4)  # "choose" and the three of the salon
    return dialog


# ---- Art. 15 ----------------------------------------------------------------------------------
def test_export_writes_the_customers_data_as_json(
    qtbot: QtBot, page: CustomersPage, joerg: CustomerRow, tmp_path: Path
) -> None:
    target = tmp_path / "jörg.json"
    page.export_to(str(target))

    qtbot.waitUntil(lambda: "gespeichert" in page.status_text() or "saved" in page.status_text())
    assert page.status_text() == "Data of Jörg Weiß saved: jörg.json"
    text = target.read_text(encoding="utf-8")
    assert "Weiß" in text  # UTF-8 as it is, not \u escapes
    data = json.loads(text)
    assert data["customer"]["first_name"] == "Jörg"
    assert data["customer"]["last_name"] == "Weiß"
    assert [e["event"] for e in data["consent_ledger"]] == ["objected"]
    assert text.startswith('{\n  "')  # indented by two
    assert target.stat().st_mode & 0o777 == 0o600  # personal data (issue 8)


def test_privacy_button_needs_a_saved_customer(qtbot: QtBot, page: CustomersPage) -> None:
    button = page.findChild(QPushButton, "privacy")
    assert button.isEnabled()
    page.findChild(QPushButton, "new_customer").click()
    assert not button.isEnabled()
    assert page.start_erase() is None


# ---- Art. 17 ----------------------------------------------------------------------------------
def test_erase_button_waits_for_staff_and_the_last_name(
    qtbot: QtBot, page: CustomersPage, salon: Salon
) -> None:
    dialog = open_dialog(qtbot, page)
    erase = dialog.erase_button()
    name = dialog.findChild(QLineEdit, "confirm_last_name")
    assert not erase.isEnabled()

    type_text(name, "Weiß")
    assert not erase.isEnabled()  # nobody chose who erases
    dialog.set_staff(salon.reception.name)
    assert erase.isEnabled()

    name.clear()
    type_text(name, "Weis")
    assert not erase.isEnabled()
    name.clear()
    type_text(name, "Weißer")
    assert not erase.isEnabled()
    name.clear()
    type_text(name, "weiß ")
    assert erase.isEnabled()  # case and a stray space do not matter
    name.clear()
    type_text(name, "Weiss")
    assert erase.isEnabled()  # nor a keyboard without ß


def test_confirming_erases_the_customer(
    qtbot: QtBot, page: CustomersPage, services: Services, joerg: CustomerRow, salon: Salon
) -> None:
    dialog = open_dialog(qtbot, page)
    dialog.set_staff(salon.reception.name)
    type_text(dialog.findChild(QLineEdit, "confirm_last_name"), "Weiß")

    with qtbot.waitSignal(dialog.erased, timeout=5000) as erased:
        dialog.erase_button().click()

    row = erased.args[0]
    assert row.customer_id == joerg.id
    assert row.staff == salon.reception.name
    assert services.privacy.erasure(joerg.id) is not None
    assert services.customers.search("Weiß") == []
    assert services.customers.search("Jörg") == []
    # The form no longer shows the erased customer, the list follows.
    assert page.form().customer_id() is None
    assert page.form().field("last_name").text() == ""
    qtbot.waitUntil(
        lambda: (
            [page.model().index(r, 0).data() for r in range(page.model().rowCount())].count(
                "Weiß, Jörg"
            )
            == 0
        )
    )
    assert not page.findChild(QPushButton, "privacy").isEnabled()


def test_cancel_erases_nothing(
    qtbot: QtBot, page: CustomersPage, services: Services, joerg: CustomerRow, salon: Salon
) -> None:
    dialog = open_dialog(qtbot, page)
    dialog.set_staff(salon.reception.name)
    type_text(dialog.findChild(QLineEdit, "confirm_last_name"), "Weiß")
    with qtbot.waitSignal(dialog.finished, timeout=2000) as finished:
        dialog.reject()

    assert finished.args == [QDialog.DialogCode.Rejected.value]
    assert services.privacy.erasure(joerg.id) is None
    assert [c.id for c in services.customers.search("Weiß")] == [joerg.id]
    assert page.form().customer_id() == joerg.id


def test_an_error_is_shown_in_the_dialog(
    qtbot: QtBot, page: CustomersPage, services: Services, joerg: CustomerRow, salon: Salon
) -> None:
    dialog = open_dialog(qtbot, page)
    dialog.set_staff(salon.reception.name)
    type_text(dialog.findChild(QLineEdit, "confirm_last_name"), "Weiß")
    # The staff member is renamed between loading the list and erasing.
    with services.db.write() as s:
        s.query(m.Staff).filter(m.Staff.name == salon.reception.name).update(
            {m.Staff.name: "Tanja Neu"}
        )
    dialog.erase_button().click()

    error = dialog.findChild(QWidget, "error")
    qtbot.waitUntil(lambda: error.isVisible(), timeout=5000)
    assert "Tanja Groß" in error.property("text")
    assert dialog.isVisible()
    assert services.privacy.erasure(joerg.id) is None


def test_a_customer_erased_on_another_pc_is_not_filled_in_again_by_a_save(
    qtbot: QtBot, page: CustomersPage, services: Services, salon: Salon, joerg: CustomerRow
) -> None:
    """Jörg's form is open with a typed city when another counter PC erases him: the
    refresh shows the erasure, and Save says he is gone instead of writing the city (or
    his name, still in the form) back into the erased row."""
    form = page.form()
    city = form.field("city")
    city.setFocus()
    type_text(city, "Essen")
    services.privacy.erase(
        joerg.id, None, salon.reception.name, actor=SHARED_COUNTER
    )  # the other counter PC
    page.refresh()
    qtbot.waitUntil(lambda: form.field("last_name").text() == ERASED_NAME)
    form.save()
    qtbot.waitUntil(lambda: form.message_for("general") != "")
    assert "no longer exists" in form.message_for("general")
    assert city.text() == "Essen"  # what she typed stays on screen
    erased = services.customers.get(joerg.id)
    assert (erased.first_name, erased.last_name, erased.city) == ("", ERASED_NAME, "")
