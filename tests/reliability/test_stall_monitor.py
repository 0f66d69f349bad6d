"""The instrument of the window scenario checks itself: a GUI thread that blocks on a
database or on the network is caught, with those frames on its stack."""

from __future__ import annotations

import socket
import sqlite3
import time
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from tests.reliability.support.processes import query
from tests.reliability.support.stall_monitor import StallMonitor


def test_blocking_work_on_the_gui_thread_is_caught_with_its_stack(
    qtbot: QtBot, tmp_path: Path
) -> None:
    database = tmp_path / "x.sqlite3"
    with sqlite3.connect(database) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()

    def block_on_database() -> None:
        deadline = time.monotonic() + 0.4
        while time.monotonic() < deadline:
            query(database, "SELECT count(*) FROM t")

    def block_on_network() -> None:
        with socket.socket() as silent:  # accepts connections, never answers
            silent.bind(("127.0.0.1", 0))
            silent.listen(1)
            host, port = silent.getsockname()
            with pytest.raises(requests.Timeout):
                requests.get(f"http://{host}:{port}/", timeout=0.4)

    monitor = StallMonitor(threshold=0.1)
    monitor.start()
    try:
        qtbot.wait(200)
        QTimer.singleShot(0, block_on_database)
        qtbot.wait(600)
        QTimer.singleShot(0, block_on_network)
        qtbot.wait(600)
    finally:
        monitor.stop()
    caught = monitor.stalls_with_io()
    described = [f"{s.describe()}\n{s.io_frames()}" for s in monitor.stalls]
    assert len(caught) == 2, described
    database_frames, network_frames = (caught[0].io_frames(), caught[1].io_frames())
    assert any("processes.py" in f for f in database_frames), described
    assert any("/requests/" in f for f in network_frames), described
    assert all(s.seconds >= 0.35 for s in caught), described


def test_work_on_the_gui_thread_is_told_apart_from_waiting_for_the_machine(
    qtbot: QtBot,
) -> None:
    def compute() -> None:
        deadline = time.thread_time() + 0.3
        while time.thread_time() < deadline:
            sum(range(1000))

    def doze() -> None:  # the thread does nothing, as when another process has the CPU
        time.sleep(0.3)

    monitor = StallMonitor(threshold=0.1)
    monitor.start()
    try:
        qtbot.wait(200)
        QTimer.singleShot(0, compute)
        qtbot.wait(800)
        QTimer.singleShot(0, doze)
        qtbot.wait(600)
    finally:
        monitor.stop()
    described = [s.describe() for s in monitor.stalls]
    assert [s.cpu_seconds >= 0.29 for s in monitor.stalls_working()] == [True], described
    # (A loaded machine may add short waiting stalls of its own.)
    assert any(s.seconds >= 0.29 for s in monitor.stalls_waiting()), described
