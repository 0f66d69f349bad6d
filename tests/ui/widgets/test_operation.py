"""The operation helper: one line per request, stale answers dropped, failure as text,
busy state, progress, and a dialog that cannot be cancelled while it writes.

Real TaskRunner (a real worker thread) and real QObjects; gates (threading.Event) decide
which answer arrives when."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desk_app.domain.errors import NotFound
from desk_app.ui.tasks import TaskRunner
from desk_app.ui.widgets.operation import GuardedDialog, Operation, Report


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    task_runner = TaskRunner("test")
    yield task_runner
    task_runner.shutdown()


def _drain(qtbot: QtBot, runner: TaskRunner) -> None:
    """Wait until everything submitted before has been answered (the runner is FIFO)."""
    marker: list[bool] = []
    runner.submit(QObject(runner), lambda: True, marker.append)
    qtbot.waitUntil(lambda: bool(marker))


def _missing() -> None:
    raise NotFound("customer", "7")


def test_success_arrives_on_the_gui_thread_and_busy_follows_the_run(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    owner = QObject()
    busy: list[bool] = []
    results: list[tuple[int, bool]] = []
    operation = Operation(owner, runner, busy_changed=busy.append)
    gate = threading.Event()
    gui = QThread.currentThread()

    assert operation.run(
        lambda: (gate.wait(5), 42)[1],
        lambda value: results.append((value, QThread.currentThread() is gui)),
    )
    assert operation.busy()
    gate.set()
    qtbot.waitUntil(lambda: bool(results))

    assert results == [(42, True)]
    assert not operation.busy()
    assert busy == [True, False]


def test_a_newer_run_supersedes_the_older_one(qtbot: QtBot, runner: TaskRunner) -> None:
    owner = QObject()
    busy: list[bool] = []
    answers: list[str] = []
    errors: list[str] = []
    operation = Operation(owner, runner, failed=errors.append, busy_changed=busy.append)
    first_gate, second_gate = threading.Event(), threading.Event()

    def first() -> str:
        first_gate.wait(5)
        raise NotFound("customer", "1")  # a stale error is dropped as well

    operation.run(first, answers.append)
    operation.run(lambda: (second_gate.wait(5), "second")[1], answers.append)
    first_gate.set()
    qtbot.wait(50)  # the first answer arrives now, and must be dropped
    assert answers == [] and errors == []
    assert operation.busy()  # the newer one is still on the way

    second_gate.set()
    qtbot.waitUntil(lambda: bool(answers))
    _drain(qtbot, runner)
    assert answers == ["second"]
    assert errors == []
    assert busy == [True, False]  # one busy stretch, not two


def test_an_outdated_question_is_not_even_asked(qtbot: QtBot, runner: TaskRunner) -> None:
    owner = QObject()
    asked: list[str] = []
    answers: list[str] = []
    questions = Operation(owner, runner, skip_outdated=True)
    gate = threading.Event()
    runner.submit(owner, lambda: gate.wait(5))  # the worker is busy with something else

    def ask(text: str) -> str:
        asked.append(text)
        return text

    for text in ("m", "mü", "mül"):
        questions.run(lambda text=text: ask(text), answers.append)
    gate.set()
    qtbot.waitUntil(lambda: bool(answers))
    _drain(qtbot, runner)
    assert asked == ["mül"]
    assert answers == ["mül"]


def test_without_skipping_a_superseded_run_still_runs(qtbot: QtBot, runner: TaskRunner) -> None:
    owner = QObject()
    ran: list[int] = []
    answers: list[int] = []
    operation = Operation(owner, runner)
    gate = threading.Event()
    runner.submit(owner, lambda: gate.wait(5))
    for n in (1, 2):
        operation.run(lambda n=n: (ran.append(n), n)[1], answers.append)
    gate.set()
    qtbot.waitUntil(lambda: bool(answers))
    _drain(qtbot, runner)
    assert ran == [1, 2]
    assert answers == [2]


class _Screen(QObject):
    """A widget-like owner whose methods are the callbacks."""

    def __init__(self, seen: list[int]) -> None:
        super().__init__()
        self._seen = seen

    def on_done(self, value: int) -> None:
        self._seen.append(value)


def test_a_late_answer_does_not_keep_its_widget_alive(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: list[int] = []
    screen = _Screen(seen)
    operation = Operation(screen, runner, failed=print)
    gate = threading.Event()
    operation.run(lambda: (gate.wait(5), 1)[1], screen.on_done)
    gone = weakref.ref(screen)
    del screen
    gc.collect()
    assert gone() is None  # neither the runner nor the operation held it

    gate.set()
    _drain(qtbot, runner)
    assert seen == []


def test_drop_forgets_the_answer_on_the_way(qtbot: QtBot, runner: TaskRunner) -> None:
    owner = QObject()
    answers: list[int] = []
    operation = Operation(owner, runner)
    operation.run(lambda: 1, answers.append)
    operation.drop()
    assert not operation.busy()
    _drain(qtbot, runner)
    assert answers == []


def test_failure_arrives_as_translated_text(qtbot: QtBot, runner: TaskRunner) -> None:
    owner = QObject()
    texts: list[str] = []
    answers: list[object] = []
    operation = Operation(owner, runner, failed=texts.append, time_zone="Europe/Berlin")
    operation.run(_missing, answers.append)
    qtbot.waitUntil(lambda: bool(texts))
    assert texts == ["Customer “7” was not found."]
    assert answers == []
    assert not operation.busy()


def test_failure_can_arrive_as_the_exception(qtbot: QtBot, runner: TaskRunner) -> None:
    owner = QObject()
    errors: list[BaseException] = []
    operation = Operation(owner, runner, error=errors.append)
    operation.run(_missing)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], NotFound)


def test_failure_without_a_handler_goes_to_the_runner(qtbot: QtBot, runner: TaskRunner) -> None:
    owner = QObject()
    operation = Operation(owner, runner)
    with qtbot.waitSignal(runner.failed) as blocker:
        operation.run(_missing)
    assert blocker.args == ["Customer “7” was not found."]


def test_text_and_exception_handlers_are_exclusive(runner: TaskRunner) -> None:
    with pytest.raises(ValueError):
        Operation(QObject(), runner, failed=print, error=print)


def test_nothing_arrives_for_a_widget_destroyed_before_the_answer(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    owner = QWidget()
    answers: list[int] = []
    texts: list[str] = []
    operation = Operation(owner, runner, failed=texts.append)
    gate = threading.Event()
    operation.run(lambda: (gate.wait(5), 1)[1], answers.append)
    owner.deleteLater()
    qtbot.wait(50)  # the widget is gone before the work finishes
    gate.set()
    _drain(qtbot, runner)
    assert answers == [] and texts == []
    assert not operation.run(lambda: 2, answers.append)  # nothing starts for it any more


def test_an_exclusive_operation_refuses_a_second_run_while_busy(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    owner = QObject()
    answers: list[str] = []
    operation = Operation(owner, runner, exclusive=True)
    gate = threading.Event()
    assert operation.run(lambda: (gate.wait(5), "first")[1], answers.append)
    assert not operation.run(lambda: "second", answers.append)
    gate.set()
    qtbot.waitUntil(lambda: bool(answers))
    assert answers == ["first"]
    assert operation.run(lambda: "third", answers.append)
    qtbot.waitUntil(lambda: len(answers) == 2)
    assert answers == ["first", "third"]


def test_progress_arrives_in_order_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    owner = QObject()
    gui = QThread.currentThread()
    seen: list[tuple[str, int, bool]] = []
    answers: list[str] = []
    operation = Operation(owner, runner)

    def work(report: Report) -> str:
        for count in range(1, 4):
            report("messages", count)
        return "done"

    operation.run_with_progress(
        work,
        answers.append,
        lambda phase, count: seen.append((phase, count, QThread.currentThread() is gui)),
    )
    qtbot.waitUntil(lambda: bool(answers))
    assert seen == [("messages", 1, True), ("messages", 2, True), ("messages", 3, True)]
    assert answers == ["done"]


def test_progress_of_a_superseded_run_is_dropped(qtbot: QtBot, runner: TaskRunner) -> None:
    owner = QObject()
    seen: list[int] = []
    answers: list[int] = []
    operation = Operation(owner, runner)
    gate = threading.Event()

    def slow(report: Report) -> int:
        gate.wait(5)
        report(1)
        return 1

    operation.run_with_progress(slow, answers.append, seen.append)
    operation.run_with_progress(lambda report: (report(2), 2)[1], answers.append, seen.append)
    gate.set()
    qtbot.waitUntil(lambda: bool(answers))
    assert seen == [2]
    assert answers == [2]


def test_a_guarded_dialog_stays_open_while_it_writes(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = GuardedDialog()
    qtbot.addWidget(dialog)
    saved: list[str] = []
    save = dialog.guard(Operation(dialog, runner, exclusive=True))
    dialog.open()
    gate = threading.Event()
    save.run(lambda: (gate.wait(5), "saved")[1], saved.append)

    dialog.reject()
    assert not dialog.close()
    assert dialog.isVisible()

    gate.set()
    qtbot.waitUntil(lambda: bool(saved))
    dialog.reject()
    assert not dialog.isVisible()
