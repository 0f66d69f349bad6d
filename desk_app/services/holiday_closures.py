"""Which closed days are pre-filled public holidays, and which holidays the salon took
out again: the rules behind filling in a state's holidays a second time and switching
the salon's federal state (issue 14), inside the caller's transaction.

- A holiday the salon removed never comes back by a later fill (of the same year, or
  when the state is chosen again): the audit log, which records every removed closed
  day (``catalogue._record_closures``, append-only), is the memory of it; a removed
  closure of one day on a holiday counts, a longer one does not. The salon adds such a
  day back by hand, as any closed day.
- A pre-filled holiday is a closed day of exactly one day, on a public holiday of the
  state, whose note is that holiday's name (as the fill wrote it, in the language of
  the person who filled it in: the names of the current language and the holiday's
  code are recognised). Switching the state replaces those of the old state; every
  other closed day, added by hand, stays. A day added by hand that looks exactly like
  the fill's own (same day, same holiday name) counts as pre-filled.

Removals made by switching the state are recorded as "replaced", not "removed": they
were not the salon's choice, so choosing that state again fills them in again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.enums import AuditAction
from desk_app.domain.public_holidays import Holiday, public_holidays

CLOSURES_SUBJECT = "closures"
REMOVED, REPLACED = "removed", "replaced"


def removed_days(s: Session) -> set[date]:
    """Every day on which the salon ever removed a one-day closed day (not replaced by a
    switch): the form a pre-filled holiday has. A longer closure taken out again (the
    salon's own "Weihnachten 24.–26.") says nothing about the holidays inside it."""
    days: set[date] = set()
    for details in s.scalars(
        select(m.AuditEntry.details).where(
            m.AuditEntry.action == AuditAction.SETTINGS_CHANGED.value,
            m.AuditEntry.subject == CLOSURES_SUBJECT,
        )
    ):
        spans = (details or {}).get(REMOVED, [])
        for span in spans if isinstance(spans, list) else []:
            one_day = _days(str(span))
            if len(one_day) == 1:
                days.update(one_day)
    return days


def prefilled(
    s: Session, state: str, names: Mapping[Holiday, str], years: Iterable[int]
) -> list[m.Closure]:
    """The closed days that are ``state``'s pre-filled public holidays in ``years``."""
    wanted: dict[date, set[str]] = {}
    for year in years:
        for holiday in public_holidays(state, year):
            wanted[holiday.day] = {names.get(holiday.holiday, ""), holiday.holiday.value} - {""}
    if not wanted:
        return []
    return [
        closure
        for closure in s.scalars(
            select(m.Closure).where(
                m.Closure.starts_on.in_(list(wanted)), m.Closure.ends_on == m.Closure.starts_on
            )
        )
        if closure.note in wanted[closure.starts_on]
    ]


def closure_years(s: Session) -> set[int]:
    """The years any closed day touches (where a switch looks for the old holidays)."""
    years: set[int] = set()
    for first, last in s.execute(select(m.Closure.starts_on, m.Closure.ends_on)):
        years.update(range(first.year, last.year + 1))
    return years


def _days(span: str) -> list[date]:
    """``"2026-12-24 – 2026-12-26"`` → its days (the audit entry's form)."""
    first_text, _, last_text = span.partition(" – ")
    try:
        first = date.fromisoformat(first_text.strip())
        last = date.fromisoformat((last_text or first_text).strip())
    except ValueError:
        return []
    return [first + timedelta(days=n) for n in range((last - first).days + 1)][:400]
