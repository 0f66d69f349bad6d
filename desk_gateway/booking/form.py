"""The booking form as posted (form-encoded) and its checks, field by field.

Every failure is a code per field (``texts.ERRORS`` says it in the customer's language), so
the page can name it next to its field and keep everything typed. Nothing here touches the
database: whether the chosen time is still free is the store's question.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import parse_qsl

from desk_app.domain.contact import can_receive_sms, normalise_email, normalise_phone
from desk_app.domain.errors import InvalidField
from desk_app.domain.text_safety import is_clean
from desk_gateway.booking.schemas import ChannelStatements, Snapshot, Treatment
from desk_gateway.booking.texts import LANGUAGES

FIELDS = (
    "treatment",
    "staff",
    "start",
    "first_name",
    "last_name",
    "email",
    "phone",
    "note",
    "consent_email",
    "consent_sms",
    "notify_after_objection",
    "statement_version",
    "lang",
    "website",
)
MAX_FIELD_BYTES = 2000
NAME_MAX = 80
NOTE_MAX = 500
EMAIL_MAX = 254
PHONE_MAX = 40
ANY = "any"


@dataclass(frozen=True)
class Submission:
    """The posted fields as typed (unknown fields dropped): what refills the form."""

    values: dict[str, str]

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def ticked(self, name: str) -> bool:
        return name in self.values


def parse_body(body: bytes) -> Submission:
    """A form-encoded body; a body that is not UTF-8 or has too many fields counts as empty
    (the checks then name what is missing)."""
    try:
        pairs = parse_qsl(
            body.decode("utf-8"), keep_blank_values=True, max_num_fields=len(FIELDS) * 2
        )
    except (UnicodeDecodeError, ValueError):
        return Submission({})
    values: dict[str, str] = {}
    for name, value in pairs:
        if name in FIELDS and name not in values:
            values[name] = value.replace("\r\n", "\n")
    return Submission(values)


@dataclass(frozen=True)
class Choice:
    treatment: Treatment
    staff_id: int | None  # None: „any"
    starts_at: datetime


@dataclass(frozen=True)
class Contact:
    first_name: str
    last_name: str
    email: str | None
    phone: str | None  # E.164
    note: str
    consent_email: bool
    consent_sms: bool
    notify_after_objection: bool


# The years a page accepts in a time or day: far beyond any horizon, far inside what
# date arithmetic (a day plus one, a start plus a treatment) can take.
PAGE_YEARS = (2000, 9000)


def parse_day(raw: str) -> date | None:
    """A day of the page (YYYY-MM-DD) within ``PAGE_YEARS``; None for anything else."""
    try:
        day = date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        return None
    return day if day is not None and PAGE_YEARS[0] <= day.year <= PAGE_YEARS[1] else None


def parse_start(raw: str) -> datetime | None:
    """An ISO time with offset, in UTC; a "+" that a hand-written URL turned into a space
    is taken back."""
    text = raw.strip().replace(" ", "+")
    if not 16 <= len(text) <= 40:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    if not PAGE_YEARS[0] <= moment.year <= PAGE_YEARS[1]:
        return None  # nobody books then, and the day's arithmetic would overflow
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def parse_int(raw: str) -> int | None:
    text = raw.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        return None
    return int(text)


def form_language(submission: Submission) -> str:
    lang = submission.get("lang")
    return lang if lang in LANGUAGES else "de"


def statement_version(statements: ChannelStatements) -> str:
    """What the form's hidden ``statement_version`` carries: the version shown (one when both
    channels share it, else both), so a POST after the salon changed a statement is caught."""
    versions = {
        channel: statement.version
        for channel, statement in (("email", statements.email), ("sms", statements.sms))
        if statement is not None
    }
    if len(set(versions.values())) <= 1:
        return next(iter(versions.values()), "")
    return ",".join(f"{channel}:{version}" for channel, version in versions.items())


def check_choice(submission: Submission, snapshot: Snapshot) -> tuple[Choice | None, str | None]:
    """The treatment, staff member and time chosen; or the code of what is wrong with them
    (``invalid_choice``: not a treatment or staff member of the page, not a time)."""
    treatment_id = parse_int(submission.get("treatment"))
    treatment = snapshot.treatment(treatment_id) if treatment_id is not None else None
    if treatment is None:
        return None, "invalid_choice"
    staff_raw = submission.get("staff").strip() or ANY
    staff_id = None if staff_raw == ANY else parse_int(staff_raw)
    if staff_raw != ANY and (staff_id is None or staff_id not in treatment.staff_ids):
        return None, "invalid_choice"
    starts_at = parse_start(submission.get("start"))
    if starts_at is None:
        return None, "invalid_choice"
    return Choice(treatment, staff_id, starts_at), None


def _text(value: str, limit: int, *, required: bool, multiline: bool = False) -> str | None:
    """The problem code of one text field, or None."""
    if required and not value:
        return "required"
    if len(value) > limit:
        return "too_long"
    if not is_clean(value, multiline=multiline):
        return "invalid_characters"
    return None


def check_contact(
    submission: Submission, statements: ChannelStatements
) -> tuple[Contact | None, dict[str, str]]:
    """The customer's details, or the problem code of each field that is wrong."""
    errors: dict[str, str] = {}
    for name in FIELDS:
        if len(submission.get(name).encode("utf-8")) > MAX_FIELD_BYTES:
            errors[name] = "too_long"
    if submission.get("website"):
        errors["website"] = "honeypot"
    first = submission.get("first_name").strip()
    last = submission.get("last_name").strip()
    email_raw = submission.get("email").strip()
    phone_raw = submission.get("phone").strip()
    note = submission.get("note").strip()
    for name, value, limit in (
        ("first_name", first, NAME_MAX),
        ("last_name", last, NAME_MAX),
        ("email", email_raw, EMAIL_MAX),
        ("phone", phone_raw, PHONE_MAX),
    ):
        problem = _text(value, limit, required=name.endswith("_name"))
        if problem and name not in errors:
            errors[name] = problem
    problem = _text(note, NOTE_MAX, required=False, multiline=True)
    if problem and "note" not in errors:
        errors["note"] = problem
    email = _email(email_raw, errors)
    phone = _phone(phone_raw, errors)
    if not email_raw and not phone_raw:
        errors["contact"] = "contact_required"
    consent_email = submission.ticked("consent_email") and statements.email is not None
    consent_sms = submission.ticked("consent_sms") and statements.sms is not None
    if consent_email and not email_raw:
        errors["consent_email"] = "consent_needs_email"
    if consent_sms and not phone_raw:
        errors["consent_sms"] = "consent_needs_phone"
    elif consent_sms and phone is not None and not can_receive_sms(phone):
        errors["consent_sms"] = "not_mobile"
    if (consent_email or consent_sms) and submission.get("statement_version") != statement_version(
        statements
    ):
        errors["consent"] = "statement_changed"
    if errors:
        return None, errors
    contact = Contact(
        first_name=first,
        last_name=last,
        email=email,
        phone=phone,
        note=note,
        consent_email=consent_email,
        consent_sms=consent_sms,
        notify_after_objection=submission.ticked("notify_after_objection"),
    )
    return contact, {}


def _email(raw: str, errors: dict[str, str]) -> str | None:
    if not raw or "email" in errors:
        return None
    try:
        return normalise_email(raw)
    except InvalidField:
        errors["email"] = "invalid_email"
        return None


def _phone(raw: str, errors: dict[str, str]) -> str | None:
    if not raw or "phone" in errors:
        return None
    try:
        return normalise_phone(raw)
    except InvalidField:
        errors["phone"] = "invalid_phone"
        return None
