"""The phone-booking dialog: search, inline new customer, notify switch, conflict preview."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import AppointmentStatus
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import CustomerRow
from desk_app.ui.calendar.booking_dialog import PREVIEW_DELAY_MS, BookingDialog
from desk_app.ui.calendar.customer_results import CustomerResultsModel
from desk_app.ui.context import UiContext
from tests.conftest import Clock
from tests.services.support import (
    Salon,
    add_customer,
    berlin,
    make_salon,
    object_customer,
    outbox_messages,
)
from tests.support.ui import open_weekdays, press, type_text

pytestmark = [
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
    # The offscreen platform cannot resize windows to new size hints; harmless there.
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture
def salon(services: Services) -> Salon:
    open_weekdays(services)
    return make_salon(services)


@pytest.fixture
def anna(services: Services) -> CustomerRow:
    return add_customer(services)


@pytest.fixture
def new_dialog(
    qtbot: QtBot, ctx: UiContext, salon: Salon, alive: list[object]
) -> Callable[..., BookingDialog]:
    def make(hour: int = 10) -> BookingDialog:
        dialog = BookingDialog(ctx, staff_id=salon.stylist.id, starts_at=berlin(2026, 11, 25, hour))
        qtbot.addWidget(dialog)
        alive.append(dialog)
        dialog.open()
        qtbot.waitUntil(lambda: _child(dialog, QComboBox, "service").count() == 2)
        return dialog

    return make


def _child(dialog: BookingDialog, kind: type, name: str) -> object:
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def _search(dialog: BookingDialog) -> QLineEdit:
    edit = dialog.findChild(QLineEdit, "customer_search")
    assert edit is not None
    return edit


def _choose_service(dialog: BookingDialog, index: int = 0) -> None:
    combo = dialog.findChild(QComboBox, "service")
    assert combo is not None
    combo.setCurrentIndex(index)


def _notify(dialog: BookingDialog) -> QCheckBox:
    box = dialog.findChild(QCheckBox, "notify")
    assert box is not None
    return box


def _pick_by_typing(qtbot: QtBot, dialog: BookingDialog, text: str) -> None:
    search = _search(dialog)
    type_text(search, text)
    results = dialog.findChild(QListView, "customer_results")
    assert results is not None
    qtbot.waitUntil(results.isVisible)
    press(search, Qt.Key.Key_Return)


def test_results_model_passes_the_model_tester(qtmodeltester: object, services: Services) -> None:
    model = CustomerResultsModel()
    model.set_rows([add_customer(services), add_customer(services, "Bea", "Bauer", None, None)])
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 2
    assert model.data(model.index(0, 0)) == "Müller, Anna · +4915112345678"
    assert model.data(model.index(1, 0)) == "Bauer, Bea"


def test_search_by_phone_in_any_formatting_and_pick_with_the_keyboard(
    new_dialog: Callable[..., BookingDialog],
    qtbot: QtBot,
    anna: CustomerRow,
    services: Services,
) -> None:
    other = add_customer(services, "Anton", "Müller", "anton@example.org", "0151 12349999")
    dialog = new_dialog()
    search = _search(dialog)

    type_text(search, "+49 (0)151 1234")
    results = dialog.findChild(QListView, "customer_results")
    assert results is not None
    qtbot.waitUntil(lambda: results.isVisible() and results.model().rowCount() == 2)
    press(search, Qt.Key.Key_Down)
    press(search, Qt.Key.Key_Return)

    # Ordered by last name, then first name: Anna, then Anton; Down went to Anton.
    assert dialog.customer() == other
    assert search.text() == "Anton Müller"
    assert not results.isVisible()
    details = dialog.findChild(QLabel, "customer_details")
    assert details is not None and "+4915112349999" in details.text()


def test_typing_again_drops_the_picked_customer(
    new_dialog: Callable[..., BookingDialog],
    qtbot: QtBot,
    anna: CustomerRow,
) -> None:
    dialog = new_dialog()
    _pick_by_typing(qtbot, dialog, "Mül")
    assert dialog.customer() == anna
    type_text(_search(dialog), "x")
    assert dialog.customer() is None
    no_results = dialog.findChild(QLabel, "no_results")
    assert no_results is not None
    qtbot.waitUntil(no_results.isVisible)


def test_enter_in_the_search_never_saves_without_a_customer(
    new_dialog: Callable[..., BookingDialog], qtbot: QtBot, salon: Salon
) -> None:
    dialog = new_dialog()
    type_text(_search(dialog), "Niemand")
    press(_search(dialog), Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.result() == 0


def test_service_fills_in_the_duration_and_the_preview_says_free(
    new_dialog: Callable[..., BookingDialog],
    qtbot: QtBot,
    anna: CustomerRow,
) -> None:
    dialog = new_dialog()
    _pick_by_typing(qtbot, dialog, "anna")
    _choose_service(dialog, 1)  # Färben, 90 minutes (sorted by name)
    spin = dialog.findChild(QSpinBox, "minutes")
    assert spin is not None and spin.value() == 90
    qtbot.waitUntil(dialog.is_ready)
    assert dialog.conflict_text().startswith("✓")
    spin.setValue(60)  # still editable
    assert not dialog.is_ready()  # checked again before it may be saved
    qtbot.waitUntil(dialog.is_ready)


def test_double_booking_blocks_save_and_cannot_be_overridden(
    new_dialog: Callable[..., BookingDialog],
    qtbot: QtBot,
    salon: Salon,
    anna: CustomerRow,
    services: Services,
) -> None:
    bea = add_customer(services, "Bea", "Bauer", "bea@example.org", "0170 9876543")
    services.booking.book(
        BookingRequest(bea.id, salon.stylist.id, salon.cut.id, berlin(2026, 11, 25, 10))
    )
    dialog = new_dialog(hour=10)
    _pick_by_typing(qtbot, dialog, "anna")
    _choose_service(dialog)

    qtbot.waitUntil(lambda: "Bea Bauer" in dialog.conflict_text())
    override = dialog.findChild(QCheckBox, "override")
    assert override is not None
    assert dialog.conflict_text().startswith("✗")
    assert "Jörg Weiß is already booked" in dialog.conflict_text()
    assert not override.isVisible()
    assert not dialog.is_ready()

    dialog._time.setTime(dialog._time.time().addSecs(3600))  # 11:00 is free
    qtbot.waitUntil(dialog.is_ready)


def test_outside_opening_hours_needs_book_anyway(
    new_dialog: Callable[..., BookingDialog],
    qtbot: QtBot,
    anna: CustomerRow,
    services: Services,
) -> None:
    dialog = new_dialog(hour=17)
    _pick_by_typing(qtbot, dialog, "anna")
    _choose_service(dialog, 1)  # 90 minutes from 17:00: past closing time
    override = dialog.findChild(QCheckBox, "override")
    assert override is not None
    qtbot.waitUntil(override.isVisible)
    assert "outside the opening hours" in dialog.conflict_text()
    assert not dialog.is_ready()

    override.setChecked(True)
    assert dialog.is_ready()
    with qtbot.waitSignal(dialog.booked) as blocker:
        press(_child(dialog, QLineEdit, "note"), Qt.Key.Key_Return)  # type: ignore[arg-type]
    row = blocker.args[0]
    assert (row.starts_at, row.ends_at) == (berlin(2026, 11, 25, 17), berlin(2026, 11, 25, 18, 30))


def test_new_customer_inline_warns_about_a_duplicate_and_offers_the_existing_one(
    new_dialog: Callable[..., BookingDialog],
    qtbot: QtBot,
    anna: CustomerRow,
    services: Services,
) -> None:
    dialog = new_dialog()
    type_text(_search(dialog), "Anna Schmidt")
    button = dialog.findChild(QPushButton, "new_customer")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    first, last, phone = (
        dialog.findChild(QLineEdit, n) for n in ("first_name", "last_name", "phone")
    )
    assert first is not None and last is not None and phone is not None
    assert (first.text(), last.text()) == ("Anna", "Schmidt")

    type_text(phone, "0151/123 456 78")  # Anna Müller's number, other formatting
    warning = dialog.findChild(QLabel, "duplicate_warning")
    use = dialog.findChild(QPushButton, "use_existing")
    assert warning is not None and use is not None
    qtbot.waitUntil(warning.isVisible)
    assert "Anna Müller" in warning.text()

    qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
    assert dialog.customer() == anna
    assert len(services.customers.all()) == 1


def test_new_customer_duplicate_can_be_created_anyway(
    new_dialog: Callable[..., BookingDialog],
    qtbot: QtBot,
    anna: CustomerRow,
    services: Services,
) -> None:
    dialog = new_dialog()
    qtbot.mouseClick(dialog.findChild(QPushButton, "new_customer"), Qt.MouseButton.LeftButton)
    first, last, email = (
        dialog.findChild(QLineEdit, n) for n in ("first_name", "last_name", "email")
    )
    assert first is not None and last is not None and email is not None
    type_text(first, "Jürgen")
    type_text(last, "Groß")
    type_text(email, "ANNA.mueller@example.org")
    press(email, Qt.Key.Key_Return)  # Enter in the panel creates the customer, not the booking
    anyway = dialog.findChild(QPushButton, "create_anyway")
    error = dialog.findChild(QLabel, "new_customer_error")
    assert anyway is not None and error is not None
    qtbot.waitUntil(anyway.isVisible)
    assert "email address already exists" in error.text()
    assert dialog.customer() is None

    qtbot.mouseClick(anyway, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.customer() is not None)
    customer = dialog.customer()
    assert customer is not None and customer.full_name == "Jürgen Groß"
    assert len(services.customers.all()) == 2


def test_invalid_phone_of_a_new_customer_is_explained(
    new_dialog: Callable[..., BookingDialog], qtbot: QtBot, salon: Salon
) -> None:
    dialog = new_dialog()
    qtbot.mouseClick(dialog.findChild(QPushButton, "new_customer"), Qt.MouseButton.LeftButton)
    type_text(dialog.findChild(QLineEdit, "last_name"), "Neu")
    type_text(dialog.findChild(QLineEdit, "phone"), "12")
    qtbot.mouseClick(dialog.findChild(QPushButton, "create_customer"), Qt.MouseButton.LeftButton)
    error = dialog.findChild(QLabel, "new_customer_error")
    assert error is not None
    qtbot.waitUntil(error.isVisible)
    assert error.text() == "“12” is not a valid phone number."


def test_new_customer_needs_last_name_and_contact_and_no_digits_told_beside_the_field(
    new_dialog: Callable[..., BookingDialog], qtbot: QtBot, services: Services, salon: Salon
) -> None:
    dialog = new_dialog()
    qtbot.mouseClick(dialog.findChild(QPushButton, "new_customer"), Qt.MouseButton.LeftButton)
    first, last, phone = (
        _child(dialog, QLineEdit, n) for n in ("first_name", "last_name", "phone")
    )
    names_error, contact_error = (
        _child(dialog, QLabel, n) for n in ("names_error", "contact_error")
    )
    assert isinstance(first, QLineEdit) and isinstance(last, QLineEdit)
    assert isinstance(phone, QLineEdit)
    assert isinstance(names_error, QLabel) and isinstance(contact_error, QLabel)
    type_text(first, "Lisa")
    press(first, Qt.Key.Key_Return)  # Enter in the form tries to create the customer
    assert names_error.isVisible() and names_error.text() == "The last name is required."
    assert contact_error.isVisible()
    assert contact_error.text().startswith("Enter a phone number or an email address")
    assert QApplication.focusWidget() is last  # where the first thing is missing
    assert first.text() == "Lisa"  # nothing typed is lost

    type_text(last, "Brandt01")
    assert not names_error.isVisible()  # typing in the field takes its error away
    type_text(phone, "0171 5550123")
    assert not contact_error.isVisible()
    press(phone, Qt.Key.Key_Return)
    assert names_error.text() == "A name has no digits: check the last name “Brandt01”."
    assert not contact_error.isVisible()
    qtbot.wait(PREVIEW_DELAY_MS)
    assert services.customers.all() == [] and dialog.customer() is None

    press(last, Qt.Key.Key_Backspace)
    press(last, Qt.Key.Key_Backspace)
    press(last, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.customer() is not None)
    customer = dialog.customer()
    assert customer is not None
    assert (customer.full_name, customer.phone) == ("Lisa Brandt", "+491715550123")
    assert not names_error.isVisible()


# ---- the notify switch (DESIGN.md 2) ----------------------------------------------------------
def test_notify_is_on_for_an_ordinary_customer(
    new_dialog: Callable[..., BookingDialog],
    qtbot: QtBot,
    anna: CustomerRow,
    services: Services,
) -> None:
    dialog = new_dialog()
    _pick_by_typing(qtbot, dialog, "anna")
    _choose_service(dialog)
    qtbot.waitUntil(dialog.is_ready)
    hint = dialog.findChild(QLabel, "notify_hint")
    assert hint is not None and not hint.isVisible()
    assert _notify(dialog).isChecked()
    with qtbot.waitSignal(dialog.booked) as blocker:
        qtbot.mouseClick(dialog.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)
    [message] = outbox_messages(services.db)
    assert message.kind == "booking_confirmation"
    assert message.appointment_id == blocker.args[0].id


def test_objected_customer_gets_the_switch_off_and_no_confirmation(
    new_dialog: Callable[..., BookingDialog],
    qtbot: QtBot,
    anna: CustomerRow,
    services: Services,
    clock: Clock,
) -> None:
    object_customer(services.db, anna.id, clock.now - timedelta(days=2))
    dialog = new_dialog()
    _pick_by_typing(qtbot, dialog, "anna")
    hint = dialog.findChild(QLabel, "notify_hint")
    assert hint is not None
    qtbot.waitUntil(hint.isVisible)
    assert not _notify(dialog).isChecked()
    assert "unsubscribed" in hint.text()
    _choose_service(dialog)
    qtbot.waitUntil(dialog.is_ready)

    with qtbot.waitSignal(dialog.booked) as blocker:
        qtbot.mouseClick(dialog.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)

    row = blocker.args[0]
    assert row.notify is False
    assert services.booking.get(row.id).notify is False
    assert outbox_messages(services.db) == []


def test_objected_customer_gets_a_confirmation_only_when_switched_on(
    new_dialog: Callable[..., BookingDialog],
    qtbot: QtBot,
    anna: CustomerRow,
    services: Services,
    clock: Clock,
) -> None:
    object_customer(services.db, anna.id, clock.now - timedelta(days=2))
    dialog = new_dialog()
    _pick_by_typing(qtbot, dialog, "anna")
    hint = dialog.findChild(QLabel, "notify_hint")
    assert hint is not None
    qtbot.waitUntil(hint.isVisible)
    _notify(dialog).click()  # the deliberate act
    assert _notify(dialog).isChecked()
    assert "because you switched it on" in hint.text()
    _choose_service(dialog)
    qtbot.waitUntil(dialog.is_ready)

    with qtbot.waitSignal(dialog.booked) as blocker:
        qtbot.mouseClick(dialog.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)

    row = blocker.args[0]
    assert row.notify is True
    [message] = outbox_messages(services.db)
    assert (message.kind, message.appointment_id) == ("booking_confirmation", row.id)


def test_escape_cancels_without_booking(
    new_dialog: Callable[..., BookingDialog],
    qtbot: QtBot,
    anna: CustomerRow,
    services: Services,
) -> None:
    dialog = new_dialog()
    _pick_by_typing(qtbot, dialog, "anna")
    _choose_service(dialog)
    qtbot.waitUntil(dialog.is_ready)
    with qtbot.waitSignal(dialog.rejected):
        press(dialog, Qt.Key.Key_Escape)
    assert services.booking.between(berlin(2026, 11, 25, 0), berlin(2026, 11, 26, 0)) == []


def test_the_slot_taken_meanwhile_is_reported_and_the_dialog_stays(
    new_dialog: Callable[..., BookingDialog],
    qtbot: QtBot,
    salon: Salon,
    anna: CustomerRow,
    services: Services,
) -> None:
    bea = add_customer(services, "Bea", "Bauer", "bea@example.org", "0170 9876543")
    dialog = new_dialog(hour=10)
    _pick_by_typing(qtbot, dialog, "anna")
    _choose_service(dialog)
    qtbot.waitUntil(dialog.is_ready)
    # Another counter PC books the slot between the preview and Save.
    services.booking.book(
        BookingRequest(bea.id, salon.stylist.id, salon.cut.id, berlin(2026, 11, 25, 10, 15))
    )
    qtbot.mouseClick(dialog.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Bea Bauer" in dialog.conflict_text())
    assert dialog.isVisible()
    assert not dialog.is_ready()
    rows = services.booking.between(berlin(2026, 11, 25, 0), berlin(2026, 11, 26, 0))
    assert [(r.customer_name, r.status) for r in rows] == [("Bea Bauer", AppointmentStatus.BOOKED)]


def test_start_and_staff_are_prefilled(
    qtbot: QtBot, ctx: UiContext, salon: Salon, alive: list[object]
) -> None:
    dialog = BookingDialog(
        ctx, staff_id=salon.other_stylist.id, starts_at=berlin(2026, 11, 27, 14, 30), minutes=30
    )
    qtbot.addWidget(dialog)
    alive.append(dialog)
    dialog.open()
    staff = dialog.findChild(QComboBox, "staff")
    assert staff is not None
    # Stylists only, not the reception; "whoever is free" last.
    qtbot.waitUntil(lambda: staff.count() == 3)
    assert staff.itemText(2) == "Whoever is free"
    assert staff.currentText() == "Aylin Öztürk"
    assert dialog.starts_at() == berlin(2026, 11, 27, 14, 30)
    assert dialog._minutes.value() == 30
    assert dialog.starts_at().time() == time(14, 30)


# ---- the keyboard: Enter saves from every field, Tab in the order of the call (issue 11) --
def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


@pytest.mark.parametrize("field", ["time", "date", "minutes"])
def test_enter_in_time_date_and_duration_saves_once_the_slot_is_free(
    new_dialog: Callable[..., BookingDialog],
    qtbot: QtBot,
    anna: CustomerRow,
    services: Services,
    field: str,
) -> None:
    dialog = new_dialog()
    _pick_by_typing(qtbot, dialog, "anna")
    _choose_service(dialog)
    qtbot.waitUntil(dialog.is_ready)
    # The spin box hands Enter on after emitting its (unchanged) value once more: that
    # must neither start another check nor keep the dialog from saving.
    with qtbot.waitSignal(dialog.booked, timeout=3000) as blocker:
        press(_child(dialog, QAbstractSpinBox, field), Qt.Key.Key_Return)  # type: ignore[arg-type]
    assert blocker.args[0].starts_at == berlin(2026, 11, 25, 10)
    rows = services.booking.between(berlin(2026, 11, 25, 0), berlin(2026, 11, 26, 0))
    assert [r.customer_id for r in rows] == [anna.id]


def test_enter_pressed_before_the_check_answers_saves_when_it_says_free(
    new_dialog: Callable[..., BookingDialog],
    qtbot: QtBot,
    anna: CustomerRow,
    services: Services,
) -> None:
    dialog = new_dialog()
    _pick_by_typing(qtbot, dialog, "anna")
    _choose_service(dialog)
    qtbot.waitUntil(dialog.is_ready)
    time_edit = _child(dialog, QAbstractSpinBox, "time")
    assert isinstance(time_edit, QAbstractSpinBox)
    time_edit.setFocus()
    QTest.keyClicks(_focused(), "1130")  # a fast typist: Enter follows at once
    assert not dialog.is_ready()
    with qtbot.waitSignal(dialog.booked, timeout=3000) as blocker:
        QTest.keyClick(_focused(), Qt.Key.Key_Return)
    assert blocker.args[0].starts_at == berlin(2026, 11, 25, 11, 30)


def test_enter_does_not_save_a_taken_slot_and_the_reason_stays(
    new_dialog: Callable[..., BookingDialog],
    qtbot: QtBot,
    salon: Salon,
    anna: CustomerRow,
    services: Services,
) -> None:
    bea = add_customer(services, "Bea", "Bauer", "bea@example.org", "0170 9876543")
    services.booking.book(
        BookingRequest(bea.id, salon.stylist.id, salon.cut.id, berlin(2026, 11, 25, 10))
    )
    dialog = new_dialog(hour=10)
    _pick_by_typing(qtbot, dialog, "anna")
    _choose_service(dialog)
    qtbot.waitUntil(lambda: "Bea Bauer" in dialog.conflict_text())
    for field in ("time", "date", "minutes"):
        press(_child(dialog, QAbstractSpinBox, field), Qt.Key.Key_Return)  # type: ignore[arg-type]
    press(_child(dialog, QLineEdit, "note"), Qt.Key.Key_Return)  # type: ignore[arg-type]
    qtbot.wait(PREVIEW_DELAY_MS * 3)
    assert dialog.isVisible() and not dialog.is_ready()
    assert "Bea Bauer" in dialog.conflict_text()
    rows = services.booking.between(berlin(2026, 11, 25, 0), berlin(2026, 11, 26, 0))
    assert [r.customer_name for r in rows] == ["Bea Bauer"]


def test_tab_follows_the_call_one_key_per_field(
    new_dialog: Callable[..., BookingDialog], qtbot: QtBot, anna: CustomerRow
) -> None:
    dialog = new_dialog()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is _search(dialog))
    _pick_by_typing(qtbot, dialog, "anna")
    order = []
    for _ in range(5):
        order.append(_focused().objectName())
        QTest.keyClick(_focused(), Qt.Key.Key_Tab)
    # The staff member was given here; the date and the time take one Tab each.
    assert order == ["service", "staff", "date", "time", "minutes"]


def test_up_in_the_date_goes_to_the_next_day_across_the_month_end(
    qtbot: QtBot, ctx: UiContext, salon: Salon, alive: list[object]
) -> None:
    dialog = BookingDialog(ctx, staff_id=salon.stylist.id, starts_at=berlin(2026, 11, 30, 10))
    qtbot.addWidget(dialog)
    alive.append(dialog)
    dialog.open()
    date_edit = _child(dialog, QAbstractSpinBox, "date")
    assert isinstance(date_edit, QAbstractSpinBox)
    date_edit.setFocus(Qt.FocusReason.TabFocusReason)  # as Tab enters it: on the day
    QTest.keyClick(date_edit, Qt.Key.Key_Up)
    assert dialog.starts_at() == berlin(2026, 12, 1, 10)
    QTest.keyClick(date_edit, Qt.Key.Key_Down)
    QTest.keyClick(date_edit, Qt.Key.Key_Down)
    assert dialog.starts_at() == berlin(2026, 11, 29, 10)


def test_enter_before_everything_is_chosen_goes_to_what_is_missing(
    new_dialog: Callable[..., BookingDialog], qtbot: QtBot, anna: CustomerRow
) -> None:
    dialog = new_dialog()
    note = _child(dialog, QLineEdit, "note")
    assert isinstance(note, QLineEdit)
    note.setFocus()
    QTest.keyClick(_focused(), Qt.Key.Key_Return)
    assert _focused() is _search(dialog)  # no customer yet
    _pick_by_typing(qtbot, dialog, "anna")
    note.setFocus()
    QTest.keyClick(_focused(), Qt.Key.Key_Return)
    assert _focused().objectName() == "service"
    assert dialog.isVisible()


def test_whoever_is_free_books_the_first_free_stylist_and_nobody_free_blocks_save(
    new_dialog: Callable[..., BookingDialog],
    qtbot: QtBot,
    salon: Salon,
    anna: CustomerRow,
    services: Services,
) -> None:
    bea = add_customer(services, "Bea", "Bauer", "bea@example.org", "0170 9876543")
    ten = berlin(2026, 11, 25, 10)
    services.booking.book(BookingRequest(bea.id, salon.other_stylist.id, salon.cut.id, ten))
    dialog = new_dialog(hour=10)
    _pick_by_typing(qtbot, dialog, "anna")
    _choose_service(dialog)
    staff = _child(dialog, QComboBox, "staff")
    assert isinstance(staff, QComboBox)
    staff.setFocus()
    QTest.keyClick(staff, Qt.Key.Key_W)  # "Whoever is free", deliberately
    assert staff.currentText() == "Whoever is free"
    qtbot.waitUntil(lambda: dialog.conflict_text() == "✓ Jörg Weiß is free then.")
    # Jörg is taken meanwhile; the next check (a longer duration) finds nobody free.
    services.booking.book(BookingRequest(bea.id, salon.stylist.id, salon.cut.id, ten))
    QTest.keyClick(_child(dialog, QAbstractSpinBox, "minutes"), Qt.Key.Key_Up)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: dialog.conflict_text() == "✗ Nobody is free at this time.")
    press(staff, Qt.Key.Key_Return)
    assert dialog.isVisible() and not dialog.is_ready()

    time_edit = _child(dialog, QAbstractSpinBox, "time")
    assert isinstance(time_edit, QAbstractSpinBox)
    time_edit.setFocus(Qt.FocusReason.TabFocusReason)  # on the hour
    QTest.keyClick(time_edit, Qt.Key.Key_Up)  # 11:00: both are free, Aylin comes first
    with qtbot.waitSignal(dialog.booked, timeout=3000) as blocker:
        QTest.keyClick(time_edit, Qt.Key.Key_Return)
    assert (blocker.args[0].staff_id, blocker.args[0].starts_at) == (
        salon.other_stylist.id,
        berlin(2026, 11, 25, 11),
    )
