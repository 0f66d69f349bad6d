"""The automations thread runs rounds until stopped and survives a failing round."""

from __future__ import annotations

import threading

import pytest

from desk_app.desktop.background_automations import BackgroundAutomations


def test_runs_repeatedly_and_keeps_going_after_an_error(caplog: pytest.LogCaptureFixture) -> None:
    rounds: list[int] = []
    third = threading.Event()

    def run() -> None:
        rounds.append(len(rounds))
        if len(rounds) == 1:
            raise RuntimeError("first round breaks")
        if len(rounds) >= 3:
            third.set()

    worker = BackgroundAutomations(run, first_run=0, interval=0.01)
    worker.start()
    assert third.wait(10)
    worker.stop()
    stopped_at = len(rounds)
    assert stopped_at >= 3
    assert "automations round failed" in caplog.text
    assert len(rounds) == stopped_at  # nothing runs after stop()


def test_stop_before_the_first_round_runs_nothing() -> None:
    rounds: list[int] = []
    worker = BackgroundAutomations(lambda: rounds.append(1), first_run=60, interval=60)
    worker.start()
    worker.stop()
    assert rounds == []


def test_a_campaign_that_cannot_be_finished_does_not_stop_the_reminders(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from types import SimpleNamespace

    from desk_app.desktop.gui import _automations_round

    def resume_unfinished() -> None:
        raise RuntimeError("campaign 7 breaks")

    def run_due() -> None:
        raise RuntimeError("the retention period breaks")

    ran: list[str] = []
    services = SimpleNamespace(
        campaigns=SimpleNamespace(resume_unfinished=resume_unfinished),
        automations=SimpleNamespace(run=lambda: ran.append("automations") or "report"),
        retention=SimpleNamespace(run_due=run_due),
    )
    assert _automations_round(services) == "report"  # type: ignore[arg-type]
    assert ran == ["automations"]
    assert "half-queued campaign could not be finished" in caplog.text
    assert "the retention period's run failed" in caplog.text  # and it ran after them
