"""The modules of the sections built when first opened, imported ahead on a thread.

A section nobody opened at start (``LazySection``) is imported when first opened; on the
GUI thread that import was the window's longest freeze: the marketing section's screens,
Jinja and the campaign services are some 300 ms of work before it can paint. Once the
counter sees its day the modules are imported on a thread of their own instead, so that
opening a section only builds its widgets. Python 3 locks each module while it is
imported: a section opened during the preload waits for that module (without work of its
own on the GUI thread) and gets the finished one; nothing is imported twice.

Only imports run on the thread: no widget is made there (a module that builds Qt objects
at import would be wrong here; the screens build theirs in their constructors).
"""

from __future__ import annotations

import importlib
import logging
import threading

log = logging.getLogger(__name__)

# What opening each lazy section imports first (its page module pulls in the rest).
SECTION_MODULES = (
    "desk_app.ui.customers.customers_page",
    "desk_app.ui.marketing.marketing_page",
)


def preload_sections(modules: tuple[str, ...] = SECTION_MODULES) -> threading.Thread:
    """Start importing ``modules`` on a daemon thread (a closing window does not wait)."""
    thread = threading.Thread(
        target=_import_all, args=(modules,), name="section-preload", daemon=True
    )
    thread.start()
    return thread


def _import_all(modules: tuple[str, ...]) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:
            # The section imports it again when opened and reports the error there.
            log.exception("preloading %s failed; it is imported when its section opens", name)
