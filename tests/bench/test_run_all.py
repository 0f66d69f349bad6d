"""The benchmark runner: it finds every benchmark by the convention and writes the table.
(No time is asserted anywhere: the benchmarks report, they do not judge in tests.)"""

from __future__ import annotations

from pathlib import Path

from bench import run_all

EXISTING = {
    "customer_search",
    "audience_preview",
    "gateway_throughput",
    "online_availability",
    "online_booking_page",
    "startup",
    "day_view",
    "campaign_queue",
    "apply_events",
    "composer_stalls",
    "retention_preview",
    "appointment_updates",
    "phase_writes",
}


def test_every_benchmark_module_is_found_and_no_helper() -> None:
    found = set(run_all.discover())
    assert found >= EXISTING
    assert not found & run_all.HELPERS
    assert not any(name.startswith("_") for name in found)
    for name in found:  # each follows one of the conventions
        text = (run_all.BENCH / f"{name}.py").read_text(encoding="utf-8")
        assert "def run(" in text or "def main(" in text, name


def test_a_benchmark_with_run_reports_rows_and_a_failing_one_does_not_stop_the_rest(
    tmp_path: Path, monkeypatch: object
) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    calls: list[str] = []

    class Works:
        @staticmethod
        def run(report: run_all.Report) -> None:
            calls.append("works")
            report.row(
                "thing | done", "12 ms", "3 ms", "4.0×", "≤ 20 ms", ok=True, details={"n": 1}
            )

    class Breaks:
        @staticmethod
        def run(report: run_all.Report) -> None:
            raise RuntimeError("no data")

    modules = {"bench.a_works": Works, "bench.b_breaks": Breaks}
    monkeypatch.setattr(run_all, "discover", lambda: ["a_works", "b_breaks"])
    monkeypatch.setattr(run_all, "_kind", lambda name: "report")
    monkeypatch.setattr(run_all.importlib, "import_module", modules.__getitem__)
    report = run_all.Report(customers=10, appointments=20, runs=1, small=True, postgres_url=None)
    failures = run_all.run_all(report, None, {})
    assert calls == ["works"] and failures == ["b_breaks"]

    results = tmp_path / "RESULTS.md"
    run_all.write_results(results, report, run_all.describe_machine(None), 60.0)
    text = results.read_text(encoding="utf-8")
    assert "| what | measured | baseline (same run) | ratio | target | |" in text
    assert "| thing \\| done | 12 ms | 3 ms | 4.0× | ≤ 20 ms | met |" in text
    assert "FAILED: RuntimeError: no data" in text
    assert "- cores: " in text and "- SQLite: " in text and "- PySide6 / Qt: " in text


def test_rows_of_a_run_scale_benchmark_are_read_with_their_targets(monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)

    class Scaled:
        @staticmethod
        def run(scale: str) -> list[dict[str, object]]:
            assert scale == "small"
            return [
                {
                    "what": "queue",
                    "measured_ms": 4200.0,
                    "baseline": 900.0,
                    "ratio": 4.67,
                    "target": "≤ 5 s",
                    "backend": "sqlite",
                },
                {
                    "what": "search",
                    "measured_ms": 31.0,
                    "baseline": 20.0,
                    "ratio": 1.55,
                    "target": "≤ 30 ms",
                    "backend": "postgresql",
                },
                {
                    "what": "memory",
                    "value": 148,
                    "unit": "MB",
                    "target": "≤ 250 MB",
                    "backend": "sqlite",
                },
            ]

    monkeypatch.setattr(run_all.importlib, "import_module", {"bench.s": Scaled}.__getitem__)
    report = run_all.Report(customers=10, appointments=20, runs=1, small=True, postgres_url=None)
    run_all.run_scaled("s", report)
    assert [(r.what, r.measured, r.ok) for r in report.rows] == [
        ("queue (sqlite)", "4200.0 ms", True),
        ("search (postgresql)", "31.0 ms", False),
        ("memory (sqlite)", "148 MB", None),
    ]
    assert run_all._kind("campaign_queue") == "scale"
    assert run_all._kind("startup") == "report"
    assert run_all._kind("gateway_throughput") == "script"


def test_composer_stalls_are_judged_by_the_median_of_the_runs() -> None:
    from bench import composer_stalls

    def step(stall: float) -> dict[str, float]:
        return {"stall_ms": stall, "act_ms": 1.0, "after_act_ms": stall, "settled_ms": 900.0}

    result = {
        "idle_ms": 20.0,
        "worker_busy_ms": 50.0,
        "load_before": 1.0,
        "load_after": 1.5,
        "phases": {
            "open": [{**step(60.0), "act_ms": 120.0, "counts_ms": 300.0}],
            "search": [step(30.0), step(400.0), step(40.0)],  # one outlier of three
            "filter": [step(150.0), step(120.0), step(30.0)],
        },
    }
    report = run_all.Report(customers=10, appointments=20, runs=3, small=True, postgres_url=None)
    composer_stalls.rows(result, report)
    rows = {row.what: row for row in report.rows}
    build = rows["composer: open – building its widgets (GUI work, the same on any data)"]
    assert (build.measured, build.ratio, build.ok) == ("120 ms", "6.0×", None)
    opened = rows["composer: open – longest GUI-thread stall after the build (SQLite)"]
    assert (opened.measured, opened.ok) == ("60 ms (counts 0.3 s, settled 0.9 s)", True)
    search = next(r for w, r in rows.items() if w.startswith("composer: type a name"))
    assert search.measured == "40 ms (worst 400 ms; settled 0.9 s)"
    assert (search.ratio, search.ok) == ("2.0×", True)
    assert "worker busy with Python: 50 ms" in search.baseline
    changed = next(r for w, r in rows.items() if w.startswith("composer: tick a filter"))
    assert changed.ok is False  # median 120 ms > 100 ms
