"""The task runner: work off the GUI thread, answers on it, nothing for dead widgets."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QObject, Qt, QThread
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


def test_a_widget_only_the_work_holds_is_released_on_the_gui_thread(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    """Work that holds the last reference to a Qt object (a lambda reading a dialog's
    attribute) must not make the worker thread delete it: that crashes the window later."""
    owner = QObject()
    deleted_on: list[str] = []
    probe = QObject()
    probe.destroyed.connect(
        lambda: deleted_on.append(threading.current_thread().name),
        Qt.ConnectionType.DirectConnection,
    )
    gate = threading.Event()

    def work_holding(held: QObject) -> Callable[[], bool]:
        return lambda: gate.wait(5) and held is not None

    runner.submit(owner, work_holding(probe), lambda _result: None)
    del probe
    gate.set()

    qtbot.waitUntil(lambda: bool(deleted_on))
    assert deleted_on == [threading.main_thread().name]
