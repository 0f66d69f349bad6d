"""Customer master data: create, update, find, duplicate detection."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, insert, or_, select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.customer_search_keys import write_search_keys
from desk_app.db.engine import Database
from desk_app.domain.contact import (
    DEFAULT_REGION,
    name_key,
    name_terms,
    national_digits,
    normalise_email,
    normalise_phone,
)
from desk_app.domain.counter_entry import check_counter_entry
from desk_app.domain.enums import Channel
from desk_app.domain.errors import DuplicateCustomer, InvalidField, NotFound
from desk_app.domain.fields import (
    CITY_MAX,
    EMAIL_MAX,
    NAME_MAX,
    NOTES_MAX,
    PHONE_TYPED_MAX,
    POSTAL_CODE_MAX,
    STREET_MAX,
    checked_line,
    checked_text,
)
from desk_app.services.consent_addresses import (
    end_consent_for_changed_addresses,
    locked_customer,
)
from desk_app.services.customer_search import search_condition
from desk_app.services.mapping import customer_row
from desk_app.services.rows import CustomerInput, CustomerRow
from desk_app.services.suppression import refuse_suppressed

MAX_NAME = NAME_MAX


def write_name_terms(s: Session, customers: list[m.Customer]) -> None:
    """(Re)write the search terms and search keys of flushed customers (names, phone or
    email may have changed)."""
    ids = [c.id for c in customers]
    s.execute(delete(m.CustomerNameTerm).where(m.CustomerNameTerm.customer_id.in_(ids)))
    rows = [
        {"customer_id": c.id, "term": term}
        for c in customers
        for term in sorted(name_terms(c.first_name, c.last_name))
    ]
    if rows:
        s.execute(insert(m.CustomerNameTerm), rows)
    # The customer list's search index follows the same writes.
    write_search_keys(s, customers)


def customer_values(data: CustomerInput, region: str, today: date) -> dict[str, Any]:
    """Validated column values of a customer; raises InvalidField for the first bad field.

    Every text is checked for forbidden characters and its length (domain.fields)
    before anything else looks at it, so an address with a NUL in it is refused as
    such, not as "not a valid email address".
    """
    first = checked_line("first_name", data.first_name, NAME_MAX)
    last = checked_line("last_name", data.last_name, NAME_MAX)
    if not first and not last:
        raise InvalidField("last_name", "required")
    typed_email = checked_line("email", data.email or "", EMAIL_MAX)
    typed_phone = checked_line("phone", data.phone or "", PHONE_TYPED_MAX)
    street = checked_line("street", data.street, STREET_MAX)
    postal_code = checked_line("postal_code", data.postal_code, POSTAL_CODE_MAX)
    city = checked_line("city", data.city, CITY_MAX)
    notes = checked_text("notes", data.notes, NOTES_MAX)
    email = normalise_email(typed_email) if typed_email else None
    phone = normalise_phone(typed_phone, region) if typed_phone else None
    if data.birthday is not None and data.birthday > today:
        raise InvalidField("birthday", "in_future", data.birthday.isoformat())
    return {
        "first_name": first,
        "last_name": last,
        "first_name_key": name_key(first),
        "last_name_key": name_key(last),
        "email": email,
        "phone": phone,
        "phone_digits": national_digits(phone) if phone else None,
        "birthday": data.birthday,
        "street": street,
        "postal_code": postal_code,
        "city": city,
        "notes": notes,
        "preferred_channel": data.preferred_channel.value if data.preferred_channel else None,
        "language": data.language,
        "objection_notice_given": data.objection_notice_given,
    }


def insert_customer(s: Session, values: dict[str, Any]) -> m.Customer:
    """Insert a customer from ``customer_values`` (flushed, with its search terms); the
    caller has checked suppression and duplicates."""
    customer = m.Customer(**values)
    s.add(customer)
    s.flush()
    write_name_terms(s, [customer])
    return customer


class CustomerService:
    def __init__(self, db: Database, clock: Callable[[], datetime], region: str = DEFAULT_REGION):
        self._db = db
        self._clock = clock
        self._region = region

    # ---- validation -------------------------------------------------------------------
    def normalise(self, data: CustomerInput) -> dict[str, Any]:
        """Validated column values; raises InvalidField for the first bad field."""
        return customer_values(data, self._region, self._clock().date())

    # ---- commands -----------------------------------------------------------------------
    def create(self, data: CustomerInput, allow_duplicate: bool = False) -> CustomerRow:
        values = self.normalise(data)
        with self._db.write() as s:
            # Before the duplicate check: allow_duplicate must not let an erased address in.
            refuse_suppressed(s, values["email"], values["phone"])
            if not allow_duplicate:
                self._refuse_duplicates(s, values["email"], values["phone"], exclude_id=None)
            return customer_row(insert_customer(s, values))

    def create_at_counter(self, data: CustomerInput, allow_duplicate: bool = False) -> CustomerRow:
        """A customer created during a call, to be booked at once: with a last name, a
        phone number or email address, and no digits in the names (domain.counter_entry).
        Imports and the command line keep the laxer rule of ``create``."""
        check_counter_entry(data.first_name, data.last_name, data.phone, data.email)
        return self.create(data, allow_duplicate)

    def update(self, customer_id: int, data: CustomerInput) -> CustomerRow:
        values = self.normalise(data)
        with self._db.write() as s:
            # Locked: a declaration on another counter PC either happens before (and is
            # ended below when it was for the old address) or after (for the new one).
            customer = locked_customer(s, customer_id)
            # Only new addresses: one shared with an erased customer may stay where it is.
            refuse_suppressed(
                s,
                values["email"] if values["email"] != customer.email else None,
                values["phone"] if values["phone"] != customer.phone else None,
            )
            self._refuse_duplicates(s, values["email"], values["phone"], exclude_id=customer_id)
            if s.get(m.Erasure, customer_id) is not None:
                # Erased (perhaps while another counter PC still shows the form): no
                # name or note may be written back into the row.
                raise NotFound("customer", str(customer_id))
            # Consent is for an address: what was asked or confirmed for the old one ends.
            end_consent_for_changed_addresses(
                s,
                customer,
                {Channel.EMAIL: values["email"], Channel.SMS: values["phone"]},
                self._clock(),
            )
            if values["email"] != customer.email:
                customer.email_bounced_at = None  # a new address has not bounced yet
            if values["phone"] != customer.phone:
                customer.phone_bounced_at = None
            for key, value in values.items():
                setattr(customer, key, value)
            s.flush()
            write_name_terms(s, [customer])
            return customer_row(customer)

    # ---- queries ------------------------------------------------------------------------
    def get(self, customer_id: int) -> CustomerRow:
        with self._db.read() as s:
            return customer_row(self._load(s, customer_id))

    def find_duplicates(
        self, email: str | None, phone: str | None, exclude_id: int | None = None
    ) -> list[CustomerRow]:
        """Customers sharing the (normalised) email or phone; for the "is this them?" offer."""
        email_n = normalise_email(email) if email and email.strip() else None
        phone_n = normalise_phone(phone, self._region) if phone and phone.strip() else None
        with self._db.read() as s:
            return [customer_row(c) for c in self._duplicates(s, email_n, phone_n, exclude_id)]

    def search(self, text: str, limit: int = 50) -> list[CustomerRow]:
        """Prefix search over name parts, email, and phone numbers in any formatting."""
        condition = self._search_condition(text)
        if condition is None:
            return []
        query = (
            select(m.Customer)
            .where(condition)
            .order_by(m.Customer.last_name_key, m.Customer.first_name_key, m.Customer.id)
            .limit(limit)
        )
        with self._db.read() as s:
            return [customer_row(c) for c in s.scalars(query)]

    def all(self) -> list[CustomerRow]:
        with self._db.read() as s:
            query = select(m.Customer).order_by(m.Customer.id)
            return [customer_row(c) for c in s.scalars(query)]

    # ---- helpers ------------------------------------------------------------------------
    def _search_condition(self, text: str) -> ColumnElement[bool] | None:
        # Shared with the customer list (CustomerDirectory), so both find the same people.
        return search_condition(text, self._region)

    @staticmethod
    def _load(s: Session, customer_id: int) -> m.Customer:
        customer = s.get(m.Customer, customer_id)
        if customer is None:
            raise NotFound("customer", str(customer_id))
        return customer

    @staticmethod
    def _duplicates(
        s: Session, email: str | None, phone: str | None, exclude_id: int | None
    ) -> list[m.Customer]:
        matches: list[ColumnElement[bool]] = []
        if email:
            matches.append(m.Customer.email == email)
        if phone:
            matches.append(m.Customer.phone == phone)
        if not matches:
            return []
        query = select(m.Customer).where(or_(*matches)).order_by(m.Customer.id)
        if exclude_id is not None:
            query = query.where(m.Customer.id != exclude_id)
        return list(s.scalars(query))

    def _refuse_duplicates(
        self, s: Session, email: str | None, phone: str | None, exclude_id: int | None
    ) -> None:
        found = self._duplicates(s, email, phone, exclude_id)
        if found:
            on = "email" if email and any(c.email == email for c in found) else "phone"
            raise DuplicateCustomer(tuple(c.id for c in found), on)
