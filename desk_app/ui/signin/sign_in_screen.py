"""The sign-in screen, also the lock screen (issue 12): tiles of the members who can sign
in and one PIN field. Typing a PIN and Enter signs in whoever it belongs to, like a
till; picking a tile first tries it for that member only (the way in while PIN-alone
entry is locked). The PIN is checked on the database worker (scrypt: some 50 ms per
member tried), so the window never waits; meanwhile the screen says so.

It shows no customer data: the window puts it in place of its content while locked.

Signals:
    signed_in(object): a member signed in (their ``Actor``).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.access import Actor
from desk_app.domain.errors import PinEntryLocked, PinLockedOut, PinNotRecognised, WrongPin
from desk_app.services.staff_access import SignInMember, StaffAccessService
from desk_app.texts.wall_clock import wall_clock
from desk_app.ui.signin.member_tiles import MemberTiles
from desk_app.ui.signin.pin_field import PinField
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.tasks import TaskRunner
from desk_app.ui.widgets.operation import Operation


class SignInScreen(QWidget):
    signed_in = Signal(object)

    def __init__(
        self,
        staff: StaffAccessService,
        runner: TaskRunner,
        time_zone: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sign_in_screen")
        self._staff, self._zone = staff, time_zone
        self._members: dict[int, SignInMember] = {}
        self._listed: list[SignInMember] | None = None  # as last loaded
        self._loads = Operation(self, runner, failed=self._show_error)
        self._tries = Operation(
            self,
            runner,
            error=self._on_try_failed,
            time_zone=time_zone,
            busy_changed=self._on_busy,
            exclusive=True,
        )

        self._heading = QLabel()
        self._heading.setObjectName("sign_in_heading")
        heading_font = QFont(self._heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.8)
        heading_font.setBold(True)
        self._heading.setFont(heading_font)
        self._heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._hint = QLabel()
        self._hint.setObjectName("sign_in_hint")
        self._hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._hint.setWordWrap(True)

        self._tiles = MemberTiles()
        self._tiles.picked.connect(self._on_tiles_picked)
        scroll = QScrollArea()
        scroll.setWidget(self._tiles)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll = scroll

        self._for_whom = QLabel()
        self._for_whom.setObjectName("pin_for")
        self._for_whom.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._pin = PinField()
        self._pin.returnPressed.connect(self._on_pin_return_pressed)
        self._pin.textEdited.connect(self._on_pin_text_edited)
        self._for_whom.setBuddy(self._pin)
        self._button = QPushButton(self.tr("Sign in"))
        self._button.setObjectName("sign_in_button")
        self._button.setDefault(True)
        self._button.clicked.connect(self._on_pin_return_pressed)
        self._progress = QProgressBar()
        self._progress.setObjectName("sign_in_progress")
        self._progress.setRange(0, 0)  # how long depends on the team: no percentage
        self._progress.setTextVisible(False)
        self._progress.setMaximumHeight(6)
        self._progress.setMaximumWidth(220)
        self._progress.setVisible(False)
        self._message = QLabel()
        self._message.setObjectName("sign_in_message")
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)
        self._message.setMinimumHeight(self._message.fontMetrics().lineSpacing() * 2)

        entry = QHBoxLayout()
        entry.addStretch(1)
        entry.addWidget(self._pin)
        entry.addWidget(self._button)
        entry.addStretch(1)
        progress = QHBoxLayout()
        progress.addStretch(1)
        progress.addWidget(self._progress)
        progress.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 12)
        layout.addStretch(1)
        layout.addWidget(self._heading)
        layout.addWidget(self._hint)
        layout.addSpacing(12)
        layout.addWidget(scroll, 4)
        layout.addSpacing(8)
        layout.addWidget(self._for_whom)
        layout.addLayout(entry)
        layout.addLayout(progress)
        layout.addWidget(self._message)
        layout.addStretch(1)
        self.setTabOrder(self._pin, self._button)
        self.show_signed_out()

    # ---- public ---------------------------------------------------------------------------
    def show_signed_out(self) -> None:
        """The screen at start: nobody is signed in."""
        self._heading.setText(self.tr("Sign in"))
        self._hint.setText(self.tr("Type your PIN and press Enter, or pick your name first."))
        self._reset()

    def show_locked(self, actor: Actor) -> None:
        """The screen of a locked window: ``actor`` was signed in."""
        self._heading.setText(self.tr("Locked"))
        self._hint.setText(
            self.tr(
                "{name} was signed in. Type your PIN to go on, or another member's PIN to switch."
            ).format(name=actor.name)
        )
        self._reset()

    def reload(self) -> None:
        """Fetch the members who can sign in (a member added or given a PIN meanwhile)."""
        staff = self._staff
        self._loads.run(lambda: staff.members(), self._on_members_loaded)

    def pin_field(self) -> PinField:
        return self._pin

    def tiles(self) -> MemberTiles:
        return self._tiles

    def message(self) -> str:
        return self._message.text()

    def busy(self) -> bool:
        return self._tries.busy()

    def focus_pin(self) -> None:
        self._pin.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- inside ---------------------------------------------------------------------------
    def _reset(self) -> None:
        self._pin.clear()
        self._tiles.choose(None)
        self._show_chosen()
        self._say("")

    def _on_members_loaded(self, members: list[SignInMember]) -> None:
        if members == self._listed:
            return  # unchanged: the tiles stay, with the focus and the pick on them
        self._listed = members
        chosen = self._tiles.chosen()
        self._members = {m.id: m for m in members if m.has_pin}
        self._tiles.set_members(members)
        self._tiles.choose(chosen if chosen in self._members else None)
        self._show_chosen()
        if not self._members:
            self._say(self.tr("No member has a PIN yet: the owner sets them in the settings."))

    def _on_tiles_picked(self, member_id: int) -> None:
        self._show_chosen()
        self._say("")
        self._pin.clear()
        self.focus_pin()

    def _show_chosen(self) -> None:
        chosen = self._tiles.chosen()
        if chosen is None or chosen not in self._members:
            self._for_whom.setText(self.tr("&PIN"))
        else:
            self._for_whom.setText(
                self.tr("&PIN of {name}").format(name=self._members[chosen].name)
            )

    def _on_pin_text_edited(self, _text: str) -> None:
        if self._message.text():
            self._say("")

    def _on_pin_return_pressed(self) -> None:
        if self._tries.busy():
            return
        if not self._pin.complete():
            self._say(self.tr("A PIN has 4 to 8 digits."), error=True)
            return
        pin, chosen, staff = self._pin.text(), self._tiles.chosen(), self._staff
        self._pin.clear()  # the PIN is not kept on screen while it is checked
        if chosen is None:
            self._tries.run(lambda: staff.sign_in_by_pin(pin), self._on_signed_in)
        else:
            self._tries.run(lambda: staff.sign_in(chosen, pin), self._on_signed_in)

    def _on_busy(self, busy: bool) -> None:
        self._progress.setVisible(busy)
        self._button.setEnabled(not busy)
        if busy:
            self._say(self.tr("Checking the PIN…"))

    def _on_signed_in(self, actor: Actor) -> None:
        self._reset()
        self.signed_in.emit(actor)

    def _on_try_failed(self, exc: BaseException) -> None:
        self._say(self._failure_text(exc), error=True)
        if isinstance(exc, PinEntryLocked):
            self._tiles.focus_first()  # the way in now: the name first
        else:
            self.focus_pin()

    def _failure_text(self, exc: BaseException) -> str:
        if isinstance(exc, PinEntryLocked):
            return self.tr(
                "Sign-in by PIN alone is locked until {time} (too many unknown PINs). "
                "Pick your name, then type your PIN."
            ).format(time=self._clock_time(exc))
        if isinstance(exc, PinLockedOut):
            return self.tr(
                "Locked until {time}: too many wrong PINs. The owner can reset the PIN."
            ).format(time=self._clock_time(exc))
        if isinstance(exc, PinNotRecognised):
            return self.tr(
                "Unknown PIN – {count} more tries before sign-in by PIN alone locks."
            ).format(count=exc.attempts_left)
        if isinstance(exc, WrongPin):
            if exc.attempts_left == 1:
                return self.tr("Wrong PIN – one more try before this member is locked.")
            return self.tr("Wrong PIN – {count} more tries before this member is locked.").format(
                count=exc.attempts_left
            )
        return self._tries.describe(exc)

    def _clock_time(self, exc: PinLockedOut) -> str:
        local = wall_clock(exc.until, self._zone).time()
        return QLocale().toString(local, QLocale.FormatType.ShortFormat)

    def _show_error(self, text: str) -> None:
        self._say(text, error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self._message.setText(text)
        set_tone(self._message, Tone.ERROR if error else None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape: back to the PIN alone (no member picked).
        if event.key() == Qt.Key.Key_Escape:
            self._tiles.choose(None)
            self._show_chosen()
            self._pin.clear()
            self.focus_pin()
            return
        super().keyPressEvent(event)
