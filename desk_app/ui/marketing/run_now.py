"""The "Run now" row of the automations tab: runs every automation once on the database
worker (what the window does every five minutes anyway) and says what happened, in one
line with the details per automation and reason in its tooltip.

May import: PySide6, desk_app.services, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desk_app.services.automations import AutomationReport
from desk_app.texts import error_text
from desk_app.ui.context import UiContext
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.tasks import weakly


class RunNowRow(QWidget):
    """A button that runs the automations, and the summary of the last run.

    Signals:
        finished(object): the run finished; the AutomationReport.
        failed(str): the run failed; the text is for the user.
    """

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._button = QPushButton(self.tr("R&un now"))
        self._button.setObjectName("runNowButton")
        self._summary = QLabel()
        self._summary.setObjectName("runSummary")
        self._summary.setWordWrap(True)
        self._summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)  # as the row had inside the tab's grid: the 8 below only
        layout.addWidget(self._button)
        layout.addSpacing(8)
        layout.addWidget(self._summary, 1)
        self._button.clicked.connect(self._on_button_clicked)

    def _on_button_clicked(self) -> None:
        self._button.setEnabled(False)
        set_tone(self._summary, None)
        self._summary.setToolTip("")
        self._summary.setText(self.tr("Running…"))
        service = self._ctx.services.automations
        self._ctx.db_tasks.submit(
            self, service.run, weakly(self._on_run_done), weakly(self._on_run_error)
        )

    def _on_run_done(self, report: AutomationReport) -> None:
        self._button.setEnabled(True)
        self._summary.setText(self.summary(report))
        self._summary.setToolTip(self._details(report))
        self.finished.emit(report)

    def _on_run_error(self, error: BaseException) -> None:
        self._button.setEnabled(True)
        text = error_text.describe(error, self._ctx.time_zone)
        set_tone(self._summary, Tone.ERROR)
        self._summary.setText(text)
        self.failed.emit(text)

    def summary(self, report: AutomationReport) -> str:
        """One line: queued, already sent, not allowed (and passed over, if any)."""
        if not any(result.enabled for result in report.results):
            return self.tr("All automatic messages are switched off: nothing to do.")
        already = sum(r.skipped_already_sent for r in report.results)
        refused = sum(sum(r.refused.values()) for r in report.results)
        skipped = sum(sum(r.skipped.values()) for r in report.results)
        parts = [
            self.tr("%n message(s) queued", "", report.queued),
            self.tr("%n already sent", "", already),
            self.tr("%n not allowed", "", refused),
        ]
        if skipped:
            parts.append(self.tr("%n passed over", "", skipped))
        return ", ".join(parts)

    def _details(self, report: AutomationReport) -> str:
        """Per automation and reason, for the tooltip of the summary."""
        lines = []
        for result in report.results:
            name = error_text.automation_label(result.automation.value)
            if not result.enabled:
                lines.append(self.tr("{name}: switched off").format(name=name))
                continue
            reasons = [
                f"{error_text.reason_text(code)} ({n})"
                for code, n in sorted(result.refused.items())
            ]
            reasons += [
                f"{error_text.passed_over_text(code)} ({n})"
                for code, n in sorted(result.skipped.items())
            ]
            line = self.tr("{name}: %n queued", "", result.queued).format(name=name)
            if reasons:
                line = self.tr("{line}; not sent: {reasons}").format(
                    line=line, reasons="; ".join(reasons)
                )
            lines.append(line)
        return "\n".join(lines)
