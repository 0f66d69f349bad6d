"""The owner's dashboard ("Übersicht"): four charts in a 2×2 grid — the consent funnel
(declared → confirmed, by source and channel), messages sent, unsubscribes and new
bookings per week — over the last 4, 12, 26 or 52 weeks; below them no-shows and late
cancellations per month over the last twelve.

The figures load on the database worker whenever the page is shown and on ``refresh()``;
the GUI thread never waits. Weeks are the salon's (``ctx.time_zone``), labelled "KW 47".

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QLocale, Qt, QTime, Signal
from PySide6.QtGui import QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.enums import BookingSource, Category, ConsentEvent, ConsentSource
from desk_app.services.dashboard import DashboardRow, DashboardService, WeekRow
from desk_app.texts.channel_words import channel_name
from desk_app.ui import preferences
from desk_app.ui.context import UiContext
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.widgets.charts import BarChart, ChartBase, FunnelChart, FunnelStage, chart_colours
from desk_app.ui.widgets.operation import Operation
from desk_app.ui.widgets.qt_dates import to_qdate

WEEK_CHOICES = (4, 12, 26, 52)
DEFAULT_WEEKS = preferences.DASHBOARD_WEEKS.default


class DashboardPage(QWidget):
    """Four charts of the salon's recent weeks, with a period selector and "Refresh".

    ``service`` is for tests and tools; by default the page uses
    ``ctx.services.dashboard``.

    Signals:
        loaded(object): new figures (a DashboardRow) arrived and are shown.
        load_failed(str): loading failed; the text is for the user.
    """

    loaded = Signal(object)
    load_failed = Signal(str)

    def __init__(
        self,
        ctx: UiContext,
        service: DashboardService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._service = service if service is not None else ctx.services.dashboard
        # A newer load (another period) supersedes the one on its way.
        self._loads = Operation(
            self, ctx.db_tasks, failed=self._on_overview_failed, time_zone=ctx.time_zone
        )
        self._row: DashboardRow | None = None

        self._weeks = QComboBox()
        self._weeks.setObjectName("weeksChoice")
        for weeks in WEEK_CHOICES:
            self._weeks.addItem(self.tr("Last %n week(s)", "", weeks), weeks)
        stored = preferences.DASHBOARD_WEEKS.read(ctx.preferences)
        self._weeks.setCurrentIndex(max(self._weeks.findData(stored), 0))
        weeks_label = QLabel(self.tr("&Period:"))
        weeks_label.setBuddy(self._weeks)
        self._status = QLabel()
        self._status.setObjectName("statusLabel")
        self._status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._refresh_button = QPushButton(self.tr("&Refresh"))
        self._refresh_button.setObjectName("refreshButton")

        self._funnel = FunnelChart()
        self._funnel.setObjectName("funnelChart")
        self._messages = BarChart()
        self._messages.setObjectName("messagesChart")
        self._unsubscribes = BarChart()
        self._unsubscribes.setObjectName("unsubscribesChart")
        self._bookings = BarChart()
        self._bookings.setObjectName("bookingsChart")
        self._attendance = BarChart()
        self._attendance.setObjectName("attendanceChart")

        top = QHBoxLayout()
        top.addWidget(weeks_label)
        top.addWidget(self._weeks)
        top.addSpacing(12)
        top.addWidget(self._status, 1)
        top.addWidget(self._refresh_button)
        grid = QGridLayout()
        grid.setSpacing(12)
        cards = (
            (
                self._funnel,
                self.tr("Consent: declared → confirmed"),
                self.tr("Consent recorded in the period, and how much of it was confirmed."),
            ),
            (
                self._messages,
                self.tr("Messages sent per week"),
                self.tr("Handed to the gateway, by kind; waiting and failed ones do not count."),
            ),
            (
                self._unsubscribes,
                self.tr("Unsubscribes per week"),
                self.tr("“Unsubscribe” clicked, or consent for email or SMS withdrawn."),
            ),
            (
                self._bookings,
                self.tr("New bookings per week"),
                self.tr("By the day they were booked, not the appointment day; no cancelled ones."),
            ),
        )
        for index, (chart, heading, explanation) in enumerate(cards):
            grid.addWidget(self._card(chart, heading, explanation), index // 2, index % 2)
        # Months, not weeks, and always the last twelve: the chair stays empty by month.
        attendance = self._card(
            self._attendance,
            self.tr("No-shows and late cancellations per month"),
            self.tr(
                "By the month of the appointment, the last 12 months; marked by staff, "
                "late as decided when it was cancelled."
            ),
        )
        grid.addWidget(attendance, 2, 0, 1, 2)
        for i in range(2):
            grid.setRowStretch(i, 1)
            grid.setColumnStretch(i, 1)
        grid.setRowStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid, 1)

        self._weeks.currentIndexChanged.connect(self._on_weeks_current_index_changed)
        self._refresh_button.clicked.connect(self._on_refresh_button_clicked)

    # ---- public -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the figures for the chosen period again (answers drop in later)."""
        weeks, zone, service = self.weeks(), self._ctx.time_zone, self._service
        set_tone(self._status, None)
        self._status.setText(self.tr("Loading…"))
        self._loads.run(lambda: service.overview(weeks, zone), self._on_overview_loaded)

    def weeks(self) -> int:
        return int(self._weeks.currentData())

    def set_weeks(self, weeks: int) -> None:
        index = self._weeks.findData(weeks)
        if index < 0:
            raise ValueError(f"not a choice: {weeks} weeks")
        self._weeks.setCurrentIndex(index)

    def row(self) -> DashboardRow | None:
        """The figures shown (None before the first load)."""
        return self._row

    def charts(self) -> dict[str, ChartBase]:
        return {
            "funnel": self._funnel,
            "messages": self._messages,
            "unsubscribes": self._unsubscribes,
            "bookings": self._bookings,
            "attendance": self._attendance,
        }

    # ---- Qt overrides -------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():  # not when the window is merely restored
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # The series colours depend on light or dark. (A new language needs a restart.)
        if event.type() == QEvent.Type.PaletteChange and self._row is not None:
            self._show(self._row)

    # ---- slots --------------------------------------------------------------------------
    def _on_weeks_current_index_changed(self, _index: int) -> None:
        preferences.DASHBOARD_WEEKS.write(self._ctx.preferences, self.weeks())
        self.refresh()

    def _on_refresh_button_clicked(self) -> None:
        self.refresh()

    def _on_overview_loaded(self, row: DashboardRow) -> None:
        self._row = row
        self._show(row)
        local = row.as_of.astimezone(ZoneInfo(self._ctx.time_zone))
        self._status.setText(
            self.tr("As of {time}").format(
                time=QLocale().toString(
                    QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat
                )
            )
        )
        self.loaded.emit(row)

    def _on_overview_failed(self, text: str) -> None:
        self._status.setText(text)
        set_tone(self._status, Tone.ERROR)
        self.load_failed.emit(text)

    # ---- showing ------------------------------------------------------------------------
    def _show(self, row: DashboardRow) -> None:
        labels = [self.week_label(week) for week in row.weeks]
        details = [self.week_details(week) for week in row.weeks]
        qt_palette = self.palette()

        stages = [
            FunnelStage(
                self.tr("{source} · {channel}").format(
                    source=self.source_text(r.source), channel=channel_name(r.channel)
                ),
                r.declared,
                r.confirmed,
            )
            for r in row.funnel
            if r.declared
        ]
        self._funnel.set_data(
            stages,
            self.tr("Declared"),
            self.tr("Confirmed"),
            chart_colours(qt_palette, 3)[2],
            total_label=self.tr("All together"),
        )

        colours = chart_colours(qt_palette, len(Category))
        self._messages.set_data(
            labels,
            [
                (
                    self.category_text(category),
                    list(counts),
                    colours[list(Category).index(category)],
                )
                for category, counts in row.messages.items()
                if any(counts)  # five empty legend entries would only be noise
            ],
            stacked=True,
            details=details,
            sequence=True,
        )

        colours = chart_colours(qt_palette, 6)
        self._unsubscribes.set_data(
            labels,
            [
                (
                    self.tr("Unsubscribed from all advertising"),
                    list(row.unsubscribes[ConsentEvent.OBJECTED]),
                    colours[5],
                ),
                (
                    self.tr("Consent withdrawn"),
                    list(row.unsubscribes[ConsentEvent.REVOKED]),
                    colours[3],
                ),
            ],
            stacked=True,
            details=details,
            sequence=True,
        )

        colours = chart_colours(qt_palette, len(BookingSource))
        self._bookings.set_data(
            labels,
            [
                (self.booking_source_text(source), list(counts), colours[index])
                for index, (source, counts) in enumerate(row.bookings.items())
            ],
            stacked=True,
            details=details,
            sequence=True,
        )
        self._show_attendance(row)

    def _show_attendance(self, row: DashboardRow) -> None:
        locale = QLocale()
        labels = [
            locale.standaloneMonthName(m.month, QLocale.FormatType.ShortFormat)
            for m in row.attendance
        ]
        details = [
            f"{locale.standaloneMonthName(m.month, QLocale.FormatType.LongFormat)} {m.year}"
            for m in row.attendance
        ]
        colours = chart_colours(self.palette(), 6)
        self._attendance.set_data(
            labels,
            [
                (self.tr("No-shows"), [m.no_shows for m in row.attendance], colours[5]),
                (
                    self.tr("Late cancellations"),
                    [m.late_cancellations for m in row.attendance],
                    colours[1],
                ),
            ],
            stacked=True,
            details=details,
            sequence=True,
        )

    def _card(self, chart: ChartBase, heading: str, explanation: str) -> QFrame:
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setBackgroundRole(QPalette.ColorRole.Base)
        card.setAutoFillBackground(True)
        title = QLabel(heading)
        font = QFont(title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        title.setFont(font)
        note = QLabel(explanation)
        note.setWordWrap(True)
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        chart.set_title(heading)  # for screen readers: the card's heading shows it
        chart.set_title_visible(False)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.setSpacing(2)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addWidget(chart, 1)
        return card

    # ---- words --------------------------------------------------------------------------
    def week_label(self, week: WeekRow) -> str:
        return self.tr("Wk {number}").format(number=week.number)

    def week_details(self, week: WeekRow) -> str:
        locale = QLocale()
        fmt = QLocale.FormatType.ShortFormat
        return self.tr("Week {number}: {first} – {last}").format(
            number=week.number,
            first=locale.toString(to_qdate(week.starts_on), fmt),
            last=locale.toString(to_qdate(week.starts_on + timedelta(days=6)), fmt),
        )

    def source_text(self, source: ConsentSource) -> str:
        return {
            ConsentSource.PHONE: self.tr("Phone"),
            ConsentSource.IN_PERSON: self.tr("In person"),
            ConsentSource.WRITTEN: self.tr("In writing"),
            ConsentSource.ONLINE: self.tr("Online booking"),
            ConsentSource.ONLINE_BOOKING: self.tr("Online booking"),
            ConsentSource.LINK: self.tr("Link"),
            ConsentSource.SMS_REPLY: self.tr("SMS reply"),
        }[source]

    def category_text(self, category: Category) -> str:
        return {
            Category.TRANSACTIONAL: self.tr("Appointment messages"),
            Category.CONSENT_REQUEST: self.tr("Consent requests"),
            Category.SERVICE_INFO: self.tr("Salon news"),
            Category.SIMILAR_OFFER: self.tr("Offers for customers"),
            Category.MARKETING: self.tr("Advertising"),
        }[category]

    def booking_source_text(self, source: BookingSource) -> str:
        return {
            BookingSource.COUNTER: self.tr("At the counter"),
            BookingSource.PHONE: self.tr("By phone"),
            BookingSource.ONLINE: self.tr("Online"),
        }[source]
