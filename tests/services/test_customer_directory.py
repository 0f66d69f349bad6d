"""The paged customer list: keyset pages in name order, the shared search rule, visits."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import event

from desk_app.domain.contact import name_key
from desk_app.services import customer_directory
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.customer_directory import CustomerDirectory, Position
from desk_app.services.rows import CustomerRow
from tests.services.support import Salon, add_customer, friday

PEOPLE = [  # first, last, email, phone
    ("Anna", "Müller", "anna.mueller@example.org", "0151 12345678"),
    ("Anna", "Schmidt", "schmidt@example.org", None),
    ("Bernd", "Müller", "kontakt@haarfreund.de", "0170 5550001"),
    ("Jörg", "Weiß", None, "030 1234567"),
    ("Clara", "Müller-Lüdenscheidt", None, None),
    ("Zoë", "Abel", "zoe@example.org", "0160 7778899"),
    ("Özlem", "Öztürk", "oe@example.org", "0176 11122233"),
    ("Ben", "Becker", None, "0152 22233445"),
    ("Anna-Lena", "Becker", "al@example.org", None),
    ("Mia", "Schmitt", None, "0157 99988776"),
    ("Anna", "Müller", None, "0162 33344556"),  # a namesake: the id decides the order
]


@pytest.fixture
def people(services: Services) -> list[CustomerRow]:
    return [
        add_customer(services, first, last, email=email, phone=phone)
        for first, last, email, phone in PEOPLE
    ]


@pytest.fixture
def directory(services: Services) -> CustomerDirectory:
    return CustomerDirectory(services.db)


@pytest.fixture(params=[1, 3, 2000], ids=["window1", "window3", "window2000"])
def window(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Run each search test with the token counts capped low and high: a tiny cap makes
    every count a tie, so the order of several words comes from their length."""
    size = int(request.param)
    monkeypatch.setattr(customer_directory, "WINDOW", size)
    return size


def _in_list_order(rows: list[CustomerRow]) -> list[int]:
    return [
        r.id
        for r in sorted(rows, key=lambda r: (name_key(r.last_name), name_key(r.first_name), r.id))
    ]


def _walk(directory: CustomerDirectory, query: str, limit: int) -> list[int]:
    """Every page until an empty one, following the keyset."""
    seen: list[int] = []
    after = None
    for _ in range(100):
        page = directory.page(query, after, limit)
        if not page:
            return seen
        seen.extend(r.id for r in page)
        after = directory.position(page[-1])
    raise AssertionError("paging never ended")


# ---- the whole list -------------------------------------------------------------------------
@pytest.mark.parametrize("limit", [1, 2, 4, 50])
def test_blank_query_pages_through_everyone_once_in_name_order(
    directory: CustomerDirectory, people: list[CustomerRow], limit: int
) -> None:
    assert _walk(directory, "", limit) == _in_list_order(people)
    assert _walk(directory, "   ", limit) == _in_list_order(people)


def test_namesakes_are_ordered_by_id(
    directory: CustomerDirectory, people: list[CustomerRow]
) -> None:
    annas = directory.page("anna müller", None, 10)
    assert [r.id for r in annas] == [people[0].id, people[10].id]


def test_a_customer_added_between_pages_is_neither_repeated_nor_lost(
    services: Services, directory: CustomerDirectory, people: list[CustomerRow]
) -> None:
    first_page = directory.page("", None, 3)
    # One sorts before the cursor (must not reappear), one after (must show up).
    add_customer(services, "Aaron", "Aal", email=None, phone=None)
    late = add_customer(services, "Zacharias", "Zander", email=None, phone=None)
    rest = _walk_from(directory, "", directory.position(first_page[-1]), 3)
    shown = [r.id for r in first_page] + rest
    assert len(shown) == len(set(shown))
    assert late.id in rest
    assert set(shown) == {r.id for r in people} | {late.id}


def _walk_from(directory: CustomerDirectory, query: str, after: Position, limit: int) -> list[int]:
    seen: list[int] = []
    position = after
    while True:
        page = directory.page(query, position, limit)
        if not page:
            return seen
        seen.extend(r.id for r in page)
        position = directory.position(page[-1])


