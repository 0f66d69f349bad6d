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
}


def test_every_benchmark_module_is_found_and_no_helper() -> None:
    found = set(run_all.discover())
    assert found >= EXISTING
    assert not found & run_all.HELPERS
    assert not any(name.startswith("_") for name in found)
    for name in found:  # each follows one of the two conventions
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
    monkeypatch.setattr(run_all, "_is_script", lambda name: False)
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
