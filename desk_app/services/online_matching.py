"""Who an online booking is for: the existing customer with the submitted email address
or mobile number, or a new customer made from the form.

Addresses are compared in their stored, normalised form (email lower-case and trimmed,
phone in E.164), which is how every entry path stores them. Two or more different
customers sharing the addresses are never guessed between: the request waits for staff.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.enums import Channel
from desk_app.services.customers import customer_values, insert_customer
from desk_app.services.online_submission import BookingSubmission
from desk_app.services.recipients import address_of
from desk_app.services.rows import CustomerInput
from desk_app.services.suppression import suppressed


def candidates(s: Session, email: str | None, phone: str | None) -> list[m.Customer]:
    """Every customer whose email or phone is one of the submitted ones, by id."""
    matches: list[ColumnElement[bool]] = []
    if email:
        matches.append(m.Customer.email == email)
    if phone:
        matches.append(m.Customer.phone == phone)
    if not matches:
        return []
    return list(s.scalars(select(m.Customer).where(or_(*matches)).order_by(m.Customer.id)))


def create_customer(s: Session, submission: BookingSubmission) -> m.Customer:
    """A new customer from the form. An address on the suppression list (it belonged to
    an erased customer) is left out, as at the counter; the UWG §7(3) notice counts as
    given when the page showed it and an email address came with it."""
    email, phone = _unsuppressed(s, submission.email, submission.phone)
    values = customer_values(
        CustomerInput(
            first_name=submission.first_name,
            last_name=submission.last_name,
            email=email,
            phone=phone,
            language=submission.language,
            objection_notice_given=submission.objection_notice_shown and email is not None,
        ),
        region="DE",  # the phone is E.164 already: the region is never consulted
        today=(submission.submitted_at or submission.starts_at).date(),
    )
    return insert_customer(s, values)


def complete_addresses(s: Session, customer: m.Customer, submission: BookingSubmission) -> None:
    """Note the UWG §7(3) notice for the matched customer's stored email when the page
    showed it next to that very address. An address the customer does not have on file is
    never added from the form: whoever knows a customer's phone number could otherwise
    attach their own email to that customer and receive her confirmations, reminders and
    a consent link. Staff see the typed addresses on the request and may add them."""
    email, _phone = _unsuppressed(s, submission.email, submission.phone)
    if submission.objection_notice_shown and email is not None and customer.email == email:
        customer.objection_notice_given = True
    s.flush()


def submitted_address_is_theirs(
    customer: m.Customer, channel: Channel, submission: BookingSubmission
) -> bool:
    """A ticked box counts for the customer's stored address only when it is the one
    typed next to it (consent is for an address, never for another one)."""
    typed = submission.email if channel is Channel.EMAIL else submission.phone
    return typed is not None and address_of(customer, channel) == typed


def _unsuppressed(
    s: Session, email: str | None, phone: str | None
) -> tuple[str | None, str | None]:
    found = suppressed(s, (email, phone))
    return (None if email in found else email), (None if phone in found else phone)
