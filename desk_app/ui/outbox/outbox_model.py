"""The outbox table: one row per message, newest first, pages loaded as the user scrolls.

The paging is ``PagedRowsModel``'s; the page drops answers that a newer load (another
filter, a refresh) outdated before they reach the model.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from desk_app.domain.enums import Category, OutboxStatus
from desk_app.services.outbox_view import OutboxListRow
from desk_app.texts import error_text
from desk_app.texts.channel_words import channel_name
from desk_app.texts.outbox_words import outbox_reason_text
from desk_app.ui.widgets import palette
from desk_app.ui.widgets.paged_rows import Index, PagedRowsModel

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the OutboxListRow
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2  # the OutboxStatus value (str)

# Statuses that need the receptionist's eye, and ones that went well.
_TROUBLE = {OutboxStatus.FAILED, OutboxStatus.BOUNCED}
_NOT_SENT = {OutboxStatus.REJECTED, OutboxStatus.EXPIRED}
_DONE = {OutboxStatus.DELIVERED}


class Column(IntEnum):
    TIME = 0
    CUSTOMER = 1
    CHANNEL = 2
    KIND = 3
    STATUS = 4
    REASON = 5


# ---- words ------------------------------------------------------------------------------
def status_text(status: OutboxStatus) -> str:
    texts = {
        OutboxStatus.QUEUED: QCoreApplication.translate("OutboxTexts", "Waiting to be sent"),
        OutboxStatus.ACCEPTED: QCoreApplication.translate("OutboxTexts", "Handed to the gateway"),
        OutboxStatus.SENT: QCoreApplication.translate("OutboxTexts", "Sent"),
        OutboxStatus.DELIVERED: QCoreApplication.translate("OutboxTexts", "Delivered"),
        OutboxStatus.FAILED: QCoreApplication.translate("OutboxTexts", "Failed"),
        OutboxStatus.BOUNCED: QCoreApplication.translate("OutboxTexts", "Undeliverable"),
        OutboxStatus.REJECTED: QCoreApplication.translate("OutboxTexts", "Not sent"),
        OutboxStatus.EXPIRED: QCoreApplication.translate("OutboxTexts", "Expired"),
    }
    return texts[status]


def kind_text(kind: str, category: Category) -> str:
    """What the message is about: its template, else its category."""
    kinds = {
        "booking_confirmation": QCoreApplication.translate("OutboxTexts", "Booking confirmation"),
        "booking_change": QCoreApplication.translate("OutboxTexts", "Appointment change"),
        "booking_cancellation": QCoreApplication.translate(
            "OutboxTexts", "Appointment cancellation"
        ),
        "booking_reminder": QCoreApplication.translate("OutboxTexts", "Appointment reminder"),
        "consent_request": QCoreApplication.translate("OutboxTexts", "Consent request"),
    }
    if kind in kinds:
        return kinds[kind]
    categories = {
        Category.TRANSACTIONAL: QCoreApplication.translate("OutboxTexts", "Appointment message"),
        Category.CONSENT_REQUEST: kinds["consent_request"],
        Category.SERVICE_INFO: QCoreApplication.translate("OutboxTexts", "Salon news"),
        Category.SIMILAR_OFFER: QCoreApplication.translate(
            "OutboxTexts", "Offer for existing customers"
        ),
        Category.MARKETING: QCoreApplication.translate("OutboxTexts", "Advertising"),
    }
    return categories[category]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---- the model ----------------------------------------------------------------------------
class OutboxModel(PagedRowsModel[OutboxListRow]):
    """Outbox messages for a table view, loaded page by page (see ``PagedRowsModel``)."""

    def __init__(self, time_zone: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._time_zone = time_zone

    def replace_row(self, row: OutboxListRow) -> None:
        """Show a changed message (after a retry) in place."""
        for number, existing in enumerate(self._rows):
            if existing.id == row.id:
                self._rows[number] = row
                self.dataChanged.emit(self.index(number, 0), self.index(number, len(Column) - 1))
                return

    # ---- Qt model API -----------------------------------------------------------------
    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._has_more and not self._loading

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent) or not self._rows:
            return
        self._loading = True
        self.more_requested.emit(self._rows[-1].id)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Column):
            return None
        titles = {
            Column.TIME: self.tr("Queued at"),
            Column.CUSTOMER: self.tr("Customer"),
            Column.CHANNEL: self.tr("Channel"),
            Column.KIND: self.tr("Message"),
            Column.STATUS: self.tr("Status"),
            Column.REASON: self.tr("Reason"),
        }
        return titles[Column(section)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.ForegroundRole and column in (Column.STATUS, Column.REASON):
            return self._status_brush(row.status)
        if role == ROW_ROLE:
            return row
        if role == STATUS_ROLE:
            return row.status.value
        return None

    def _display(self, row: OutboxListRow, column: Column) -> str:
        if column is Column.TIME:
            return error_text.format_moment(row.created_at, self._time_zone)
        if column is Column.CUSTOMER:
            return row.customer_name or self.tr("(customer deleted)")
        if column is Column.CHANNEL:
            return channel_name(row.channel)
        if column is Column.KIND:
            return kind_text(row.kind, row.category)
        if column is Column.STATUS:
            return status_text(row.status)
        return _sentence(outbox_reason_text(row.reason)) if row.reason else ""

    def _tooltip(self, row: OutboxListRow) -> str:
        lines = [self.tr("To: {address}").format(address=row.to_address)]
        if row.subject:
            lines.append(self.tr("Subject: {subject}").format(subject=row.subject))
        if row.attempts:
            lines.append(self.tr("Handed over %n time(s)", "", row.attempts))
        if row.reason:
            lines.append(_sentence(outbox_reason_text(row.reason)))
        return "\n".join(lines)

    @staticmethod
    def _status_brush(status: OutboxStatus) -> QBrush | None:
        if status in _TROUBLE:
            return QBrush(QColor(palette.ERROR))
        if status in _NOT_SENT:
            return QBrush(QColor(palette.WARNING))
        if status in _DONE:
            return QBrush(QColor(palette.SUCCESS))
        return None
