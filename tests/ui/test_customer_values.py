"""Merging a newer saved customer into the form's values (issue 11: unsaved edits kept)."""

from __future__ import annotations

from desk_app.ui.customers.customer_values import merge


def test_untouched_fields_take_theirs_typed_fields_stay_and_clashes_are_named() -> None:
    base = {"street": "Weg 1", "city": "Bonn", "phone": "0151", "notes": ""}
    mine = {"street": "Weg 1", "city": "Essen", "phone": "0170", "notes": ""}
    theirs = {"street": "Markt 1", "city": "Köln", "phone": "0170", "notes": ""}

    merged = merge(base, mine, theirs)

    assert merged.take == {"street": "Markt 1"}  # nobody typed here: theirs
    assert merged.clashes == ["city"]  # both changed it, differently
    # The phone was changed to the same number on both sides: no clash, nothing to take.


def test_nothing_new_changes_nothing() -> None:
    values = {"street": "Weg 1", "city": "Bonn"}
    merged = merge(values, {**values, "city": "Essen"}, dict(values))
    assert merged.take == {} and merged.clashes == []
