"""Translated words shared by the command line and the window: error sentences, names of
enums and reasons, consent and campaign wording, and the installation of the translators.

QtCore only (``QCoreApplication.translate``): never widgets, so the headless command line
can use these without loading ``desk_app.ui``. The translation contexts are the ones the
``.ts`` files know; renaming one loses its German text.

May import: PySide6.QtCore, desk_app.domain, desk_app.services.errors.
"""
