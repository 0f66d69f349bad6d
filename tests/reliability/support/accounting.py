"""Counting what arrived against what was meant to: lost, duplicated, strays."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from tests.reliability.support.smtp import Mail


@dataclass(frozen=True)
class Delivery:
    """Mails at the SMTP server, counted by the client_id in their Message-ID."""

    expected: frozenset[str]
    arrived: Counter[str]

    @classmethod
    def of(cls, expected: Iterable[str], mails: Iterable[Mail]) -> Delivery:
        return cls(frozenset(expected), Counter(m.client_id for m in mails))

    @property
    def lost(self) -> list[str]:
        return sorted(self.expected - set(self.arrived))

    @property
    def duplicated(self) -> dict[str, int]:
        return {cid: n for cid, n in self.arrived.items() if n > 1 and cid in self.expected}

    @property
    def duplicates(self) -> int:
        """Extra copies: a message that arrived three times counts 2."""
        return sum(n - 1 for n in self.duplicated.values())

    @property
    def strays(self) -> list[str]:
        return sorted(set(self.arrived) - self.expected)

    def describe(self) -> str:
        few = list(self.duplicated.items())[:5]
        return (
            f"{len(self.expected)} expected, {len(set(self.arrived) & self.expected)} arrived, "
            f"lost {len(self.lost)} (e.g. {self.lost[:3]}), "
            f"duplicates {self.duplicates} in {len(self.duplicated)} messages (e.g. {few}), "
            f"strays {len(self.strays)}"
        )
