"""Domain errors: exceptions that carry data, never user-facing text.

The text layer (desk_app.texts.error_text) turns them into translated sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from desk_app.domain.enums import AbsenceKind, Channel, Permission, Reason, StaffRole


class DomainError(Exception):
    """Base of every error a user can cause and fix."""


@dataclass
class InvalidField(DomainError):
    """A value failed validation. ``problem`` is a stable code such as ``required``."""

    field: str
    problem: str
    value: str = ""

    def __str__(self) -> str:
        return f"{self.field}: {self.problem} ({self.value!r})"


@dataclass
class NotFound(DomainError):
    kind: str  # "customer", "staff", "service", "appointment"
    key: str

    def __str__(self) -> str:
        return f"{self.kind} not found: {self.key}"


@dataclass
class AlreadyExists(DomainError):
    kind: str
    key: str

    def __str__(self) -> str:
        return f"{self.kind} already exists: {self.key}"


@dataclass
class DuplicateCustomer(DomainError):
    """Another customer has the same normalised email or phone number."""

    existing_ids: tuple[int, ...]
    matched_on: str  # "email" or "phone"

    def __str__(self) -> str:
        return f"duplicate customer on {self.matched_on}: {self.existing_ids}"


@dataclass
class BookingConflict(DomainError):
    """The slot overlaps an active appointment of the same staff member."""

    clash_id: int
    clash_starts_at: datetime
    clash_ends_at: datetime
    staff_name: str
    customer_name: str

    def __str__(self) -> str:
        return (
            f"overlaps appointment {self.clash_id} of {self.staff_name} "
            f"({self.clash_starts_at.isoformat()}–{self.clash_ends_at.isoformat()})"
        )


@dataclass
class OutsideOpeningHours(DomainError):
    starts_at: datetime
    ends_at: datetime

    def __str__(self) -> str:
        return f"outside opening hours: {self.starts_at.isoformat()}–{self.ends_at.isoformat()}"


@dataclass
class StaffUnavailable(DomainError):
    """The staff member is absent or on a break during the requested time."""

    staff_name: str
    kind: AbsenceKind
    starts_at: datetime
    ends_at: datetime

    def __str__(self) -> str:
        span = f"{self.starts_at.isoformat()}–{self.ends_at.isoformat()}"
        return f"{self.staff_name} {self.kind}: {span}"


@dataclass
class OutsideStaffHours(DomainError):
    """The time lies outside the staff member's own weekly working hours."""

    staff_name: str
    starts_at: datetime
    ends_at: datetime

    def __str__(self) -> str:
        span = f"{self.starts_at.isoformat()}–{self.ends_at.isoformat()}"
        return f"outside the working hours of {self.staff_name}: {span}"


@dataclass
class SalonClosed(DomainError):
    """The time falls on a day the whole salon is closed (a holiday, a closure)."""

    day: date
    note: str

    def __str__(self) -> str:
        return f"the salon is closed on {self.day.isoformat()} ({self.note})"


@dataclass
class InvalidTimeRange(DomainError):
    starts_at: datetime
    ends_at: datetime

    def __str__(self) -> str:
        return f"end before start: {self.starts_at.isoformat()}–{self.ends_at.isoformat()}"


@dataclass
class AppointmentTooLong(DomainError):
    """Longer than ``scheduling.MAX_APPOINTMENT_LENGTH`` (the calendar relies on the bound)."""

    starts_at: datetime
    ends_at: datetime
    max_hours: int

    def __str__(self) -> str:
        span = f"{self.starts_at.isoformat()}–{self.ends_at.isoformat()}"
        return f"longer than {self.max_hours} h: {span}"


class ConsentNotAgreed(DomainError):
    """Consent may only be recorded after the customer agreed just now."""

    def __str__(self) -> str:
        return "the customer's agreement was not confirmed"


@dataclass
class NoAddressForChannel(DomainError):
    channel: Channel

    def __str__(self) -> str:
        return f"no usable address for {self.channel}"


@dataclass
class ImportRejected(DomainError):
    """A CSV import was refused as a whole; ``rejected`` lists (line, field, problem,
    detail) for every row that was in the way."""

    rejected: tuple[tuple[int, str, str, str], ...]

    def __str__(self) -> str:
        return f"{len(self.rejected)} rows rejected"


@dataclass
class InvalidImportFile(DomainError):
    problem: str  # "no_name_columns", "unreadable", "empty", "encoding" (detail: line)
    detail: str = ""

    def __str__(self) -> str:
        return f"import file: {self.problem} {self.detail}".strip()


@dataclass
class StatementChanged(DomainError):
    """The statement the customer agreed to is not the one the declaration would record
    (the salon name or the wording changed after it was shown): show it again, ask again."""

    shown_sha256: str
    current_sha256: str

    def __str__(self) -> str:
        return (
            f"the statement shown ({self.shown_sha256[:12]}…) is not the current one"
            f" ({self.current_sha256[:12]}…)"
        )


@dataclass
class ConsentAlreadyConfirmed(DomainError):
    channel: Channel

    def __str__(self) -> str:
        return f"consent for {self.channel} is already confirmed"


@dataclass
class ConsentPending(DomainError):
    """A confirmation request on this channel still waits for the customer's click: a
    second declaration would only queue a second request (DESIGN.md 2: one per declaration)."""

    channel: Channel
    declared_at: datetime

    def __str__(self) -> str:
        return f"consent for {self.channel} is pending since {self.declared_at.isoformat()}"


