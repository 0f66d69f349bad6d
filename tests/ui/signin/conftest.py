"""A window with the lock installed, on a test database with one member of each role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desk_app.services.container import Services
from desk_app.ui.context import UiContext
from desk_app.ui.main_window import MainWindow, WindowParts
from desk_app.ui.signin.counter_lock import CounterLock
from desk_app.ui.signin.idle_watch import IdleWatch
from desk_app.ui.signin.install import install_counter_lock
from tests.services.staff_support import Team, make_team

CUSTOMER = "Anna Müller, 10:00 Schnitt"  # stands for the customer data on the pages


class FakeCountdown(QObject):
    """The idle watch's timer, fired by the test instead of by time passing."""

    timeout = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.started: list[int] = []
        self.running = False

    def start(self, msec: int) -> None:
        self.started.append(msec)
        self.running = True

    def stop(self) -> None:
        self.running = False

    def fire(self) -> None:
        self.running = False
        self.timeout.emit()


@dataclass
class FakeMonotonic:
    seconds: float = 1000.0

    def __call__(self) -> float:
        return self.seconds


@dataclass
class Counter:
    window: MainWindow
    lock: CounterLock
    customer: QLabel
    team: Team
    countdown: FakeCountdown
    monotonic: FakeMonotonic


@pytest.fixture
def counter(
    qtbot: QtBot, services: Services, ctx: UiContext, alive: list[object]
) -> Iterator[Counter]:
    team = make_team(services)
    window = MainWindow(None)
    alive.append(window)
    qtbot.addWidget(window)
    countdown, monotonic = FakeCountdown(), FakeMonotonic()
    idle = IdleWatch(window, monotonic, countdown)
    lock = install_counter_lock(window, ctx, idle)
    customer = QLabel(CUSTOMER)
    window.fill("Salon", WindowParts(pages={"calendar": customer}, lock=lock.lock))
    window.resize(1024, 640)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)  # shortcuts work in the active window only
    yield Counter(window, lock, customer, team, countdown, monotonic)
