"""The lazily paged customer list model: Qt's model rules, keyset pages, stale pages."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desk_app.domain.errors import NotFound
from desk_app.services.container import Services
from desk_app.services.customer_directory import CustomerDirectory, Position
from desk_app.services.rows import CustomerInput, CustomerRow
from desk_app.ui.context import UiContext
from desk_app.ui.customers import customer_list_model
from desk_app.ui.customers.customer_list_model import (
    Column,
    CustomerListModel,
    Role,
    format_phone,
)
from tests.services.support import add_customer

# UI tests run on SQLite; the directory is tested on both backends in tests/services.
sqlite_only = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
NAMES = [
    ("Anna", "Müller"),
    ("Bernd", "Müller"),
    ("Clara", "Abel"),
    ("Jörg", "Weiß"),
    ("Özlem", "Öztürk"),
    ("Ben", "Becker"),
    ("Mia", "Schmitt"),
    ("Lena", "Schäfer"),
    ("Paul", "Zimmermann"),
    ("Ida", "Fuchs"),
    ("Leon", "Krüger"),
]


@pytest.fixture
def people(services: Services) -> list[CustomerRow]:
    return [
        add_customer(services, first, last, email=f"{n}@example.org", phone=f"0151 1000{n:04d}")
        for n, (first, last) in enumerate(NAMES)
    ]


@pytest.fixture(autouse=True)
def small_pages(monkeypatch: pytest.MonkeyPatch) -> int:
    """Pages of four rows, so eleven customers take three pages."""
    monkeypatch.setattr(customer_list_model, "PAGE_SIZE", 4)
    return 4


class RecordingDirectory(CustomerDirectory):
    """The real directory, remembering what was asked, optionally held at a gate."""

    def __init__(self, services: Services) -> None:
        super().__init__(services.db)
        self.calls: list[tuple[str, Position | None]] = []
        self.gate: threading.Event | None = None

    def page(self, query: str, after: Position | None, limit: int) -> list[CustomerRow]:
        self.calls.append((query, after))
        if self.gate is not None:
            self.gate.wait(5)
        return super().page(query, after, limit)


@pytest.fixture
def directory(services: Services) -> RecordingDirectory:
    return RecordingDirectory(services)


def loaded_model(qtbot: QtBot, ctx: UiContext, directory: CustomerDirectory) -> CustomerListModel:
    model = CustomerListModel(ctx, directory)
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.set_query("")
    return model


def names(model: CustomerListModel) -> list[str]:
    return [str(model.index(r, Column.NAME).data()) for r in range(model.rowCount())]


def fetch_all(qtbot: QtBot, model: CustomerListModel) -> None:
    while model.canFetchMore(QModelIndex()):
        with qtbot.waitSignal(model.page_loaded, timeout=5000):
            model.fetchMore(QModelIndex())


@sqlite_only
def test_model_passes_the_model_tester(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    ctx: UiContext,
    directory: RecordingDirectory,
    people: list[CustomerRow],
) -> None:
    model = loaded_model(qtbot, ctx, directory)
    qtmodeltester.check(model)
    fetch_all(qtbot, model)
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.set_query("mül")
    qtmodeltester.check(model)


@sqlite_only
def test_pages_arrive_in_list_order_and_only_on_demand(
    qtbot: QtBot, ctx: UiContext, directory: RecordingDirectory, people: list[CustomerRow]
) -> None:
    model = loaded_model(qtbot, ctx, directory)
    assert names(model) == ["Abel, Clara", "Becker, Ben", "Fuchs, Ida", "Krüger, Leon"]
    assert model.canFetchMore(QModelIndex())
    assert len(directory.calls) == 1  # nothing fetched before the view asks

    with qtbot.waitSignal(model.page_loaded, timeout=5000) as blocker:
        model.fetchMore(QModelIndex())
    assert blocker.args == [8]
    # The second page continues after the last row shown, by keyset.
    assert directory.calls[1] == ("", ("krueger", "leon", people[10].id))
    fetch_all(qtbot, model)

    assert names(model) == [
        "Abel, Clara",
        "Becker, Ben",
        "Fuchs, Ida",
        "Krüger, Leon",
        "Müller, Anna",
        "Müller, Bernd",
        "Öztürk, Özlem",
        "Schäfer, Lena",
        "Schmitt, Mia",
        "Weiß, Jörg",
        "Zimmermann, Paul",
    ]
    assert model.is_complete()
    assert not model.canFetchMore(QModelIndex())


@sqlite_only
def test_roles_and_display(
    qtbot: QtBot, ctx: UiContext, directory: RecordingDirectory, people: list[CustomerRow]
) -> None:
    model = loaded_model(qtbot, ctx, directory)
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.set_query("anna")
    index = model.index(0, Column.PHONE)

    assert index.data(Role.CUSTOMER_ID) == people[0].id
    assert index.data(Role.CUSTOMER) == people[0]
    assert model.index(0, Column.NAME).data() == "Müller, Anna"
    assert index.data() == "01511 0000000"
    assert model.index(0, Column.EMAIL).data() == "0@example.org"
    assert model.headerData(Column.EMAIL, Qt.Orientation.Horizontal) == "Email"
    assert model.row_of(people[0].id) == 0
    assert model.row_of(people[1].id) == -1


@sqlite_only
def test_a_page_of_an_older_query_is_dropped(
    qtbot: QtBot, ctx: UiContext, directory: RecordingDirectory, people: list[CustomerRow]
) -> None:
    model = loaded_model(qtbot, ctx, directory)
    shown: list[list[str]] = []
    model.page_loaded.connect(lambda _rows: shown.append(names(model)))
    directory.gate = threading.Event()

    model.fetchMore(QModelIndex())  # page 2 of the whole list, held at the gate
    model.set_query("a")  # typed on …
    model.set_query("mül")  # … and on
    directory.gate.set()
    qtbot.waitUntil(lambda: len(directory.calls) == 4 and not model.is_loading())
    qtbot.wait(50)

    # Only the newest query's rows ever showed; the old pages were not appended.
    assert shown == [["Müller, Anna", "Müller, Bernd"]]
    assert model.query() == "mül"
    assert model.is_complete()


@sqlite_only
def test_old_rows_stay_until_the_new_query_answers(
    qtbot: QtBot, ctx: UiContext, directory: RecordingDirectory, people: list[CustomerRow]
) -> None:
    model = loaded_model(qtbot, ctx, directory)
    directory.gate = threading.Event()
    model.set_query("mül")

    assert model.rowCount() == 4  # no flash of an empty list while typing
    assert not model.canFetchMore(QModelIndex())  # and no page of the old query either
    directory.gate.set()
    qtbot.waitUntil(lambda: model.rowCount() == 2)


class FailingDirectory(CustomerDirectory):
    def page(self, query: str, after: Position | None, limit: int) -> list[CustomerRow]:
        if after is not None:
            raise NotFound("customer", "7")
        return super().page(query, after, limit)


@sqlite_only
def test_a_failed_page_is_reported_once_and_not_retried_in_a_loop(
    qtbot: QtBot, ctx: UiContext, services: Services, people: list[CustomerRow]
) -> None:
    model = loaded_model(qtbot, ctx, FailingDirectory(services.db))
    with qtbot.waitSignal(model.failed, timeout=5000) as blocker:
        model.fetchMore(QModelIndex())

    assert blocker.args == ["Customer “7” was not found."]
    assert not model.canFetchMore(QModelIndex())
    assert model.rowCount() == 4
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.refresh()  # the user can try again
    assert model.canFetchMore(QModelIndex())


@sqlite_only
def test_phones_below_the_first_screen_are_formatted_when_drawn(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    monkeypatch: pytest.MonkeyPatch,
    ctx: UiContext,
    directory: RecordingDirectory,
    people: list[CustomerRow],
) -> None:
    """The worker formats the phones of a screenful of rows; the others are formatted
    when the view first asks for them (and read the same)."""
    monkeypatch.setattr(customer_list_model, "FORMATTED_AHEAD", 1)
    model = loaded_model(qtbot, ctx, directory)
    fetch_all(qtbot, model)  # later pages too
    qtmodeltester.check(model)
    by_id = {p.id: p for p in people}
    for row in range(model.rowCount()):
        customer = by_id[model.index(row, 0).data(Role.CUSTOMER_ID)]
        assert model.index(row, Column.PHONE).data() == format_phone(customer.phone) != ""
        tooltip = model.index(row, Column.PHONE).data(Qt.ItemDataRole.ToolTipRole)
        assert tooltip == format_phone(customer.phone)


def test_phone_numbers_read_as_people_write_them() -> None:
    assert format_phone("+4915112345678") == "01511 2345678"
    assert format_phone("+49301234567") == "030 1234567"
    assert format_phone("+436641234567") == "+43 664 1234567"
    assert format_phone(None) == ""


@sqlite_only
def test_a_reload_applies_changes_made_elsewhere_in_place(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    ctx: UiContext,
    directory: RecordingDirectory,
    people: list[CustomerRow],
    services: Services,
) -> None:
    """Issue 11: rows removed, inserted and changed one by one, never a reset, so the
    view's selection (a persistent index) stays on the same customer."""
    model = loaded_model(qtbot, ctx, directory)
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.fetchMore(QModelIndex())
    qtmodeltester.check(model)
    anna = next(p for p in people if p.first_name == "Anna")
    selected = QPersistentModelIndex(model.index(model.row_of(anna.id), 0))
    resets: list[object] = []
    model.modelReset.connect(lambda: resets.append(True))
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom: changed.append(top.row()))

    ben = next(p for p in people if p.first_name == "Ben")
    services.customers.update(ben.id, CustomerInput(first_name="Ben", last_name="Ziegler"))
    services.customers.update(
        anna.id, CustomerInput(first_name="Anna", last_name="Müller", email="anna@neu.example")
    )
    add_customer(services, "Aaron", "Aal", email="aaron@example.org", phone=None)
    with qtbot.waitSignal(model.reloaded, timeout=5000) as blocker:
        model.reload()

    assert blocker.args == [8]  # as many rows as were on screen
    assert names(model) == [
        "Aal, Aaron",
        "Abel, Clara",
        "Fuchs, Ida",
        "Krüger, Leon",
        "Müller, Anna",
        "Müller, Bernd",
        "Öztürk, Özlem",
        "Schäfer, Lena",
    ]
    assert resets == []
    assert selected.isValid() and selected.data(Role.CUSTOMER_ID) == anna.id
    assert model.index(selected.row(), Column.EMAIL).data() == "anna@neu.example"
    assert changed == [selected.row()]
    qtmodeltester.check(model)

    with qtbot.waitSignal(model.reloaded, timeout=5000):
        model.reload()  # nothing new: nothing changes
    assert resets == [] and changed == [selected.row()]
