"""The "Data protection" tab: the retention period (issue 12, DESIGN.md 2.5).

The switch and the number of years are saved at once, like the online booking tab, each
through its declaration in ``desk_app.domain.salon_settings``. "Show who would be
affected" counts the customers the next run would anonymise for the years shown (also
before they are saved) and lists them by name with their last appointment; the list
loads page by page as it is scrolled. Everything runs on the database worker.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.salon_settings import number_range
from desk_app.services.retention import PageKey, RetentionPage, RetentionPreview
from desk_app.texts import error_text
from desk_app.ui.context import UiContext
from desk_app.ui.settings.form import MessageLabel, hint
from desk_app.ui.settings.retention_model import RetentionModel, day_text
from desk_app.ui.signed_in import settings_saver
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.tasks import weakly
from desk_app.ui.widgets.autosave import Autosave
from desk_app.ui.widgets.operation import Operation

SWITCH_KEY = "retention_anonymise"
YEARS_KEY = "retention_years"
SAVED_SHOWN_MS = 3000


class RetentionTab(QWidget):
    """Signals:
    loaded(): the stored settings arrived and are shown.
    previewed(int): the preview's count arrived (its first page is shown).
    saved(str): the setting with this key was saved.
    """

    loaded = Signal()
    previewed = Signal(int)
    saved = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._loads = Operation(self, ctx.db_tasks, failed=self._on_load_failed)
        self._previews = Operation(self, ctx.db_tasks, failed=self._on_preview_failed)
        self._pages = Operation(self, ctx.db_tasks, failed=self._on_page_failed)
        self._autosave = Autosave(
            ctx.db_tasks, settings_saver(ctx.services.catalogue, ctx.signed_in), self
        )

        self.switch = QCheckBox(self.tr("&Anonymise customers who have had no appointment for"))
        self.switch.setObjectName("retentionSwitch")
        self.years = QSpinBox()
        self.years.setObjectName("retentionYears")
        self.years.setRange(*number_range(YEARS_KEY))
        self.years.setSuffix(self.tr(" years"))
        self.years.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.error = MessageLabel("retentionError")
        self.preview_button = QPushButton(self.tr("&Show who would be affected"))
        self.preview_button.setObjectName("retentionPreview")
        self.count = QLabel()
        self.count.setObjectName("retentionCount")
        self.count.setWordWrap(True)
        self.model = RetentionModel(ctx.time_zone, self)
        self.table = QTableView()
        self.table.setObjectName("retentionList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.preview_error = MessageLabel("retentionPreviewError")
        self._saved_label = QLabel()
        self._saved_label.setObjectName("retentionSavedLabel")
        set_tone(self._saved_label, Tone.SUCCESS)
        self._saved_timer = QTimer(self)
        self._saved_timer.setSingleShot(True)
        self._saved_timer.setInterval(SAVED_SHOWN_MS)
        self._load_error = MessageLabel("retentionLoadError")

        self._content = QWidget()
        self._content.setEnabled(False)  # until the stored values are in
        self._build(self._content)
        top = QHBoxLayout()
        top.addWidget(hint(self.tr("Changes on this page are saved at once.")), 1)
        top.addWidget(self._saved_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._load_error)
        layout.addWidget(self._content, 1)

        self.switch.toggled.connect(self._on_switch_toggled)
        self.years.valueChanged.connect(self._on_years_changed)
        self.preview_button.clicked.connect(self.show_preview)
        self.model.more_requested.connect(self._load_more)
        self._saved_timer.timeout.connect(self._saved_label.clear)
        self._autosave.add_spin_box(YEARS_KEY, self.years, self._years_text, self._show_years)
        self._autosave.saved.connect(self._on_saved)
        self._autosave.refused.connect(self._on_refused)
        self.refresh()

    def _build(self, content: QWidget) -> None:
        rule = QHBoxLayout()
        rule.setContentsMargins(0, 0, 0, 0)
        rule.addWidget(self.switch)
        rule.addWidget(self.years)
        rule.addStretch(1)
        explained = hint(
            self.tr(
                "Once a day, customers whose last appointment (of any kind, also cancelled) "
                "began longer ago than this, with none booked ahead, are anonymised as if "
                "erased: name, contact details, notes and appointments are removed. The "
                "consent proof is kept, and their email address and mobile number stay "
                "blocked for advertising. Customers entered more recently, and those with "
                "an online booking request still open, are left alone."
            )
        )
        preview_row = QHBoxLayout()
        preview_row.setContentsMargins(0, 0, 0, 0)
        preview_row.addWidget(self.preview_button)
        preview_row.addWidget(self.count, 1)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(rule)
        layout.addWidget(self.error)
        layout.addWidget(explained)
        layout.addLayout(preview_row)
        layout.addWidget(self.preview_error)
        layout.addWidget(self.table, 1)

    # ---- public -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the stored settings (the answer drops in later)."""
        self._autosave.begin_load()
        self._loads.run(self._ctx.services.catalogue.stored_settings, self._on_loaded)

    def show_preview(self) -> None:
        """Count and list, for the years shown, who a run would anonymise now."""
        retention, actor = self._ctx.services.retention, self._ctx.signed_in.actor
        years = self.years.value()
        self.preview_error.clear_message()
        self.count.setText(self.tr("Counting …"))
        self.preview_button.setEnabled(False)

        def work() -> tuple[RetentionPreview, RetentionPage]:
            return retention.preview(actor, years), retention.page(actor, years)

        self._pages.drop()
        self._previews.run(work, self._on_previewed)

    # ---- loading ------------------------------------------------------------------------
    def _on_loaded(self, stored: dict[str, str]) -> None:
        self._load_error.clear_message()
        if not self._autosave.was_edited(SWITCH_KEY):
            blocked = self.switch.blockSignals(True)
            self.switch.setChecked(stored[SWITCH_KEY] == "on")
            self.switch.blockSignals(blocked)
        self._autosave.load(stored)
        self._content.setEnabled(True)
        self.loaded.emit()

    def _on_load_failed(self, text: str) -> None:
        self._load_error.show_error(text)

    def _years_text(self) -> str:
        return str(self.years.value())

    def _show_years(self, value: str) -> None:
        blocked = self.years.blockSignals(True)
        self.years.setValue(int(value))
        self.years.blockSignals(blocked)

    # ---- the preview --------------------------------------------------------------------
    def _on_years_changed(self, _years: int) -> None:
        # A list for another number of years would mislead: it goes until asked again.
        self._previews.drop()
        self._pages.drop()
        self.model.clear()
        self.count.clear()
        self.preview_button.setEnabled(True)

    def _on_previewed(self, answer: tuple[RetentionPreview, RetentionPage]) -> None:
        preview, page = answer
        self.preview_button.setEnabled(True)
        self.count.setText(
            self.tr(
                "%n customer(s) would be anonymised now (no appointment since {date}).",
                "",
                preview.count,
            ).format(date=day_text(preview.rule.cutoff, self._ctx.time_zone))
        )
        self.model.set_rows(page.rows, page.next_after)
        self.previewed.emit(preview.count)

    def _on_preview_failed(self, text: str) -> None:
        self.preview_button.setEnabled(True)
        self.count.clear()
        self.preview_error.show_error(text)

    def _load_more(self, after: PageKey) -> None:
        retention, actor = self._ctx.services.retention, self._ctx.signed_in.actor
        years = self.years.value()
        self._pages.run(lambda: retention.page(actor, years, after), self._on_page)

    def _on_page(self, page: RetentionPage) -> None:
        self.model.append_rows(page.rows, page.next_after)

    def _on_page_failed(self, text: str) -> None:
        self.model.fetch_failed()
        self.preview_error.show_error(text)

    # ---- saving -------------------------------------------------------------------------
    def _on_switch_toggled(self, on: bool) -> None:
        self._autosave.note_edited(SWITCH_KEY)
        catalogue, actor = self._ctx.services.catalogue, self._ctx.signed_in.actor
        value = "on" if on else "off"
        self._ctx.db_tasks.submit(
            self,
            lambda: catalogue.set_settings({SWITCH_KEY: value}, actor=actor),
            weakly(self._on_switch_saved),
            weakly(self._on_switch_failed, on),
        )

    def _on_switch_saved(self, _stored: object) -> None:
        self._on_saved(SWITCH_KEY)

    def _on_switch_failed(self, on: bool, error: BaseException) -> None:
        if self.switch.isChecked() == on:  # back to what is stored
            blocked = self.switch.blockSignals(True)
            self.switch.setChecked(not on)
            self.switch.blockSignals(blocked)
        self.error.show_error(error_text.describe(error, self._ctx.time_zone))

    def _on_saved(self, key: str) -> None:
        self.error.clear_message()
        self._saved_label.setText(self.tr("✓ Saved"))
        self._saved_timer.start()
        self.saved.emit(key)

    def _on_refused(self, _key: str, error: BaseException) -> None:
        self.error.show_error(error_text.describe(error, self._ctx.time_zone))
