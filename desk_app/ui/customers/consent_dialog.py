"""Recording consent to advertising, and its withdrawal, at the counter (DESIGN.md 2.1).

``ConsentDialog`` is the only way the guarded checkbox gets ticked: it shows the
statement to read to the customer (rendered by the service for exactly the channels
chosen, so the text read is the text the ledger hashes), asks how consent was given and
who asked (the member signed in; with the shared sign-in, a name from the list), and
needs an explicit "the customer agreed just now". Cancel or Escape records nothing.
``WithdrawalDialog`` records a withdrawal on the customer's request.

Imports PySide6, desk_app.services, desk_app.domain and desk_app.ui only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.access import Actor
from desk_app.domain.enums import Channel, ConsentSource
from desk_app.domain.statements import ConsentStatement
from desk_app.services.rows import CustomerConsentRow, DeclarationRow, StaffRow
from desk_app.texts import error_text
from desk_app.texts.channel_words import channel_name
from desk_app.texts.consent_words import STAFF_SOURCES, source_text
from desk_app.ui import preferences
from desk_app.ui.context import UiContext
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.widgets.operation import GuardedDialog, Operation

LAST_STAFF_KEY = preferences.CONSENT_STAFF.key  # per-PC: who usually sits at this counter


class RecordedByWidget(QWidget):
    """How the customer told us (phone, in person, in writing) and which staff member:
    the member signed in at this window, shown and not to be changed (the service would
    refuse another name); with the shared sign-in, the one chosen from the list.

    Signals:
        changed(): the choice changed.
    """

    changed = Signal()

    def __init__(self, ctx: UiContext, staff_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._sources = QButtonGroup(self)
        source_row = QHBoxLayout()
        source_row.setContentsMargins(0, 0, 0, 0)
        for number, source in enumerate(STAFF_SOURCES):
            button = QRadioButton(source_text(source))
            button.setObjectName(f"source_{source.value}")
            self._sources.addButton(button, number)
            source_row.addWidget(button)
        source_row.addStretch(1)
        self._sources.idToggled.connect(self._on_sources_id_toggled)
        self._staff = QComboBox()
        self._staff.setObjectName("staff")
        self._staff.addItem(self.tr("– choose –"), None)
        self._staff.currentIndexChanged.connect(self._on_staff_current_index_changed)
        self._member = QLabel()
        self._member.setObjectName("signed_in_staff")
        self._member.setTextFormat(Qt.TextFormat.PlainText)
        who = QHBoxLayout()
        who.setContentsMargins(0, 0, 0, 0)
        who.addWidget(self._staff)
        who.addWidget(self._member, 1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("How:"), source_row)
        form.addRow(staff_label, who)
        self._show_who(ctx.signed_in.actor)
        ctx.signed_in.changed.connect(self._on_signed_in_changed)
        ctx.db_tasks.submit(self, ctx.services.catalogue.list_staff, self._on_staff_loaded)

    def source(self) -> ConsentSource | None:
        number = self._sources.checkedId()
        return STAFF_SOURCES[number] if number >= 0 else None

    def staff(self) -> str | None:
        actor = self._ctx.signed_in.actor
        if actor.is_member:
            return actor.name
        value = self._staff.currentData()
        return str(value) if value else None

    def remember_staff(self) -> None:
        # The list's choice only: a signed-in member is not who usually sits here.
        if not self._ctx.signed_in.actor.is_member and self.staff():
            self._ctx.preferences.setValue(LAST_STAFF_KEY, self.staff())

    def _show_who(self, actor: Actor) -> None:
        self._member.setText(actor.name if actor.is_member else "")
        self._member.setVisible(actor.is_member)
        self._staff.setVisible(not actor.is_member)

    def _on_signed_in_changed(self, actor: Actor) -> None:
        self._show_who(actor)
        self.changed.emit()

    def _on_staff_loaded(self, staff: list[StaffRow]) -> None:
        last = self._ctx.preferences.value(LAST_STAFF_KEY, "", type=str)
        with QSignalBlocker(self._staff):
            for member in staff:
                self._staff.addItem(member.name, member.name)
            found = self._staff.findData(last) if last else -1
            if found > 0:
                self._staff.setCurrentIndex(found)
        self.changed.emit()

    def _on_sources_id_toggled(self, _number: int, checked: bool) -> None:
        if checked:
            self.changed.emit()

    def _on_staff_current_index_changed(self, _index: int) -> None:
        self.changed.emit()


class _GuardedDialog(GuardedDialog):
    """A consent dialog: it cannot be cancelled while its write is on the way (the result
    the caller sees must match what the ledger got), and Enter confirms nothing."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._error = QLabel()
        self._error.setObjectName("error")
        self._error.setWordWrap(True)
        set_tone(self._error, Tone.ERROR)
        self._error.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter must not confirm from any field: confirming is a deliberate click.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def _show_error(self, exc: BaseException) -> None:
        self._error.setText(error_text.describe(exc, self._ctx.time_zone))
        self._error.show()
        self._update_buttons()

    def _update_buttons(self) -> None:
        raise NotImplementedError


