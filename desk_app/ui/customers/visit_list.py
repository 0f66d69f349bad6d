"""The visits of one customer in the customer form: past and upcoming appointments, the
upcoming ones in bold.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale, QTime
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from desk_app.domain.enums import AppointmentStatus
from desk_app.services.rows import AppointmentRow
from desk_app.ui.customers.customer_fields import date_format


class VisitList(QTreeWidget):
    """Date, time, service, staff member and status of every visit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visits")
        self.setRootIsDecorated(False)
        self.setHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Time"),
                self.tr("Service"),
                self.tr("Staff"),
                self.tr("Status"),
            ]
        )

    def show_visits(self, visits: list[AppointmentRow], time_zone: str) -> int:
        """Show ``visits``; how many of them are still to come."""
        self.clear()
        zone = ZoneInfo(time_zone)
        now = datetime.now(UTC)
        locale = QLocale()
        upcoming = 0
        for visit in visits:
            start = visit.starts_at.astimezone(zone)
            item = QTreeWidgetItem(
                [
                    locale.toString(QDate(start.year, start.month, start.day), date_format()),
                    locale.toString(
                        QTime(start.hour, start.minute, start.second),
                        QLocale.FormatType.ShortFormat,
                    ),
                    self._service_text(visit),
                    visit.staff_name,
                    self._status_text(visit),
                ]
            )
            if visit.ends_at > now and visit.status is not AppointmentStatus.CANCELLED:
                upcoming += 1
                font = item.font(0)
                font.setBold(True)
                for column in range(item.columnCount()):
                    item.setFont(column, font)
                item.setToolTip(0, self.tr("Upcoming appointment"))
            self.addTopLevelItem(item)
        for column in range(4):
            self.resizeColumnToContents(column)
        return upcoming

    def _service_text(self, visit: AppointmentRow) -> str:
        if visit.series_index is None or visit.series_total is None:
            return visit.service_name
        # One of a recurring series: which one of how many ("3 of 10").
        return self.tr("{service} · {n} of {total}").format(
            service=visit.service_name, n=visit.series_index + 1, total=visit.series_total
        )

    def _status_text(self, visit: AppointmentRow) -> str:
        if visit.late_cancellation:  # cancelled inside the salon's cutoff
            return self.tr("Cancelled late")
        return {
            AppointmentStatus.BOOKED: self.tr("Booked"),
            AppointmentStatus.ARRIVED: self.tr("Arrived"),
            AppointmentStatus.DONE: self.tr("Done"),
            AppointmentStatus.NO_SHOW: self.tr("No-show"),
            AppointmentStatus.CANCELLED: self.tr("Cancelled"),
        }[visit.status]
