"""The "Backups" tab (issue 13): where the daily backups go, how many are kept, after
how many days without one the status bar warns, when the newest good one was made, and
"Back up now". Changes are saved at once (like the data protection tab), each through its
declaration in ``desk_app.domain.salon_settings``; everything runs on the database worker.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.salon_settings import number_range
from desk_app.services.backups import BackupStatus
from desk_app.texts import error_text
from desk_app.ui.context import UiContext
from desk_app.ui.settings.form import MessageLabel, add_row, hint
from desk_app.ui.signed_in import settings_saver
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.widgets.autosave import Autosave
from desk_app.ui.widgets.operation import Operation

FOLDER_KEY = "backup_folder"
SPIN_KEYS = ("backup_keep_daily", "backup_keep_weekly", "backup_warn_days")
SAVED_SHOWN_MS = 3000


class BackupTab(QWidget):
    """Signals:
    loaded(): the stored settings and the backup status are shown.
    backed_up(str): "Back up now" wrote this file.
    saved(str): the setting with this key was saved.
    """

    loaded = Signal()
    backed_up = Signal(str)
    saved = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._loads = Operation(self, ctx.db_tasks, failed=self._on_load_failed)
        self._backups = Operation(self, ctx.db_tasks, failed=self._on_backup_failed)
        self._autosave = Autosave(
            ctx.db_tasks, settings_saver(ctx.services.catalogue, ctx.signed_in), self
        )
        self.folder = QLineEdit()
        self.folder.setObjectName("backupFolder")
        self.choose = QPushButton(self.tr("C&hoose …"))
        self.spins: dict[str, QSpinBox] = {}
        for key in SPIN_KEYS:
            box = QSpinBox()
            box.setObjectName(key)
            box.setRange(*number_range(key))
            self.spins[key] = box
        self.spins["backup_keep_daily"].setSuffix(self.tr(" days"))
        self.spins["backup_keep_weekly"].setSuffix(self.tr(" weeks"))
        self.spins["backup_warn_days"].setSuffix(self.tr(" days"))
        self.last = QLabel()
        self.last.setObjectName("backupLast")
        self.last.setWordWrap(True)
        self.now_button = QPushButton(self.tr("&Back up now"))
        self.now_button.setObjectName("backupNow")
        self.message = MessageLabel("backupMessage")
        self._saved_label = QLabel()
        set_tone(self._saved_label, Tone.SUCCESS)
        self._saved_timer = QTimer(self)
        self._saved_timer.setSingleShot(True)
        self._saved_timer.setInterval(SAVED_SHOWN_MS)
        self._content = QWidget()
        self._content.setEnabled(False)  # until the stored values are in
        self._build()

        self.choose.clicked.connect(self._on_choose_clicked)
        self.now_button.clicked.connect(self.back_up_now)
        self._saved_timer.timeout.connect(self._saved_label.clear)
        self._autosave.add_line_edit(FOLDER_KEY, self.folder)
        for key, box in self.spins.items():
            self._autosave.add_spin_box(key, box, partial(_read, box), partial(_show, box))
        self._autosave.saved.connect(self._on_saved)
        self._autosave.refused.connect(self._on_refused)
        self.refresh()

    def _build(self) -> None:
        folder_row = QHBoxLayout()
        folder_row.setContentsMargins(0, 0, 0, 0)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose)
        folder_box = QWidget()
        folder_box.setLayout(folder_row)
        form = QFormLayout()
        add_row(form, self.tr("&Folder:"), folder_box)
        add_row(form, self.tr("Keep daily backups for:"), self.spins["backup_keep_daily"])
        add_row(form, self.tr("Keep weekly backups for:"), self.spins["backup_keep_weekly"])
        add_row(form, self.tr("Warn after no backup for:"), self.spins["backup_warn_days"])
        now_row = QHBoxLayout()
        now_row.addWidget(self.now_button)
        now_row.addWidget(self.last, 1)
        content = QVBoxLayout(self._content)
        content.setContentsMargins(0, 0, 0, 0)
        content.addLayout(form)
        content.addWidget(
            hint(
                self.tr(
                    "While the window is open, the database is copied into this folder once "
                    "a day (and at start when today has no copy yet). Better a folder on "
                    "another disk or a network share: a copy on the same disk is lost with "
                    "it. Restore a copy with File ▸ Restore backup …"
                )
            )
        )
        content.addLayout(now_row)
        content.addWidget(self.message)
        content.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(hint(self.tr("Changes on this page are saved at once.")), 1)
        top.addWidget(self._saved_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._content, 1)

    # ---- public -------------------------------------------------------------------------
    def refresh(self) -> None:
        catalogue, backups = self._ctx.services.catalogue, self._ctx.services.backups

        def work() -> tuple[dict[str, str], BackupStatus, Path]:
            stored = catalogue.stored_settings()
            status = backups.status()
            # The default folder shown greyed in the empty field: where "" puts them.
            return stored, status, backups.default_folder()

        self._autosave.begin_load()
        self._loads.run(work, self._on_loaded)

    def back_up_now(self) -> None:
        backups, actor = self._ctx.services.backups, self._ctx.signed_in.actor
        self.message.show_info(self.tr("Backing up …"))
        self.now_button.setEnabled(False)
        self._backups.run(lambda: backups.back_up_now(actor), self._on_backed_up)

    # ---- answers ------------------------------------------------------------------------
    def _on_loaded(self, answer: tuple[dict[str, str], BackupStatus, Path]) -> None:
        stored, status, default = answer
        self._autosave.load(stored)
        self.folder.setPlaceholderText(str(default))
        self._show_status(status)
        self._content.setEnabled(True)
        self.loaded.emit()

    def _show_status(self, status: BackupStatus) -> None:
        if status.newest is None:
            text = self.tr("No backup yet in {folder}.").format(folder=status.folder)
        else:
            text = self.tr("Last good backup: {time}").format(
                time=error_text.format_moment(status.newest, self._ctx.time_zone)
            )
        self.last.setText(text)
        set_tone(self.last, Tone.WARNING if status.too_old else None)

    def _on_load_failed(self, text: str) -> None:
        self.message.show_error(text)

    def _on_backed_up(self, written: Path) -> None:
        self.now_button.setEnabled(True)
        self.message.show_info(self.tr("Backup written to {file}.").format(file=written))
        self.backed_up.emit(str(written))
        self.refresh()

    def _on_backup_failed(self, text: str) -> None:
        self.now_button.setEnabled(True)
        self.message.show_error(text)

    def _on_choose_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr("Backup folder"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self._on_folder_chosen)
        dialog.open()

    def _on_folder_chosen(self, folder: str) -> None:
        self.folder.setText(folder)
        self.folder.textEdited.emit(folder)  # saved like typed
        self.folder.editingFinished.emit()

    def _on_saved(self, key: str) -> None:
        self.message.clear_message()
        self._saved_label.setText(self.tr("✓ Saved"))
        self._saved_timer.start()
        self.saved.emit(key)
        if key == FOLDER_KEY:
            self.refresh()  # the status of the new folder

    def _on_refused(self, _key: str, error: BaseException) -> None:
        self.message.show_error(error_text.describe(error, self._ctx.time_zone))


def _read(box: QSpinBox) -> str:
    return str(box.value())


def _show(box: QSpinBox, value: str) -> None:
    blocked = box.blockSignals(True)
    box.setValue(int(value))
    box.blockSignals(blocked)
