"""Customer import and export as CSV (Excel-friendly: UTF-8 with BOM, ``;`` or ``,``).

Columns are recognised by their header in German or English. An import is one
transaction: either every accepted row is stored or none is; with rejected rows the
default is to import nothing and report why. Rows with an address of an erased customer
(the suppression list) are always left out and reported as skipped: re-importing an old
list must neither fail because of them nor bring them back.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desk_app.db import audience_facts
from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.contact import fold
from desk_app.domain.enums import Channel
from desk_app.domain.errors import ImportRejected, InvalidField, InvalidImportFile
from desk_app.domain.fields import checked_line
from desk_app.domain.spreadsheet import protect_cell, unprotect_cell
from desk_app.services.customers import CustomerService, write_name_terms
from desk_app.services.private_files import open_private
from desk_app.services.rows import CustomerInput
from desk_app.services.suppression import suppressed

# Header (folded) → field. Folding makes "E-Mail", "e_mail" and "EMAIL" the same.
HEADERS = {
    "first_name": ("vorname", "first name", "firstname", "first_name", "given name"),
    "last_name": (
        "nachname",
        "name",
        "last name",
        "lastname",
        "last_name",
        "surname",
        "familienname",
    ),
    "email": ("e mail", "email", "mail", "e mail adresse", "email address"),
    "phone": (
        "telefon",
        "handy",
        "mobil",
        "mobile",
        "phone",
        "telefonnummer",
        "tel",
        "mobilnummer",
    ),
    "birthday": ("geburtstag", "geburtsdatum", "birthday", "date of birth", "birth date"),
    "street": ("strasse", "street", "adresse", "address"),
    "postal_code": ("plz", "postleitzahl", "postal code", "zip", "postcode"),
    "city": ("ort", "stadt", "city", "town"),
    "notes": ("notizen", "notiz", "bemerkung", "notes", "note", "comment"),
    "preferred_channel": ("bevorzugter kanal", "preferred channel", "kanal", "channel"),
    "language": ("sprache", "language"),
}
EXPORT_COLUMNS = [
    "id", "ref", "first_name", "last_name", "email", "phone", "birthday",
    "street", "postal_code", "city", "notes", "preferred_channel", "language",
]  # fmt: skip


_SHORT_CELL_MAX = 40  # a date, a channel or a language


def _header_key(text: str) -> str:
    return " ".join(fold(text).replace("_", " ").replace("-", " ").split())


class RowProblem(NamedTuple):
    """Why one row of the file was not imported. ``detail`` is what the message needs
    besides the field: the code of a forbidden character ("U+0000"), a length limit,
    the value that is not an address; "" when there is nothing to add."""

    line: int
    field: str
    problem: str
    detail: str = ""


@dataclass(frozen=True)
class ImportReport:
    imported: int
    rejected: tuple[RowProblem, ...]
    # (line, field, "address_suppressed"): erased customers, never imported
    skipped: tuple[RowProblem, ...] = ()


def _parse_birthday(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise InvalidField("birthday", "invalid_date", text)


def _parse_channel(text: str) -> Channel | None:
    key = _header_key(text)
    if not key:
        return None
    if key in ("email", "e mail", "mail"):
        return Channel.EMAIL
    if key in ("sms", "handy", "mobil"):
        return Channel.SMS
    raise InvalidField("preferred_channel", "unknown", text)


def _parse_language(text: str) -> str:
    key = _header_key(text)
    if key in ("", "de", "deutsch", "german"):
        return "de"
    if key in ("en", "englisch", "english"):
        return "en"
    raise InvalidField("language", "unknown", text)


class CsvImporter:
    def __init__(self, customers: CustomerService, db: Database) -> None:
        self._customers = customers
        self._db = db

    def import_file(self, path: Path, skip_invalid: bool = False) -> ImportReport:
        rows = self._read(path)
        accepted: list[dict[str, object]] = []
        rejected: list[RowProblem] = []
        seen_email: dict[str, int] = {}
        seen_phone: dict[str, int] = {}
        for line, raw in rows:
            try:
                values = self._customers.normalise(self._input(raw))
            except InvalidField as exc:
                rejected.append(RowProblem(line, exc.field, exc.problem, exc.value))
                continue
            email, phone = values["email"], values["phone"]
            if (email and email in seen_email) or (phone and phone in seen_phone):
                field = "email" if email in seen_email else "phone"
                first = seen_email[str(email)] if field == "email" else seen_phone[str(phone)]
                rejected.append(RowProblem(line, field, "duplicate_in_file", str(first)))
                continue
            if email:
                seen_email[str(email)] = line
            if phone:
                seen_phone[str(phone)] = line
            accepted.append({"line": line, **values})
        skipped: list[RowProblem] = []
        with self._db.write() as s:
            # Every address's lock first, in one order: a second import or a counter PC
            # writing at the same time waits instead of deadlocking, and the look for
            # existing customers below sees what a first import committed meanwhile.
            audience_facts.lock_addresses(s.connection(), seen_email, seen_phone)
            erased = suppressed(s, [*seen_email, *seen_phone])
            kept = []
            for values in accepted:
                hit = next((f for f in ("email", "phone") if values[f] in erased), None)
                if hit is None:
                    kept.append(values)
                else:
                    skipped.append(RowProblem(int(str(values["line"])), hit, "address_suppressed"))
            accepted = kept
            existing = self._existing(s, seen_email, seen_phone)
            for values in accepted:
                if values["email"] in existing or values["phone"] in existing:
                    field = "email" if values["email"] in existing else "phone"
                    rejected.append(
                        RowProblem(int(str(values["line"])), field, "duplicate_existing")
                    )
            rejected.sort()
            if rejected and not skip_invalid:
                raise ImportRejected(tuple(rejected))
            bad_lines = {problem.line for problem in rejected}
            new = [
                m.Customer(**{k: v for k, v in values.items() if k != "line"})
                for values in accepted
                if values["line"] not in bad_lines
            ]
            s.add_all(new)
            s.flush()
            write_name_terms(s, new)
        return ImportReport(imported=len(new), rejected=tuple(rejected), skipped=tuple(skipped))

    @staticmethod
    def _read(path: Path) -> list[tuple[int, dict[str, str]]]:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise InvalidImportFile("unreadable", str(exc)) from exc
        text = _decode(raw)
        header_line = text.split("\n", 1)[0]
        if not header_line.strip():
            raise InvalidImportFile("empty")
        # Quoted fields may hold the delimiter, quotes and line breaks, so parse the whole
        # text with the csv module; only the delimiter is guessed, from the header.
        delimiter = max(";,\t", key=header_line.count)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = next(reader)
        mapping: dict[int, str] = {}
        for index, name in enumerate(header):
            key = _header_key(name)
            for field, names in HEADERS.items():
                if key in names and field not in mapping.values():
                    mapping[index] = field
        if "last_name" not in mapping.values() and "first_name" not in mapping.values():
            raise InvalidImportFile("no_name_columns", ", ".join(header))
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            padded = cells + [""] * (len(header) - len(cells))
            # reader.line_num is the file line where this record ended.
            values = {field: unprotect_cell(padded[i]) for i, field in mapping.items()}
            rows.append((reader.line_num, values))
        return rows

    @staticmethod
    def _input(raw: dict[str, str]) -> CustomerInput:
        # The cells parsed here are echoed in messages when they are wrong: their
        # characters are checked first (the others in CustomerService.normalise).
        for field in ("birthday", "preferred_channel", "language"):
            checked_line(field, raw.get(field, ""), _SHORT_CELL_MAX)
        return CustomerInput(
            first_name=raw.get("first_name", ""),
            last_name=raw.get("last_name", ""),
            email=raw.get("email") or None,
            phone=raw.get("phone") or None,
            birthday=_parse_birthday(raw.get("birthday", "")),
            street=raw.get("street", ""),
            postal_code=raw.get("postal_code", ""),
            city=raw.get("city", ""),
            notes=raw.get("notes", ""),
            preferred_channel=_parse_channel(raw.get("preferred_channel", "")),
            language=_parse_language(raw.get("language", "")),
        )

    @staticmethod
    def _existing(s: Session, emails: dict[str, int], phones: dict[str, int]) -> set[str]:
        found: set[str] = set()
        email_list, phone_list = list(emails), list(phones)
        for start in range(0, max(len(email_list), len(phone_list)), 500):
            chunk_e, chunk_p = email_list[start : start + 500], phone_list[start : start + 500]
            query = select(m.Customer.email, m.Customer.phone).where(
                or_(m.Customer.email.in_(chunk_e), m.Customer.phone.in_(chunk_p))
            )
            for email, phone in s.execute(query):
                found.update(x for x in (email, phone) if x)
        return found


def export_customers(customers: CustomerService, path: Path) -> int:
    """Every customer to ``path`` (mode 0600: personal data). Cells a spreadsheet would
    run as a formula are written as text (domain.spreadsheet); ``CsvImporter`` reads
    them back as they were."""
    rows = customers.all()
    with open_private(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(EXPORT_COLUMNS)
        for row in rows:
            cells = [
                row.id, row.ref, row.first_name, row.last_name, row.email or "",
                row.phone or "", row.birthday.isoformat() if row.birthday else "",
                row.street, row.postal_code, row.city, row.notes,
                row.preferred_channel.value if row.preferred_channel else "", row.language,
            ]  # fmt: skip
            writer.writerow([protect_cell(str(cell)) for cell in cells])
    return len(rows)


# A UTF-8 sequence of two to four bytes: its presence says the file was meant as UTF-8.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]{1,3}")


def _decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), or Windows-1252 as old Excel versions write it.

    A UTF-8 file with a broken byte is refused with its line number instead of being read
    as Windows-1252, which would turn every umlaut of the file into two wrong characters.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        if _UTF8_SEQUENCE.search(raw):
            raise InvalidImportFile("encoding", str(line)) from exc
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError as cp_exc:
            line = raw.count(b"\n", 0, cp_exc.start) + 1
            raise InvalidImportFile("encoding", str(line)) from cp_exc
