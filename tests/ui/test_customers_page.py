"""The customers page: search as you type, keyboard paths, the form with inline
messages, saving, visits, and leaving unsaved changes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import Channel
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.customer_directory import CustomerDirectory, Position
from desk_app.services.rows import CustomerInput, CustomerRow
from desk_app.ui.context import UiContext
from desk_app.ui.customers.customers_page import CustomersPage
from tests.services.support import BERLIN, Salon, add_customer, make_salon

pytestmark = [
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture(autouse=True)
def german_dates(qapp: QApplication) -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(previous)


@pytest.fixture
def salon(services: Services) -> Salon:
    return make_salon(services)


@pytest.fixture
def people(services: Services, salon: Salon) -> dict[str, CustomerRow]:
    return {
        "anna": add_customer(services, "Anna", "Müller", "anna@example.org", "0151 12345678"),
        "bernd": add_customer(services, "Bernd", "Müller", "bernd@example.org", None),
        "clara": add_customer(services, "Clara", "Abel", None, "0170 5550001"),
        "joerg": add_customer(services, "Jörg", "Weiß", "joerg@example.org", "030 1234567"),
    }


class CountingDirectory(CustomerDirectory):
    def __init__(self, services: Services) -> None:
        super().__init__(services.db)
        self.queries: list[str] = []

    def page(self, query: str, after: Position | None, limit: int) -> list[CustomerRow]:
        self.queries.append(query)
        return super().page(query, after, limit)


@pytest.fixture
def directory(services: Services) -> CountingDirectory:
    return CountingDirectory(services)


@pytest.fixture
def page(
    qtbot: QtBot, ctx: UiContext, directory: CountingDirectory, people: dict[str, CustomerRow]
) -> CustomersPage:
    widget = CustomersPage(ctx, directory=directory)
    qtbot.addWidget(widget)
    widget.resize(1366, 740)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.model().rowCount() == len(people))
    return widget


def type_text(widget: QWidget, text: str) -> None:
    """One key event per character with its text (umlauts included)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QCoreApplication.sendEvent(widget, event)


def list_names(page: CustomersPage) -> list[str]:
    model = page.model()
    return [str(model.index(r, 0).data()) for r in range(model.rowCount())]


def status(page: CustomersPage) -> str:
    return page.findChild(QLabel, "list_status").text()


def open_customer(qtbot: QtBot, page: CustomersPage, customer: CustomerRow) -> None:
    with qtbot.waitSignal(page.customer_shown, timeout=5000):
        page.show_customer(customer.id)


# ---- search -----------------------------------------------------------------------------------
def test_the_first_key_searches_at_once_the_rest_once_after_a_pause(
    qtbot: QtBot, page: CustomersPage, directory: CountingDirectory
) -> None:
    qtbot.waitUntil(lambda: status(page) == "4 customers")
    directory.queries.clear()
    page.focus_search()
    type_text(page.search_field(), "Mül")
    # No delay before the first key's list; the keys typed right after it wait.
    assert page.model().query() == "M"

    model = page.model()
    qtbot.waitUntil(lambda: model.query() == "Mül" and not model.is_loading(), timeout=3000)

    assert list_names(page) == ["Müller, Anna", "Müller, Bernd"]
    assert directory.queries == ["M", "Mül"]
    assert status(page) == "2 matches"


def test_search_by_phone_in_another_formatting(qtbot: QtBot, page: CustomersPage) -> None:
    page.set_search_delay(0)
    page.search_field().setText("+49 170 555")
    qtbot.waitUntil(lambda: list_names(page) == ["Abel, Clara"])


def test_blank_search_lists_everyone_with_the_total(qtbot: QtBot, page: CustomersPage) -> None:
    qtbot.waitUntil(lambda: status(page) == "4 customers")
    page.set_search_delay(0)
    page.search_field().setText("weiß")
    qtbot.waitUntil(lambda: list_names(page) == ["Weiß, Jörg"])
    page.search_field().clear()
    qtbot.waitUntil(lambda: len(list_names(page)) == 4)
    assert status(page) == "4 customers"


def test_focus_search_selects_what_was_typed(qtbot: QtBot, page: CustomersPage) -> None:
    page.search_field().setText("abel")
    page.list_view().setFocus()

    page.focus_search()

    qtbot.waitUntil(page.search_field().hasFocus)
    assert page.search_field().selectedText() == "abel"


