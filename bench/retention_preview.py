"""The retention period's preview at chain scale: the count and a page of the list, next
to one plain pass over the customers. SQLite and PostgreSQL.

    python -m bench.retention_preview [--customers 200000] [--appointments 1000000]
                                      [--years 1] [--backend sqlite|postgresql|both]

On the audience benchmark's chain-scale database (200,000 customers, 1,000,000
appointments over three years; see ``bench.database``: the cached SQLite file and
PostgreSQL database), read only, "now" at the data's ``ANCHOR``, with a retention of
``--years`` (1: the data's appointments reach three years back, so many customers are
inactive and the list is long):

* ours: ``RetentionService.preview`` (the count the settings tab and
  ``desk-app privacy retention`` show), ``page`` (the list's first page, in the customer
  list's order) and the page after it (keyset);
* baseline: the same count written by hand as one SQL statement (``HAND_WRITTEN``; the
  benchmark checks it gives the same number): what the rule costs in SQL itself;
* floor: ``SELECT count(*) FROM customers WHERE created_at < :cutoff``, the one pass over
  the customers any answer needs: the count's ratio to it says what the checks per
  customer cost (SQLite: one probe of ``ix_appointments_customer`` and one of the
  erasures' key each, never a scan per customer; PostgreSQL may rather hash the
  appointments from the cutoff on). The plans are printed.

Medians of ``--runs`` warm runs (after one not counted). Targets: the count ≤ 1.5× the
hand-written statement, a page ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from sqlalchemy import func, select, text

from bench.audience_data import ANCHOR
from bench.database import postgres_admin_url, postgres_database, sqlite_database
from bench.measure import explain
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER
from desk_app.services.retention import RetentionRule, RetentionService, inactive

COUNT_RATIO_TARGET = 1.5
HAND_WRITTEN = """
SELECT count(*) FROM customers c
WHERE c.created_at < :cutoff
  AND NOT EXISTS (SELECT 1 FROM appointments a
                  WHERE a.customer_id = c.id AND a.starts_at >= :cutoff)
  AND NOT EXISTS (SELECT 1 FROM erasures e WHERE e.customer_id = c.id)
"""
PAGE_TARGET_MS = 50.0


def _median_ms(call: Callable[[], object], runs: int) -> float:
    call()  # warm: statement compiled, pages cached
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def _plans(db: Database, rule: RetentionRule) -> dict[str, str]:
    """The count's and the first page's plans, compiled as the service sends them."""
    c = m.Customer
    with db.read() as s:
        conditions = inactive(s, rule)
    count = select(func.count()).select_from(c).where(*conditions)
    page = (
        select(c.id, c.first_name, c.last_name)
        .where(*conditions)
        .order_by(c.last_name_key, c.first_name_key, c.id)
        .limit(101)
    )
    plans = {}
    for name, statement in (("count", count), ("page", page)):
        compiled = statement.compile(db.engine)
        parameters: Any = compiled.params
        if db.engine.dialect.name == "sqlite":
            parameters = tuple(compiled.construct_params().values())
            parameters = tuple(
                c.replace(tzinfo=None).isoformat(sep=" ") if hasattr(c, "tzinfo") else c
                for c in parameters
            )
        plans[name] = explain(db.engine, str(compiled), parameters)
    return plans


def measure(database_url: str, years: int, runs: int) -> dict[str, Any]:
    db = Database(create_database_engine(database_url))
    retention = RetentionService(db, lambda: ANCHOR)
    rule = RetentionRule.at(ANCHOR, years)
    preview = retention.preview(SHARED_COUNTER, years)
    first = retention.page(SHARED_COUNTER, years)

    cutoff: Any = rule.cutoff
    if db.engine.dialect.name == "sqlite":  # stored as naive UTC text there
        cutoff = rule.cutoff.replace(tzinfo=None).isoformat(sep=" ")

    def baseline() -> object:
        with db.read() as s:
            return s.scalar(text(HAND_WRITTEN), {"cutoff": cutoff})

    def floor() -> object:
        with db.read() as s:
            query = text("SELECT count(*) FROM customers WHERE created_at < :cutoff")
            return s.scalar(query, {"cutoff": cutoff})

    if baseline() != preview.count:
        raise AssertionError(f"hand-written count {baseline()} != ours {preview.count}")

    result: dict[str, Any] = {
        "years": years,
        "cutoff": rule.cutoff.isoformat(),
        "inactive": preview.count,
        "created_before_cutoff": floor(),
        "runs": runs,
        "count_ms": _median_ms(lambda: retention.preview(SHARED_COUNTER, years), runs),
        "page_ms": _median_ms(lambda: retention.page(SHARED_COUNTER, years), runs),
        "next_page_ms": _median_ms(
            lambda: retention.page(SHARED_COUNTER, years, first.next_after), runs
        ),
        "baseline_ms": _median_ms(baseline, runs),
        "floor_ms": _median_ms(floor, runs),
    }
    result["ratio"] = round(result["count_ms"] / result["baseline_ms"], 2)
    result["floor_ratio"] = round(result["count_ms"] / result["floor_ms"], 2)
    result["plans"] = _plans(db, rule)
    db.dispose()
    return result


def _databases(customers: int, appointments: int, backend: str) -> list[tuple[str, str]]:
    found = []
    if backend in ("sqlite", "both"):
        found.append(("SQLite", sqlite_database(customers, appointments, rebuild=False).url))
    if backend in ("postgresql", "both"):
        admin = postgres_admin_url()
        if admin is not None:
            built = postgres_database(admin, customers, appointments, rebuild=False)
            found.append(("PostgreSQL", built.url))
    return found


def run(report: Any) -> None:
    """For ``bench.run_all``: a count row and a page row per backend."""
    saved = os.environ.get("DESK_APP_TEST_POSTGRES_URL")
    if report.postgres_url:
        os.environ["DESK_APP_TEST_POSTGRES_URL"] = report.postgres_url
    try:
        backend = "both" if report.postgres_url else "sqlite"
        databases = _databases(report.customers, report.appointments, backend)
    finally:
        if saved is None:
            os.environ.pop("DESK_APP_TEST_POSTGRES_URL", None)
        else:
            os.environ["DESK_APP_TEST_POSTGRES_URL"] = saved
    for label, url in databases:
        result = measure(url, 1, max(report.runs, 3))
        report.row(
            f"retention preview: count of inactive customers ({label})",
            f"{result['count_ms']:.0f} ms ({result['inactive']} of "
            f"{result['created_before_cutoff']} entered before the cutoff)",
            f"hand-written SQL {result['baseline_ms']:.0f} ms (one pass over the customers "
            f"{result['floor_ms']:.0f} ms, {result['floor_ratio']:.1f}×)",
            f"{result['ratio']:.1f}×",
            f"≤ {COUNT_RATIO_TARGET:.1f}×",
            ok=result["ratio"] <= COUNT_RATIO_TARGET,
            details={"backend": label, **result},
        )
        report.row(
            f"retention preview: a page of the list ({label})",
            f"first {result['page_ms']:.0f} ms, next {result['next_page_ms']:.0f} ms",
            "–",
            "–",
            f"≤ {PAGE_TARGET_MS:.0f} ms",
            ok=max(result["page_ms"], result["next_page_ms"]) <= PAGE_TARGET_MS,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--appointments", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    databases = _databases(args.customers, args.appointments, args.backend)
    results = {label: measure(url, args.years, args.runs) for label, url in databases}
    for label, result in results.items():
        for name, plan in result.pop("plans").items():
            print(f"-- {label}, {name}:\n{plan}")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
