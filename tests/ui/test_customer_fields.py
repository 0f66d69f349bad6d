"""Reading a customer form field the way the customer service will (customer_fields)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QApplication

from desk_app.domain.errors import InvalidField
from desk_app.ui.customers.customer_fields import FIELDS, BadDate, birthday, checked_value

ZONE = "Europe/Berlin"


def texts(**given: str) -> dict[str, str]:
    return {field: given.get(field, "") for field in FIELDS}


def test_one_of_the_names_is_required(qapp: QApplication) -> None:
    with pytest.raises(InvalidField) as missing:
        checked_value("first_name", texts(), ZONE)
    assert missing.value.field == "last_name"
    assert checked_value("first_name", texts(last_name="Weiß"), ZONE) == ""


def test_addresses_are_normalised_as_the_service_stores_them(qapp: QApplication) -> None:
    assert checked_value("email", texts(email=" Anna@Example.org "), ZONE) == "anna@example.org"
    assert checked_value("phone", texts(phone="0151 12345678"), ZONE) == "+4915112345678"
    assert checked_value("email", texts(), ZONE) is None


def test_control_characters_are_refused(qapp: QApplication) -> None:
    with pytest.raises(InvalidField):
        checked_value("city", texts(city="Ber\x07lin"), ZONE)


def test_birthdays_in_german_and_iso_form_but_not_in_the_future(qapp: QApplication) -> None:
    assert birthday("21.3.1985", ZONE) == date(1985, 3, 21)
    assert birthday("1985-03-21", ZONE) == date(1985, 3, 21)
    assert birthday("", ZONE) is None
    with pytest.raises(BadDate):
        birthday("neulich", ZONE)
    next_year = datetime.now(ZoneInfo(ZONE)).year + 1
    with pytest.raises(InvalidField) as future:
        birthday(f"{next_year}-01-01", ZONE)
    assert future.value.problem == "in_future"
