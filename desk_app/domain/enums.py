"""Closed vocabularies shared by every layer (values are stored in the database)."""

from enum import StrEnum


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"


class Category(StrEnum):
    """Message categories of DESIGN.md section 2; each has its own legal basis."""

    TRANSACTIONAL = "transactional"
    CONSENT_REQUEST = "consent_request"
    SERVICE_INFO = "service_info"
    SIMILAR_OFFER = "similar_offer"
    MARKETING = "marketing"


class ConsentState(StrEnum):
    NONE = "none"
    PENDING = "pending"
    CONFIRMED = "confirmed"
    EXPIRED = "expired"
    REVOKED = "revoked"


class ConsentEvent(StrEnum):
    """Kinds of rows in the append-only consent ledger."""

    DECLARED = "declared"  # consent declared, confirmation request due
    REQUEST_SENT = "request_sent"  # the gateway sent the confirmation message
    LINK_VIEWED = "link_viewed"  # the customer opened the confirmation page
    CONFIRMED = "confirmed"  # the customer pressed the confirm button
    EXPIRED = "expired"  # the gateway expired an unconfirmed request
    REVOKED = "revoked"  # withdrawal of one channel's consent
    OBJECTED = "objected"  # customer-level objection ("Abmelden"), channel-less
    # Staff changed the channel's address: the request or consent it names (request_id)
    # was for the old address and ends; the new address was never confirmed.
    ADDRESS_CHANGED = "address_changed"


class ConsentSource(StrEnum):
    """How a declaration or withdrawal reached the salon."""

    PHONE = "phone"
    IN_PERSON = "in_person"
    WRITTEN = "written"
    ONLINE = "online"  # online booking checkbox (before the booking page existed)
    ONLINE_BOOKING = "online_booking"  # a ticked box on the booking page (issue 10)
    LINK = "link"  # confirmation or unsubscribe link
    SMS_REPLY = "sms_reply"  # STOP keyword


class StaffRole(StrEnum):
    OWNER = "owner"
    MANAGER = "manager"  # the owner's delegate (issue 12): may do what the owner does
    RECEPTION = "reception"
    STYLIST = "stylist"


class Permission(StrEnum):
    """What a staff member may be allowed to do (issue 12); ``domain.access`` says who may."""

    BOOK = "book"
    RECORD_CONSENT = "record_consent"
    VIEW_CALENDAR = "view_calendar"
    VIEW_OWN_DAY = "view_own_day"
    COMPOSE_CAMPAIGNS = "compose_campaigns"
    SEND_CAMPAIGNS = "send_campaigns"
    EXPORT_DATA = "export_data"
    ERASE_CUSTOMERS = "erase_customers"
    CHANGE_SETTINGS = "change_settings"
    MANAGE_STAFF = "manage_staff"
    VIEW_AUDIT = "view_audit"
    # Replaces everything, the team and the audit log too, with an older state (issue 13).
    RESTORE_BACKUP = "restore_backup"


class AuditAction(StrEnum):
    """What the audit log records (issue 12); stored in ``audit_log.action``."""

    SIGNED_IN = "signed_in"
    SIGN_IN_FAILED = "sign_in_failed"  # a wrong PIN, or a PIN tried while locked out
    CONSENT_DECLARED = "consent_declared"
    CONSENT_REVOKED = "consent_revoked"
    OBJECTION_RECORDED = "objection_recorded"
    CUSTOMER_EXPORTED = "customer_exported"
    CUSTOMER_ERASED = "customer_erased"
    CAMPAIGN_SENT = "campaign_sent"
    SETTINGS_CHANGED = "settings_changed"
    STAFF_ADDED = "staff_added"
    STAFF_ROLE_CHANGED = "staff_role_changed"
    STAFF_ACTIVE_CHANGED = "staff_active_changed"
    PIN_SET = "pin_set"
    # The command line's tokens for unattended jobs (issue 12): issued and revoked by
    # the owner, and each command that signs in with one.
    TOKEN_ISSUED = "token_issued"
    TOKEN_REVOKED = "token_revoked"
    SIGNED_IN_BY_TOKEN = "signed_in_by_token"
    GATEWAY_LOGIN = "gateway_login"  # a gateway token proven and stored (never the token)
    # One run of the retention period (services.retention): how many customers it
    # anonymised and which; each also has its row in ``erasures``.
    RETENTION_RUN = "retention_run"
    # Backups (issue 13): one made by hand, and a restore (written into the restored
    # database; the entries it replaced are in its safety copy).
    BACKUP_MADE = "backup_made"
    DATABASE_RESTORED = "database_restored"
    # "This and all following" occurrences of a recurring series changed (issue 14):
    # from which one, how many, and what changed.
    SERIES_CHANGED = "series_changed"


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    ARRIVED = "arrived"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


# Appointments in these states hold their slot; the others free it again.
ACTIVE_APPOINTMENT_STATUSES: frozenset[AppointmentStatus] = frozenset(
    {AppointmentStatus.BOOKED, AppointmentStatus.ARRIVED, AppointmentStatus.DONE}
)


class BookingSource(StrEnum):
    COUNTER = "counter"
    PHONE = "phone"
    ONLINE = "online"


class AbsenceKind(StrEnum):
    ABSENCE = "absence"  # holiday, sick leave, training
    BREAK = "break"


class OutboxStatus(StrEnum):
    QUEUED = "queued"  # waiting for the next sync
    ACCEPTED = "accepted"  # the gateway took it
    SENT = "sent"
    DELIVERED = "delivered"
    FAILED = "failed"
    BOUNCED = "bounced"
    REJECTED = "rejected"  # refused by policy (desktop or gateway); reason says why
    EXPIRED = "expired"  # past not_after before it could be sent


class Reason(StrEnum):
    """Why a customer is excluded from a message, in reporting priority order."""

    OBJECTED = "objected"
    CHANNEL_NOT_ALLOWED = "channel_not_allowed"
    NO_ADDRESS = "no_address"
    INVALID_ADDRESS = "invalid_address"
    BOUNCED = "bounced"
    NOT_EXISTING_CUSTOMER = "not_existing_customer"
    NO_OBJECTION_NOTICE = "no_objection_notice"
    CONSENT_REVOKED = "consent_revoked"
    CONSENT_EXPIRED = "consent_expired"
    CONSENT_PENDING = "consent_pending"
    NO_CONSENT = "no_consent"
    FREQUENCY_CAP = "frequency_cap"
    QUIET_HOURS = "quiet_hours"  # deferred, not dropped
    DUPLICATE_ADDRESS = "duplicate_address"  # sent once


REASON_PRIORITY: tuple[Reason, ...] = tuple(Reason)


class OnlineRequestState(StrEnum):
    """What became of a request from the booking page."""

    NEW = "new"  # received, not decided yet (only inside the event's transaction)
    BOOKED = "booked"
    WAITING = "waiting"  # staff decide (two customers match)
    REFUSED = "refused"
    CANCELLED = "cancelled"  # booked, then cancelled by the customer online


class OnlineRequestReason(StrEnum):
    """Why a request waits or was refused."""

    SLOT_TAKEN = "slot_taken"
    TWO_CANDIDATES = "two_candidates"
    NOT_BOOKABLE = "not_bookable"
    OUTSIDE_HOURS = "outside_hours"
    STAFF_DECISION = "staff_decision"
