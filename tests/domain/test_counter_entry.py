"""A customer created during a call: last name, a contact, no digits in the names."""

from __future__ import annotations

import pytest

from desk_app.domain.counter_entry import check_counter_entry, counter_entry_problems
from desk_app.domain.errors import InvalidField


def _codes(first: str, last: str, phone: str | None, email: str | None) -> list[tuple[str, str]]:
    return [(p.field, p.problem) for p in counter_entry_problems(first, last, phone, email)]


@pytest.mark.parametrize(
    ("first", "last", "phone", "email"),
    [
        ("Lisa", "Brandt", "0171 5550123", None),
        ("", "Brandt", None, "lisa@example.org"),
        ("Anne-Marie", "O'Neill Müller", " 030 123 ", ""),
    ],
)
def test_a_complete_entry_has_no_problems(
    first: str, last: str, phone: str | None, email: str | None
) -> None:
    assert counter_entry_problems(first, last, phone, email) == []
    check_counter_entry(first, last, phone, email)


def test_every_problem_is_named_in_the_order_of_the_form() -> None:
    assert _codes("Lisa1", "  ", "", None) == [
        ("first_name", "digits_in_name"),
        ("last_name", "required"),
        ("phone", "contact_required"),
    ]
    assert _codes("Lisa", "Brandt01", None, "  ") == [
        ("last_name", "digits_in_name"),
        ("phone", "contact_required"),
    ]


def test_the_digits_are_quoted_as_typed() -> None:
    (problem,) = counter_entry_problems("Lisa", " Brandt01 ", "0171 5550123", None)
    assert problem.value == "Brandt01"


def test_the_check_raises_the_first_problem() -> None:
    with pytest.raises(InvalidField) as caught:
        check_counter_entry("Lisa", "", None, None)
    assert (caught.value.field, caught.value.problem) == ("last_name", "required")
