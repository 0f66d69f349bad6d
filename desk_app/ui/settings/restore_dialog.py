"""File ▸ Restore backup … (issue 13): the backups in the backup folder with their date,
kind and size (or any file chosen), checked before anything is asked (intact, a Salon
Desk database, a schema this version knows), then a confirmation, then the restore on
the database worker (the current state is kept as a backup first). A refused file is
named with the reason; nothing is replaced.

Never modal ``exec()``: the confirmation is a message box opened with ``open()``.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.backup_plan import BackupKind
from desk_app.services.backups import BackupCheck, BackupRow, RestoreResult
from desk_app.texts import error_text
from desk_app.ui.context import UiContext
from desk_app.ui.settings.form import MessageLabel, hint
from desk_app.ui.widgets.operation import Operation


class RestoreDialog(QDialog):
    """Signals:
    loaded(): the list of backups is shown.
    confirming(): a file passed its checks; ``confirmation`` asks whether to restore it.
    refused(str): a file was refused (the reason); nothing was replaced.
    restored(object): the database now holds the backup (a ``RestoreResult``).
    """

    loaded = Signal()
    confirming = Signal()
    refused = Signal(str)
    restored = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._rows: list[BackupRow] = []
        self._loads = Operation(self, ctx.db_tasks, failed=self._show_error)
        self._work = Operation(self, ctx.db_tasks, error=self._on_refused, exclusive=True)
        self.confirmation: QMessageBox | None = None
        self.setWindowTitle(self.tr("Restore backup"))
        self.setMinimumSize(640, 400)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("backupList")
        self.table.setHorizontalHeaderLabels([self.tr("Made"), self.tr("Kind"), self.tr("Size")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.message = MessageLabel("restoreMessage")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(self.tr("&Restore …"))
        self.restore_button.setObjectName("restoreSelected")
        self.restore_button.setEnabled(False)
        self.file_button = QPushButton(self.tr("From &file …"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                self.tr(
                    "A restore replaces everything in the database (customers, appointments, "
                    "consent records, settings, staff) with the backup's. What is there now "
                    "is kept as a backup first."
                )
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.file_button.clicked.connect(self._on_file_button_clicked)
        self.refresh()

    # ---- the list -----------------------------------------------------------------------
    def refresh(self) -> None:
        self._loads.run(self._ctx.services.backups.backups, self._on_loaded)

    def _on_loaded(self, rows: list[BackupRow]) -> None:
        self._rows = rows
        self.table.setRowCount(len(rows))
        locale = QLocale()
        for index, row in enumerate(rows):
            made = QTableWidgetItem(error_text.format_moment(row.at, self._ctx.time_zone))
            made.setData(Qt.ItemDataRole.UserRole, str(row.path))
            made.setToolTip(str(row.path))
            size = QTableWidgetItem(locale.formattedDataSize(row.size))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(index, 0, made)
            self.table.setItem(index, 1, QTableWidgetItem(self._kind_text(row.kind)))
            self.table.setItem(index, 2, size)
        if not rows:
            self.message.show_info(self.tr("There are no backups in the backup folder yet."))
        self.loaded.emit()

    def _kind_text(self, kind: BackupKind) -> str:
        return {
            BackupKind.DAILY: self.tr("daily"),
            BackupKind.MANUAL: self.tr("by hand"),
            BackupKind.BEFORE_RESTORE: self.tr("before a restore"),
        }[kind]

    def _on_table_item_selection_changed(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectedItems()))

    # ---- check, confirm, restore ---------------------------------------------------------
    def _on_restore_button_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.check(self._rows[rows[0].row()].path)

    def _on_file_button_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr("Restore from file"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda chosen: self.check(Path(chosen)))
        dialog.open()

    def check(self, backup: Path) -> None:
        """Check ``backup``; if it passes, ask whether to restore it."""
        backups = self._ctx.services.backups
        self.message.show_info(self.tr("Checking the backup …"))
        self._work.run(lambda: backups.check(backup), lambda found: self._confirm(backup, found))

    def _confirm(self, backup: Path, checked: BackupCheck) -> None:
        self.message.clear_message()
        question = self.tr(
            "Replace everything in the database with the backup {file} of “{salon}”?\n\n"
            "Whatever was entered since that backup is replaced (it stays in the copy "
            "that is made first)."
        ).format(file=backup.name, salon=checked.salon_name)
        if checked.other_database:
            question = (
                self.tr(
                    "This backup is not a copy of this database: it comes from another one "
                    "(salon “{salon}”, another counter PC or another installation).\n\n"
                ).format(salon=checked.salon_name)
                + question
            )
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Restore backup"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter never replaces
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Restore"))
        box.finished.connect(lambda answer: self._on_confirmed(backup, checked, answer))
        self.confirmation = box
        box.open()
        self.confirming.emit()

    def _on_confirmed(self, backup: Path, checked: BackupCheck, answer: int) -> None:
        self.confirmation = None
        if answer != QMessageBox.StandardButton.Yes:
            return
        backups, actor = self._ctx.services.backups, self._ctx.signed_in.actor
        self.message.show_info(self.tr("Restoring …"))
        self.restore_button.setEnabled(False)
        other = checked.other_database  # seen in the question just answered
        self._work.run(lambda: backups.restore(actor, backup, other), self._on_restored)

    def _on_restored(self, result: RestoreResult) -> None:
        self.restored.emit(result)
        self.accept()

    def _on_refused(self, error: BaseException) -> None:
        self.restore_button.setEnabled(bool(self.table.selectedItems()))
        text = error_text.describe(error, self._ctx.time_zone)
        self._show_error(text)
        self.refused.emit(text)

    def _show_error(self, text: str) -> None:
        self.message.show_error(text)