class ConsentDialog(_GuardedDialog):
    """Ask for consent to advertising and record the customer's answer.

    Signals:
        declared(list): consent was recorded; the DeclarationRows (one per channel).
    """

    declared = Signal(list)

    def __init__(
        self,
        ctx: UiContext,
        customer_id: int,
        customer_name: str,
        channels: Sequence[Channel],
        addresses: dict[Channel, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self._customer_id = customer_id
        self._statement: ConsentStatement | None = None
        # The statement for the chosen channels (the latest choice wins) and the declaration.
        self._statements = Operation(self, ctx.db_tasks, error=self._show_error)
        self._declare = self.guard(
            Operation(self, ctx.db_tasks, error=self._show_error, exclusive=True)
        )
        self.setWindowTitle(self.tr("Consent to advertising"))
        self.setMinimumWidth(620)

        intro = QLabel(
            self.tr(
                "Ask {name} whether they want advertising from the salon, and by which "
                "channel. Then read the text below to them word for word."
            ).format(name=customer_name)
        )
        intro.setWordWrap(True)

        self._channels: dict[Channel, QCheckBox] = {}
        channel_box = QGroupBox(self.tr("Channels"))
        channel_layout = QVBoxLayout(channel_box)
        for channel in channels:
            box = QCheckBox(
                self.tr("{channel} to {address}").format(
                    channel=channel_name(channel), address=addresses.get(channel, "")
                )
            )
            box.setObjectName(f"channel_{channel.value}")
            box.toggled.connect(self._on_channel_toggled)
            channel_layout.addWidget(box)
            self._channels[channel] = box
        if not channels:
            channel_layout.addWidget(
                QLabel(self.tr("There is no email address or mobile number to ask for."))
            )

        statement_box = QGroupBox(self.tr("Read this to the customer"))
        self._statement_text = QPlainTextEdit()
        self._statement_text.setTabChangesFocus(True)  # no tab characters: Tab moves on
        self._statement_text.setObjectName("statement")
        self._statement_text.setReadOnly(True)
        self._statement_text.setMinimumHeight(130)
        self._version = QLabel()
        self._version.setObjectName("statement_version")
        statement_layout = QVBoxLayout(statement_box)
        statement_layout.addWidget(self._statement_text)
        statement_layout.addWidget(self._version)

        self._recorded_by = RecordedByWidget(ctx, self.tr("Who asked:"))
        self._recorded_by.changed.connect(self._update_buttons)

        self._agreed = QCheckBox(self.tr("The customer agreed just now"))
        self._agreed.setObjectName("agreed")
        self._agreed.toggled.connect(self._update_buttons)
        hint = QLabel(
            self.tr(
                "A confirmation request goes to each chosen channel. Advertising is only "
                "sent after the customer confirms it there."
            )
        )
        hint.setWordWrap(True)

        self._buttons = QDialogButtonBox()
        self._confirm = QPushButton(self.tr("Record consent"))
        self._confirm.setObjectName("confirm")
        self._confirm.setAutoDefault(False)
        self._buttons.addButton(self._confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        self._confirm.clicked.connect(self._on_confirm_clicked)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(channel_box)
        layout.addWidget(statement_box, 1)
        layout.addWidget(self._recorded_by)
        layout.addWidget(self._agreed)
        layout.addWidget(hint)
        layout.addWidget(self._error)
        layout.addWidget(self._buttons)

        if len(channels) == 1:
            self._channels[channels[0]].setChecked(True)  # nothing to choose
        else:
            self._render_statement()

    # ---- state --------------------------------------------------------------------------
    def chosen_channels(self) -> list[Channel]:
        return [channel for channel, box in self._channels.items() if box.isChecked()]

    def statement(self) -> ConsentStatement | None:
        """The statement shown for the current choice (None while it loads)."""
        return self._statement

    def _update_buttons(self) -> None:
        ready = (
            not self.is_busy()
            and bool(self.chosen_channels())
            and self._statement is not None
            and self._recorded_by.source() is not None
            and self._recorded_by.staff() is not None
            and self._agreed.isChecked()
        )
        self._confirm.setEnabled(ready)

    # ---- statement ----------------------------------------------------------------------
    def _render_statement(self) -> None:
        self._statement = None
        self._statements.drop()
        chosen = self.chosen_channels()
        self._version.clear()
        if not chosen:
            self._statement_text.setPlainText(
                self.tr("Choose the channels first; the text depends on them.")
            )
            self._update_buttons()
            return
        self._statement_text.setPlainText(self.tr("Loading the text…"))
        customer_id, consent = self._customer_id, self._ctx.services.consent
        self._statements.run(
            lambda: consent.statement_for(customer_id, chosen), self._on_statement_loaded
        )
        self._update_buttons()

    def _on_statement_loaded(self, statement: ConsentStatement) -> None:
        self._statement = statement
        self._statement_text.setPlainText(statement.text)
        self._version.setText(
            self.tr("Version {version} · SHA-256 {digest}…").format(
                version=statement.version, digest=statement.sha256[:12]
            )
        )
        self._update_buttons()

    def _on_channel_toggled(self, _checked: bool) -> None:
        # The customer agreed to a text that names the channels: a new text needs a new yes.
        self._agreed.setChecked(False)
        self._render_statement()

    # ---- confirming ---------------------------------------------------------------------
    def _on_confirm_clicked(self) -> None:
        source, staff = self._recorded_by.source(), self._recorded_by.staff()
        channels = self.chosen_channels()
        if not self._confirm.isEnabled() or source is None or staff is None:
            return
        self._error.hide()
        self._recorded_by.remember_staff()
        customer_id, agreed = self._customer_id, self._agreed.isChecked()
        shown_sha256 = self._statement.sha256 if self._statement else None
        consent, actor = self._ctx.services.consent, self._ctx.signed_in.actor
        self._declare.run(
            lambda: consent.declare(
                customer_id,
                channels,
                source,
                staff,
                customer_agreed=agreed,
                shown_statement_sha256=shown_sha256,
                actor=actor,
            ),
            self._on_declared,
        )
        self._update_buttons()

    def _on_declared(self, rows: list[DeclarationRow]) -> None:
        self.declared.emit(rows)
        self.accept()


class WithdrawalDialog(_GuardedDialog):
    """Record that the customer withdraws consent (for some or all channels).

    Signals:
        withdrawn(object): the withdrawal was recorded; the new CustomerConsentRow.
    """

    withdrawn = Signal(object)

    def __init__(
        self,
        ctx: UiContext,
        customer_id: int,
        customer_name: str,
        channels: Sequence[Channel],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self._customer_id = customer_id
        self._withdraw = self.guard(
            Operation(self, ctx.db_tasks, error=self._show_error, exclusive=True)
        )
        self.setWindowTitle(self.tr("Withdraw consent"))
        self.setMinimumWidth(520)
        intro = QLabel(
            self.tr(
                "{name} no longer wants advertising. From now on no advertising goes to "
                "the chosen channels; appointment messages are not affected."
            ).format(name=customer_name)
        )
        intro.setWordWrap(True)
        self._channels: dict[Channel, QCheckBox] = {}
        channel_box = QGroupBox(self.tr("Withdraw for"))
        channel_layout = QVBoxLayout(channel_box)
        for channel in channels:
            box = QCheckBox(channel_name(channel))
            box.setObjectName(f"channel_{channel.value}")
            box.setChecked(True)
            box.toggled.connect(self._update_buttons)
            channel_layout.addWidget(box)
            self._channels[channel] = box
        # "Abmelden" told to staff: the customer-level objection, as the link records it.
        self._objection = QCheckBox(self.tr("Wants no messages at all (“Unsubscribe”)"))
        self._objection.setObjectName("objection")
        self._objection.toggled.connect(self._update_buttons)
        objection_hint = QLabel(
            self.tr(
                "Then no appointment confirmations or reminders either, unless they are "
                "switched on again for a booking."
            )
        )
        objection_hint.setWordWrap(True)
        objection_hint.setIndent(22)
        set_tone(objection_hint, Tone.HINT)
        channel_layout.addWidget(self._objection)
        channel_layout.addWidget(objection_hint)
        self._recorded_by = RecordedByWidget(ctx, self.tr("Recorded by:"))
        self._recorded_by.changed.connect(self._update_buttons)

        self._buttons = QDialogButtonBox()
        self._confirm = QPushButton(self.tr("Record withdrawal"))
        self._confirm.setObjectName("confirm")
        self._confirm.setAutoDefault(False)
        self._buttons.addButton(self._confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        self._confirm.clicked.connect(self._on_confirm_clicked)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(channel_box)
        layout.addWidget(self._recorded_by)
        layout.addWidget(self._error)
        layout.addWidget(self._buttons)
        self._update_buttons()

    def chosen_channels(self) -> list[Channel]:
        return [channel for channel, box in self._channels.items() if box.isChecked()]

    def _update_buttons(self) -> None:
        self._confirm.setEnabled(
            not self.is_busy()
            and (bool(self.chosen_channels()) or self._objection.isChecked())
            and self._recorded_by.source() is not None
            and self._recorded_by.staff() is not None
        )

    def _on_confirm_clicked(self) -> None:
        source, staff = self._recorded_by.source(), self._recorded_by.staff()
        channels = self.chosen_channels()
        if not self._confirm.isEnabled() or source is None or staff is None:
            return
        self._error.hide()
        self._recorded_by.remember_staff()
        customer_id, objection = self._customer_id, self._objection.isChecked()
        consent, actor = self._ctx.services.consent, self._ctx.signed_in.actor

        def work() -> CustomerConsentRow:
            row = None
            if channels:
                row = consent.revoke(customer_id, channels, source, staff, actor=actor)
            if objection:
                row = consent.record_objection(customer_id, source, staff, actor=actor)
            assert row is not None  # the button needs a channel or the objection
            return row

        self._withdraw.run(work, self._on_withdrawn)
        self._update_buttons()

    def _on_withdrawn(self, row: CustomerConsentRow) -> None:
        self.withdrawn.emit(row)
        self.accept()