def test_keyboard_only_find_and_open(
    qtbot: QtBot, page: CustomersPage, people: dict[str, CustomerRow]
) -> None:
    page.focus_search()
    type_text(page.search_field(), "müller")
    with qtbot.waitSignal(page.customer_shown, timeout=5000) as blocker:
        qtbot.keyClick(page.search_field(), Qt.Key.Key_Return)  # right after typing
    assert blocker.args == [people["anna"].id]

    with qtbot.waitSignal(page.customer_shown, timeout=5000) as blocker:
        qtbot.keyClick(page.search_field(), Qt.Key.Key_Down)
    assert blocker.args == [people["bernd"].id]
    assert page.form().field("first_name").text() == "Bernd"


# ---- form -------------------------------------------------------------------------------------
def test_show_customer_fills_the_form_and_selects_the_row(
    qtbot: QtBot, page: CustomersPage, people: dict[str, CustomerRow]
) -> None:
    open_customer(qtbot, page, people["joerg"])
    form = page.form()

    assert form.field("last_name").text() == "Weiß"
    assert form.field("phone").text() == "030 1234567"
    assert page.findChild(QLabel, "title").text() == "Jörg Weiß"
    assert page.list_view().currentIndex().row() == 3
    assert form.consent_panel().checkbox().isEnabled()


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("email", "anna(at)example", "“anna(at)example” is not a valid email address."),
        ("phone", "12", "“12” is not a valid phone number."),
        ("birthday", "31.02.1990", "“31.02.1990” is not a date like 21.03.1985."),
        ("birthday", "01.01.2030", "The birthday lies in the future."),
    ],
)
def test_a_bad_field_gets_its_message_when_left(
    qtbot: QtBot,
    page: CustomersPage,
    people: dict[str, CustomerRow],
    field: str,
    typed: str,
    message: str,
) -> None:
    open_customer(qtbot, page, people["anna"])
    form = page.form()
    edit = form.field(field)
    edit.setFocus()
    edit.setText(typed)

    form.field("street").setFocus()  # leaving the field checks it
    qtbot.waitUntil(lambda: form.message_for(field) != "")

    assert form.message_for(field) == message
    edit.setFocus()
    edit.setText("")
    form.field("street").setFocus()
    qtbot.waitUntil(lambda: form.message_for(field) == "")


@pytest.mark.parametrize(
    ("field", "pasted", "code"),
    [
        ("first_name", "Cla\u200bra", "U+200B"),
        ("last_name", "Abel\u202e", "U+202E"),
        ("email", "clara\ufeff@example.org", "U+FEFF"),
        ("phone", "0151\u200d12345678", "U+200D"),
        ("city", "Ber\x00lin", "U+0000"),
    ],
)
def test_pasted_invisible_characters_are_refused_under_the_field(
    qtbot: QtBot,
    page: CustomersPage,
    people: dict[str, CustomerRow],
    services: Services,
    field: str,
    pasted: str,
    code: str,
) -> None:
    """Text copied from a web page or chat can carry invisible characters; saving says
    which one and where, in words, and stores nothing (issue 11, the text rule)."""
    open_customer(qtbot, page, people["clara"])
    form = page.form()
    before = services.customers.get(people["clara"].id)
    form.field(field).setText(pasted)

    form.findChild(QPushButton, "save").click()

    qtbot.waitUntil(lambda: form.message_for(field) != "")
    message = form.message_for(field)
    assert f"contains an invisible or control character ({code})" in message, message
    assert pasted not in message
    qtbot.wait(100)  # a save on its way would have landed by now
    assert services.customers.get(people["clara"].id) == before


def test_saving_without_any_name_is_refused_under_the_field(
    qtbot: QtBot, page: CustomersPage, people: dict[str, CustomerRow], services: Services
) -> None:
    open_customer(qtbot, page, people["clara"])
    form = page.form()
    form.field("first_name").setText("")
    form.field("last_name").setText("")

    form.findChild(QPushButton, "save").click()

    assert form.message_for("last_name") == "The last name is required."
    assert services.customers.get(people["clara"].id).last_name == "Abel"


