"""Benchmarks, each reporting against a baseline measured in the same run.

Run from the repository root, as a script or a module (``python bench/audience_preview.py``
or ``python -m bench.audience_preview``). Not shipped: the data they fill in comes from
``desk_app.services.sample_data``, which the demo uses too.
"""