def test_zero_limit_gives_nothing(directory: CustomerDirectory, people: list[CustomerRow]) -> None:
    assert directory.page("", None, 0) == []


# ---- search ---------------------------------------------------------------------------------
QUERIES = [
    "mül",
    "Müller",
    "mueller",
    "anna",
    "anna mül",
    "lüdenscheidt",
    "lena",
    "a",
    "b",
    "öz",
    "0151 123",
    "+49 151-123",
    "015",
    "030 1234",
    "kontakt@",
    "SCHMIDT@",
    "zoe@example.org",
    "ben",
    "xyz",
    "ller",
]


@pytest.mark.parametrize("query", QUERIES)
def test_search_pages_find_what_customer_search_finds_in_list_order(
    services: Services,
    directory: CustomerDirectory,
    people: list[CustomerRow],
    window: int,
    query: str,
) -> None:
    expected = [r.id for r in services.customers.search(query, limit=1000)]
    assert _walk(directory, query, 2) == expected
    assert [r.id for r in directory.page(query, None, 1000)] == expected
    assert directory.count(query) == len(expected)


def test_search_examples(directory: CustomerDirectory, people: list[CustomerRow]) -> None:
    by_name = {r.id: r.full_name for r in people}
    found = [by_name[r.id] for r in directory.page("mül", None, 50)]
    assert found == ["Anna Müller", "Anna Müller", "Bernd Müller", "Clara Müller-Lüdenscheidt"]
    assert [by_name[r.id] for r in directory.page("0151 1234", None, 50)] == ["Anna Müller"]
    assert [by_name[r.id] for r in directory.page("becker", None, 50)] == [
        "Anna-Lena Becker",
        "Ben Becker",
    ]


@pytest.mark.parametrize("query", ["xyz", "ller", "!!!", "01"])
def test_queries_that_match_no_one(
    directory: CustomerDirectory, people: list[CustomerRow], window: int, query: str
) -> None:
    assert directory.page(query, None, 50) == []
    assert directory.count(query) == 0


def test_count_of_the_blank_query_is_everyone(
    directory: CustomerDirectory, people: list[CustomerRow]
) -> None:
    assert directory.count("") == len(PEOPLE)


@pytest.fixture
def statements(services: Services) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(services.db.engine, "before_cursor_execute", record)
    yield seen
    event.remove(services.db.engine, "before_cursor_execute", record)


@pytest.mark.parametrize("query", ["", "a", "anna mül", "0151", "zoe@"])
def test_a_page_costs_a_few_statements_whatever_its_size(
    directory: CustomerDirectory,
    people: list[CustomerRow],
    statements: list[str],
    window: int,
    query: str,
) -> None:
    directory.page(query, None, 1)
    small = len(statements)
    statements.clear()
    directory.page(query, None, 1000)
    assert len(statements) <= 6
    assert len(statements) <= small + 1  # set-based: no statement per row


# ---- visits ---------------------------------------------------------------------------------
def test_visits_are_past_and_future_newest_first(
    services: Services, salon: Salon, directory: CustomerDirectory, people: list[CustomerRow]
) -> None:
    anna, bernd = people[0], people[2]
    book = services.booking.book
    past = book(
        BookingRequest(anna.id, salon.stylist.id, salon.cut.id, friday(10) - timedelta(days=14))
    )
    future = book(BookingRequest(anna.id, salon.stylist.id, salon.colour.id, friday(10)))
    later = book(BookingRequest(anna.id, salon.other_stylist.id, salon.cut.id, friday(15)))
    book(BookingRequest(bernd.id, salon.stylist.id, salon.cut.id, friday(12)))

    visits = directory.visits(anna.id)

    assert [v.id for v in visits] == [later.id, future.id, past.id]
    assert visits[0].staff_name == "Aylin Öztürk"
    assert visits[1].service_name == "Färben"
    assert {v.customer_id for v in visits} == {anna.id}
    assert directory.visits(people[3].id) == []
