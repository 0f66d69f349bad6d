"""The booking calendar: day and week views, undoable changes, printing (issue 4)."""
