"""Online booking availability: 40 staff × 60 treatments × 8 weeks, next to a naive check.

    python bench/online_availability.py [--staff 40] [--treatments 60] [--weeks 8]
                                        [--slice 24] [--runs 5] [--json results.json]

Target (issue 10): publishing computes ``free_intervals`` for every bookable staff member,
and the gateway derives ``start_times`` for every (staff, treatment) pair from the snapshot
(to answer ``starts: N`` and to draw the page). Both together stay under 1 s for a large
salon, and the ``free`` part of the snapshot stays well inside the gateway's 1 MiB body.

Data (pure, from a fixed seed, "now" fixed at ``ANCHOR``, a Monday morning in Berlin; the
8 weeks hold the end of summer time on 2026-10-25): opening hours Monday–Saturday with a
lunch break (Thursday late, Saturday short), 40 staff (most full time, some part time on
three days, some on a late shift), 60 treatments of 15–180 minutes, each staff member's
working time about 70 % booked (appointments back to back or with small gaps, some of
them off the quarter-hour grid), a daily break of 30 minutes, a holiday of one to two
weeks for a few, sick days for others, and two closures (one day, two days).

Measured in the same run:

* ours: ``free_intervals`` for every staff member, then ``start_times`` for every
  (staff, treatment) pair on those intervals; median of ``--runs`` runs;
* baseline: the check one writes first – every minute of the booking window is a
  candidate start, kept when it is on the local step grid, inside the opening hours and the
  staff member's hours (``scheduling.within_opening_hours``), not on a closed day, and
  overlapping none of the staff member's busy intervals (``scheduling.overlaps``, each one
  tried). It takes minutes for the full set, so it runs on ``--slice`` pairs spread over
  staff and treatments; its time is scaled to all pairs, and ours is also timed on the
  same slice. The benchmark asserts both give the same start times on the slice.

Also reported: the number of start times (the gateway's ``starts``), the number of free
intervals and the size of the snapshot's ``free`` part as JSON (protocol v1,
"PUT /v1/availability"), and what it would be without the free gaps shorter than the
shortest treatment. Exit code 1 when the start times differ.

Runtime: a few seconds (the baseline's slice takes most of it).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

if __package__ in (None, ""):  # run as a script: the repository root, not bench/, on the path
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from bench.measure import machine, median
from desk_app.domain.availability import (
    AvailabilityRules,
    Interval,
    StaffWeek,
    free_intervals,
    start_times,
)
from desk_app.domain.scheduling import OpeningInterval, overlaps, within_opening_hours

SEED = 20261012
ZONE = ZoneInfo("Europe/Berlin")
ANCHOR = datetime(2026, 10, 12, 8, 30, tzinfo=ZONE).astimezone(UTC)  # Monday 08:30
TARGET_MS = 1000.0
MAX_BODY_BYTES = 1_048_576  # the gateway's default (desk_gateway/config.py)
BOOKING_CHANCE = 0.7  # at each free moment: an appointment or a gap (≈ 70 % of the time booked)
DURATIONS = [15, 20, 30, 30, 45, 45, 60, 60, 60, 75, 90, 90, 120, 150, 180]

MINUTE = timedelta(minutes=1)


def _hours(days: Sequence[int], *ranges: tuple[str, str]) -> tuple[OpeningInterval, ...]:
    return tuple(
        OpeningInterval(day, clock.fromisoformat(opens), clock.fromisoformat(closes))
        for day in days
        for opens, closes in ranges
    )


OPENING = (
    _hours((0, 1, 2, 4), ("09:00", "12:30"), ("13:30", "19:00"))
    + _hours((3,), ("09:00", "12:30"), ("13:30", "20:00"))
    + _hours((5,), ("08:00", "14:00"))
)
CLOSURES = [(date(2026, 11, 18), date(2026, 11, 18)), (date(2026, 11, 23), date(2026, 11, 24))]


@dataclass(frozen=True)
class Salon:
    staff: list[StaffWeek]
    treatments: list[int]  # minutes
    rules: AvailabilityRules
    booked_share: float  # of the working time (opening ∩ staff hours), breaks not counted


def build_salon(staff_count: int, treatment_count: int, weeks: int) -> Salon:
    rng = random.Random(SEED)
    rules = AvailabilityRules(step_minutes=15, lead_minutes=120, horizon_days=7 * weeks)
    treatments = [rng.choice(DURATIONS) for _ in range(treatment_count)]
    first_day = ANCHOR.astimezone(ZONE).date() - timedelta(days=1)
    days = [first_day + timedelta(days=n) for n in range(7 * weeks + 2)]
    staff = []
    booked = working = timedelta()
    for staff_id in range(1, staff_count + 1):
        kind = rng.random()
        if kind < 0.6:
            hours = None
        elif kind < 0.85:
            hours = _hours(sorted(rng.sample(range(6), 3)), ("08:30", "15:00"))
        else:
            hours = _hours((1, 2, 3, 4, 5), ("12:00", "20:00"))
        busy, their_booked, their_working = _busy_calendar(rng, hours, days, treatments)
        booked, working = booked + their_booked, working + their_working
        staff.append(StaffWeek(staff_id=staff_id, hours=hours, busy=tuple(busy)))
    return Salon(staff, treatments, rules, booked / working)


def _working_ranges(
    day: date, hours: tuple[OpeningInterval, ...] | None
) -> list[tuple[datetime, datetime]]:
    """That day's wall-clock working ranges (opening ∩ own hours), as local datetimes."""
    ranges = []
    for o in (o for o in OPENING if o.weekday == day.weekday()):
        own = [(o.opens, o.closes)]
        if hours is not None:
            own = [(h.opens, h.closes) for h in hours if h.weekday == day.weekday()]
        for opens, closes in own:
            start, end = max(o.opens, opens), min(o.closes, closes)
            if start < end:
                ranges.append(
                    (datetime.combine(day, start, ZONE), datetime.combine(day, end, ZONE))
                )
    return ranges


