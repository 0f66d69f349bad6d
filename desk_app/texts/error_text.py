"""The one place that turns exceptions into sentences for the user (translated), plus the
names of channels, kinds, automations and reasons that those sentences and lists use."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from desk_app.domain import errors as e
from desk_app.domain.template_problems import TemplateError
from desk_app.services.errors import GatewayError, StorageError
from desk_app.texts import access_words
from desk_app.texts.wall_clock import wall_clock


def field_label(field: str) -> str:
    labels = {
        "first_name": QCoreApplication.translate("Errors", "first name"),
        "last_name": QCoreApplication.translate("Errors", "last name"),
        "email": QCoreApplication.translate("Errors", "email address"),
        "phone": QCoreApplication.translate("Errors", "phone number"),
        "birthday": QCoreApplication.translate("Errors", "birthday"),
        "price": QCoreApplication.translate("Errors", "price"),
        "minutes": QCoreApplication.translate("Errors", "duration"),
        "phases": QCoreApplication.translate("Errors", "processing time"),
        "name": QCoreApplication.translate("Errors", "name"),
        "staff": QCoreApplication.translate("Errors", "staff member"),
        "channel": QCoreApplication.translate("Errors", "channel"),
        "source": QCoreApplication.translate("Errors", "source"),
        "start": QCoreApplication.translate("Errors", "start time"),
        "weekday": QCoreApplication.translate("Errors", "weekday"),
        "opening_hours": QCoreApplication.translate("Errors", "opening hours"),
        "setting": QCoreApplication.translate("Errors", "setting"),
        "language": QCoreApplication.translate("Errors", "language"),
        "token": QCoreApplication.translate("Errors", "token"),
        "gateway_url": QCoreApplication.translate("Errors", "gateway address"),
        "preferred_channel": QCoreApplication.translate("Errors", "preferred channel"),
        "date": QCoreApplication.translate("Errors", "date"),
        "template": QCoreApplication.translate("Errors", "template"),
        "subject": QCoreApplication.translate("Errors", "subject"),
        "body": QCoreApplication.translate("Errors", "email text"),
        "sms_body": QCoreApplication.translate("Errors", "SMS text"),
        "send_at": QCoreApplication.translate("Errors", "send time"),
        "frequency_cap": QCoreApplication.translate("Errors", "frequency cap"),
        "sms_price_cents": QCoreApplication.translate("Errors", "price per SMS"),
        "owner_email": QCoreApplication.translate("Errors", "owner's email address"),
        "owner_mobile": QCoreApplication.translate("Errors", "owner's mobile number"),
        "review_url": QCoreApplication.translate("Errors", "review page link"),
        "quiet_hours_start": QCoreApplication.translate("Errors", "start of sending hours"),
        "quiet_hours_end": QCoreApplication.translate("Errors", "end of sending hours"),
        "street": QCoreApplication.translate("Errors", "street"),
        "postal_code": QCoreApplication.translate("Errors", "postal code"),
        "city": QCoreApplication.translate("Errors", "town"),
        "notes": QCoreApplication.translate("Errors", "notes"),
        "note": QCoreApplication.translate("Errors", "note"),
        "category": QCoreApplication.translate("Errors", "category"),
        "text": QCoreApplication.translate("Errors", "message text"),
        "salon_name": QCoreApplication.translate("Errors", "salon name"),
        "salon_phone": QCoreApplication.translate("Errors", "salon's phone number"),
        "salon_address": QCoreApplication.translate("Errors", "salon's address"),
        "backup_folder": QCoreApplication.translate("Errors", "backup folder"),
        "sender_name": QCoreApplication.translate("Errors", "sender name"),
        "time_zone": QCoreApplication.translate("Errors", "time zone"),
        "auto_confirmation": QCoreApplication.translate("Errors", "booking confirmation switch"),
        "auto_reminder": QCoreApplication.translate("Errors", "reminder switch"),
        "auto_reminder_hours": QCoreApplication.translate("Errors", "hours before a reminder"),
        "auto_birthday": QCoreApplication.translate("Errors", "birthday greeting switch"),
        "auto_review_request": QCoreApplication.translate("Errors", "review request switch"),
        "auto_review_request_hours": QCoreApplication.translate(
            "Errors", "hours before a review request"
        ),
        "auto_win_back": QCoreApplication.translate("Errors", "win-back switch"),
        "auto_win_back_days": QCoreApplication.translate("Errors", "days before a win-back"),
        "online_booking": QCoreApplication.translate("Errors", "online booking switch"),
        "public_name": QCoreApplication.translate("Errors", "name in the booking link"),
        "booking_horizon_weeks": QCoreApplication.translate("Errors", "booking horizon in weeks"),
        "booking_lead_minutes": QCoreApplication.translate(
            "Errors", "minutes before an online booking closes"
        ),
        "cancel_deadline_hours": QCoreApplication.translate(
            "Errors", "hours before online cancelling closes"
        ),
        "booking_step_minutes": QCoreApplication.translate("Errors", "minutes between start times"),
        "privacy_url": QCoreApplication.translate("Errors", "privacy notice link"),
        "brand_colour": QCoreApplication.translate("Errors", "colour of the booking page"),
        "description": QCoreApplication.translate("Errors", "description"),
        "closure": QCoreApplication.translate("Errors", "closing days"),
        "pin": QCoreApplication.translate("Errors", "PIN"),
        "label": QCoreApplication.translate("Errors", "label"),
        "days": QCoreApplication.translate("Errors", "number of days"),
        "token_file": QCoreApplication.translate("Errors", "token file"),
        "staff_sign_in": QCoreApplication.translate("Errors", "personal sign-in switch"),
        "pin_attempts": QCoreApplication.translate("Errors", "wrong PINs before a lockout"),
        "pin_lockout_minutes": QCoreApplication.translate("Errors", "minutes of a PIN lockout"),
        "idle_lock_minutes": QCoreApplication.translate(
            "Errors", "idle minutes before the window locks"
        ),
        "retention_anonymise": QCoreApplication.translate("Errors", "retention period switch"),
        "retention_years": QCoreApplication.translate(
            "Errors", "years without an appointment before anonymising"
        ),
        "late_cancel_hours": QCoreApplication.translate(
            "Errors", "hours before an appointment a cancellation counts as late"
        ),
        "federal_state": QCoreApplication.translate("Errors", "federal state"),
        "year": QCoreApplication.translate("Errors", "year"),
    }
    return labels.get(field, field)


def _problem(problem: str) -> str:
    texts = {
        "required": QCoreApplication.translate("Errors", "The {field} is required."),
        "phases_do_not_fit": QCoreApplication.translate(
            "Errors",
            "The processing time needs work before and after it within the duration "
            "of {value} minutes (work, processing, work).",
        ),
        "shorter_than_processing": QCoreApplication.translate(
            "Errors",
            "The appointment cannot end during or before its processing time: "
            "{value} minutes are too short.",
        ),
        "already_set_up": QCoreApplication.translate(
            "Errors",
            "The salon was set up meanwhile at another counter PC; nothing of this "
            "assistant was saved. Restart Salon Desk to use that set-up.",
        ),
        "imprint_required": QCoreApplication.translate(
            "Errors",
            "Advertising emails must carry the salon's imprint (name, postal address, "
            "phone). Enter the salon's postal address under Settings ▸ Salon first.",
        ),
        "too_long": QCoreApplication.translate(
            "Errors", "The {field} is too long: at most {value} characters."
        ),
        "control_characters": QCoreApplication.translate(
            "Errors",
            "The {field} contains an invisible or control character ({value}), which cannot "
            "be stored. Remove it (it often comes with copied text).",
        ),
        "invalid_url": QCoreApplication.translate(
            "Errors", "“{value}” is not a web address like https://gateway.example.org."
        ),
        "not_a_switch": QCoreApplication.translate(
            "Errors", "The {field} is “on” or “off”, not “{value}”."
        ),
        "invalid_time": QCoreApplication.translate("Errors", "“{value}” is not a time like 08:00."),
        "starts_after_ends": QCoreApplication.translate(
            "Errors", "The sending hours must begin before they end ({value})."
        ),
        "empty_placeholder": QCoreApplication.translate(
            "Errors",
            "The placeholder “{value}” would be empty in some messages. Fill it in "
            "(e.g. the salon's phone number or review link in the settings) or use "
            "{{% if {value} %}}…{{% endif %}}.",
        ),
        "advertising_in_service_info": QCoreApplication.translate(
            "Errors",
            "Service information must not advertise or ask for reviews: {value}. "
            "For an offer, choose the type “promotion”.",
        ),
        "invalid_email": QCoreApplication.translate(
            "Errors", "“{value}” is not a valid email address."
        ),
        "invalid_phone": QCoreApplication.translate(
            "Errors", "“{value}” is not a valid phone number."
        ),
        "in_future": QCoreApplication.translate("Errors", "The {field} lies in the future."),
        "invalid_price": QCoreApplication.translate(
            "Errors", "“{value}” is not a valid price (example: 35,50)."
        ),
        "out_of_range": QCoreApplication.translate(
            "Errors", "The {field} “{value}” is out of range."
        ),
        "only_with_preview": QCoreApplication.translate(
            "Errors", "The {field} can only be given with --preview."
        ),
        "retention_off": QCoreApplication.translate(
            "Errors",
            "The retention period is switched off: switch it on in the settings (tab "
            "“Data protection”) or with “desk-app settings set retention_anonymise on”.",
        ),
        "invalid_date": QCoreApplication.translate(
            "Errors", "“{value}” is not a valid date (YYYY-MM-DD)."
        ),
        "invalid_datetime": QCoreApplication.translate(
            "Errors", "“{value}” is not a valid date and time (YYYY-MM-DDTHH:MM)."
        ),
        "not_a_staff_source": QCoreApplication.translate(
            "Errors", "Staff can record consent only by phone, in person or in writing."
        ),
        "unknown": QCoreApplication.translate("Errors", "Unknown {field} “{value}”."),
        "opens_after_closes": QCoreApplication.translate(
            "Errors", "Opening time must be before closing time."
        ),
        "no_time_zone": QCoreApplication.translate("Errors", "The start time has no time zone."),
        "not_https": QCoreApplication.translate(
            "Errors",
            "The gateway address must start with https:// (“{value}”); plain http:// only "
            "to this computer (localhost, 127.0.0.1, [::1]).",
        ),
        "not_mobile": QCoreApplication.translate(
            "Errors", "“{value}” is not a mobile number; SMS need one."
        ),
        "not_web_address": QCoreApplication.translate(
            "Errors", "“{value}” is not a web address starting with https://."
        ),
        "unknown_placeholder": QCoreApplication.translate(
            "Errors", "The placeholder “{value}” does not exist. Use one from the list."
        ),
        "syntax": QCoreApplication.translate("Errors", "The {field} has a mistake: {value}"),
        "unsupported": QCoreApplication.translate(
            "Errors", "The {field} uses “{value}”; only placeholders and “if” are allowed."
        ),
        "erase_not_confirmed": QCoreApplication.translate(
            "Errors",
            "Nothing was erased: add --confirm to erase this customer's data for good.",
        ),
        "invalid_spec": QCoreApplication.translate(
            "Errors", "The opening hours “{value}” are not in the form 1=09:00-18:00."
        ),
        "invalid_public_name": QCoreApplication.translate(
            "Errors",
            "“{value}” cannot be the name in the booking link: use 3 to 40 lower-case "
            "letters a-z, digits and hyphens, not starting or ending with a hyphen "
            "(example: haarwerk-mueller).",
        ),
        "already_decided": QCoreApplication.translate(
            "Errors", "This online request has been decided already ({value})."
        ),
        "ends_before_starts": QCoreApplication.translate(
            "Errors", "The last day must not be before the first day ({value})."
        ),
        "invalid_colour": QCoreApplication.translate(
            "Errors", "“{value}” is not a colour like #2d6a4f."
        ),
        "digits_in_name": QCoreApplication.translate(
            "Errors", "A name has no digits: check the {field} “{value}”."
        ),
        "pin_form": QCoreApplication.translate("Errors", "A PIN has 4 to 8 digits."),
        "readable_by_others": QCoreApplication.translate(
            "Errors",
            "The token file “{value}” can be read by others: make it readable by its "
            "owner only (chmod 600).",
        ),
        "token_file_unreadable": QCoreApplication.translate(
            "Errors", "The token file “{value}” cannot be read."
        ),
        "as_or_token": QCoreApplication.translate(
            "Errors", "Sign in either with --as NAME or with a token, not both."
        ),
        "no_pin": QCoreApplication.translate(
            "Errors", "{value} has no PIN yet: the owner sets one in the staff settings."
        ),
        "pin_taken": QCoreApplication.translate(
            "Errors",
            "Another active member already has this PIN: choose a different one (the PIN "
            "alone says who signs in).",
        ),
        "pin_ambiguous": QCoreApplication.translate(
            "Errors", "This PIN belongs to more than one member: pick your name first."
        ),
        "no_owner_pin": QCoreApplication.translate(
            "Errors",
            "Personal sign-in cannot be switched on while no owner has a PIN: nobody could "
            "sign in to change the settings again. Give an owner a PIN first.",
        ),
        "not_signed_in_member": QCoreApplication.translate(
            "Errors",
            "Only the member signed in here can be named ({value} is not signed in): "
            "switch the member first.",
        ),
        "contact_required": QCoreApplication.translate(
            "Errors",
            "Enter a phone number or an email address, so the customer can be told of changes.",
        ),
    }
    return texts.get(problem, QCoreApplication.translate("Errors", "The {field} is not valid."))


def imprint_missing_text() -> str:
    """Why advertising emails cannot be sent yet: the imprint lacks the address."""
    return _problem("imprint_required")


def channel_label(channel: str) -> str:
    return {
        "email": QCoreApplication.translate("Errors", "email"),
        "sms": QCoreApplication.translate("Errors", "SMS"),
    }.get(channel, channel)


def kind_label(kind: str) -> str:
    return {
        "customer": QCoreApplication.translate("Errors", "Customer"),
        "staff": QCoreApplication.translate("Errors", "Staff member"),
        "service": QCoreApplication.translate("Errors", "Service"),
        "appointment": QCoreApplication.translate("Errors", "Appointment"),
        "message": QCoreApplication.translate("Errors", "Message"),
        "closure": QCoreApplication.translate("Errors", "Closing day"),
        "absence": QCoreApplication.translate("Errors", "Absence"),
        "online_request": QCoreApplication.translate("Errors", "Online request"),
        "token": QCoreApplication.translate("Errors", "Token"),
    }.get(kind, kind)


def format_moment(moment: datetime, time_zone: str) -> str:
    return QLocale().toString(wall_clock(moment, time_zone), QLocale.FormatType.ShortFormat)


def describe(exc: BaseException, time_zone: str = "Europe/Berlin") -> str:
    """A calm, specific sentence for a known error; a generic one for a bug."""
    if isinstance(exc, TemplateError):
        first = exc.problems[0]
        return _problem(first.code.value).format(field=field_label("template"), value=first.detail)
    if isinstance(exc, e.InvalidField):
        return _problem(exc.problem).format(field=field_label(exc.field), value=exc.value)
    if isinstance(exc, e.NotFound):
        return QCoreApplication.translate("Errors", "{kind} “{key}” was not found.").format(
            kind=kind_label(exc.kind), key=exc.key
        )
    if isinstance(exc, e.AlreadyExists):
        return QCoreApplication.translate("Errors", "{kind} “{key}” already exists.").format(
            kind=kind_label(exc.kind), key=exc.key
        )
    if isinstance(exc, e.DuplicateCustomer):
        ids = ", ".join(str(i) for i in exc.existing_ids)
        if exc.matched_on == "email":
            text = QCoreApplication.translate(
                "Errors", "A customer with this email address already exists (number {ids})."
            )
        else:
            text = QCoreApplication.translate(
                "Errors", "A customer with this phone number already exists (number {ids})."
            )
        return text.format(ids=ids)
    if isinstance(exc, e.AddressSuppressed):
        if exc.field == "email":
            return QCoreApplication.translate(
                "Errors",
                "This email address belonged to a customer whose data was erased; "
                "it cannot be stored again.",
            )
        return QCoreApplication.translate(
            "Errors",
            "This phone number belonged to a customer whose data was erased; "
            "it cannot be stored again.",
        )
    if isinstance(exc, e.SeriesOccurrenceRefused):
        return QCoreApplication.translate(
            "Errors", "Appointment {n} of the series cannot be booked: {reason}"
        ).format(n=exc.index + 1, reason=describe(exc.problem, time_zone))
    if isinstance(exc, e.BookingConflict):
        return QCoreApplication.translate(
            "Errors",
            "{staff} is already booked then: appointment {id} with {customer}, {start} to {end}.",
        ).format(
            staff=exc.staff_name,
            id=exc.clash_id,
            customer=exc.customer_name,
            start=format_moment(exc.clash_starts_at, time_zone),
            end=format_moment(exc.clash_ends_at, time_zone),
        )
    if isinstance(exc, e.OutsideOpeningHours):
        return QCoreApplication.translate(
            "Errors", "{start} to {end} is outside the opening hours."
        ).format(
            start=format_moment(exc.starts_at, time_zone),
            end=format_moment(exc.ends_at, time_zone),
        )
    if isinstance(exc, e.SalonClosed):
        day = QLocale().toString(QDate(exc.day.year, exc.day.month, exc.day.day))
        if exc.note:
            text = QCoreApplication.translate("Errors", "The salon is closed on {day} ({note}).")
        else:
            text = QCoreApplication.translate("Errors", "The salon is closed on {day}.")
        return text.format(day=day, note=exc.note)
    if isinstance(exc, e.OutsideStaffHours):
        return QCoreApplication.translate(
            "Errors", "{start} to {end} is outside the working hours of {staff}."
        ).format(
            staff=exc.staff_name,
            start=format_moment(exc.starts_at, time_zone),
            end=format_moment(exc.ends_at, time_zone),
        )
    if isinstance(exc, e.StaffUnavailable):
        if exc.kind.value == "break":
            text = QCoreApplication.translate(
                "Errors", "{staff} has a break from {start} to {end}."
            )
        else:
            text = QCoreApplication.translate("Errors", "{staff} is absent from {start} to {end}.")
        return text.format(
            staff=exc.staff_name,
            start=format_moment(exc.starts_at, time_zone),
            end=format_moment(exc.ends_at, time_zone),
        )
    if isinstance(exc, e.InvalidTimeRange):
        return QCoreApplication.translate("Errors", "The end must be after the start.")
    if isinstance(exc, e.AppointmentTooLong):
        return QCoreApplication.translate(
            "Errors", "An appointment can last at most {hours} hours ({start} to {end} is longer)."
        ).format(
            hours=exc.max_hours,
            start=format_moment(exc.starts_at, time_zone),
            end=format_moment(exc.ends_at, time_zone),
        )
    if isinstance(exc, e.ConsentNotAgreed):
        return QCoreApplication.translate(
            "Errors",
            "Consent was not recorded: confirm that the customer agreed just now "
            "(ask first, never tick it for them).",
        )
    if isinstance(exc, e.StatementChanged):
        return QCoreApplication.translate(
            "Errors",
            "Consent was not recorded: the text to read has changed since it was shown. "
            "Read the new text to the customer and ask again.",
        )
    if isinstance(exc, e.NoAddressForChannel):
        return QCoreApplication.translate(
            "Errors", "The customer has no usable address for {channel}."
        ).format(channel=channel_label(exc.channel.value))
    if isinstance(exc, e.ConsentAlreadyConfirmed):
        return QCoreApplication.translate(
            "Errors", "Consent for {channel} is already confirmed."
        ).format(channel=channel_label(exc.channel.value))
    if isinstance(exc, e.ConsentPending):
        return QCoreApplication.translate(
            "Errors",
            "Consent for {channel} was declared on {time} and waits for the customer's "
            "confirmation: no second request is sent.",
        ).format(
            channel=channel_label(exc.channel.value),
            time=format_moment(exc.declared_at, time_zone),
        )
    if isinstance(exc, e.AddressUnreachable):
        if exc.why == "bounced":
            return QCoreApplication.translate(
                "Errors",
                "No consent can be asked for by {channel}: messages to this address came back "
                "as undeliverable. Enter a working address first.",
            ).format(channel=channel_label(exc.channel.value))
        return QCoreApplication.translate(
            "Errors",
            "No consent can be asked for by {channel}: this address is on the suppression "
            "list (it belonged to a customer whose data was erased).",
        ).format(channel=channel_label(exc.channel.value))
    if isinstance(exc, e.ImportRejected):
        return QCoreApplication.translate(
            "Errors", "Nothing was imported: %n row(s) have errors.", "", len(exc.rejected)
        )
    if isinstance(exc, e.InvalidImportFile):
        if exc.problem == "encoding":
            return QCoreApplication.translate(
                "Errors",
                "The file cannot be imported: line {line} is neither UTF-8 nor Windows text."
                " Save it again as CSV UTF-8.",
            ).format(line=exc.detail)
        if exc.problem == "unreadable":
            return QCoreApplication.translate("Errors", "The file cannot be read.")
        return QCoreApplication.translate(
            "Errors", "The file cannot be imported: it has no name columns or no rows."
        )
    if isinstance(exc, e.MessageRefused):
        return QCoreApplication.translate("Errors", "Not sent: {reason}.").format(
            reason=reason_text(exc.reason.value)
        )
    if isinstance(exc, e.NotPermitted):
        return access_words.refusal_text(exc)
    if isinstance(exc, e.PinNotRecognised):
        return access_words.unknown_pin_text(exc)
    if isinstance(exc, e.PinEntryLocked):
        return access_words.entry_locked_text(format_moment(exc.until, time_zone))
    if isinstance(exc, e.WrongPin):
        return access_words.wrong_pin_text(exc)
    if isinstance(exc, e.PinLockedOut):
        return access_words.locked_out_text(format_moment(exc.until, time_zone))
    if isinstance(exc, e.LastOwner):
        return access_words.last_owner_text()
    if isinstance(exc, e.TokenRefused):
        return access_words.token_refused_text(exc)
    if isinstance(exc, e.SignInRequired):
        return access_words.sign_in_required_text(exc)
    if isinstance(exc, e.BackupRefused):
        return backup_refused_text(exc)
    if isinstance(exc, e.BackupNotWritten) and exc.missing:
        return QCoreApplication.translate(
            "Errors",
            "The backup could not be written to {folder}: {missing} is not there. Is the "
            "network drive or the USB disk connected? Otherwise choose another folder in "
            "the backup settings.",
        ).format(folder=exc.folder, missing=exc.missing)
    if isinstance(exc, e.BackupNotWritten):
        return QCoreApplication.translate(
            "Errors",
            "The backup could not be written to {folder} ({reason}). Choose another folder "
            "in the backup settings, or free some space.",
        ).format(folder=exc.folder, reason=exc.reason)
    if isinstance(exc, e.BackupNeedsSqlite):
        return QCoreApplication.translate(
            "Errors",
            "Salon Desk backs up and restores SQLite databases only. On PostgreSQL use "
            "pg_dump and pg_restore (see the administrator's guide).",
        )
    if isinstance(exc, StorageError):
        return storage_text(exc)
    if isinstance(exc, GatewayError):
        return gateway_text(exc)
    if isinstance(exc, e.GatewayNotConfigured):
        if exc.missing == "url":
            return QCoreApplication.translate(
                "Errors", "No gateway is set up yet: desk-app gateway login URL"
            )
        return QCoreApplication.translate(
            "Errors",
            "There is no token for the gateway: log in again, or set DESK_APP_GATEWAY_TOKEN.",
        )
    if isinstance(exc, e.KeyringUnavailable):
        return QCoreApplication.translate(
            "Errors",
            "This computer has no password store for the token. "
            "Set DESK_APP_GATEWAY_TOKEN instead.",
        )
    return QCoreApplication.translate(
        "Errors",
        "Something went wrong. Nothing was lost; the details are in the log file.",
    )


def backup_refused_text(exc: e.BackupRefused) -> str:
    """Why a file cannot be restored; each sentence ends with the promise that counts."""
    texts = {
        "missing": QCoreApplication.translate("Errors", "The backup {file} does not exist."),
        "unreadable": QCoreApplication.translate(
            "Errors", "{file} is not a Salon Desk backup (not a database, or cut off)."
        ),
        "damaged": QCoreApplication.translate(
            "Errors", "The backup {file} is damaged (it failed the integrity check)."
        ),
        "foreign": QCoreApplication.translate(
            "Errors", "{file} is a database, but not one of Salon Desk."
        ),
        "newer": QCoreApplication.translate(
            "Errors",
            "The backup {file} was made by a newer version of Salon Desk (schema {revision}). "
            "Update Salon Desk first.",
        ),
        "busy": QCoreApplication.translate(
            "Errors",
            "Another counter PC kept changing the database while its current state was "
            "being saved. Restore when the other counter PCs are idle.",
        ),
        "other_database": QCoreApplication.translate(
            "Errors",
            "{file} is a backup of another database (salon “{salon}”), not of this one. "
            "To restore it all the same, confirm that it is meant to replace this one "
            "(desk-app db restore --other-database).",
        ),
    }
    reason = texts[exc.problem].format(file=exc.file, revision=exc.detail, salon=exc.detail)
    nothing = QCoreApplication.translate("Errors", "Nothing was replaced.")
    return f"{reason} {nothing}"


def storage_text(exc: StorageError) -> str:
    texts = {
        "locked": QCoreApplication.translate(
            "Errors", "The database is busy on another computer. Please try again."
        ),
        "disk_full": QCoreApplication.translate(
            "Errors", "The disk is full. Free some space, then try again."
        ),
        "corrupt": QCoreApplication.translate(
            "Errors", "The database file is damaged. Restore the latest backup."
        ),
        "unreachable": QCoreApplication.translate(
            "Errors", "The database server cannot be reached: {detail}"
        ),
        "read_only": QCoreApplication.translate(
            "Errors", "The database cannot be written (read-only file or missing rights)."
        ),
        "bad_url": QCoreApplication.translate(
            "Errors", "The database address is not valid: {detail}"
        ),
    }
    return texts.get(exc.kind, texts["unreachable"]).format(detail=exc.detail)


def automation_label(automation: str) -> str:
    """The name of an automation (``desk_app.domain.automations.Automation`` value)."""
    return {
        "confirmation": QCoreApplication.translate("Automations", "Booking confirmation"),
        "reminder": QCoreApplication.translate("Automations", "Appointment reminder"),
        "birthday": QCoreApplication.translate("Automations", "Birthday greeting"),
        "review_request": QCoreApplication.translate("Automations", "Review request"),
        "win_back": QCoreApplication.translate("Automations", "Win-back message"),
    }.get(automation, automation)


def passed_over_text(code: str) -> str:
    """Why an automation passed an occasion over without asking the rules."""
    return {
        "notify_off": QCoreApplication.translate(
            "Automations", "messages switched off for the booking"
        ),
        "no_review_url": QCoreApplication.translate("Automations", "no link to the review page"),
        "no_imprint": QCoreApplication.translate(
            "Automations", "no salon address for the imprint of advertising emails"
        ),
        "booked_again": QCoreApplication.translate("Automations", "booked again"),
    }.get(code, code)


def reason_text(reason: str) -> str:
    """Why a customer is excluded from a message, in words (DESIGN.md reason codes)."""
    texts = {
        "objected": QCoreApplication.translate("Reasons", "the customer unsubscribed"),
        "channel_not_allowed": QCoreApplication.translate(
            "Reasons", "this kind of message may not go by this channel"
        ),
        "no_address": QCoreApplication.translate("Reasons", "no address for this channel"),
        "invalid_address": QCoreApplication.translate(
            "Reasons", "the address is not valid for this channel"
        ),
        "bounced": QCoreApplication.translate("Reasons", "messages to this address bounced"),
        "not_existing_customer": QCoreApplication.translate(
            "Reasons", "not an existing customer yet"
        ),
        "no_objection_notice": QCoreApplication.translate(
            "Reasons", "the right to object was not pointed out when the address was collected"
        ),
        "consent_revoked": QCoreApplication.translate("Reasons", "consent was withdrawn"),
        "consent_expired": QCoreApplication.translate(
            "Reasons", "consent was never confirmed (the request expired)"
        ),
        "consent_pending": QCoreApplication.translate(
            "Reasons", "consent not yet confirmed by the customer"
        ),
        "no_consent": QCoreApplication.translate("Reasons", "no consent to advertising"),
        "frequency_cap": QCoreApplication.translate(
            "Reasons", "already had the most advertising messages allowed recently"
        ),
        "quiet_hours": QCoreApplication.translate(
            "Reasons", "quiet hours: the message goes out later"
        ),
        "duplicate_address": QCoreApplication.translate(
            "Reasons", "same address as another recipient: sent only once"
        ),
    }
    return texts.get(reason, reason)


def gateway_text(exc: GatewayError) -> str:
    texts = {
        "unreachable": QCoreApplication.translate(
            "Errors",
            "The gateway cannot be reached. Messages stay in the outbox and go out "
            "with the next sync.",
        ),
        "unauthorized": QCoreApplication.translate(
            "Errors", "The gateway did not accept the token. Please log in again."
        ),
        "server_error": QCoreApplication.translate(
            "Errors",
            "The gateway has a problem. Messages stay in the outbox; try again later.",
        ),
        "rejected": QCoreApplication.translate(
            "Errors", "The gateway refused the request ({code})."
        ),
    }
    return texts.get(exc.kind, texts["server_error"]).format(code=exc.code or exc.status)


def row_problem(problem: str, field: str = "", detail: str = "") -> str:
    """Why one row of an import was not imported: the field, and what is wrong with it
    (``detail``: a character code, a limit, the value that is no address …)."""
    label = field_label(field)
    texts = {
        "duplicate_in_file": QCoreApplication.translate(
            "Errors", "{field}: the same as in line {value}"
        ),
        "duplicate_existing": QCoreApplication.translate(
            "Errors", "{field}: a customer with it exists already"
        ),
        "address_suppressed": QCoreApplication.translate(
            "Errors", "{field}: address of an erased customer (left out)"
        ),
    }
    template = texts.get(problem) or _problem(problem)
    return template.format(field=label, value=detail)
