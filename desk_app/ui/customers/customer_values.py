"""What the customer form shows for a saved customer, and merging a newer saved version
into what is being edited.

The form compares three versions of its values: what it loaded (the base), what is on
screen now (mine) and what is saved now, maybe changed on another counter PC (theirs).
A field nobody touched here takes theirs; a field edited here keeps mine; a field both
sides changed differently is a clash the form names.

No widgets here; the texts share the form's translation context. May import:
PySide6 (QtCore), desk_app.services, desk_app.ui.customers helpers without widgets.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from desk_app.services.rows import CustomerRow
from desk_app.ui.customers.customer_fields import date_format
from desk_app.ui.customers.customer_list_model import format_phone

Values = dict[str, object]
DEFAULT_LANGUAGE = "de"


def shown_values(customer: CustomerRow | None, languages: Container[str]) -> Values:
    """The form's values for a customer (a new one: None), as the form reads them back;
    a language the form does not offer shows as the default."""
    if customer is None:
        return {
            **dict.fromkeys(
                ("first_name", "last_name", "phone", "email", "birthday", "street"), ""
            ),
            **dict.fromkeys(("postal_code", "city", "notes"), ""),
            "preferred_channel": None,
            "language": DEFAULT_LANGUAGE,
            "objection_notice_given": False,
        }
    born = customer.birthday
    channel = customer.preferred_channel
    return {
        "first_name": customer.first_name,
        "last_name": customer.last_name,
        "phone": format_phone(customer.phone),
        "email": customer.email or "",
        "birthday": (
            QLocale().toString(QDate(born.year, born.month, born.day), date_format())
            if born
            else ""
        ),
        "street": customer.street,
        "postal_code": customer.postal_code,
        "city": customer.city,
        "preferred_channel": channel.value if channel else None,
        "language": customer.language if customer.language in languages else DEFAULT_LANGUAGE,
        "objection_notice_given": customer.objection_notice_given,
        "notes": customer.notes,
    }


def field_name(field: str) -> str:
    """What the form calls a field (its label's words, shared with the form)."""
    label = {
        "first_name": "First name:",
        "last_name": "Last name:",
        "phone": "Phone:",
        "email": "Email:",
        "birthday": "Birthday:",
        "street": "Street:",
        "postal_code": "Postcode, city:",
        "city": "Postcode, city:",
        "preferred_channel": "Messages by:",
        "language": "Language:",
        "objection_notice_given": "Told about the right to object",
        "notes": "Notes",
    }[field]
    return QCoreApplication.translate("CustomerForm", label).rstrip(":")


def clash_text(fields: list[str]) -> str:
    return QCoreApplication.translate(
        "CustomerForm",
        "Changed on another counter PC meanwhile: {fields}. Your entries are kept; Save "
        "replaces the other change, Discard changes shows it.",
    ).format(fields=", ".join(field_name(field) for field in fields))


def gone_text() -> str:
    return QCoreApplication.translate(
        "CustomerForm", "This customer no longer exists (erased on another counter PC)."
    )


@dataclass(frozen=True)
class Merge:
    take: Values  # fields to show theirs in (untouched here, changed there)
    clashes: list[str]  # fields changed here and there, differently


def merge(base: Mapping[str, object], mine: Mapping[str, object], theirs: Values) -> Merge:
    take: Values = {}
    clashes = []
    for field, value in theirs.items():
        if mine[field] == base.get(field):
            if mine[field] != value:
                take[field] = value
        elif value not in (base.get(field), mine[field]):
            clashes.append(field)
    return Merge(take, clashes)
