"""The window's background sync thread: started once, whoever asks how often; never
after it was stopped (a window closed before its first day was shown)."""

from __future__ import annotations

import threading

from desk_app.desktop.background_sync import BackgroundSync


class _Round:
    ok = True


class _Sync:
    def __init__(self) -> None:
        self.rounds = threading.Semaphore(0)
        self.closed = False

    def run_once(self) -> _Round:
        self.rounds.release()
        return _Round()

    def close(self) -> None:
        self.closed = True


def sync_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "sync" and t.is_alive()]


def test_asked_to_start_again_it_runs_one_thread() -> None:
    sync = _Sync()
    opened: list[_Sync] = []
    background = BackgroundSync(lambda: opened.append(sync) or sync)  # type: ignore[arg-type, return-value]
    try:
        assert not background.running()
        background.start()
        background.start()  # the next day shown, the timer: nothing more
        assert sync.rounds.acquire(timeout=10)
        assert background.running() and len(sync_threads()) == 1 and opened == [sync]
    finally:
        background.stop()
    assert not background.running() and not sync_threads() and sync.closed


def test_stopped_before_it_started_it_never_starts() -> None:
    background = BackgroundSync(lambda: _Sync())  # type: ignore[arg-type, return-value]
    background.stop()  # the window closed before its first day was shown
    background.start()  # the timer fires afterwards
    assert not background.running() and not sync_threads()
