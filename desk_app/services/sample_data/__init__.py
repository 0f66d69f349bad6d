"""Seeded sample data for the demo salon and the benchmarks: plain rows from a ``Random``.

Pure: no database, no files, no clock; "now" is a parameter. The demo (``DemoDataService``)
writes these rows through the ORM, the benchmarks in ``bench/`` bulk-insert them. The same
seed gives the same rows, so a changed sequence changes the demo and every cached benchmark
database: keep each recipe's order of random draws when editing.
"""