def test_saving_writes_and_moves_the_customer_in_the_list(
    qtbot: QtBot, page: CustomersPage, people: dict[str, CustomerRow], services: Services
) -> None:
    open_customer(qtbot, page, people["clara"])
    form = page.form()
    form.field("last_name").setText("Zander")
    form.field("city").setText("Köln")
    form.findChild(QComboBox, "preferred_channel").setCurrentIndex(2)  # SMS
    form.findChild(QPlainTextEdit, "notes").setPlainText("Allergie gegen Ammoniak")
    assert form.is_dirty()

    with qtbot.waitSignal(form.saved, timeout=5000):
        form.findChild(QPushButton, "save").click()

    saved = services.customers.get(people["clara"].id)
    assert (saved.last_name, saved.city, saved.preferred_channel, saved.notes) == (
        "Zander",
        "Köln",
        Channel.SMS,
        "Allergie gegen Ammoniak",
    )
    assert not form.is_dirty()
    qtbot.waitUntil(lambda: list_names(page)[-1] == "Zander, Clara")
    assert page.list_view().currentIndex().row() == 3  # still the selected row


def test_preferred_channel_needs_an_address(
    qtbot: QtBot, page: CustomersPage, people: dict[str, CustomerRow]
) -> None:
    open_customer(qtbot, page, people["bernd"])  # no phone
    form = page.form()
    form.findChild(QComboBox, "preferred_channel").setCurrentIndex(2)  # SMS

    form.findChild(QPushButton, "save").click()

    assert form.message_for("preferred_channel") == "There is no address for this channel."


def test_new_customer_is_created_and_can_then_be_asked_for_consent(
    qtbot: QtBot, page: CustomersPage, services: Services
) -> None:
    page.findChild(QPushButton, "new_customer").click()
    form = page.form()
    assert not form.consent_panel().checkbox().isEnabled()
    form.field("first_name").setFocus()
    type_text(form.field("first_name"), "Käthe")
    type_text(form.field("last_name"), "Groß")
    notice = form.consent_panel().findChild(QLabel, "notice")
    assert not notice.isHidden() and notice.text().startswith("Save the customer first")
    form.field("email").setText("kaethe@example.org")

    with qtbot.waitSignal(form.saved, timeout=5000) as blocker:
        form.findChild(QPushButton, "save").click()

    created = services.customers.get(blocker.args[0])
    assert created.full_name == "Käthe Groß"
    qtbot.waitUntil(lambda: "Groß, Käthe" in list_names(page))
    qtbot.waitUntil(lambda: form.consent_panel().consent() is not None)
    assert form.consent_panel().checkbox().isEnabled()


def test_a_duplicate_email_is_shown_under_the_email_field(
    qtbot: QtBot, page: CustomersPage, people: dict[str, CustomerRow]
) -> None:
    page.findChild(QPushButton, "new_customer").click()
    form = page.form()
    form.field("last_name").setText("Neu")
    form.field("email").setText("ANNA@example.org")

    form.findChild(QPushButton, "save").click()
    qtbot.waitUntil(lambda: form.message_for("email") != "")

    assert form.message_for("email") == (
        f"A customer with this email address already exists (number {people['anna'].id})."
    )


def test_consent_is_not_asked_for_an_address_that_is_not_saved(
    qtbot: QtBot, page: CustomersPage, people: dict[str, CustomerRow]
) -> None:
    open_customer(qtbot, page, people["clara"])
    panel = page.form().consent_panel()
    qtbot.waitUntil(lambda: panel.consent() is not None)
    page.form().field("email").setText("clara@example.org")
    opened: list[object] = []
    panel.dialog_opened.connect(opened.append)

    panel.checkbox().click()

    assert opened == []
    assert not panel.checkbox().isChecked()
    assert "Save the changed address first" in panel.findChild(QLabel, "notice").text()


