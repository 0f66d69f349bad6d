"""Audience preview with reasons over 200,000 customers, next to one hand-written SQL query.

    python bench/audience_preview.py [--customers 200000] [--appointments 1000000]
                                     [--backend sqlite|postgresql|both] [--runs 5]
                                     [--rebuild] [--explain] [--json results.json]

Target (issue 5): the campaign composer's preview – every customer of a selection with
the channel that reaches them or the reason they are left out – takes at most 3× the same
selection written by hand as one SQL query, and under 1 s.

Data (the same for every backend, from a fixed seed, "now" fixed at ``ANCHOR``):
200,000 customers (≈85 % with email, ≈80 % with a phone, some landlines, a few malformed
addresses, some bounced, families sharing an address, preferred channel mixed),
1,000,000 appointments over three years plus two months ahead (mostly done, some
cancelled or no-show, future ones booked), the consent ledger (≈40 % email and ≈15 % SMS
confirmed, some pending, expired, revoked; ≈5 % objected, a few of them re-confirmed)
with its ``customer_consent`` projection computed by ``consent_projection.project_entries``
from the same entries, and an outbox with transactional mail and advertising – part of it
in the last 30 days, so the frequency cap applies to some customers.

The database refuses overlapping active appointments per staff member (SQLite trigger,
PostgreSQL exclusion constraint), so the appointments are packed back to back into
working days (Mon–Sat, 08:00–20:00) and the number of staff grows with the appointment
count: six people cannot hold 1,000,000 appointments in three years. During the bulk load
the overlap guard is dropped and recreated afterwards from its own stored definition
(PostgreSQL validates every row when the constraint comes back).

Each database is built once and cached, keyed by the data version, the sizes and a digest
of the schema (models + migrations): SQLite files in ``$TMPDIR/salon-desk-bench/``,
PostgreSQL databases named ``bench_audience_<digest>`` on DESK_APP_TEST_POSTGRES_URL's
server (drop them with ``DROP DATABASE`` when done). Build time is reported separately.
SQLite gets no ANALYZE (the app never runs one); PostgreSQL does.

Measured per selection and backend, on the same database in the same run:

* ours: ``services.campaigns.preview(type, channel, filters)`` – the call the composer and
  the CLI make (settings, one audience statement, result objects, counts);
* baseline: one hand-written ``text()`` query returning id, names and channel or reason
  for the same selection; the benchmark asserts it yields exactly the service's answer;
* for the breakdown: ``select_audience`` alone, and the statements ours sent replayed on
  the DB-API connection (the SQL floor of our statement, without SQLAlchemy).

"first" is the first call of that selection in the process (fresh engine for the first
selection of a backend; the OS file cache may be warm). The others: median of ``--runs``
warm runs, ours and baseline alternating. Exit code 1 only when results differ. For a
selection that misses a target, the plan of our audience statement is printed (EXPLAIN
QUERY PLAN on SQLite, EXPLAIN on PostgreSQL; ``--explain``: every plan, with ANALYZE).

Runtime: the cached run takes about a minute per backend when the preview meets its
target; today's slow previews (several seconds each on SQLite) make it several minutes.

Where what is: the customers come from ``desk_app.services.sample_data`` (shared with the
demo), the rest of the data from ``bench/audience_data.py``; building and caching the
databases in ``bench/database.py``; the hand-written queries in ``bench/audience_baselines.py``;
timing and SQL replay in ``bench/measure.py``; this file runs and reports.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, case, func, select, true

if __package__ in (None, ""):  # run as a script: the repository root, not bench/, on the path
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from bench.audience_baselines import (
    SELECTIONS,
    WIN_BACK_BEFORE,
    Selection,
    baseline_params,
    baseline_statement,
)
from bench.audience_data import ANCHOR, FREQUENCY_CAP, TIME_ZONE
from bench.database import Built, postgres_admin_url, postgres_database, sqlite_database
from bench.measure import StatementRecorder, explain, machine, median, replay, timed
from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.audience_outcomes import EMAIL_CODE, OUTCOMES, SMS_CODE
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import Reason
from desk_app.services.audience import (
    AudienceQuery,
    decided_outcome,
    filters_of,
    select_audience,
)
from desk_app.services.audience_view import AudienceSide
from desk_app.services.campaign_rows import AudienceFilters, AudiencePreview
from desk_app.services.container import build_services

TARGET_RATIO = 3.0
TARGET_MS = 1000.0
BREAKDOWN_RUNS = 1  # select_audience alone and the SQL replay: for reading, not judging

Answer = dict[int, tuple[str | None, str | None]]


def preview_answer(preview: AudiencePreview) -> Answer:
    answer: Answer = {}
    for member in preview.recipients:
        answer[member.customer_id] = (member.channel.value if member.channel else None, None)
    for member in preview.excluded:
        answer[member.customer_id] = (None, member.reason.value if member.reason else None)
    return answer


def baseline_answer(rows: Sequence[Any]) -> Answer:
    return {int(r[0]): (r[3], r[4]) for r in rows}


def run_backend(label: str, built: Built, runs: int, show_plans: bool) -> dict[str, Any]:
    engine = create_database_engine(built.url)
    db = Database(engine)
    services = build_services(db, templates_dir(), clock=lambda: ANCHOR)
    with engine.connect() as conn:
        counts = {
            table: conn.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar_one()
            for table in (
                "customers",
                "appointments",
                "staff",
                "consent_ledger",
                "customer_consent",
                "outbox",
            )
        }
    print(f"[{label}] rows: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()), flush=True)
    raw_connection = engine.raw_connection()

    results = []
    differs = False
    for selection in SELECTIONS:

        def ours(selection: Selection = selection) -> AudiencePreview:
            return services.campaigns.preview(selection.type, selection.channel, selection.filters)

        query = AudienceQuery(
            selection.type, selection.channel, selection.filters, ANCHOR, TIME_ZONE, FREQUENCY_CAP
        )

        def lines(query: AudienceQuery = query) -> Any:
            with db.read() as s:
                return select_audience(s, query)

        statement = (
            baseline_statement(selection, engine.dialect.name) if selection.baseline else None
        )
        params = baseline_params(selection, statement) if statement is not None else {}

        def baseline(statement: Any = statement, params: dict[str, Any] = params) -> list[Any]:
            with engine.connect() as conn:
                return list(conn.execute(statement, params).all())

        recorder = StatementRecorder(engine)
        ours_first, preview = timed(ours)
        recorder.close()
        recorded = recorder.statements
        base_first, base_rows = timed(baseline) if statement is not None else (None, None)

        ours_ms, base_ms, select_ms, sql_ms = [], [], [], []
        for run in range(runs):
            ours_ms.append(timed(ours)[0])
            if statement is not None:
                base_ms.append(timed(baseline)[0])
            if run < BREAKDOWN_RUNS:
                select_ms.append(timed(lines)[0])
                sql_ms.append(replay(raw_connection, recorded, engine.dialect.name))

        answer = preview_answer(preview)
        same: bool | None = None
        if base_rows is not None:
            expected = baseline_answer(base_rows)
            same = expected == answer
            if not same:
                differs = True
                wrong = sorted(
                    k for k in expected.keys() | answer.keys() if expected.get(k) != answer.get(k)
                )
                print(
                    f"[{label}] {selection.name}: RESULTS DIFFER for {len(wrong):,} customers",
                    flush=True,
                )
                for cid in wrong[:10]:
                    service, hand = answer.get(cid), expected.get(cid)
                    print(f"    customer {cid}: service {service}  baseline {hand}")
        ours_median = median(ours_ms)
        base_median = median(base_ms) if base_ms else None
        ratio = round(ours_median / base_median, 2) if base_median else None
        row = {
            "selection": selection.name,
            "backend": label,
            "rows": len(answer),
            "recipients": len(preview.recipients),
            "ours_first_ms": round(ours_first, 1),
            "ours_ms": ours_median,
            "select_audience_ms": median(select_ms),
            "our_sql_ms": median(sql_ms),
            "baseline_first_ms": round(base_first, 1) if base_first is not None else None,
            "baseline_ms": base_median,
            "ratio": ratio,
            "under_1s": ours_median < TARGET_MS,
            "within_3x": ratio is not None and ratio <= TARGET_RATIO,
            "same_result": same,
            "counts": dict(preview.counts),
        }
        results.append(row)
        verdict = _verdict(row)
        print(
            f"[{label}] {selection.name:<24} rows {row['rows']:>7,}  ours {ours_median:>8.1f} ms"
            f"  baseline {base_median if base_median is not None else float('nan'):>8.1f} ms"
            f"  ratio {ratio if ratio is not None else float('nan'):>5.2f}  {verdict}",
            flush=True,
        )
        if show_plans or verdict.startswith("FAIL"):
            audience_sql = max(recorded, key=lambda sp: len(sp[0]))
            print(f"--- plan of our audience statement ({label}, {selection.name}) ---")
            print(explain(engine, *audience_sql, analyze=show_plans))
            if statement is not None and show_plans:
                recorder = StatementRecorder(engine)
                baseline()
                recorder.close()
                print(f"--- plan of the hand-written query ({label}, {selection.name}) ---")
                print(explain(engine, *recorder.statements[-1], analyze=show_plans))
    raw_connection.close()
    db.dispose()
    return {
        "backend": label,
        "rows": counts,
        "cached": built.cached,
        "generate_seconds": round(built.generate_seconds, 1),
        "insert_seconds": round(built.insert_seconds, 1),
        "selections": results,
        "differs": differs,
    }


def _verdict(row: dict[str, Any]) -> str:
    if row["same_result"] is False:
        return "DIFFERENT RESULT"
    failed = []
    if not row["under_1s"]:
        failed.append("≥1 s")
    if row["ratio"] is not None and not row["within_3x"]:
        failed.append(">3×")
    if failed:
        return "FAIL (" + ", ".join(failed) + ")"
    return "PASS" if row["ratio"] is not None else "PASS (<1 s; no baseline)"


def print_table(results: list[dict[str, Any]]) -> None:
    print()
    header = (
        f"{'selection':<24} {'backend':<10} {'rows':>7} {'recip.':>7} {'ours ms':>8} "
        f"{'first':>7} {'select_aud.':>11} {'our SQL':>8} {'baseline':>9} {'first':>7} "
        f"{'ratio':>6}  result"
    )
    print(header)
    print("-" * len(header))
    for result in results:
        for r in result["selections"]:
            base = f"{r['baseline_ms']:>9.1f}" if r["baseline_ms"] is not None else f"{'–':>9}"
            base_first = (
                f"{r['baseline_first_ms']:>7.1f}"
                if r["baseline_first_ms"] is not None
                else f"{'–':>7}"
            )
            ratio = f"{r['ratio']:>6.2f}" if r["ratio"] is not None else f"{'–':>6}"
            print(
                f"{r['selection']:<24} {r['backend']:<10} {r['rows']:>7,} {r['recipients']:>7,} "
                f"{r['ours_ms']:>8.1f} {r['ours_first_ms']:>7.1f} {r['select_audience_ms']:>11.1f} "
                f"{r['our_sql_ms']:>8.1f} {base} {base_first} {ratio}  {_verdict(r)}"
            )
    print()
    print(
        "ours = services.campaigns.preview (median of warm runs); first = first call in the "
        "process;\nselect_aud. = select_audience alone; our SQL = our statements replayed on "
        "the DB-API cursor;\nbaseline = one hand-written text() query, same rows asserted; "
        f"target: ratio ≤ {TARGET_RATIO:g} and ours < {TARGET_MS:.0f} ms."
    )
    for result in results:
        state = (
            "cached"
            if result["cached"]
            else (
                f"built: generated in {result['generate_seconds']} s, "
                f"migrated + inserted in {result['insert_seconds']} s"
            )
        )
        print(f"{result['backend']}: database {state}")
    print()


# ---- for the bench runner (python -m bench.run): counts and pages beside the full preview --
SCALES = {"chain": (200_000, 1_000_000), "small": (5_000, 25_000)}
COUNTS_TARGET = "≤ 250 ms"
PAGE_TARGET = "≤ 1000 ms per page of reasons"
REASONS_PAGE = 200


# The category filter with other campaign types too (issue 11: the slow counts were
# those that had to look at the appointments); counts only, no hand-written baseline.
CATEGORY_SELECTIONS = [
    Selection(
        "promotion/best Farbe",
        CampaignType.PROMOTION,
        ChannelChoice.BEST,
        AudienceFilters(service_category="Farbe"),
    ),
    Selection(
        "win_back/email <180d Schnitt",
        CampaignType.WIN_BACK,
        ChannelChoice.EMAIL,
        AudienceFilters(last_visit_before=WIN_BACK_BEFORE, service_category="Schnitt"),
    ),
]
BEFORE = (
    "the same counts as counted before issue 11 (one statement, category from the "
    "appointments), same run"
)


def _counts_before(db: Database, selection: Selection) -> dict[str, int]:
    """The counts as they were before this branch (issue 11), kept here to measure
    against: one statement grouped by outcome and shared address over every customer of
    the selection, the category filtered by an ``IN`` over the completed appointments of
    its services (ix_appointments_done_service) instead of ``customer_categories``."""
    f, a = m.AudienceFacts, m.Appointment
    where = []
    if selection.filters.service_category is not None:
        services = select(m.Treatment.id).where(
            m.Treatment.category == selection.filters.service_category
        )
        visits = select(a.customer_id).where(a.status == "done", a.service_id.in_(services))
        where.append(f.customer_id.in_(visits))
    filters = replace(selection.filters, service_category=None)
    query = AudienceQuery(
        selection.type, selection.channel, filters, ANCHOR, TIME_ZONE, FREQUENCY_CAP
    )
    decided = (
        select(
            decided_outcome(query).label("outcome"),
            f.email_address,
            f.phone,
            f.email_shared,
            f.phone_shared,
        )
        .where(*filters_of(query), *where)
        .offset(0)
        .subquery("decided")
    )
    d = decided.c
    shared = case(
        (and_(d.outcome == EMAIL_CODE, d.email_shared == true()), d.email_address),
        (and_(d.outcome == SMS_CODE, d.phone_shared == true()), d.phone),
    ).label("shared")
    grouped = (
        select(d.outcome, shared, func.count().label("customers"))
        .group_by(d.outcome, shared)
        .subquery("grouped")
    )
    g = grouped.c
    addresses = func.sum(case((g.shared.is_(None), g.customers), else_=1))
    statement = select(g.outcome, func.sum(g.customers), addresses).group_by(g.outcome)
    counts: dict[str, int] = {"recipients": 0, "excluded": 0, "email": 0, "sms": 0}

    def exclude(reason: str, n: int) -> None:
        counts["excluded"] += n
        counts[reason] = counts.get(reason, 0) + n

    with db.read() as s:
        for code, n, reached in s.execute(statement):
            outcome, n, reached = OUTCOMES[code], int(n), int(reached)
            if code in (EMAIL_CODE, SMS_CODE):
                counts["recipients"] += reached
                counts[outcome] += reached
                if n > reached:
                    exclude(Reason.DUPLICATE_ADDRESS.value, n - reached)
            else:
                exclude(outcome, n)
    return counts


def _rows_for(label: str, url: str) -> list[dict[str, Any]]:
    db = Database(create_database_engine(url))
    services = build_services(db, templates_dir(), clock=lambda: ANCHOR)
    rows: list[dict[str, Any]] = []
    for selection in [*SELECTIONS, *CATEGORY_SELECTIONS]:
        kind, channel, filters = selection.type, selection.channel, selection.filters

        def whole() -> Any:
            return services.campaigns.preview(kind, channel, filters)  # noqa: B023

        def counted() -> Any:
            return services.audience.counts(kind, channel, filters)  # noqa: B023

        def first_page() -> Any:
            return services.audience.page(
                kind,  # noqa: B023
                channel,  # noqa: B023
                filters,  # noqa: B023
                None,
                REASONS_PAGE,
                AudienceSide(excluded=True),
            )

        full = [timed(whole)[0] for _ in range(2)]
        counts = [timed(counted)[0] for _ in range(3)]
        page = [timed(first_page)[0] for _ in range(3)]
        base = median(full)
        rows.append(
            _row(f"audience counts: {selection.name}", median(counts), base, COUNTS_TARGET, label)
        )
        rows.append(
            _row(
                f"audience reasons, first {REASONS_PAGE}: {selection.name}",
                median(page),
                base,
                PAGE_TARGET,
                label,
            )
        )
        print(
            f"[{label}] {selection.name}: full {base} ms, counts {median(counts)} ms, "
            f"page {median(page)} ms",
            flush=True,
        )
        assert _counts_before(db, selection) == counted()  # the same answer
        before, after = [], []
        for _ in range(5):  # alternating: the machine's load shifts under both alike
            before.append(timed(lambda: _counts_before(db, selection))[0])  # noqa: B023
            after.append(timed(counted)[0])
        row = _row(
            f"audience counts, before → now: {selection.name}",
            median(after),
            median(before),
            COUNTS_TARGET,
            label,
        )
        rows.append({**row, "baseline_what": BEFORE})
        print(
            f"[{label}] {selection.name}: counts before {median(before)} ms, "
            f"now {median(after)} ms",
            flush=True,
        )
    db.dispose()
    return rows


def _row(what: str, ms: float, baseline: float, target: str, backend: str) -> dict[str, Any]:
    return {
        "what": what,
        "measured_ms": ms,
        "baseline": baseline,
        "baseline_what": "the whole preview (CampaignService.preview), same run",
        "ratio": round(ms / baseline, 2) if baseline else None,
        "target": target,
        "backend": backend,
    }


def run(scale: str = "chain") -> list[dict[str, Any]]:
    """Rows for bench/RESULTS.md: per selection and backend, the counts and the first page
    of reasons the composer shows, each beside the whole preview of the same selection."""
    customers, appointments = SCALES[scale]
    rows = _rows_for("sqlite", sqlite_database(customers, appointments, rebuild=False).url)
    admin = postgres_admin_url()
    if admin:
        built = postgres_database(admin, customers, appointments, rebuild=False)
        rows += _rows_for("postgresql", built.url)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--appointments", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--runs", type=int, default=5, help="warm runs per selection (≥ 5)")
    parser.add_argument("--rebuild", action="store_true", help="ignore the cached databases")
    parser.add_argument("--explain", action="store_true", help="print every query plan")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args()
    started = time.perf_counter()
    results = []
    if args.backend in ("sqlite", "both"):
        built = sqlite_database(args.customers, args.appointments, args.rebuild)
        print(f"[sqlite] {'cached' if built.cached else 'built'}: {built.url}", flush=True)
        results.append(run_backend("sqlite", built, args.runs, args.explain))
    if args.backend in ("postgresql", "both"):
        admin = postgres_admin_url()
        if admin:
            built = postgres_database(admin, args.customers, args.appointments, args.rebuild)
            print(f"[postgresql] {'cached' if built.cached else 'built'}", flush=True)
            results.append(run_backend("postgresql", built, args.runs, args.explain))
    print_table(results)
    print(f"total {time.perf_counter() - started:.0f} s")
    if args.json is not None:
        report = {
            "benchmark": "audience_preview",
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "anchor": ANCHOR.isoformat(),
            "results": results,
        }
        args.json.write_text(
            json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"written: {args.json}")
    return 1 if any(r["differs"] for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
