"""Changing "this and all following" occurrences of a series from the calendar: plan the
change (every later occurrence checked, off the GUI thread), show the conflicts step
when any is refused at its new place, then hand the change with the receptionist's
decisions to the calendar's commands (one undoable step)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QWidget

from desk_app.services.rows import AppointmentRow
from desk_app.services.series_changes import FollowingPlan, OccurrenceChange
from desk_app.texts import error_text
from desk_app.ui.calendar.commands import CalendarCommands
from desk_app.ui.calendar.series_conflicts import SeriesConflictsDialog
from desk_app.ui.context import UiContext


class SeriesChangeFlow(QObject):
    """``gave_up`` is called when nothing is changed: the receptionist went back from
    the conflicts step, or planning failed (``failed`` is told why)."""

    def __init__(
        self,
        ctx: UiContext,
        commands: CalendarCommands,
        parent: QWidget,
        row: AppointmentRow,
        change: OccurrenceChange,
        gave_up: Callable[[], None],
        failed: Callable[[str], None],
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._commands = commands
        self._parent = parent
        self._row = row
        self._change = change
        self._gave_up = gave_up
        self._failed = failed
        self._dialog: SeriesConflictsDialog | None = None
        # Until the change is handed to the commands (or given up): a second change of
        # the series planned before it would plan against the series as it was.
        self.running = True

    def start(self) -> None:
        changes, appointment_id, change = (
            self._ctx.services.series_changes,
            self._row.id,
            self._change,
        )
        self._ctx.db_tasks.submit(
            self, lambda: changes.plan(appointment_id, change), self._on_planned, self._on_error
        )

    def conflicts_dialog(self) -> SeriesConflictsDialog | None:
        return self._dialog

    def _on_planned(self, plan: FollowingPlan) -> None:
        if not plan.conflicts:
            self.running = False
            self._commands.change_series(self._row, self._change, {})
            return
        dialog = SeriesConflictsDialog(plan, self._ctx.time_zone, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_dialog_finished)
        self._dialog = dialog
        dialog.open()

    def _on_dialog_finished(self, result: int) -> None:
        dialog, self._dialog = self._dialog, None
        self.running = False
        if dialog is None or result != QDialog.DialogCode.Accepted:
            self._gave_up()
            return
        self._commands.change_series(self._row, self._change, dialog.decisions())

    def _on_error(self, exc: BaseException) -> None:
        self.running = False
        self._gave_up()
        self._failed(error_text.describe(exc, self._ctx.time_zone))
