"""The customer at a glance: a card at the top of the customer view with the name, the
phone number, the last and next visit, how many visits, the no-shows and late
cancellations of the last twelve months, the consent per channel as badges, and
„Termin buchen" right there.

The card loads nothing itself: the form hands it what it loaded (the customer, their
appointments and attendance counts, the consent panel's state), so it follows a change
elsewhere exactly when the rest of the view does. Badges say the existing consent
state in words (``texts.consent_words``); their colours are the named marks of
``widgets.palette`` as outline and text, the fill the QPalette's (light and dark).

May import: PySide6, desk_app.services, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

import html
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, QTime, Signal
from PySide6.QtGui import QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.attendance import AttendanceCounts
from desk_app.domain.consent import ConsentStatus
from desk_app.domain.enums import Channel, ConsentState
from desk_app.services.rows import AppointmentRow, CustomerConsentRow, CustomerRow
from desk_app.services.visit_summary import VisitSummary
from desk_app.texts.channel_words import channel_name
from desk_app.texts.consent_words import state_text
from desk_app.ui.customers.customer_fields import date_format
from desk_app.ui.customers.customer_list_model import format_phone
from desk_app.ui.shortcuts import SECTION_SHORTCUTS
from desk_app.ui.widgets import palette
from desk_app.ui.widgets.flow_layout import FlowLayout

# The key of „Termin buchen" while the customer view has the focus (F1 and the menu list it).
BOOK_SHORTCUT = next(s for s in SECTION_SHORTCUTS if s.key == "customer_book").sequences[0]


class Badge(QLabel):
    """A short word in a rounded outline of one meaning's colour, with a dot of it; the
    words themselves in the palette's text colour, readable in light and dark themes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("badge")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.colour = palette.MARK_IDLE
        self._text = ""

    def show_badge(self, text: str, colour: str, tooltip: str = "") -> None:
        self.colour, self._text = colour, text
        self.setText(f'<span style="color:{colour}">●</span> <b>{html.escape(text)}</b>')
        self.setToolTip(tooltip)
        self.setStyleSheet(
            f"QLabel {{ border: 1px solid {colour}; border-radius: 9px; padding: 1px 8px; }}"
        )

    def words(self) -> str:
        """What the badge says, without its dot."""
        return self._text


