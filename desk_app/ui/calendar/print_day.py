"""A staff member's day list on paper or as PDF (for the stylist's station).

The list is an HTML table laid out by QTextDocument, which paginates by itself; it goes
to a QPdfWriter, or to a QPrinter when the computer has a printer.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QMarginsF, QTime
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from desk_app.domain.enums import AbsenceKind, AppointmentStatus
from desk_app.services.calendar_plans import DayPlan
from desk_app.services.rows import AppointmentRow
from desk_app.ui.context import UiContext
from desk_app.ui.widgets import palette


def _clock(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)


def _status_text(status: AppointmentStatus) -> str:
    return {
        AppointmentStatus.BOOKED: QCoreApplication.translate("DayListPrint", "booked"),
        AppointmentStatus.ARRIVED: QCoreApplication.translate("DayListPrint", "arrived"),
        AppointmentStatus.DONE: QCoreApplication.translate("DayListPrint", "done"),
        AppointmentStatus.NO_SHOW: QCoreApplication.translate("DayListPrint", "no-show"),
        AppointmentStatus.CANCELLED: QCoreApplication.translate("DayListPrint", "cancelled"),
    }[status]


def _processing_line(row: AppointmentRow, zone: ZoneInfo) -> str:
    """Under the service, its processing time: the stylist is free then (an appointment
    booked into it is listed in its time order, between the two working phases)."""
    if row.processing_starts_at is None or row.processing_ends_at is None:
        return ""
    text = QCoreApplication.translate("DayListPrint", "processing {start}–{end}").format(
        start=_clock(row.processing_starts_at, zone), end=_clock(row.processing_ends_at, zone)
    )
    return f"<br><i>{html.escape(text)}</i>"


def day_list_title(plan: DayPlan, staff_id: int) -> str:
    column = plan.column(staff_id)
    name = column.staff.name if column else "?"
    day = QDate(plan.day.year, plan.day.month, plan.day.day)
    return QCoreApplication.translate("DayListPrint", "{staff} – {date}").format(
        staff=name, date=QLocale().toString(day, QLocale.FormatType.LongFormat)
    )


def day_list_html(plan: DayPlan, staff_id: int, salon_name: str = "") -> str:
    """The day list of one staff member: appointments and breaks in time order."""
    zone = ZoneInfo(plan.time_zone)
    column = plan.column(staff_id)
    entries: list[tuple[datetime, str]] = []
    if column is not None:
        for row in column.appointments:
            cancelled = row.status in (AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW)
            style = (
                f' style="color:{palette.STRUCK}; text-decoration:line-through"'
                if cancelled
                else ""
            )
            cells = [
                f"{_clock(row.starts_at, zone)}–{_clock(row.ends_at, zone)}",
                f"<b>{html.escape(row.customer_name)}</b>",
                html.escape(row.service_name) + _processing_line(row, zone),
                html.escape(_status_text(row.status)),
                html.escape(row.note),
            ]
            entries.append(
                (row.starts_at, f"<tr{style}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
            )
        for absence in column.absences:
            kind = (
                QCoreApplication.translate("DayListPrint", "Break")
                if absence.kind is AbsenceKind.BREAK
                else QCoreApplication.translate("DayListPrint", "Absent")
            )
            text = f"{kind}: {absence.note}" if absence.note else kind
            times = f"{_clock(absence.starts_at, zone)}–{_clock(absence.ends_at, zone)}"
            entries.append(
                (
                    absence.starts_at,
                    f'<tr style="color:{palette.PAPER_MUTED}"><td>{times}</td>'
                    f'<td colspan="4"><i>{html.escape(text)}</i></td></tr>',
                )
            )
    entries.sort(key=lambda e: e[0])
    headers = [
        QCoreApplication.translate("DayListPrint", "Time"),
        QCoreApplication.translate("DayListPrint", "Customer"),
        QCoreApplication.translate("DayListPrint", "Service"),
        QCoreApplication.translate("DayListPrint", "Status"),
        QCoreApplication.translate("DayListPrint", "Note"),
    ]
    head = "".join(f'<th align="left">{html.escape(h)}</th>' for h in headers)
    body = "".join(row for _, row in entries) or (
        '<tr><td colspan="5">'
        + html.escape(QCoreApplication.translate("DayListPrint", "No appointments."))
        + "</td></tr>"
    )
    salon = f"<p>{html.escape(salon_name)}</p>" if salon_name else ""
    return (
        f"<h2>{html.escape(day_list_title(plan, staff_id))}</h2>{salon}{closed_day_html(plan)}"
        '<table width="100%" cellspacing="0" cellpadding="4" border="1" '
        f'style="border-collapse:collapse; border-color:{palette.RULE}">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def closed_day_html(plan: DayPlan) -> str:
    """A closed day (a holiday, the salon's closure) says so above the list: whatever is
    still booked that day needs moving or cancelling."""
    if plan.closed is None:
        return ""
    text = (
        QCoreApplication.translate("DayListPrint", "The salon is closed: {note}").format(
            note=plan.closed
        )
        if plan.closed
        else QCoreApplication.translate("DayListPrint", "The salon is closed this day.")
    )
    return f"<p><b>{html.escape(text)}</b></p>"


def _render(device: QPagedPaintDevice, plan: DayPlan, staff_id: int, salon_name: str) -> None:
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setHtml(day_list_html(plan, staff_id, salon_name))
    document.print_(device)


def write_day_pdf(path: Path | str, plan: DayPlan, staff_id: int, salon_name: str = "") -> None:
    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(day_list_title(plan, staff_id))
    writer.setCreator("Salon Desk")
    _render(writer, plan, staff_id, salon_name)


def print_day_list(
    parent: QWidget, plan: DayPlan, staff_id: int, salon_name: str = ""
) -> Path | None:
    """Print through the system's dialog, or save a PDF when there is no printer.

    Returns the PDF path when one was written.
    """
    if QPrinterInfo.availablePrinters():
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(day_list_title(plan, staff_id))
        dialog = QPrintDialog(printer, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            _render(printer, plan, staff_id, salon_name)
        return None
    column = plan.column(staff_id)
    suggested = f"{plan.day.isoformat()} {column.staff.name if column else ''}.pdf".strip()
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("DayListPrint", "Save day list as PDF"),
        suggested,
        QCoreApplication.translate("DayListPrint", "PDF files (*.pdf)"),
    )
    if not path:
        return None
    write_day_pdf(path, plan, staff_id, salon_name)
    return Path(path)


def print_day_later(
    parent: QWidget,
    ctx: UiContext,
    day: tuple[date, int, str],
    failed: Callable[[BaseException], None],
) -> None:
    """Load the day (date, staff id, salon name) in the background, then print it."""
    when, staff_id, salon_name = day
    calendar, time_zone = ctx.services.calendar, ctx.time_zone
    ctx.db_tasks.submit(
        parent,
        lambda: calendar.day(when, time_zone),
        lambda plan: print_day_list(parent, plan, staff_id, salon_name),
        failed,
    )
