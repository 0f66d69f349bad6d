"""A proxy between desktop and gateway that spoils ~30 % of the requests: 500s, 429 with
Retry-After, answers lost after the gateway did the work (502, cut mid-response, held
until the desktop's read timeout) and connections cut mid-request. Every message must
still reach the SMTP server exactly once: synced from the command line, and synced by
the open window's background sync while the receptionist works.

In the window, the GUI thread's responsiveness is measured (``StallMonitor``): a stall
of more than 100 ms must never have network or database work on the GUI thread's stack,
nor more than 100 ms of the GUI thread's own work. Stalls where the process merely did not
get the CPU (a loaded machine) are counted and the longest is recorded, not asserted.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk_app.desktop import background_sync, gui
from tests.reliability.conftest import MakeStack, Record
from tests.reliability.support.accounting import Delivery
from tests.reliability.support.fault_proxy import FaultProxy
from tests.reliability.support.stack import Stack, send_campaign
from tests.reliability.support.stall_monitor import StallMonitor
from tests.reliability.support.waiting import seed, until

pytestmark = pytest.mark.slow

CUSTOMERS = 1000
FAULT_RATE = 0.3


def test_command_line_sync_through_a_faulty_network(
    make_stack: MakeStack, reliability: Record
) -> None:
    began = time.monotonic()
    run_seed = seed()
    stack = make_stack(CUSTOMERS)
    proxy = stack.proxy(rate=FAULT_RATE, seed=run_seed)
    campaign = send_campaign(stack.desk, "Frühling")
    runs = stack.desk.sync_until_done(attempts=60)
    arrived = stack.smtp.mailbox.wait_for_count(CUSTOMERS, timeout=180)
    settled = until(lambda: not stack.gateway.has_work(), 60)
    for _ in range(20):  # the last events, through the same faulty network
        stack.desk("sync", "--once", check=False)
        if set(stack.desk.outbox(campaign="Frühling").values()) == {"sent"}:
            break
    proxy.stop()

    delivery = Delivery.of(campaign, stack.smtp.mailbox.mails)
    rows = Counter(cid for (cid,) in stack.gateway.query("SELECT client_id FROM messages"))
    outbox = Counter(stack.desk.outbox(campaign="Frühling").values())
    reliability(
        "fault-injecting proxy, command-line sync",
        f"{CUSTOMERS:,} mails, {proxy.requests} requests, seed {run_seed}",
        lost=len(delivery.lost),
        duplicates=delivery.duplicates,
        faulted_share=f"{proxy.fault_rate:.0%}",
        faults=dict(sorted(proxy.faults.items())),
        sync_runs=runs,
        seconds=round(time.monotonic() - began),
    )
    facts = (
        f"seed {run_seed}; {delivery.describe()}; faults {dict(proxy.faults)} in "
        f"{proxy.requests} requests; gateway rows {sum(rows.values())}, statuses "
        f"{stack.gateway.statuses()}; outbox {dict(outbox)}; arrived in time {arrived}; "
        f"gateway settled {settled}"
    )
    assert delivery.lost == [] and delivery.duplicates == 0 and delivery.strays == [], facts
    assert set(rows) == set(campaign) and max(rows.values()) == 1, facts
    assert outbox == Counter({"sent": CUSTOMERS}), facts


WINDOW_CUSTOMERS = 500
WINDOW_REQUESTS = 120  # the window keeps working until this many went through the proxy
ROUND_SECONDS = 0.5  # between background sync rounds (the product waits 15 s, 30 s after trouble)
USER_EVERY_MS = 1500  # the receptionist presses F5 or switches sections


class _Progress:
    """Watches the databases from its own thread (the GUI thread must only run Qt)."""

    def __init__(self, stack: Stack, proxy: FaultProxy, campaign: str, expected: int) -> None:
        self.done = threading.Event()
        self._stack, self._proxy = stack, proxy
        self._campaign, self._expected = campaign, expected
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="progress", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.2):
            statuses = set(self._stack.desk.outbox(campaign=self._campaign).values())
            mails = len({m.message_id for m in self._stack.smtp.mailbox.mails})
            enough = self._proxy.requests >= WINDOW_REQUESTS
            if statuses == {"sent"} and mails >= self._expected and enough:
                self.done.set()
                return

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)


def test_window_keeps_responding_while_syncing_through_a_faulty_network(
    qapp: QApplication,
    qtbot: QtBot,
    make_stack: MakeStack,
    reliability: Record,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    began = time.monotonic()
    run_seed = seed()
    stack = make_stack(WINDOW_CUSTOMERS)
    proxy = stack.proxy(rate=FAULT_RATE, seed=run_seed)
    campaign = send_campaign(stack.desk, "Sommer")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "window-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "window-config"))
    monkeypatch.setenv("DESK_APP_GATEWAY_TOKEN", stack.gateway.token)
    # Only the pause between the background sync's rounds is shortened, so that a minute
    # holds many rounds; each round is the product's own.
    monkeypatch.setattr(background_sync, "INTERVAL_SECONDS", ROUND_SECONDS)
    monkeypatch.setattr(background_sync, "RETRY_SECONDS", ROUND_SECONDS)

    desktop = gui.start_desktop(qapp, stack.desk.url)
    monitor = StallMonitor(threshold=0.1)
    progress = _Progress(stack, proxy, "Sommer", WINDOW_CUSTOMERS)
    user = QTimer()
    presses = 0
    try:
        window = desktop.window
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        monitor.start()
        sections = ["outbox", "customers", "outbox", "marketing", "outbox", "calendar"]

        def act() -> None:
            nonlocal presses
            presses += 1
            window.action("sync").trigger()  # F5
            window.show_section(sections[presses % len(sections)])

        user.setInterval(USER_EVERY_MS)
        user.timeout.connect(act)
        user.start()
        qtbot.waitUntil(progress.done.is_set, timeout=240_000)
    finally:
        user.stop()
        monitor.stop()
        progress.stop()
        desktop.close()
        proxy.stop()

    delivery = Delivery.of(campaign, stack.smtp.mailbox.mails)
    rows = Counter(cid for (cid,) in stack.gateway.query("SELECT client_id FROM messages"))
    with_io = monitor.stalls_with_io()
    working = monitor.stalls_working()
    longest = monitor.longest_stall()
    reliability(
        "fault-injecting proxy, the window's background sync",
        f"{WINDOW_CUSTOMERS} mails, {proxy.requests} requests, seed {run_seed}",
        lost=len(delivery.lost),
        duplicates=delivery.duplicates,
        faulted_share=f"{proxy.fault_rate:.0%}",
        faults=dict(sorted(proxy.faults.items())),
        stalls_over_100_ms_with_io_on_the_gui_thread=len(with_io),
        stalls_over_100_ms_of_work_on_the_gui_thread=len(working),
        stalls_over_100_ms_waiting_for_the_machine=len(monitor.stalls_waiting()),
        longest_stall_ms=round(monitor.longest * 1000),
        longest_stall_at=longest.where() if longest else "-",
        f5_presses=presses,
        seconds=round(time.monotonic() - began),
    )
    facts = (
        f"seed {run_seed}; {delivery.describe()}; faults {dict(proxy.faults)} in "
        f"{proxy.requests} requests; gateway rows {sum(rows.values())}"
    )
    assert delivery.lost == [] and delivery.duplicates == 0 and delivery.strays == [], facts
    assert set(rows) == set(campaign) and max(rows.values()) == 1, facts
    assert with_io == [], "\n\n".join(
        f"{s.describe()}\nI/O frames: {s.io_frames()}" for s in with_io[:5]
    )
    assert working == [], "\n\n".join(s.describe() for s in working[:5])