class CustomerHeader(QFrame):
    """The card. ``show_new`` for a customer not saved yet, ``show_customer`` and the
    ``show_*`` parts as the form's loads arrive.

    Signals:
        booking_requested(object): „Termin buchen" for this CustomerRow.
    """

    booking_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self._customer: CustomerRow | None = None
        self._title = QLabel()
        self._title.setObjectName("title")
        self._title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title_font = QFont(self._title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self._title.setFont(title_font)
        self._title.setWordWrap(True)  # a long name wraps beside the button in a small window
        self._subtitle = QLabel()
        self._subtitle.setObjectName("subtitle")
        self._subtitle.setWordWrap(True)
        self._book = QPushButton(self.tr("&Book appointment"))
        self._book.setObjectName("bookForCustomer")
        self._book.setDefault(False)
        self._book.setAutoDefault(False)
        keys = QKeySequence(BOOK_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
        self._book.setToolTip(
            self.tr("Book an appointment for this customer ({keys})").format(keys=keys)
        )
        self._book.clicked.connect(self._on_book_clicked)
        # Its words in full however narrow the window: the name beside it wraps instead.
        self._book.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        # Facts and badges wrap onto a second line in a small window.
        self._facts: dict[str, QLabel] = {}
        self._facts_box = QWidget()
        self._facts_box.setObjectName("customerFacts")
        facts = FlowLayout(self._facts_box, spacing=18)
        for key, caption in self._fact_captions().items():
            heading = QLabel(caption)
            heading.setObjectName(f"{key}Caption")
            heading.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            value = QLabel()
            value.setObjectName(key)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._facts[key] = value
            fact = QWidget()
            column = QVBoxLayout(fact)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            column.addWidget(heading)
            column.addWidget(value)
            facts.addWidget(fact)

        self._badges: dict[Channel, Badge] = {}
        badges = FlowLayout(spacing=6)
        self._consent_caption = QLabel(self.tr("Advertising:"))
        badges.addWidget(self._consent_caption)
        for channel in Channel:
            badge = Badge()
            badge.setObjectName(f"consent_{channel.value}")
            self._badges[channel] = badge
            badges.addWidget(badge)
        self._attendance = Badge()
        self._attendance.setObjectName("attendanceBadge")
        badges.addWidget(self._attendance)

        top = QHBoxLayout()
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self._title)
        names.addWidget(self._subtitle)
        top.addLayout(names, 1)
        top.addWidget(self._book, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self._facts_box)
        layout.addLayout(badges)

    def _fact_captions(self) -> dict[str, str]:
        return {
            "phoneFact": self.tr("Phone"),
            "lastVisit": self.tr("Last visit"),
            "nextVisit": self.tr("Next appointment"),
            "visitCount": self.tr("Visits"),
        }

    # ---- public -------------------------------------------------------------------------
    def book_button(self) -> QPushButton:
        return self._book

    def fact(self, key: str) -> str:
        return self._facts[key].text()

    def badge(self, channel: Channel) -> Badge:
        return self._badges[channel]

    def attendance_badge(self) -> Badge:
        return self._attendance

    def show_new(self) -> None:
        self._customer = None
        self._title.setText(self.tr("New customer"))
        self._subtitle.setText(self.tr("Not saved yet"))
        for value in self._facts.values():
            value.clear()
        self._facts_box.hide()  # nothing to tell about someone not saved yet
        self._show_badges(None)
        self._attendance.hide()
        self._book.setVisible(False)

    def show_customer(self, customer: CustomerRow, time_zone: str) -> None:
        if self._customer is None or self._customer.id != customer.id:
            self._show_badges(None)  # the new customer's consent is on its way
        self._customer = customer
        self._book.setVisible(True)
        self._facts_box.show()
        self._title.setText(customer.full_name)
        created = customer.created_at.astimezone(ZoneInfo(time_zone))
        since = QLocale().toString(QDate(created.year, created.month, created.day), date_format())
        notes = [self.tr("Customer since {date}").format(date=since)]
        if customer.email_bounced:
            notes.append(self.tr("emails to this address bounced"))
        if customer.phone_bounced:
            notes.append(self.tr("SMS to this number failed"))
        self._subtitle.setText(" · ".join(notes))
        self._facts["phoneFact"].setText(format_phone(customer.phone) or "–")

    def show_visits(self, summary: VisitSummary, time_zone: str) -> None:
        zone = ZoneInfo(time_zone)
        last, coming = summary.last_visit, summary.next_appointment
        self._facts["lastVisit"].setText(_day(last.starts_at, zone) if last else self.tr("none"))
        self._facts["lastVisit"].setToolTip(_about(last) if last else "")
        self._facts["nextVisit"].setText(
            _moment(coming.starts_at, zone) if coming else self.tr("none booked")
        )
        self._facts["nextVisit"].setToolTip(_about(coming) if coming else "")
        self._facts["visitCount"].setText(QLocale().toString(summary.visits))

    def show_attendance(self, counts: AttendanceCounts) -> None:
        """No-shows and late cancellations of the last 12 months: amber when there are any."""
        if counts.any:
            text = (
                self.tr("%n no-show(s)", "", counts.no_shows)
                + " · "
                + self.tr("%n late cancellation(s)", "", counts.late_cancellations)
            )
            colour = palette.MARK_WARN
        else:
            text, colour = self.tr("No missed appointments"), palette.MARK_GOOD
        self._attendance.show_badge(text, colour, self.tr("In the last 12 months"))
        self._attendance.show()

    def show_consent(self, row: CustomerConsentRow | None, time_zone: str) -> None:
        """The consent panel's state of this customer as one badge per channel."""
        if row is None or self._customer is None or row.customer_id != self._customer.id:
            return
        self._show_badges(row, time_zone)

    # ---- badges -------------------------------------------------------------------------
    def _show_badges(self, row: CustomerConsentRow | None, time_zone: str = "UTC") -> None:
        self._consent_caption.setVisible(row is not None)
        for channel, badge in self._badges.items():
            if row is None:
                badge.hide()
                continue
            has_address = bool(row.email if channel is Channel.EMAIL else row.phone)
            text, colour = consent_badge(row.status, channel, has_address)
            sentence = state_text(channel, row.status.channels[channel], time_zone)
            badge.show_badge(
                self.tr("{channel}: {state}").format(channel=channel_name(channel), state=text),
                colour,
                sentence,
            )
            badge.show()

    def _on_book_clicked(self) -> None:
        if self._customer is not None:
            self.booking_requested.emit(self._customer)


def consent_badge(status: ConsentStatus, channel: Channel, has_address: bool) -> tuple[str, str]:
    """The badge's word and colour for one channel of the existing consent state: the
    objection first (it stops advertising on every channel), then the channel's own
    state; no address, nothing to consent to."""
    if status.objected:
        return QCoreApplication.translate("CustomerHeader", "unsubscribed"), palette.MARK_BAD
    state = status.state(channel)
    if state is ConsentState.CONFIRMED:
        return QCoreApplication.translate("CustomerHeader", "consent given"), palette.MARK_GOOD
    if state is ConsentState.PENDING:
        return QCoreApplication.translate(
            "CustomerHeader", "awaiting confirmation"
        ), palette.MARK_WARN
    if not has_address:
        return QCoreApplication.translate("CustomerHeader", "no address"), palette.MARK_IDLE
    if state is ConsentState.REVOKED:
        return QCoreApplication.translate("CustomerHeader", "withdrawn"), palette.MARK_OFF
    if state is ConsentState.EXPIRED:
        return QCoreApplication.translate("CustomerHeader", "not confirmed"), palette.MARK_OFF
    return QCoreApplication.translate("CustomerHeader", "no consent"), palette.MARK_OFF


def _day(at: datetime, zone: ZoneInfo) -> str:
    local = at.astimezone(zone)
    return QLocale().toString(QDate(local.year, local.month, local.day), date_format())


def _moment(at: datetime, zone: ZoneInfo) -> str:
    local = at.astimezone(zone)
    time = QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    return f"{_day(at, zone)} {time}"


def _about(visit: AppointmentRow) -> str:
    return f"{visit.service_name} · {visit.staff_name}"
