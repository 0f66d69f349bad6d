"""Scanning the files a run left behind for secrets and customer addresses."""

from __future__ import annotations

import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

LOG_SUFFIXES = (".log",)


def is_log(path: Path) -> bool:
    """Log files, rotated ones included (``desk-app.log.1``)."""
    name = path.name
    return name.endswith(LOG_SUFFIXES) or ".log." in name


def files_under(*roots: Path) -> list[Path]:
    found: list[Path] = []
    for root in roots:
        if root.is_file():
            found.append(root)
        elif root.is_dir():
            found.extend(p for p in sorted(root.rglob("*")) if p.is_file())
    return found


@dataclass
class ScanResult:
    files: list[Path]
    hits: dict[str, list[str]] = field(default_factory=dict)  # kind -> "file: what"

    def count(self, kind: str) -> int:
        return len(self.hits.get(kind, []))


def scan(
    files: Iterable[Path],
    secrets: Mapping[str, Iterable[str]],
    log_only: Mapping[str, Iterable[str]],
    base: Path,
) -> ScanResult:
    """Look for every value of every kind in every file (raw bytes: databases, WAL files
    and backups too); ``log_only`` kinds are looked for in log files only."""
    listed = list(files)
    result = ScanResult(listed, {k: [] for k in (*secrets, *log_only)})
    for path in listed:
        data = path.read_bytes()
        lowered = data.lower()
        kinds = [*secrets.items(), *(log_only.items() if is_log(path) else ())]
        for kind, values in kinds:
            for value in values:
                needle = value.encode("utf-8")
                if needle and (needle in data or needle.lower() in lowered):
                    shown = value if len(value) < 24 else value[:6] + "…"
                    result.hits[kind].append(f"{path.relative_to(base)}: {shown}")
    return result


def loose_modes(paths: Iterable[Path], base: Path) -> list[str]:
    """Files that someone other than the owner may read or write (mode beyond 0600)."""
    loose = []
    for path in paths:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            loose.append(f"{path.relative_to(base)} is {mode:04o}")
    return loose