@dataclass
class GatewayNotConfigured(DomainError):
    """No gateway URL set, or no token for it (keyring or DESK_APP_GATEWAY_TOKEN)."""

    missing: str  # "url" or "token"

    def __str__(self) -> str:
        return f"gateway not configured: no {self.missing}"


@dataclass
class KeyringUnavailable(DomainError):
    """The token cannot be stored: this machine has no usable keyring."""

    def __str__(self) -> str:
        return "no keyring available"


@dataclass
class MessageRefused(DomainError):
    """The rules forbid this message to this customer; ``reason`` says why."""

    reason: Reason

    def __str__(self) -> str:
        return f"message refused: {self.reason}"


@dataclass
class AddressSuppressed(DomainError):
    """The address belonged to an erased customer (Art. 17) and must not come back."""

    field: str  # "email" or "phone"

    def __str__(self) -> str:
        return f"{self.field} is on the suppression list"


# Why no confirmation request may go to an address: it bounced (messages to it came back
# for good) or is suppressed (on the suppression list: it belonged to an erased customer).
Unreachable = Literal["bounced", "suppressed"]


@dataclass
class AddressUnreachable(DomainError):
    """No confirmation request goes to this channel's address: it ``bounced`` (messages to
    it came back for good) or is ``suppressed`` (it belonged to an erased customer)."""

    channel: Channel
    why: Unreachable

    def __str__(self) -> str:
        return f"the {self.channel} address is {self.why}: no consent request can go there"


@dataclass
class NotPermitted(DomainError):
    """The acting member's role may not do this. ``role`` None: the shared counter
    sign-in acted while the salon asks every member to sign in with their own PIN."""

    permission: Permission
    role: StaffRole | None

    def __str__(self) -> str:
        return f"{self.role or 'shared sign-in'} may not {self.permission}"


@dataclass
class WrongPin(DomainError):
    """The PIN did not match; after ``attempts_left`` more misses the member is locked."""

    attempts_left: int

    def __str__(self) -> str:
        return f"wrong PIN ({self.attempts_left} attempts left)"


@dataclass
class PinLockedOut(DomainError):
    """Too many wrong PINs: this member cannot sign in before ``until`` (UTC)."""

    until: datetime

    def __str__(self) -> str:
        return f"locked out until {self.until.isoformat()}"


@dataclass
class PinNotRecognised(WrongPin):
    """A PIN typed without picking a member first is nobody's; after ``attempts_left``
    more such misses (salon-wide) PIN-alone entry is locked for a while."""

    def __str__(self) -> str:
        return f"no member has this PIN ({self.attempts_left} attempts left)"


@dataclass
class PinEntryLocked(PinLockedOut):
    """Too many PINs that were nobody's: PIN-alone entry is locked until ``until`` (UTC)
    at every counter PC; picking one's name first still works."""

    def __str__(self) -> str:
        return f"PIN-alone entry locked until {self.until.isoformat()}"


@dataclass
class LastOwner(DomainError):
    """The change would leave the salon without an active owner who can sign in."""

    staff_id: int

    def __str__(self) -> str:
        return f"staff {self.staff_id} is the last owner"


# Why a command-line token was refused: not issued here, past its end, revoked by the
# owner, or its member is no longer on the team.
TokenProblem = Literal["unknown", "expired", "revoked", "inactive"]


@dataclass
class TokenRefused(DomainError):
    """A command-line token that cannot sign in (never carries the token itself)."""

    problem: TokenProblem

    def __str__(self) -> str:
        return f"token refused: {self.problem}"


@dataclass
class SignInRequired(DomainError):
    """The salon signs in personally (``staff_sign_in``) and the command named no
    member: neither ``--as NAME`` nor a token."""

    command: str

    def __str__(self) -> str:
        return f"sign in to run {self.command}"


@dataclass
class SeriesOccurrenceRefused(DomainError):
    """An occurrence of a recurring series is refused where it was to be booked (and
    nobody decided what to do with it, or the chosen time is taken too): nothing of the
    series was written; plan it again. ``index`` 0 is the first occurrence."""

    index: int
    problem: DomainError

    def __str__(self) -> str:
        return f"occurrence {self.index + 1}: {self.problem}"


# Why a backup is refused for a restore (issue 13): missing, not a database at all
# (truncated, random bytes), failing SQLite's integrity check, some other program's
# database, or written by a newer version of the app (its schema unknown here).
BackupProblem = Literal[
    "missing", "unreadable", "damaged", "foreign", "newer", "busy", "other_database"
]


@dataclass
class BackupRefused(DomainError):
    """A file that cannot be restored; nothing was replaced."""

    problem: BackupProblem
    file: str
    # the revision of a newer backup, SQLite's first complaint, the other salon's name
    detail: str = ""

    def __str__(self) -> str:
        return f"backup {self.file} refused: {self.problem} {self.detail}".rstrip()


@dataclass
class BackupNeedsSqlite(DomainError):
    """Backups and restores from the app are SQLite's; PostgreSQL has pg_dump/pg_restore."""

    backend: str

    def __str__(self) -> str:
        return f"backups from the app need SQLite, not {self.backend}"


@dataclass
class BackupNotWritten(DomainError):
    """The backup could not be written where it should go (the folder is missing and
    cannot be made, is a file, is not writable, the disk is full, the share is away)."""

    folder: str
    reason: str  # the system's words (not translated), e.g. "No space left on device"
    missing: str = ""  # the folder (or the one above it) that is not there: a share away

    def __str__(self) -> str:
        if self.missing:
            return f"backup not written to {self.folder}: {self.missing} is missing"
        return f"backup not written to {self.folder}: {self.reason}"
