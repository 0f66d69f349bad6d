"""Saving a form's fields as they change, with no "Save" button.

Numbers and times save when they change (a burst of arrow clicks is saved once); text
fields after a pause in typing and when the field is left. Fields can be saved as a group
(in one call, after a check of the group as a whole). Values are texts as the store keeps
them; the store runs on a task runner and returns the stored forms, which are shown back
(a mobile number typed the German way comes back in E.164).

Answers that are no longer the newest for their field are dropped; a value the user
changed while a load was on its way is newer than the load. A refusal while the user is
still typing is held back until the field is left.

May import: PySide6, desk_app.domain.errors, desk_app.ui.tasks (no services, no use cases).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
)

from desk_app.domain.errors import InvalidField
from desk_app.ui.tasks import TaskRunner, weakly

NUMBER_DELAY_MS = 600  # arrow clicks in a row are one change
TYPING_DELAY_MS = 1500  # a pause in typing; leaving the field saves at once

Store = Callable[[dict[str, str]], Mapping[str, str]]  # values → stored forms; may raise
GroupCheck = Callable[[Mapping[str, str]], None]  # raises InvalidField for a bad group


@dataclass(frozen=True)
class _Field:
    read: Callable[[], str]  # the value in the field, as the store would keep it
    show: Callable[[str], None]  # show a stored value without it counting as a change
    typing: Callable[[], bool]  # the user is still in the field (refusals wait)


class Autosave(QObject):
    """Saves the fields added to it through ``store`` on ``runner``.

    Signals:
        changed(str): the user changed the field with this key (not saved yet).
        checked(str): the group of this key passed its check; an earlier refusal of it no
            longer applies.
        saved(str): the field with this key was saved.
        refused(str, object): the field with this key was not saved; the error. The value
            stays in the field, to be corrected.
    """

    changed = Signal(str)
    checked = Signal(str)
    saved = Signal(str)
    refused = Signal(str, object)

    def __init__(self, runner: TaskRunner, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._store = store
        self._fields: dict[str, _Field] = {}
        self._groups: dict[str, tuple[tuple[str, ...], GroupCheck]] = {}
        self._stored: dict[str, str] = {}  # what the store holds, as far as we know
        self._submitted: dict[str, str] = {}  # the last value sent to be saved, per key
        self._edited: set[str] = set()  # changed here since the last load was asked for
        self._left: set[str] = set()  # text fields left (or Enter) since the last typing
        self._timers: dict[str, QTimer] = {}

    # ---- fields -------------------------------------------------------------------------
    def add_spin_box(
        self,
        key: str,
        box: QAbstractSpinBox,
        read: Callable[[], str],
        show: Callable[[str], None],
    ) -> None:
        """A number or time: saved once the arrows rest, or when typed digits are done."""
        self._fields[key] = _Field(read, show, lambda: False)
        # Typed digits count once the field is left or Enter is pressed, arrows at once.
        box.setKeyboardTracking(False)
        if isinstance(box, QTimeEdit):
            box.timeChanged.connect(partial(self._on_field_changed, key, NUMBER_DELAY_MS))
        elif isinstance(box, (QDoubleSpinBox, QSpinBox)):
            box.valueChanged.connect(partial(self._on_field_changed, key, NUMBER_DELAY_MS))
        box.editingFinished.connect(partial(self._on_field_editing_finished, key))

    def add_check_box(self, key: str, box: QCheckBox) -> None:
        """A switch stored as "on"/"off": saved as soon as it is toggled."""

        def show(value: str) -> None:
            blocked = box.blockSignals(True)
            box.setChecked(value == "on")
            box.blockSignals(blocked)

        self._fields[key] = _Field(lambda: "on" if box.isChecked() else "off", show, lambda: False)
        box.toggled.connect(partial(self._on_field_changed, key, 0))

    def add_line_edit(self, key: str, edit: QLineEdit) -> None:
        """A text: saved after a pause in typing and when the field is left."""
        self._fields[key] = _Field(lambda: edit.text().strip(), edit.setText, edit.hasFocus)
        edit.textEdited.connect(partial(self._on_text_edited, key))
        edit.editingFinished.connect(partial(self._on_field_editing_finished, key))

    def add_group(self, keys: tuple[str, ...], check: GroupCheck) -> None:
        """These fields are saved together, and only when ``check`` accepts them; its
        refusal is reported for the first key."""
        for key in keys:
            self._groups[key] = (keys, check)

    def keys(self) -> list[str]:
        return list(self._fields)

    # ---- loading ------------------------------------------------------------------------
    def begin_load(self) -> None:
        """A load was asked for: changes from now on are newer than its answer."""
        self._edited.clear()

    def load(self, values: Mapping[str, str]) -> None:
        """Show the loaded values, except in fields changed since the load was asked for
        or waiting to be saved."""
        for key, field in self._fields.items():
            if key in self._edited or key in self._timers:
                continue
            field.show(values[key])
            self._stored[key] = self._submitted[key] = values[key]

    def note_edited(self, key: str) -> None:
        """A change saved another way (a switch): a load on its way must not undo it."""
        self._edited.add(key)

    def was_edited(self, key: str) -> bool:
        return key in self._edited

    # ---- saving -------------------------------------------------------------------------
    def _on_field_changed(self, key: str, delay: int, *_value: object) -> None:
        self._edited.add(key)
        self.changed.emit(key)
        timer = self._timers.get(key)
        if timer is None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(partial(self._save, key))
            self._timers[key] = timer
        timer.start(delay)

    def _on_text_edited(self, key: str, _text: str) -> None:
        self._left.discard(key)
        self._on_field_changed(key, TYPING_DELAY_MS)

    def _on_field_editing_finished(self, key: str) -> None:
        self._left.add(key)
        self._save(key)

    def _save(self, key: str) -> None:
        timer = self._timers.pop(key, None)
        if timer is not None:
            timer.stop()
            timer.deleteLater()
        if key not in self._stored:
            return  # not loaded yet: there is nothing the user changed
        keys, check = self._groups.get(key, ((key,), None))
        values = {k: self._fields[k].read() for k in keys}
        if check is not None:
            try:
                check(values)
            except InvalidField as error:
                self.refused.emit(keys[0], error)
                return
            self.checked.emit(keys[0])
        if all(values[k] == self._submitted.get(k) for k in keys):
            return  # saved or on its way (its answer shows any error)
        for k, value in values.items():
            self._submitted[k] = value
            self._edited.add(k)
        store = self._store
        # A group in one call: the store checks it as a whole too.
        self._runner.submit(
            self,
            lambda: store(values),
            weakly(self._on_stored, values),
            weakly(self._on_store_failed, values),
        )

    def _on_stored(self, values: dict[str, str], stored: Mapping[str, str]) -> None:
        for key, value in values.items():
            self._stored[key] = stored[key]
            if self._submitted.get(key) != value:
                continue  # a newer value is on its way; its answer speaks for the field
            self._submitted[key] = stored[key]
            field = self._fields[key]
            if stored[key] != value and field.read() == value:
                field.show(stored[key])  # the normalised form
            self.saved.emit(key)

    def _on_store_failed(self, values: dict[str, str], error: BaseException) -> None:
        for key, value in values.items():
            if self._submitted.get(key) != value:
                continue  # a newer value is on its way
            # Forget the attempt, so the same value is tried (and explained) again.
            self._submitted[key] = self._stored[key]
            if self._fields[key].typing() and key not in self._left:
                continue  # still typing: the reason shows when the field is left
            self.refused.emit(key, error)