def _busy_calendar(
    rng: random.Random,
    hours: tuple[OpeningInterval, ...] | None,
    days: list[date],
    treatments: list[int],
) -> tuple[list[Interval], timedelta, timedelta]:
    busy: list[Interval] = []
    booked = working = timedelta()

    def add(start: datetime, end: datetime) -> None:
        busy.append(Interval(start.astimezone(UTC), end.astimezone(UTC)))

    for day in days:
        ranges = _working_ranges(day, hours)
        if not ranges:
            continue
        break_start = datetime.combine(day, clock(12), ZONE) + rng.randrange(0, 13) * 15 * MINUTE
        add(break_start, break_start + 30 * MINUTE)
        for start, end in ranges:
            working += end - start
            cursor = start
            while cursor < end:
                if rng.random() < BOOKING_CHANCE:
                    length = rng.choice(treatments) * MINUTE
                    if cursor + length <= end:
                        add(cursor, cursor + length)
                        booked += length
                    cursor += length
                else:
                    cursor += rng.choice([10, 15, 15, 30, 45, 60]) * MINUTE
    if rng.random() < 0.15:  # a holiday
        first = days[0] + timedelta(days=rng.randrange(0, len(days) - 14))
        length = rng.choice([7, 14])
        add(
            datetime.combine(first, clock(), ZONE),
            datetime.combine(first, clock(), ZONE) + timedelta(days=length),
        )
    for _ in range(rng.choice([0, 0, 1, 2])):  # sick days
        day = rng.choice(days)
        add(
            datetime.combine(day, clock(), ZONE),
            datetime.combine(day, clock(), ZONE) + timedelta(days=1),
        )
    return busy, booked, working


# --- ours and the baseline --------------------------------------------------------------


def ours_free(salon: Salon, staff: Sequence[StaffWeek]) -> dict[int, list[Interval]]:
    return {
        week.staff_id: free_intervals(OPENING, CLOSURES, week, ZONE, ANCHOR, salon.rules)
        for week in staff
    }


def ours_starts(
    salon: Salon, free: dict[int, list[Interval]], pairs: Sequence[tuple[int, int]]
) -> dict[tuple[int, int], list[datetime]]:
    step = salon.rules.step_minutes
    return {
        (staff_id, minutes_index): start_times(
            free[staff_id], salon.treatments[minutes_index], ZONE, step
        )
        for staff_id, minutes_index in pairs
    }


def naive_starts(salon: Salon, week: StaffWeek, minutes: int) -> list[datetime]:
    rules = salon.rules
    first = ANCHOR + timedelta(minutes=rules.lead_minutes)
    last = ANCHOR + timedelta(days=rules.horizon_days)
    duration = minutes * MINUTE
    closed = {
        first_day + timedelta(days=n)
        for first_day, last_day in CLOSURES
        for n in range((last_day - first_day).days + 1)
    }
    starts = []
    candidate = first.replace(second=0, microsecond=0)
    if candidate < first:
        candidate += MINUTE
    while candidate + duration <= last:
        local_start = candidate.astimezone(ZONE)
        if (local_start.hour * 60 + local_start.minute) % rules.step_minutes == 0:
            local_end = (candidate + duration).astimezone(ZONE)
            if (
                local_start.date() not in closed
                and within_opening_hours(local_start, local_end, OPENING)
                and (week.hours is None or within_opening_hours(local_start, local_end, week.hours))
                and not any(
                    overlaps(candidate, candidate + duration, b.start, b.end) for b in week.busy
                )
            ):
                starts.append(candidate)
        candidate += MINUTE
    return starts


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def free_json(free: dict[int, list[Interval]], shortest: int = 0) -> str:
    """The snapshot's ``free`` part as the desktop would send it (compact JSON)."""
    keep = timedelta(minutes=shortest)
    part = [
        {
            "staff_id": staff_id,
            "intervals": [
                [i.start.isoformat(), i.end.isoformat()]
                for i in intervals
                if i.end - i.start >= keep
            ],
        }
        for staff_id, intervals in free.items()
    ]
    return json.dumps({"free": part}, separators=(",", ":"))


