"""Customer master data: normalisation, search, duplicates, validation (CustomerService)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update

from desk_app.db import models as m
from desk_app.domain.errors import DuplicateCustomer, InvalidField, NotFound
from desk_app.services.container import Services
from desk_app.services.rows import CustomerInput
from tests.services.support import add_customer, count

BOUNCED_AT = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def people(services: Services) -> dict[str, int]:
    """A few customers that search queries must tell apart."""
    rows = {
        "anna_mueller": add_customer(
            services, "Anna", "Müller", "anna.mueller@example.org", "0151 12345678"
        ),
        "anna_schmidt": add_customer(
            services, "Anna", "Schmidt", "schmidt@example.org", "0170 9876543"
        ),
        "bernd_mueller": add_customer(
            services, "Bernd", "Müller", "kontakt@haarfreund.de", "0160 5554443"
        ),
        "joerg_weiss": add_customer(services, "Jörg", "Weiß", None, "030 12345678"),
    }
    return {key: row.id for key, row in rows.items()}


def _found(services: Services, query: str) -> set[int]:
    return {row.id for row in services.customers.search(query)}


# ---- create and normalise -----------------------------------------------------------------
def test_create_normalises_email_and_phone(services: Services) -> None:
    row = add_customer(services, email="  Anna.Mueller@Example.ORG ", phone="0151 / 123 456 78")

    assert row.email == "anna.mueller@example.org"
    assert row.phone == "+4915112345678"
    stored = services.customers.get(row.id)
    assert (stored.email, stored.phone) == ("anna.mueller@example.org", "+4915112345678")
    assert stored.full_name == "Anna Müller"


def test_create_without_contact_data_stores_none(services: Services) -> None:
    row = add_customer(services, email="  ", phone="")
    assert (row.email, row.phone) == (None, None)


def test_get_unknown_customer_raises_not_found(services: Services) -> None:
    with pytest.raises(NotFound) as info:
        services.customers.get(999)
    assert (info.value.kind, info.value.key) == ("customer", "999")


# ---- search ---------------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["mül", "muel", "MÜLLER", "Mueller", "  müll  "])
def test_search_by_name_part_folds_umlauts(
    services: Services, people: dict[str, int], query: str
) -> None:
    assert _found(services, query) == {people["anna_mueller"], people["bernd_mueller"]}


def test_search_by_first_name_and_sharp_s(services: Services, people: dict[str, int]) -> None:
    assert _found(services, "jörg") == {people["joerg_weiss"]}
    assert _found(services, "joerg") == {people["joerg_weiss"]}
    assert _found(services, "weiss") == {people["joerg_weiss"]}
    assert _found(services, "weiß") == {people["joerg_weiss"]}


@pytest.mark.parametrize("query", ["anna mül", "mül anna", "ANNA MUEL", "an mü"])
def test_search_with_several_tokens_needs_all(
    services: Services, people: dict[str, int], query: str
) -> None:
    assert _found(services, query) == {people["anna_mueller"]}


@pytest.mark.parametrize(
    ("last_name", "query"),
    [("Müller-Lüdenscheidt", "lüden"), ("von der Heide", "heide")],
)
def test_search_finds_later_parts_of_a_multi_word_last_name(
    services: Services, last_name: str, query: str
) -> None:
    """ "Search by name part": every word of a double or prefixed name is a name part."""
    row = add_customer(services, "Clara", last_name, email=None, phone=None)
    assert _found(services, query) == {row.id}


def test_search_is_a_prefix_search_not_substring(
    services: Services, people: dict[str, int]
) -> None:
    assert _found(services, "ller") == set()
    assert _found(services, "xyz") == set()
    assert _found(services, "   ") == set()


def test_search_orders_by_last_then_first_name(services: Services, people: dict[str, int]) -> None:
    names = [row.full_name for row in services.customers.search("a")]
    # "a" matches Anna Müller and Anna Schmidt (first name); Müller before Schmidt.
    assert names == ["Anna Müller", "Anna Schmidt"]


@pytest.mark.parametrize(
    "query",
    ["0151 123", "+49 151-123", "0049151123", "+49 (0)151 123", "01511234", "151 12"],
)
def test_search_by_phone_in_any_formatting(
    services: Services, people: dict[str, int], query: str
) -> None:
    assert _found(services, query) == {people["anna_mueller"]}


def test_search_by_phone_finds_landline_too(services: Services, people: dict[str, int]) -> None:
    assert _found(services, "030 1234") == {people["joerg_weiss"]}


def test_phone_query_with_too_few_digits_matches_nothing(
    services: Services, people: dict[str, int]
) -> None:
    assert _found(services, "01") == set()


@pytest.mark.parametrize("query", ["kontakt@", "KONTAKT@haar", "kontakt@haarfreund.de"])
def test_search_by_email_prefix(services: Services, people: dict[str, int], query: str) -> None:
    assert _found(services, query) == {people["bernd_mueller"]}


def test_search_by_email_prefix_does_not_match_other_addresses(
    services: Services, people: dict[str, int]
) -> None:
    assert _found(services, "kontakt@other") == set()
    assert _found(services, "schmidt@") == {people["anna_schmidt"]}


def test_search_respects_limit(services: Services, people: dict[str, int]) -> None:
    assert len(services.customers.search("mül", limit=1)) == 1


# ---- duplicates -----------------------------------------------------------------------------
def test_duplicate_email_in_other_case_is_refused(services: Services) -> None:
    existing = add_customer(services)

    with pytest.raises(DuplicateCustomer) as info:
        add_customer(services, "Anne", "Mueller", email="ANNA.Mueller@EXAMPLE.org", phone=None)

    assert info.value.existing_ids == (existing.id,)
    assert info.value.matched_on == "email"
    assert count(services.db, m.Customer) == 1


def test_duplicate_phone_in_other_formatting_is_refused(services: Services) -> None:
    existing = add_customer(services)

    with pytest.raises(DuplicateCustomer) as info:
        add_customer(services, "Anna", "M.", email="other@example.org", phone="+49 (151) 1234-5678")

    assert info.value.existing_ids == (existing.id,)
    assert info.value.matched_on == "phone"
    assert count(services.db, m.Customer) == 1


def test_duplicate_reports_every_matching_customer(services: Services) -> None:
    by_email = add_customer(services, email="a@example.org", phone=None)
    by_phone = add_customer(services, "Bea", "Bauer", email=None, phone="0170 9876543")

    with pytest.raises(DuplicateCustomer) as info:
        add_customer(services, "Neu", "Kundin", email="A@example.org", phone="+491709876543")

    assert info.value.existing_ids == (by_email.id, by_phone.id)
    assert info.value.matched_on == "email"


def test_allow_duplicate_creates_a_second_customer(services: Services) -> None:
    first = add_customer(services)

    second = services.customers.create(
        CustomerInput("Anna", "Müller", email="ANNA.MUELLER@example.org", phone="+4915112345678"),
        allow_duplicate=True,
    )

    assert second.id != first.id
    assert second.email == first.email
    assert count(services.db, m.Customer) == 2
    assert {r.id for r in services.customers.find_duplicates("anna.mueller@example.org", None)} == {
        first.id,
        second.id,
    }


def test_find_duplicates_normalises_and_excludes(services: Services) -> None:
    first = add_customer(services)
    add_customer(services, "Bea", "Bauer", email="bea@example.org", phone="0170 9876543")

    found = services.customers.find_duplicates(None, "0151-12345678")
    assert [r.id for r in found] == [first.id]
    assert services.customers.find_duplicates(None, "0151-12345678", exclude_id=first.id) == []
    assert services.customers.find_duplicates(None, None) == []


# ---- update ---------------------------------------------------------------------------------
def _set_bounced(services: Services, customer_id: int) -> None:
    with services.db.write() as s:
        s.execute(
            update(m.Customer)
            .where(m.Customer.id == customer_id)
            .values(email_bounced_at=BOUNCED_AT, phone_bounced_at=BOUNCED_AT)
        )


def test_update_keeping_own_address_is_no_duplicate(services: Services) -> None:
    row = add_customer(services)

    updated = services.customers.update(
        row.id, CustomerInput("Anna", "Müller-Lüdenscheidt", email=row.email, phone=row.phone)
    )

    assert updated.last_name == "Müller-Lüdenscheidt"
    assert services.customers.get(row.id).last_name == "Müller-Lüdenscheidt"


def test_search_follows_a_renamed_customer(services: Services) -> None:
    row = add_customer(services, "Anna", "Müller", email=None, phone=None)

    services.customers.update(row.id, CustomerInput("Anna", "Schäfer"))

    assert _found(services, "schaef") == {row.id}
    assert _found(services, "mül") == set()


def test_update_onto_another_customers_email_is_refused(services: Services) -> None:
    first = add_customer(services)
    second = add_customer(services, "Bea", "Bauer", email="bea@example.org", phone=None)

    with pytest.raises(DuplicateCustomer) as info:
        services.customers.update(
            second.id, CustomerInput("Bea", "Bauer", email="Anna.Mueller@example.org")
        )

    assert info.value.existing_ids == (first.id,)
    assert services.customers.get(second.id).email == "bea@example.org"


def test_update_clears_bounced_flag_when_address_changes(services: Services) -> None:
    row = add_customer(services)
    _set_bounced(services, row.id)
    assert services.customers.get(row.id).email_bounced
    assert services.customers.get(row.id).phone_bounced

    updated = services.customers.update(
        row.id, CustomerInput("Anna", "Müller", email="anna@neu.example.org", phone=row.phone)
    )

    assert updated.email == "anna@neu.example.org"
    assert not updated.email_bounced
    assert updated.phone_bounced  # phone unchanged: still bounced
    stored = services.customers.get(row.id)
    assert (stored.email_bounced, stored.phone_bounced) == (False, True)

    services.customers.update(
        row.id, CustomerInput("Anna", "Müller", email="anna@neu.example.org", phone="0170 9876543")
    )
    assert not services.customers.get(row.id).phone_bounced


def test_update_with_same_address_in_other_spelling_keeps_bounced_flag(
    services: Services,
) -> None:
    row = add_customer(services)
    _set_bounced(services, row.id)

    updated = services.customers.update(
        row.id,
        CustomerInput("Anna", "Müller", email="ANNA.MUELLER@example.org", phone="+49 151 12345678"),
    )

    assert updated.email_bounced
    assert updated.phone_bounced


def test_update_unknown_customer_raises_not_found(services: Services) -> None:
    with pytest.raises(NotFound):
        services.customers.update(42, CustomerInput("Anna", "Müller"))


# ---- validation -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("email", "phone", "field", "problem"),
    [
        ("anna@", None, "email", "invalid_email"),
        ("anna mueller@example.org", None, "email", "invalid_email"),
        ("no-at-sign.example.org", None, "email", "invalid_email"),
        (None, "12", "phone", "invalid_phone"),
        (None, "0151 1234567", "phone", "invalid_phone"),  # one digit short for 0151
        (None, "hallo", "phone", "invalid_phone"),
    ],
)
def test_invalid_email_or_phone_raises_and_stores_nothing(
    services: Services, email: str | None, phone: str | None, field: str, problem: str
) -> None:
    with pytest.raises(InvalidField) as info:
        add_customer(services, email=email, phone=phone)

    assert (info.value.field, info.value.problem) == (field, problem)
    assert count(services.db, m.Customer) == 0


def test_invalid_update_changes_nothing(services: Services) -> None:
    row = add_customer(services)

    with pytest.raises(InvalidField):
        services.customers.update(row.id, CustomerInput("Annabelle", "Müller", email="broken@"))

    stored = services.customers.get(row.id)
    assert (stored.first_name, stored.email) == ("Anna", "anna.mueller@example.org")


def test_name_is_required(services: Services) -> None:
    with pytest.raises(InvalidField) as info:
        services.customers.create(CustomerInput("  ", " "))
    assert (info.value.field, info.value.problem) == ("last_name", "required")
    assert count(services.db, m.Customer) == 0


@pytest.mark.parametrize(
    ("data", "field", "problem"),
    [
        (CustomerInput("Lisa", "", phone="0171 5550123"), "last_name", "required"),
        (CustomerInput("Lisa", "Brandt"), "phone", "contact_required"),
        (CustomerInput("Lisa", "Brandt01", phone="0171 5550123"), "last_name", "digits_in_name"),
    ],
)
def test_a_customer_created_at_the_counter_needs_last_name_and_contact(
    services: Services, data: CustomerInput, field: str, problem: str
) -> None:
    with pytest.raises(InvalidField) as info:
        services.customers.create_at_counter(data)
    assert (info.value.field, info.value.problem) == (field, problem)
    assert count(services.db, m.Customer) == 0
    # Imports and the command line keep the master data's rule: a name is enough.
    services.customers.create(CustomerInput("Lisa", "Brandt"))
    assert count(services.db, m.Customer) == 1


def test_a_complete_counter_customer_is_created_normalised(services: Services) -> None:
    row = services.customers.create_at_counter(
        CustomerInput("Lisa", "Brandt", phone="0171 5550123")
    )
    assert (row.full_name, row.phone) == ("Lisa Brandt", "+491715550123")
    with pytest.raises(DuplicateCustomer):
        services.customers.create_at_counter(CustomerInput("Lis", "Brandt", phone="01715550123"))


def test_too_long_name_is_refused(services: Services) -> None:
    with pytest.raises(InvalidField) as info:
        services.customers.create(CustomerInput("A" * 81, "Müller"))
    assert (info.value.field, info.value.problem) == ("first_name", "too_long")


def test_birthday_in_the_future_is_refused(services: Services) -> None:
    # The clock says 2026-11-25: tomorrow is in the future.
    with pytest.raises(InvalidField) as info:
        add_customer(services, birthday=date(2026, 11, 26))

    assert (info.value.field, info.value.problem) == ("birthday", "in_future")
    assert count(services.db, m.Customer) == 0


def test_birthday_today_or_past_is_accepted(services: Services) -> None:
    today = add_customer(services, birthday=date(2026, 11, 25))
    past = add_customer(
        services, "Bea", "Bauer", email=None, phone=None, birthday=date(1985, 3, 14)
    )

    assert services.customers.get(today.id).birthday == date(2026, 11, 25)
    assert services.customers.get(past.id).birthday == date(1985, 3, 14)
