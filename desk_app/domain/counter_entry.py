"""What a customer created during a phone call needs: a last name, a way to reach them,
and names without digits.

Stricter than the customer master data (``services.customers.customer_values``), which
also takes imported lists and old records with only a first name or no contact at all.
At the counter a new customer is created to be booked and reminded: without a last name
she cannot be found again, without a phone number or email address she cannot be told of
a change, and a digit in a name is a slip of the fingers (``Brandt01``: the phone number
typed into the wrong field), never a name.

Pure: standard library and other ``desk_app.domain`` modules only.
"""

from __future__ import annotations

from desk_app.domain.errors import InvalidField

DIGITS_IN_NAME = "digits_in_name"
CONTACT_REQUIRED = "contact_required"


def counter_entry_problems(
    first_name: str, last_name: str, phone: str | None, email: str | None
) -> list[InvalidField]:
    """Every problem at once (the form marks each field), in the order of the form."""
    problems: list[InvalidField] = []
    for field, value in (("first_name", first_name), ("last_name", last_name)):
        if any(ch.isdigit() for ch in value):
            problems.append(InvalidField(field, DIGITS_IN_NAME, value.strip()))
    if not last_name.strip():
        problems.append(InvalidField("last_name", "required"))
    if not (phone or "").strip() and not (email or "").strip():
        problems.append(InvalidField("phone", CONTACT_REQUIRED))
    return problems


def check_counter_entry(
    first_name: str, last_name: str, phone: str | None, email: str | None
) -> None:
    """Raise the first problem (for services); the form shows them all."""
    problems = counter_entry_problems(first_name, last_name, phone, email)
    if problems:
        raise problems[0]