def test_visits_past_and_future_newest_first(
    qtbot: QtBot,
    page: CustomersPage,
    people: dict[str, CustomerRow],
    services: Services,
    salon: Salon,
) -> None:
    anna = people["anna"]
    # "Upcoming" is judged by the real clock of the counter PC.
    today = datetime.now(BERLIN).date()
    past = datetime.combine(today - timedelta(days=21), time(10, 0), BERLIN)
    future = datetime.combine(today + timedelta(days=2), time(14, 0), BERLIN)
    book = services.booking.book
    book(BookingRequest(anna.id, salon.stylist.id, salon.cut.id, past))
    book(BookingRequest(anna.id, salon.other_stylist.id, salon.colour.id, future))

    open_customer(qtbot, page, anna)
    visits = page.findChild(QTreeWidget, "visits")

    rows = [
        [visits.topLevelItem(i).text(c) for c in range(5)]
        for i in range(visits.topLevelItemCount())
    ]
    assert rows == [
        [future.strftime("%d.%m.%Y"), "14:00", "Färben", "Aylin Öztürk", "Booked"],
        [past.strftime("%d.%m.%Y"), "10:00", "Damenhaarschnitt", "Jörg Weiß", "Booked"],
    ]
    assert visits.topLevelItem(0).font(0).bold()  # the upcoming one stands out
    assert not visits.topLevelItem(1).font(0).bold()
    tabs = page.findChild(QTabWidget)
    assert tabs.tabText(0) == "Visits (1 upcoming)"


# ---- leaving unsaved changes ------------------------------------------------------------------
def _question(page: CustomersPage) -> QMessageBox:
    boxes = [b for b in page.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1
    return boxes[0]


def test_switching_with_unsaved_changes_asks_first(
    qtbot: QtBot, page: CustomersPage, people: dict[str, CustomerRow]
) -> None:
    open_customer(qtbot, page, people["anna"])
    form = page.form()
    form.field("city").setText("Bonn")

    page.list_view().setCurrentIndex(page.model().index(0, 0))  # Clara Abel
    qtbot.waitUntil(lambda: any(b.isVisible() for b in page.findChildren(QMessageBox)))
    box = _question(page)
    box.button(QMessageBox.StandardButton.Cancel).click()

    qtbot.waitUntil(lambda: page.list_view().currentIndex().row() == 1)  # back on Anna
    assert form.field("city").text() == "Bonn"
    assert form.customer_id() == people["anna"].id

    page.list_view().setCurrentIndex(page.model().index(0, 0))
    qtbot.waitUntil(lambda: any(b.isVisible() for b in page.findChildren(QMessageBox)))
    with qtbot.waitSignal(page.customer_shown, timeout=5000) as blocker:
        _question(page).button(QMessageBox.StandardButton.Discard).click()
    assert blocker.args == [people["clara"].id]
    assert form.field("city").text() == ""


def test_form_fits_a_receptionist_laptop(
    qtbot: QtBot, page: CustomersPage, people: dict[str, CustomerRow], tmp_path: Path
) -> None:
    """At 1366×768 nothing of the form is scrolled away or squeezed."""
    open_customer(qtbot, page, people["anna"])
    page.resize(1366 - 180, 768 - 60)  # what the main window leaves for a section
    qtbot.wait(50)
    form = page.form()
    for name in ("first_name", "city", "email"):
        field = form.field(name)
        assert field.visibleRegion().boundingRect().width() == field.width()
    save = form.findChild(QPushButton, "save")
    assert save.visibleRegion().boundingRect().height() == save.height()
    assert page.grab().save(str(tmp_path / "customers.png"))


def test_renamed_elsewhere_the_customer_on_screen_stays_in_the_form(
    qtbot: QtBot, page: CustomersPage, services: Services, people: dict[str, CustomerRow]
) -> None:
    """Another counter PC renames the customer open in the form, so that her row moves in
    the list: the form keeps her (with the new name), the list follows her, and no other
    customer is loaded nor a "discard changes?" question asked."""
    clara = people["clara"]  # "Abel, Clara": first in the list
    open_customer(qtbot, page, clara)
    services.customers.update(  # the other counter PC
        clara.id, CustomerInput(first_name="Clara", last_name="Zander", phone="0170 5550001")
    )
    page.refresh()
    qtbot.waitUntil(lambda: "Zander, Clara" in list_names(page))
    qtbot.waitUntil(lambda: page.form().field("last_name").text() == "Zander")
    qtbot.wait(200)  # a wrong load would have started by now
    assert page.form().customer_id() == clara.id
    assert page.form().field("last_name").text() == "Zander"
    current = page.list_view().currentIndex()
    assert current.data() == "Zander, Clara"
    assert page.findChild(QMessageBox) is None