def spread(count: int, out_of: int) -> list[int]:
    return sorted({round(k * (out_of - 1) / max(count - 1, 1)) for k in range(count)})


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--staff", type=int, default=40)
    parser.add_argument("--treatments", type=int, default=60)
    parser.add_argument("--weeks", type=int, default=8)
    parser.add_argument("--slice", type=int, default=24, help="pairs the baseline checks")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args()

    started = time.perf_counter()
    salon = build_salon(args.staff, args.treatments, args.weeks)
    build_seconds = time.perf_counter() - started
    busy_count = sum(len(w.busy) for w in salon.staff)
    print(
        f"{args.staff} staff, {args.treatments} treatments, {args.weeks} weeks: "
        f"{busy_count:,} busy intervals, {100 * salon.booked_share:.0f} % of the working time "
        f"booked (built in {build_seconds:.1f} s)",
        flush=True,
    )
    pairs = [(w.staff_id, t) for w in salon.staff for t in range(len(salon.treatments))]

    free_ms, starts_ms = [], []
    free: dict[int, list[Interval]] = {}
    starts: dict[tuple[int, int], list[datetime]] = {}
    for _ in range(args.runs):
        elapsed, free = timed(lambda: ours_free(salon, salon.staff))
        free_ms.append(elapsed)
        elapsed, starts = timed(partial(ours_starts, salon, free, pairs))
        starts_ms.append(elapsed)
    start_count = sum(len(s) for s in starts.values())
    interval_count = sum(len(i) for i in free.values())
    ours_ms = median([f + s for f, s in zip(free_ms, starts_ms, strict=True)])

    # The slice: staff and treatments spread over the whole range, every pair of them.
    side = max(1, round(args.slice**0.5))
    slice_staff = [salon.staff[i] for i in spread(side, len(salon.staff))]
    slice_treatments = spread(max(1, args.slice // len(slice_staff)), len(salon.treatments))
    slice_pairs = [(w.staff_id, t) for w in slice_staff for t in slice_treatments]
    slice_ours_ms, _ = timed(lambda: ours_starts(salon, ours_free(salon, slice_staff), slice_pairs))
    by_id = {w.staff_id: w for w in salon.staff}
    naive_ms, naive = timed(
        lambda: {(s, t): naive_starts(salon, by_id[s], salon.treatments[t]) for s, t in slice_pairs}
    )
    differ = [pair for pair in slice_pairs if naive[pair] != starts[pair]]
    scaled_ms = naive_ms / len(slice_pairs) * len(pairs)

    compact = free_json(free)
    trimmed = free_json(free, shortest=min(salon.treatments))
    result = {
        "staff": args.staff,
        "treatments": args.treatments,
        "weeks": args.weeks,
        "pairs": len(pairs),
        "busy_intervals": busy_count,
        "booked_share": round(salon.booked_share, 3),
        "free_intervals": interval_count,
        "start_times": start_count,
        "free_ms": median(free_ms),
        "start_times_ms": median(starts_ms),
        "ours_ms": ours_ms,
        "slice_pairs": len(slice_pairs),
        "slice_ours_ms": round(slice_ours_ms, 1),
        "slice_baseline_ms": round(naive_ms, 1),
        "slice_ratio": round(naive_ms / slice_ours_ms, 1),
        "baseline_scaled_ms": round(scaled_ms, 1),
        "ratio": round(scaled_ms / ours_ms, 1),
        "free_json_bytes": len(compact.encode()),
        "free_json_bytes_without_short_gaps": len(trimmed.encode()),
        "same_result": not differ,
        "under_1s": ours_ms < TARGET_MS,
    }
    print()
    print(f"free_intervals, {args.staff} staff:      {result['free_ms']:>9.1f} ms")
    print(f"start_times, {len(pairs):,} pairs:      {result['start_times_ms']:>9.1f} ms")
    print(
        f"ours together (median of {args.runs}):    {ours_ms:>9.1f} ms  target < {TARGET_MS:.0f} ms"
    )
    print(
        f"baseline, {len(slice_pairs)} pairs:            {naive_ms:>9.1f} ms  "
        f"(ours on the same pairs {slice_ours_ms:.1f} ms: {result['slice_ratio']}× faster)"
    )
    print(
        f"baseline scaled to {len(pairs):,} pairs: {scaled_ms:>9.1f} ms  "
        f"(ours {result['ratio']}× faster)"
    )
    print(f"start times: {start_count:,}; free intervals: {interval_count:,}")
    print(
        f"'free' as JSON: {result['free_json_bytes']:,} bytes "
        f"({100 * result['free_json_bytes'] / MAX_BODY_BYTES:.0f} % of the 1 MiB body); "
        f"without gaps shorter than {min(salon.treatments)} min: "
        f"{result['free_json_bytes_without_short_gaps']:,} bytes"
    )
    if differ:
        print(f"START TIMES DIFFER for {len(differ)} pairs, e.g. {differ[:3]}")
    verdict = "PASS" if result["under_1s"] and not differ else "FAIL"
    print(f"{verdict}; total {time.perf_counter() - started:.0f} s")
    if args.json is not None:
        report = {
            "benchmark": "online_availability",
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "anchor": ANCHOR.isoformat(),
            "results": result,
        }
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"written: {args.json}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
