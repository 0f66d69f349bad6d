"""The owner's audit log (issue 12): who did what, when, on what; filtered, a page at a
time as the table scrolls, newest first, and the filtered entries as a CSV file.

Only a member who may read the log (``Permission.VIEW_AUDIT``, the owner) sees entries:
the window greys out its menu entry for the others (``audit_access``), and should the
member at the window change while this is open, the rows go from the screen and the
reason takes their place. The service checks the stored role as well.

Every read and the export run on the database worker; the GUI thread never waits.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.access import Actor, may
from desk_app.domain.enums import Permission
from desk_app.domain.errors import NotPermitted
from desk_app.services.audit import PAGE_SIZE, AuditFilter, AuditPage, AuditService
from desk_app.services.private_files import open_private
from desk_app.services.rows import StaffRow
from desk_app.texts import error_text
from desk_app.texts.access_words import refusal_text
from desk_app.ui.audit.audit_filters import AuditFilterBar
from desk_app.ui.audit.audit_model import AuditModel, Column
from desk_app.ui.context import UiContext
from desk_app.ui.settings.form import MessageLabel
from desk_app.ui.widgets.empty_state import EmptyState
from desk_app.ui.widgets.operation import Operation


def write_audit_file(audit: AuditService, actor: Actor, where: AuditFilter, path: Path) -> int:
    """The filtered entries as a CSV file only this user may read (it names staff and
    customers); UTF-8 with a BOM, as the customer export, so spreadsheets read umlauts."""
    with open_private(path, "w", encoding="utf-8-sig", newline="") as handle:
        return audit.export_csv(actor, where, handle)


class AuditLogDialog(QDialog):
    """The audit log in a window of its own, beside the counter's sections.

    Signals:
        loaded(): a first page (or the refusal) is on screen.
        exported(int): the CSV file was written with this many entries.
    """

    loaded = Signal()
    exported = Signal(int)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._audit = ctx.services.audit
        self._page_size = page_size
        self._where = AuditFilter()
        self._refused = False
        self.setWindowTitle(self.tr("Audit log"))
        self.setObjectName("auditLog")
        self.resize(1000, 600)
        today = today or datetime.now(ZoneInfo(ctx.time_zone)).date()

        self._loads = Operation(self, ctx.db_tasks, error=self._on_load_failed, skip_outdated=True)
        self._exports = Operation(self, ctx.db_tasks, error=self._on_export_failed, exclusive=True)

        about = QLabel(
            self.tr(
                "Who did what, and when: sign-ins, consent recorded or withdrawn, exports, "
                "erasures, campaigns sent, and changes to settings and staff. Entries cannot "
                "be changed or deleted."
            )
        )
        about.setWordWrap(True)
        self.filters = AuditFilterBar(today)
        self._model = AuditModel(ctx.time_zone, self)
        self.table = self._build_table(self._model)
        self.empty = EmptyState()
        self.empty.setObjectName("auditEmpty")
        self.empty.action_triggered.connect(self.filters.reset)
        self.empty.hide()
        self.message = MessageLabel("auditMessage")
        self.export_button = QPushButton(self.tr("&Export as CSV…"))
        self.export_button.setObjectName("auditExport")
        self.export_button.setToolTip(self.tr("Save the entries these filters show as a CSV file"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.filters.changed.connect(self.refresh)
        self._model.more_requested.connect(self._on_model_more_requested)
        ctx.signed_in.changed.connect(self._on_signed_in_changed)
        self._load_members()
        self.refresh()

    @staticmethod
    def _build_table(model: AuditModel) -> QTableView:
        table = QTableView()
        table.setObjectName("auditTable")
        table.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.setWordWrap(False)  # long details: the tooltip shows them whole
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in (
            (Column.TIME, 120),
            (Column.MEMBER, 165),  # "Gemeinsame Anmeldung" whole
            (Column.ROLE, 90),
            (Column.ACTION, 170),
            (Column.SUBJECT, 190),
        ):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        return table

    # ---- public -------------------------------------------------------------------------
    def model(self) -> AuditModel:
        return self._model

    def refresh(self) -> None:
        """The first page for the chosen filters, as the member now signed in."""
        actor = self._ctx.signed_in.actor
        if not may(actor.role, Permission.VIEW_AUDIT):
            self._refuse(NotPermitted(Permission.VIEW_AUDIT, actor.role))
            return
        self._where = where = self.filters.current(self._ctx.time_zone)
        self._model.start_load()
        audit, size = self._audit, self._page_size
        self._loads.run(lambda: audit.entries(actor, where, limit=size), self._on_first_page)

    def export_to(self, path: Path) -> None:
        """Write the entries the filters show now to ``path`` (on the database worker)."""
        actor, where, audit = self._ctx.signed_in.actor, self._where, self._audit
        self.export_button.setEnabled(False)
        self._exports.run(
            lambda: (write_audit_file(audit, actor, where, path), path), self._on_exported
        )

    # ---- loading (answers on the GUI thread) ------------------------------------------
    def _load_members(self) -> None:
        catalogue = self._ctx.services.catalogue
        self._ctx.db_tasks.submit(
            self, lambda: catalogue.list_staff(include_inactive=True), self._on_members_loaded
        )

    def _on_members_loaded(self, members: list[StaffRow]) -> None:
        self.filters.set_members(members)

    def _on_first_page(self, page: AuditPage) -> None:
        self._refused = False
        self._set_open(True)
        self.message.clear_message()
        self._model.set_rows(page.rows, page.next_before_id is not None)
        self._update_empty()
        self.loaded.emit()

    def _on_model_more_requested(self, before_id: int) -> None:
        actor, where, audit, size = (
            self._ctx.signed_in.actor,
            self._where,
            self._audit,
            self._page_size,
        )
        self._loads.run(
            lambda: audit.entries(actor, where, before_id, limit=size), self._on_next_page
        )

    def _on_next_page(self, page: AuditPage) -> None:
        self._model.append_rows(page.rows, page.next_before_id is not None)

    def _on_load_failed(self, error: BaseException) -> None:
        if isinstance(error, NotPermitted):
            self._refuse(error)
            return
        self._model.fetch_failed()
        self.message.show_error(error_text.describe(error, self._ctx.time_zone))

    def _refuse(self, refusal: NotPermitted) -> None:
        """Nothing of the log stays on screen; the reason says who may read it."""
        self._loads.drop()
        self._refused = True
        self._model.clear()
        self._set_open(False)
        self.empty.show_state(refusal_text(refusal))
        self.table.hide()
        self.empty.show()
        self.loaded.emit()

    def _set_open(self, is_open: bool) -> None:
        is_open = is_open and not self._refused
        self.filters.setEnabled(is_open)
        self.export_button.setEnabled(is_open and not self._exports.busy())

    def _update_empty(self) -> None:
        empty = self._model.rowCount() == 0
        if self.filters.is_narrowed():
            self.empty.show_state(
                self.tr("No entries match these filters."),
                self.tr("Choose “Everyone”, “All actions” or earlier days to see more."),
                self.tr("&Show all entries"),
            )
        else:
            self.empty.show_state(
                self.tr("Nothing recorded yet."),
                self.tr(
                    "Sign-ins, consent, exports, erasures, campaigns and changes to "
                    "settings and staff will be listed here."
                ),
            )
        self.table.setVisible(not empty)
        self.empty.setVisible(empty)

    def _on_signed_in_changed(self, _actor: Actor) -> None:
        self.refresh()

    # ---- export -------------------------------------------------------------------------
    def _on_export_button_clicked(self) -> None:
        dialog = QFileDialog(
            self,
            self.tr("Export the audit log"),
            str(Path.home() / self.tr("audit-log.csv")),
            self.tr("CSV files (*.csv)"),
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.open()

    def _on_exported(self, result: tuple[int, Path]) -> None:
        count, path = result
        self._set_open(True)
        self.message.show_info(
            self.tr("%n entries saved to {file}.", "", count).format(file=path.name)
        )
        self.message.setToolTip(str(path))
        self.exported.emit(count)

    def _on_export_failed(self, error: BaseException) -> None:
        self._set_open(True)
        if isinstance(error, NotPermitted):
            self._refuse(error)
            return
        if isinstance(error, OSError):
            text = self.tr("Could not save the file: {reason}").format(
                reason=error.strerror or str(error)
            )
        else:
            text = error_text.describe(error, self._ctx.time_zone)
        self.message.show_error(text)
