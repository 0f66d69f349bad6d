"""The consent panel of the customer form: the guarded checkbox, states, history, export.

The checkbox "Advertising by email/SMS" is guarded (DESIGN.md 2.1): no mouse click, key
press or shortcut ticks or unticks it. Every such attempt only *asks*
(``tick_requested`` / ``untick_requested``); the panel then opens ``ConsentDialog`` or
``WithdrawalDialog``, and the box shows what the ledger says once that was recorded.

Only a member who may record consent (reception, manager, owner; not a stylist, issue
12) can ask: for the others the box and "Ask for another channel…" are greyed with the
reason (``AccessGate``), and a request that still comes is answered with it.

Imports PySide6, desk_app.services, desk_app.domain and desk_app.ui only.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QDir, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.consent import ConsentStatus
from desk_app.domain.contact import name_key
from desk_app.domain.enums import Channel, ConsentState, Permission
from desk_app.domain.errors import AddressUnreachable, Unreachable
from desk_app.services.json_views import evidence_json
from desk_app.services.private_files import write_private_text
from desk_app.services.rows import ConsentEvidence, CustomerConsentRow
from desk_app.texts import error_text
from desk_app.texts.channel_words import channel_name
from desk_app.texts.consent_words import (
    address_change_notice,
    event_text,
    evidence_detail,
    history,
    is_active,
    moment,
    source_text,
    state_text,
)
from desk_app.ui.access_gate import AccessGate
from desk_app.ui.context import UiContext
from desk_app.ui.customers.consent_dialog import ConsentDialog, WithdrawalDialog
from desk_app.ui.customers.customer_list_model import format_phone
from desk_app.ui.customers.evidence_pdf import write_evidence_pdf
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.widgets import palette
from desk_app.ui.widgets.operation import Operation

_Writer = Callable[[str, "ConsentEvidence"], None]


class GuardedCheckBox(QCheckBox):
    """A checkbox that the user cannot flip: every attempt becomes a request.

    Clicks, the space bar and mnemonics all end in ``nextCheckState``, which only asks;
    ``toggle()``/``setChecked()``/``setCheckState()`` from elsewhere (accessibility tools,
    a stray slot) are undone at once and turned into a request too. Only ``show_state``
    changes the box: ticked for a confirmed consent, partly ticked while a declared one
    waits for the customer's confirmation (never ticked before the customer's click).

    Signals:
        tick_requested(): the user wants it ticked (open the consent dialog).
        untick_requested(): the user wants it unticked (record a withdrawal).
    """

    tick_requested = Signal()
    untick_requested = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._updating = False
        self._shown = Qt.CheckState.Unchecked
        self.stateChanged.connect(self._on_self_state_changed)

    def show_state(self, state: Qt.CheckState | bool) -> None:
        """Show what the ledger says; the only way the box changes."""
        if isinstance(state, bool):
            state = Qt.CheckState.Checked if state else Qt.CheckState.Unchecked
        self._updating = True
        try:
            self.setTristate(state is Qt.CheckState.PartiallyChecked)
            self.setCheckState(state)
            self._shown = state
        finally:
            self._updating = False

    def shown_state(self) -> Qt.CheckState:
        return self._shown

    def nextCheckState(self) -> None:
        # Called by click() for mouse, space bar and shortcut alike: ask, never flip.
        # A partly ticked box (waiting for the customer) is unticked like a ticked one.
        self._request(self._shown is Qt.CheckState.Unchecked)

    def _on_self_state_changed(self, state: int) -> None:
        if self._updating:
            return
        wanted = Qt.CheckState(state)
        self.show_state(self._shown)
        self._request(_RANK[wanted] > _RANK[self._shown])

    def _request(self, tick: bool) -> None:
        if tick:
            self.tick_requested.emit()
        else:
            self.untick_requested.emit()


_RANK = {Qt.CheckState.Unchecked: 0, Qt.CheckState.PartiallyChecked: 1, Qt.CheckState.Checked: 2}


def box_state(status: ConsentStatus) -> Qt.CheckState:
    """Ticked once a channel is confirmed; partly while declared consent waits."""
    states = {info.state for info in status.channels.values()}
    if ConsentState.CONFIRMED in states:
        return Qt.CheckState.Checked
    if ConsentState.PENDING in states:
        return Qt.CheckState.PartiallyChecked
    return Qt.CheckState.Unchecked


class ConsentPanel(QGroupBox):
    """Consent to advertising of one customer.

    Signals:
        consent_changed(int): a declaration or withdrawal was recorded (customer id).
        exported(str): an evidence file was written (its path).
        dialog_opened(QDialog): a consent or withdrawal dialog was opened (for tests
            and the window, which may want to raise it).
        status_loaded(object): a newly read CustomerConsentRow is shown (the customer
            card's badges follow it).
    """

    consent_changed = Signal(int)
    exported = Signal(str)
    dialog_opened = Signal(object)
    status_loaded = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Advertising consent"))
        self._ctx = ctx
        self._customer_id: int | None = None
        self._customer_name = ""
        self._row: CustomerConsentRow | None = None
        self._usable: list[Channel] = []
        self._unreachable: dict[Channel, Unreachable] = {}
        self._blocked: str | None = None
        # The customer's consent state; a newer load supersedes the one on its way.
        self._loads = Operation(self, ctx.db_tasks, failed=self._say, time_zone=ctx.time_zone)

        self._checkbox = GuardedCheckBox(self.tr("Advertising by email/SMS"))
        self._checkbox.setObjectName("consent_checkbox")
        self._checkbox.tick_requested.connect(self._on_checkbox_tick_requested)
        self._checkbox.untick_requested.connect(self._on_checkbox_untick_requested)

        # Beside the partly ticked box: what it means, in words (a dash is easily missed).
        self._pending = QLabel(self.tr("Confirmation pending"))
        self._pending.setObjectName("pending")
        self._pending.setToolTip(
            self.tr(
                "Consent was declared; it counts once the customer clicks the link in the "
                "confirmation request."
            )
        )
        set_tone(self._pending, Tone.WARNING)
        self._pending.hide()

        self._notice = QLabel()
        self._notice.setObjectName("notice")
        self._notice.setWordWrap(True)
        self._notice.hide()
        # A consent that ended because its address changed: said until a new declaration.
        self._address_changed = QLabel()
        self._address_changed.setObjectName("address_changed")
        self._address_changed.setWordWrap(True)
        set_tone(self._address_changed, Tone.WARNING)
        self._address_changed.hide()
        self._objection = QLabel()
        self._objection.setObjectName("objection")
        self._objection.setWordWrap(True)
        set_tone(self._objection, Tone.ERROR)
        self._objection.hide()

        states = QFormLayout()
        states.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._states: dict[Channel, QLabel] = {}
        for channel in Channel:
            label = QLabel()
            label.setObjectName(f"state_{channel.value}")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            states.addRow(self.tr("{channel}:").format(channel=channel_name(channel)), label)
            self._states[channel] = label

        self._another = QPushButton(self.tr("Ask for another channel…"))
        self._another.setObjectName("ask_another")
        self._another.clicked.connect(self._on_another_clicked)
        self._another.hide()
        self._access = AccessGate(ctx.signed_in, self)
        self._access.guard(
            self._checkbox, Permission.RECORD_CONSENT, lambda: self._customer_id is not None
        )
        self._access.guard(self._another, Permission.RECORD_CONSENT)

        # A log, not a table: entries carry long evidence (browser strings) that must wrap.
        self._history = QTextBrowser()
        self._history.setObjectName("consent_history")
        self._history.setOpenLinks(False)
        self._history.setMinimumHeight(90)

        self._export_pdf = QPushButton(self.tr("Evidence as PDF…"))
        self._export_pdf.setObjectName("export_pdf")
        self._export_pdf.clicked.connect(self._on_export_pdf_clicked)
        self._export_json = QPushButton(self.tr("Evidence as JSON…"))
        self._export_json.setObjectName("export_json")
        self._export_json.clicked.connect(self._on_export_json_clicked)
        exports = QHBoxLayout()
        exports.addWidget(self._export_pdf)
        exports.addWidget(self._export_json)
        exports.addStretch(1)

        layout = QVBoxLayout(self)
        box_row = QHBoxLayout()
        box_row.addWidget(self._checkbox)
        box_row.addWidget(self._pending)
        box_row.addStretch(1)
        layout.addLayout(box_row)
        layout.addWidget(self._notice)
        layout.addWidget(self._address_changed)
        layout.addWidget(self._objection)
        layout.addLayout(states)
        another = QHBoxLayout()
        another.addWidget(self._another)
        another.addStretch(1)
        layout.addLayout(another)
        layout.addWidget(QLabel(self.tr("History")))
        layout.addWidget(self._history, 1)
        layout.addLayout(exports)
        self.set_customer(None, "")

    # ---- Qt overrides -------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # The history's secondary lines carry the scheme's muted colour in their HTML:
        # after a switch of the colour scheme they are written again in the other one.
        if event.type() == QEvent.Type.PaletteChange and self._row is not None:
            self._fill_history(self._row)

    # ---- public -------------------------------------------------------------------------
    def checkbox(self) -> GuardedCheckBox:
        return self._checkbox

    def consent(self) -> CustomerConsentRow | None:
        """What the panel shows (None before the first load or for a new customer)."""
        return self._row

    def set_customer(self, customer_id: int | None, name: str) -> None:
        """Show the consent of a saved customer; None for a customer not saved yet."""
        self._customer_id = customer_id
        self._customer_name = name
        self._row = None
        self._usable = []
        self._unreachable = {}
        self._checkbox.show_state(False)
        self._pending.hide()
        self._address_changed.hide()
        self._history.clear()
        for label in self._states.values():
            label.clear()
        self._objection.hide()
        self._another.hide()
        saved = customer_id is not None
        for widget in (self._export_pdf, self._export_json, self._history):
            widget.setEnabled(saved)
        self._access.refresh()  # the box: for a saved customer, and a member who may
        self._say(self._blocked or self._standing_notice())
        if saved:
            self.refresh()
        else:
            self._loads.drop()

    def set_blocked(self, reason: str | None) -> None:
        """Refuse to record anything (with the reason) – e.g. while addresses are edited
        but not saved, because consent is asked for the saved addresses."""
        if reason == self._blocked:
            return  # called on every keystroke: leave other notices alone
        self._blocked = reason
        self._say(reason or self._standing_notice())

    def _standing_notice(self) -> str | None:
        if self._customer_id is None:
            return self.tr("Save the customer first; consent belongs to a saved customer.")
        return None

    def refresh(self) -> None:
        if self._customer_id is None:
            return
        customer_id, consent = self._customer_id, self._ctx.services.consent
        self._loads.run(
            lambda: (
                consent.status(customer_id),
                consent.usable_channels(customer_id),
                consent.unreachable_channels(customer_id),
            ),
            self._on_loaded,
        )

    def export_pdf(self, path: str) -> None:
        self._export(path, self._write_pdf)

    def export_json(self, path: str) -> None:
        self._export(path, self._write_json)

    # ---- showing ------------------------------------------------------------------------
    def _on_loaded(
        self, loaded: tuple[CustomerConsentRow, list[Channel], dict[Channel, Unreachable]]
    ) -> None:
        row, usable, unreachable = loaded
        if row.customer_id != self._customer_id:
            return
        if (row, usable, unreachable) == (self._row, self._usable, self._unreachable):
            return  # a reload after a change elsewhere: keep the history where it was read
        self._row, self._usable, self._unreachable = row, usable, unreachable
        self.status_loaded.emit(row)
        status, zone = row.status, self._ctx.time_zone
        shown = box_state(status)
        self._checkbox.show_state(shown)
        self._pending.setVisible(shown is Qt.CheckState.PartiallyChecked)
        if status.objected and status.objected_at is not None:
            self._objection.setText(
                self.tr(
                    "Unsubscribed from all advertising on {time}. Only a new, confirmed "
                    "consent lifts this."
                ).format(time=moment(status.objected_at, zone))
            )
            self._objection.show()
        else:
            self._objection.hide()
        ended = [
            notice
            for channel in Channel
            if (notice := address_change_notice(channel, status.channels[channel], zone))
        ]
        self._address_changed.setText("\n".join(ended))
        self._address_changed.setVisible(bool(ended))
        addresses = {Channel.EMAIL: row.email or "", Channel.SMS: format_phone(row.phone)}
        for channel, label in self._states.items():
            text = state_text(channel, status.channels[channel], zone)
            if channel in usable:
                text = f"{text}\n{addresses[channel]}"
                if channel in unreachable:
                    text += "\n" + self._unreachable_text(channel)
            elif status.channels[channel].state is ConsentState.NONE:
                text = (
                    self.tr("No email address")
                    if channel is Channel.EMAIL
                    else self.tr("No mobile number")
                )
            label.setText(text)
        self._another.setVisible(shown is not Qt.CheckState.Unchecked and bool(self._offerable()))
        self._fill_history(row)

    def _fill_history(self, row: CustomerConsentRow) -> None:
        entries = []
        for entry in history(row.status):
            channel = channel_name(entry.channel) if entry.channel else self.tr("all channels")
            what = self.tr("{event} ({channel})").format(
                event=event_text(entry.event), channel=channel
            )
            how = ", ".join(
                part for part in (source_text(entry.source), evidence_detail(entry)) if part
            )
            entries.append(
                f"<p style='margin: 0 0 6px 0'><b>{escape(moment(entry.at, self._ctx.time_zone))}"
                f"</b> {escape(what)}"
                + (f"<br><span style='color: {palette.MUTED}'>{escape(how)}</span>" if how else "")
                + "</p>"
            )
        if not entries:
            empty = self.tr("No entries yet.")
            entries.append(f"<p style='color: {palette.MUTED}'>{escape(empty)}</p>")
        self._history.setHtml("".join(entries))

    def history_text(self) -> str:
        """The history as plain text (what the receptionist reads)."""
        return self._history.toPlainText()

    def _unreachable_text(self, channel: Channel) -> str:
        if self._unreachable.get(channel) == "bounced":
            return self.tr("Undeliverable: no consent request can go to this address.")
        return self.tr("On the suppression list: no consent request can go to this address.")

    def _say(self, text: str | None) -> None:
        self._notice.setText(text or "")
        self._notice.setVisible(bool(text))

    def _offerable(self) -> list[Channel]:
        """Usable channels without a consent on the way or in place."""
        if self._row is None:
            return []
        states = self._row.status.channels
        return [
            ch
            for ch in self._usable
            if not is_active(states[ch].state) and ch not in self._unreachable
        ]

    # ---- recording ----------------------------------------------------------------------
    def _on_checkbox_tick_requested(self) -> None:
        self._ask_for(self._offerable())

    def _on_another_clicked(self) -> None:
        self._ask_for(self._offerable())

    def _refused(self) -> bool:
        """Says why this member may not record consent, if they may not (the box is
        greyed, but ``toggle()`` from elsewhere still asks)."""
        reason = self._access.refusal(Permission.RECORD_CONSENT)
        if reason:
            self._say(reason)
        return bool(reason)

    def _ask_for(self, channels: list[Channel]) -> None:
        if self._customer_id is None or self._row is None or self._refused():
            return
        if self._blocked:
            self._say(self._blocked)
            return
        if not channels:
            dead = [ch for ch in self._usable if ch in self._unreachable]
            if dead:
                # Refused before anyone reads the statement aloud, with the reason (the
                # other channel, if any, is pending or confirmed already).
                why = AddressUnreachable(dead[0], self._unreachable[dead[0]])
                self._say(error_text.describe(why, self._ctx.time_zone))
                return
            self._say(self.tr("Enter an email address or a mobile number first, and save."))
            return
        addresses = {
            Channel.EMAIL: self._row.email or "",
            Channel.SMS: format_phone(self._row.phone),
        }
        dialog = ConsentDialog(
            self._ctx, self._customer_id, self._customer_name, channels, addresses, self
        )
        dialog.declared.connect(self._on_dialog_recorded)
        self._open(dialog)

    def _on_checkbox_untick_requested(self) -> None:
        if self._customer_id is None or self._row is None or self._refused():
            return
        states = self._row.status.channels
        active = [ch for ch in Channel if is_active(states[ch].state)]
        if not active:
            return
        dialog = WithdrawalDialog(self._ctx, self._customer_id, self._customer_name, active, self)
        dialog.withdrawn.connect(self._on_dialog_recorded)
        self._open(dialog)

    def _open(self, dialog: ConsentDialog | WithdrawalDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog_opened.emit(dialog)

    def _on_dialog_recorded(self, _result: object) -> None:
        if self._customer_id is not None:
            self.consent_changed.emit(self._customer_id)
        self.refresh()

    # ---- evidence -----------------------------------------------------------------------
    def _suggested_name(self, suffix: str) -> str:
        stem = name_key(self._customer_name).replace(" ", "-") or "kunde"
        today = datetime.now(UTC).date().isoformat()
        name = self.tr("consent-{name}-{date}").format(name=stem, date=today)
        return str(Path(QDir.homePath()) / f"{name}.{suffix}")

    def _on_export_pdf_clicked(self) -> None:
        self._ask_path(self.tr("Save consent evidence as PDF"), "pdf", self.export_pdf)

    def _on_export_json_clicked(self) -> None:
        self._ask_path(self.tr("Save consent evidence as JSON"), "json", self.export_json)

    def _ask_path(self, title: str, suffix: str, then: Callable[[str], None]) -> None:
        dialog = QFileDialog(self, title, self._suggested_name(suffix))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix)
        dialog.setNameFilter(f"{suffix.upper()} (*.{suffix})")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(then)
        dialog.open()

    def _export(self, path: str, write: _Writer) -> None:
        if self._customer_id is None:
            return
        customer_id, privacy = self._customer_id, self._ctx.services.privacy
        self._ctx.db_tasks.submit(
            self,
            lambda: privacy.consent_evidence(customer_id),
            lambda evidence: self._write(path, evidence, write),
            lambda exc: self._say(error_text.describe(exc, self._ctx.time_zone)),
        )

    def _write(self, path: str, evidence: ConsentEvidence, write: _Writer) -> None:
        try:
            write(path, evidence)
        except OSError as exc:
            self._say(
                self.tr("The file could not be written: {reason}").format(reason=exc.strerror)
            )
            return
        self._say(self.tr("Evidence saved: {path}").format(path=path))
        self.exported.emit(path)

    def _write_pdf(self, path: str, evidence: ConsentEvidence) -> None:
        write_evidence_pdf(path, evidence, self._ctx.time_zone)

    def _write_json(self, path: str, evidence: ConsentEvidence) -> None:
        text = json.dumps(evidence_json(evidence), ensure_ascii=False, indent=2)
        write_private_text(path, text + "\n")  # personal data: mode 0600
