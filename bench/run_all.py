"""Every benchmark in bench/, one command, one results file: ``bench/RESULTS.md``.

    .venv/bin/python -m bench.run_all            # chain scale (slow the first time)
    .venv/bin/python -m bench.run_all --small    # tiny data, seconds: does it all run?

On a fresh clone the data is generated first (cached under $TMPDIR/salon-desk-bench,
keyed by data version and schema); a throw-away PostgreSQL is started with
``scripts/test-postgres.sh`` (unless DESK_APP_TEST_POSTGRES_URL names one) so every
benchmark that has a PostgreSQL side runs it, and stopped afterwards.

**The convention**, for a module ``bench/NAME.py`` to be picked up:

* it defines ``run(report)`` (the parameter so named) and adds its rows with
  ``report.row(what, measured, baseline, ratio, target, ok=…, details=…)``;
  ``report.customers``, ``report.appointments``, ``report.runs`` and ``report.small``
  give the scale, ``report.postgres_url`` the
  PostgreSQL server (or None); or
* it defines ``run(scale)`` (``"chain"`` or ``"small"``) returning rows as dicts
  (``what``, ``measured_ms`` or ``value`` + ``unit``, ``baseline``, ``ratio``,
  ``target``, ``backend``); PostgreSQL rows come when DESK_APP_TEST_POSTGRES_URL is set,
  which the runner does for the call; or
* it has a ``main()`` (a script with ``--json``): it is run as ``python -m bench.NAME``
  with the arguments in ``SCRIPT_ARGUMENTS`` (scale) and ``--json FILE``; its printed
  output goes to the results file, and a function ``rows(result, report)`` here, or in
  the module, turns the JSON into table rows.

Modules whose name starts with ``_`` and the helpers in ``HELPERS`` are not benchmarks.
Nothing here asserts a time: the table says which targets are met.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parents[1])

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
HELPERS = {"measure", "database", "audience_data", "audience_baselines", "counter", "run_all"}
CHAIN = {"customers": 200_000, "appointments": 1_000_000, "runs": 5}
SMALL = {"customers": 2_000, "appointments": 10_000, "runs": 1}


@dataclass
class Row:
    what: str
    measured: str
    baseline: str
    ratio: str
    target: str
    ok: bool | None
    source: str


@dataclass
class Report:
    customers: int
    appointments: int
    runs: int
    small: bool
    postgres_url: str | None
    rows: list[Row] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    current: str = ""

    def row(
        self,
        what: str,
        measured: str,
        baseline: str,
        ratio: str,
        target: str,
        ok: bool | None = None,
        details: Any = None,
    ) -> None:
        self.rows.append(Row(what, measured, baseline, ratio, target, ok, self.current))
        if details is not None:
            self.details.setdefault(self.current, []).append({"what": what, **_plain(details)})


def _plain(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {"value": value}


# ---- the scripts (modules with main() and --json) ---------------------------------------
def _scale_args(report: Report) -> dict[str, list[str]]:
    small = report.small
    return {
        "gateway_throughput": ["--messages", "200" if small else "5000"],
        "online_availability": (
            ["--staff", "6", "--treatments", "8", "--weeks", "1", "--runs", "1"] if small else []
        ),
        "online_booking_page": (
            ["--staff", "6", "--treatments", "8", "--weeks", "1", "--requests", "3"]
            if small
            else []
        ),
    }


def _gateway_throughput_rows(result: dict[str, Any], report: Report) -> None:
    rate, base = result["gateway_messages_per_second"], result["baseline_messages_per_second"]
    report.row(
        "mail through desktop → gateway → SMTP",
        f"{rate:.0f} mails/s",
        f"smtplib alone {base:.0f} mails/s",
        f"{rate / base:.0%}",
        "≥ 50 % of the baseline",
        ok=rate / base >= 0.5,
    )


def _online_availability_rows(result: dict[str, Any], report: Report) -> None:
    r = result["results"]
    report.row(
        "online availability: free intervals + start times (booking page snapshot)",
        f"{r['ours_ms']:.0f} ms",
        f"naive check per pair, scaled: {r['baseline_scaled_ms']:.0f} ms",
        f"{r['ours_ms'] / r['baseline_scaled_ms']:.3f}×",
        "< 1 s, same start times as the baseline",
        ok=r["under_1s"] and r["same_result"],
    )


def _online_booking_page_rows(result: dict[str, Any], report: Report) -> None:
    report.row(
        "online booking page: days of a service (gateway)",
        f"{result['page_days_ms']:.1f} ms",
        f"/healthz {result['healthz_ms']:.1f} ms",
        f"{result['page_days_vs_healthz']:.1f}×",
        "–",
    )
    report.row(
        "online booking page: publish the availability snapshot",
        f"{result['publish_again_ms']:.0f} ms",
        f"publishing an empty snapshot {result['publish_empty_ms']:.0f} ms",
        f"{result['publish_vs_empty']:.1f}×",
        "–",
    )


ROWS: dict[str, Callable[[dict[str, Any], Report], None]] = {
    "gateway_throughput": _gateway_throughput_rows,
    "online_availability": _online_availability_rows,
    "online_booking_page": _online_booking_page_rows,
}


def run_script(name: str, report: Report, env: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as scratch:
        result_file = Path(scratch) / "result.json"
        arguments = _scale_args(report).get(name, [])
        command = [sys.executable, "-m", f"bench.{name}", *arguments, "--json", str(result_file)]
        done = subprocess.run(
            command, cwd=scratch, env=env, capture_output=True, text=True, timeout=4 * 3600
        )
        report.outputs[name] = (done.stdout + done.stderr)[-6000:]
        if done.returncode != 0:
            raise RuntimeError(f"exit code {done.returncode}")
        if not result_file.exists():
            return
        result = json.loads(result_file.read_text(encoding="utf-8"))
    module = importlib.import_module(f"bench.{name}")
    rows = getattr(module, "rows", None) or ROWS.get(name)
    if rows is None:
        report.row(name, "see its output below", "", "", "", None)
        return
    try:
        rows(result, report)
    except (KeyError, TypeError, ValueError, ZeroDivisionError) as exc:
        report.row(
            name, f"see its output below ({type(exc).__name__} reading the JSON)", "", "", "", None
        )


# ---- discovery and the run ---------------------------------------------------------------
def discover() -> list[str]:
    names = sorted(
        p.stem for p in BENCH.glob("*.py") if not p.stem.startswith("_") and p.stem not in HELPERS
    )
    return names


def _kind(name: str) -> str:
    """``report`` for ``run(report)``, ``scale`` for ``run(scale)`` (the parameter's name
    tells them apart: online_booking_page has a ``run`` of its own), else ``script``."""
    text = (BENCH / f"{name}.py").read_text(encoding="utf-8")
    if "def run(report" in text:
        return "report"
    if "def run(scale" in text:
        return "scale"
    return "script"


def _within(target: str, milliseconds: float) -> bool | None:
    """``≤ 30 ms`` / ``≤ 5 s`` targets read from the row; None when not of that form."""
    match = re.fullmatch(r"≤\s*([\d.,]+)\s*(ms|s)\b.*", target.strip())
    if not match:
        return None
    limit = float(match.group(1).replace(",", "."))
    return milliseconds <= limit * (1000 if match.group(2) == "s" else 1)


def run_scaled(name: str, report: Report) -> None:
    module = importlib.import_module(f"bench.{name}")
    saved = os.environ.get("DESK_APP_TEST_POSTGRES_URL")
    if report.postgres_url:
        os.environ["DESK_APP_TEST_POSTGRES_URL"] = report.postgres_url
    try:
        rows = module.run("small" if report.small else "chain")
    finally:
        if saved is None:
            os.environ.pop("DESK_APP_TEST_POSTGRES_URL", None)
        else:
            os.environ["DESK_APP_TEST_POSTGRES_URL"] = saved
    for r in rows:
        target = str(r.get("target") or "–")
        if "measured_ms" in r:
            measured, ok = f"{r['measured_ms']:.1f} ms", _within(target, r["measured_ms"])
        else:
            measured, ok = f"{r.get('value')} {r.get('unit', '')}".strip(), None
        baseline = r.get("baseline")
        report.row(
            f"{r['what']} ({r.get('backend', '–')})",
            measured,
            "–" if baseline is None else f"{r.get('baseline_what', 'baseline')} {baseline}",
            "–" if r.get("ratio") is None else f"{r['ratio']}×",
            target,
            ok=ok,
            details=r,
        )


def run_all(report: Report, only: list[str] | None, env: dict[str, str]) -> list[str]:
    failures = []
    for name in discover():
        if only and name not in only:
            continue
        report.current = name
        started = time.perf_counter()
        print(f"== {name}", flush=True)
        try:
            kind = _kind(name)
            if kind == "script":
                run_script(name, report, env)
            elif kind == "scale":
                run_scaled(name, report)
            else:
                module = importlib.import_module(f"bench.{name}")
                module.run(report)
        except Exception as exc:  # noqa: BLE001 - one failing must not hide the others
            failures.append(name)
            report.outputs[name] = report.outputs.get(name, "") + traceback.format_exc()[-4000:]
            report.row(name, f"FAILED: {type(exc).__name__}: {exc}"[:200], "", "", "", False)
        print(f"   {time.perf_counter() - started:.0f} s", flush=True)
    return failures


# ---- PostgreSQL -----------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class ThrowawayPostgres:
    """DESK_APP_TEST_POSTGRES_URL if set, else a cluster of our own (None: not installed)."""

    def __init__(self) -> None:
        self.url = os.environ.get("DESK_APP_TEST_POSTGRES_URL")
        self.directory: Path | None = None

    def __enter__(self) -> str | None:
        if self.url:
            return self.url
        directory = Path(tempfile.mkdtemp(prefix="bench-pg-"))
        # mkdtemp makes it 0700; as root the server runs as "postgres", which must get through it.
        directory.chmod(0o755)
        done = subprocess.run(
            [
                "bash",
                str(ROOT / "scripts/test-postgres.sh"),
                "start",
                str(directory / "pg"),
                str(_free_port()),
            ],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            print(f"PostgreSQL not started: {done.stderr.strip()[:300]}", flush=True)
            return None
        self.directory = directory
        self.url = done.stdout.strip().splitlines()[-1]
        return self.url

    def __exit__(self, *_: object) -> None:
        if self.directory is not None:
            subprocess.run(
                [
                    "bash",
                    str(ROOT / "scripts/test-postgres.sh"),
                    "stop",
                    str(self.directory / "pg"),
                ],
                capture_output=True,
            )


# ---- the machine and the file ---------------------------------------------------------------
def describe_machine(postgres_url: str | None) -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    import PySide6
    from PySide6.QtCore import qVersion

    machine = {
        "cores": str(os.cpu_count()),
        "CPU": cpu,
        "RAM": ram,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "PySide6 / Qt": f"{PySide6.__version__} / {qVersion()}",
        "SQLite": sqlite3.sqlite_version,
        "load average at the start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    if postgres_url:
        try:
            import psycopg
            from sqlalchemy import make_url

            dsn = make_url(postgres_url).set(drivername="postgresql")
            with psycopg.connect(dsn.render_as_string(hide_password=False)) as conn:
                row = conn.execute("SHOW server_version").fetchone()
                machine["PostgreSQL"] = str(row[0]) if row else "?"
        except Exception as exc:  # noqa: BLE001 - the table is still worth writing
            machine["PostgreSQL"] = f"? ({type(exc).__name__})"
    return machine


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_results(path: Path, report: Report, machine: dict[str, str], seconds: float) -> None:
    verdict = {True: "met", False: "**not met**", None: "–"}
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python -m bench.run_all{' --small' if report.small else ''}` on "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC in {seconds / 60:.0f} min; scale: "
        f"{report.customers:,} customers, {report.appointments:,} appointments. Every "
        "figure is beside a baseline measured in the same run on the same machine.",
        "",
        "| what | measured | baseline (same run) | ratio | target | |",
        "|---|---|---|---|---|---|",
    ]
    for r in report.rows:
        cells = [r.what, r.measured, r.baseline, r.ratio, r.target, verdict[r.ok]]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    lines += ["", "## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in machine.items()]
    if report.details:
        lines += ["", "## Details", "", "```json", json.dumps(report.details, indent=1), "```"]
    for name, output in report.outputs.items():
        lines += ["", f"## Output of `{name}`", "", "```", output.rstrip(), "```"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--small", action="store_true", help="tiny data: checks that all runs")
    parser.add_argument("--only", nargs="*", help="these benchmarks only (module names)")
    parser.add_argument("--output", type=Path, default=None, help="default: bench/RESULTS.md")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args(argv)
    scale = SMALL if args.small else CHAIN
    output = args.output or (
        Path(tempfile.gettempdir()) / "RESULTS-small.md" if args.small else BENCH / "RESULTS.md"
    )
    started = time.perf_counter()
    postgres = ThrowawayPostgres() if not args.no_postgres else None
    url = postgres.__enter__() if postgres is not None else None
    try:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
        env.pop("DESK_APP_TEST_POSTGRES_URL", None)
        if url:
            env["DESK_APP_TEST_POSTGRES_URL"] = url
            os.environ["DESK_APP_TEST_POSTGRES_URL"] = url
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        report = Report(small=args.small, postgres_url=url, **scale)
        machine = describe_machine(url)
        failures = run_all(report, args.only, env)
    finally:
        if postgres is not None:
            postgres.__exit__(None, None, None)
    write_results(output, report, machine, time.perf_counter() - started)
    print(f"written: {output}")
    if failures:
        print(f"failed: {', '.join(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
