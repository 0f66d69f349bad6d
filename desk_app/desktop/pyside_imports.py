"""A cheaper form of the question PySide6 asks about every module imported after it.

PySide6 (``shibokensupport.feature``, for its opt-in ``__feature__`` switches) asks for
each newly imported module whether its source mentions "PySide6", through
``inspect.getsource``, which looks the module up among all loaded ones each time: at a
window start (SQLAlchemy, the models, the services and screens: 400 modules) that was
about a tenth of the start. The answer is the same when the source file is read directly.
The app uses no ``__feature__``; the check stays, only cheaper. Should a PySide6 version
not have the function, nothing is changed.
"""

from __future__ import annotations

import sys
from types import ModuleType

_FEATURE_MODULE = "shibokensupport.feature"
_CHECK = "_mod_uses_pyside"


def speed_up_feature_check() -> bool:
    """Install the cheaper check once PySide6 is imported; True if it is in place."""
    feature = sys.modules.get(_FEATURE_MODULE)
    original = getattr(feature, _CHECK, None)
    if feature is None or original is None:
        return False
    if hasattr(original, "pyside_check"):
        return True  # installed already

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))  # built in, compiled, zipped: as PySide6 does
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:  # no source file: what PySide6 answers then
            return False

    uses_pyside.pyside_check = original  # type: ignore[attr-defined]  # PySide6's own, kept
    setattr(feature, _CHECK, uses_pyside)
    return True
