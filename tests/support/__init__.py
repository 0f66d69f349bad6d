"""Support code for the tests and the checks, not tests themselves."""
