"""Reusable widgets: no services, no use cases."""
