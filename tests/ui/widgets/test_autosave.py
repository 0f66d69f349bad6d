"""The autosave of forms without a "Save" button: real widgets, a real task runner and a
store that keeps values in a dict (and refuses or normalises like the settings do)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from desk_app.domain.errors import InvalidField
from desk_app.ui.tasks import TaskRunner
from desk_app.ui.widgets.autosave import Autosave


@dataclass
class DictStore:
    """Stores texts; "0151 1" is stored as "+491511" (a normalised form); "bad" and an
    odd pair are refused."""

    values: dict[str, str] = field(default_factory=lambda: {"name": "", "a": "1", "b": "2"})
    calls: list[dict[str, str]] = field(default_factory=list)

    def __call__(self, changes: dict[str, str]) -> Mapping[str, str]:
        self.calls.append(dict(changes))
        if "bad" in changes.values():
            raise InvalidField(next(iter(changes)), "invalid")
        stored = {k: "+491511" if v == "0151 1" else v for k, v in changes.items()}
        self.values.update(stored)
        return stored


def _in_order(values: Mapping[str, str]) -> None:
    if int(values["a"]) >= int(values["b"]):
        raise InvalidField("a", "starts_after_ends", f"{values['a']}-{values['b']}")


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    task_runner = TaskRunner("autosave-test")
    yield task_runner
    task_runner.shutdown()


@dataclass
class Form:
    owner: QWidget  # keeps the widgets alive
    autosave: Autosave
    store: DictStore
    name: QLineEdit
    a: QSpinBox
    b: QSpinBox
    saved: list[str]
    refused: list[tuple[str, str]]


@pytest.fixture
def form(qtbot: QtBot, runner: TaskRunner) -> Form:
    owner = QWidget()
    qtbot.addWidget(owner)
    store = DictStore()
    autosave = Autosave(runner, store, owner)
    name, a, b = QLineEdit(owner), QSpinBox(owner), QSpinBox(owner)
    autosave.add_line_edit("name", name)
    for key, box in (("a", a), ("b", b)):
        autosave.add_spin_box(
            key, box, lambda box=box: str(box.value()), lambda v, box=box: box.setValue(int(v))
        )
    autosave.add_group(("a", "b"), _in_order)
    saved: list[str] = []
    refused: list[tuple[str, str]] = []
    autosave.saved.connect(saved.append)
    autosave.refused.connect(lambda key, error: refused.append((key, error.problem)))
    autosave.load(store.values)
    return Form(owner, autosave, store, name, a, b, saved, refused)


def test_a_burst_of_changes_is_saved_once(qtbot: QtBot, form: Form) -> None:
    for value in (3, 4, 5):
        form.b.setValue(value)
    with qtbot.waitSignals([form.autosave.saved] * 2, timeout=3000):
        pass  # both ends of the group, once the arrows rest
    assert form.store.calls == [{"a": "1", "b": "5"}]


def test_the_stored_form_is_shown_back(qtbot: QtBot, form: Form) -> None:
    form.name.setText("0151 1")
    with qtbot.waitSignal(form.autosave.saved, timeout=3000):
        form.name.editingFinished.emit()  # leaving the field saves at once
    assert form.name.text() == "+491511" and form.store.values["name"] == "+491511"


def test_a_refused_value_stays_and_is_explained(qtbot: QtBot, form: Form) -> None:
    form.name.setText("bad")
    with qtbot.waitSignal(form.autosave.refused, timeout=3000):
        form.name.editingFinished.emit()
    assert form.refused == [("name", "invalid")] and form.name.text() == "bad"
    assert form.store.values["name"] == ""


def test_a_group_the_check_refuses_is_not_stored(qtbot: QtBot, form: Form) -> None:
    form.a.setValue(7)
    with qtbot.waitSignal(form.autosave.refused, timeout=3000):
        form.a.editingFinished.emit()
    assert form.refused == [("a", "starts_after_ends")] and form.store.calls == []


def test_a_load_does_not_undo_a_change_made_meanwhile(qtbot: QtBot, form: Form) -> None:
    form.autosave.begin_load()
    form.b.setValue(9)  # the user, while the load is on its way
    form.autosave.load({"name": "", "a": "1", "b": "2"})
    assert form.b.value() == 9
    with qtbot.waitSignals([form.autosave.saved] * 2, timeout=3000):
        pass
    assert form.store.values["b"] == "9"
