"""The task runner: work off the GUI thread, answers on it, nothing for dead widgets."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desk_app.domain.errors import NotFound
from desk_app.ui.tasks import TaskRunner


@pytest.fixture
def runner(qapp: QApplication) -> TaskRunner:
    task_runner = TaskRunner("test")
    yield task_runner
    task_runner.shutdown()


def test_work_runs_off_the_gui_thread_and_answers_on_it(qtbot: QtBot, runner: TaskRunner) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    gui_thread = QThread.currentThread()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread().name
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["on_gui_thread"] = QThread.currentThread() is gui_thread

    runner.submit(owner, work, done)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen == {"worker": seen["worker"], "value": 42, "on_gui_thread": True}
    assert str(seen["worker"]).startswith("test")


def test_tasks_run_in_order(qtbot: QtBot, runner: TaskRunner) -> None:
    owner = QObject()
    order: list[int] = []
    for n in range(5):
        runner.submit(owner, lambda n=n: (time.sleep(0.01 * (5 - n)), n)[1], order.append)
    qtbot.waitUntil(lambda: len(order) == 5)
    assert order == [0, 1, 2, 3, 4]


def test_known_error_goes_to_the_handler(qtbot: QtBot, runner: TaskRunner) -> None:
    owner = QObject()
    errors: list[BaseException] = []

    def work() -> None:
        raise NotFound("customer", "7")

    runner.submit(owner, work, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], NotFound)


def test_unhandled_error_is_reported_as_user_text(qtbot: QtBot, runner: TaskRunner) -> None:
    owner = QObject()

    def work() -> None:
        raise NotFound("customer", "7")

    with qtbot.waitSignal(runner.failed) as blocker:
        runner.submit(owner, work)
    assert blocker.args == ["Customer “7” was not found."]


def test_answer_for_a_deleted_widget_is_dropped(qtbot: QtBot, runner: TaskRunner) -> None:
    owner = QWidget()
    delivered: list[int] = []
    gate = threading.Event()
    runner.submit(owner, lambda: (gate.wait(5), 1)[1], delivered.append)
    owner.deleteLater()
    qtbot.wait(50)  # let the deletion happen before the work finishes
    gate.set()
    finished: list[int] = []
    runner.submit(QObject(runner), lambda: 2, finished.append)
    qtbot.waitUntil(lambda: bool(finished))
    assert delivered == []
