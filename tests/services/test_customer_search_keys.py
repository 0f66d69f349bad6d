"""The customer list's search index (``customer_search_keys``) follows every path that
writes a customer – typed at the counter, changed, imported from CSV, demo data, an
online booking – and an erased customer is found by nothing, not by the old name, phone
or email. Whatever is typed into the search (NUL, control characters) gives a page, not
an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from desk_app.db import models as m
from desk_app.db.customer_search_keys import rows_of
from desk_app.domain.access import SHARED_COUNTER
from desk_app.services.container import Services
from desk_app.services.customer_csv import CsvImporter
from desk_app.services.customer_directory import CustomerDirectory
from desk_app.services.rows import CustomerInput
from tests.conftest import Clock
from tests.services.online_support import booking_data, requested
from tests.services.support import Salon, add_customer


def _stored(services: Services) -> set[tuple[str, str, str, int, str]]:
    k = m.CustomerSearchKey
    with services.db.read() as s:
        rows = s.execute(select(k.bucket, k.last_name_key, k.first_name_key, k.customer_id, k.term))
        return {tuple(row) for row in rows}  # type: ignore[misc]


def _expected(services: Services) -> set[tuple[str, str, str, int, str]]:
    """The keys made afresh from the customers as they are now (erased ones have none)."""
    with services.db.read() as s:
        erased = set(s.scalars(select(m.Erasure.customer_id)))
        customers = [c for c in s.scalars(select(m.Customer)) if c.id not in erased]
        return {
            (r["bucket"], r["last_name_key"], r["first_name_key"], r["customer_id"], r["term"])
            for c in customers
            for r in rows_of(c)
        }


def _found(services: Services, query: str) -> list[int]:
    return [r.id for r in CustomerDirectory(services.db).page(query, None, 50)]


def test_created_and_changed_customers_are_found_by_their_new_data_only(
    services: Services,
) -> None:
    anna = add_customer(services, "Anna", "Müller", "anna.mueller@example.org", "0151 12345678")
    assert _stored(services) == _expected(services) != set()
    assert _found(services, "mül") == [anna.id]

    services.customers.update(
        anna.id,
        CustomerInput(
            first_name="Anna", last_name="Weiß", email="aw@example.org", phone="0176 5550123"
        ),
    )

    assert _stored(services) == _expected(services)
    assert _found(services, "mül") == []
    assert _found(services, "anna.m") == []
    assert _found(services, "0151 123") == []
    assert _found(services, "weiss") == _found(services, "0176/555") == [anna.id]
    assert _found(services, "aw@") == [anna.id]


def test_csv_import_writes_the_keys(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "kunden.csv"
    path.write_text(
        "Vorname;Nachname;E-Mail;Telefon\r\nJörg;Öztürk;jo@example.org;0176 88123456\r\n",
        encoding="utf-8",
    )
    CsvImporter(services.customers, services.db).import_file(path)
    assert _stored(services) == _expected(services) != set()
    [joerg] = services.customers.all()
    for query in ("öz", "Jörg Öz", "0176/88", "jo@ex"):
        assert _found(services, query) == [joerg.id], query


def test_demo_data_writes_the_keys(services: Services) -> None:
    services.demo.fill(customers=30)
    assert _stored(services) == _expected(services) != set()


def test_an_online_booking_customer_is_found(
    services: Services, salon: Salon, clock: Clock
) -> None:
    requested(
        services,
        clock,
        booking_data(salon, first_name="Zoë", last_name="Ünal", email="zoe.uenal@example.net"),
    )
    assert _stored(services) == _expected(services) != set()
    [zoe] = services.customers.all()
    assert _found(services, "ünal") == _found(services, "zoe.u") == [zoe.id]


def test_an_erased_customer_is_found_by_nothing(services: Services, salon: Salon) -> None:
    anna = add_customer(services, "Anna", "Müller", "anna.mueller@example.org", "0151 12345678")
    bernd = add_customer(services, "Bernd", "Müller", "bm@example.org", "0170 5550001")

    services.privacy.erase(anna.id, None, salon.reception.name, actor=SHARED_COUNTER)

    assert {cid for _, _, _, cid, _ in _stored(services)} == {bernd.id}
    for query in ("anna", "mül", "anna.mueller@", "0151 123", "+49 151 12345678"):
        assert anna.id not in _found(services, query), query
    assert _found(services, "mül") == [bernd.id]


@pytest.mark.parametrize(
    "query", ["\x00", "an\x00na", "mü\x00l", "\x00@", "anna.\x00", "0176\x00/88", "\x07\x1b["]
)
def test_control_characters_in_the_search_give_a_page(services: Services, query: str) -> None:
    anna = add_customer(services, "Anna", "Müller", "anna.mueller@example.org", "0176 88123456")
    directory = CustomerDirectory(services.db)
    found = [r.id for r in directory.page(query, None, 50)]
    assert found in ([], [anna.id])
    assert directory.count(query) == len(found)
    assert [r.id for r in services.customers.search(query)] == found
