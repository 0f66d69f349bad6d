"""Tests of desk_app/desktop: the window start and what runs beside it."""
