"""The first start of a real installation (issue 13): the setup assistant over the
window's empty frame, before the pages are filled in.

The database is open (``Opened.needs_setup``); the assistant saves through the services
on a worker of its own (the window's workers come with the pages). Once it is saved the
salon's settings are read again there, so the window starts with the salon's name, time
zone and gateway; a language chosen in the assistant was installed at once, and the
caller builds the frame anew in it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from desk_app.config.paths import data_dir_path, translations_dir
from desk_app.desktop.opening import Frame, Opened, reread_salon
from desk_app.desktop.tokens import store_token
from desk_app.domain.access import Actor
from desk_app.texts import error_text, i18n
from desk_app.ui import preferences
from desk_app.ui.setup.assistant import SetupAssistant
from desk_app.ui.tasks import TaskRunner, weakly

BACKUP_SUBFOLDER = "backups"  # the default backup folder in the data directory


def default_backup_folder() -> str:
    return str(data_dir_path() / BACKUP_SUBFOLDER)


class FirstStart(QObject):
    """One run of the setup assistant.

    Signals:
        done(object): saved; the ``Opened`` with the salon as saved.
        cancelled(): the assistant was cancelled; nothing was written.
    """

    done = Signal(object)
    cancelled = Signal()

    def __init__(self, app: QApplication, frame: Frame, opened: Opened) -> None:
        super().__init__()
        self._app, self._frame, self._opened = app, frame, opened
        self.language_changed = False
        self._tasks = TaskRunner("setup")
        language = i18n.choose_language(preferences.LANGUAGE.read(frame.settings) or None)
        self.assistant = SetupAssistant(
            opened.services.first_setup,
            self._tasks,
            store_token,
            self._switch_language,
            language,
            default_backup_folder(),
            frame.window,
        )
        self.assistant.completed.connect(self._on_assistant_completed)
        self.assistant.rejected.connect(self._on_assistant_rejected)

    def start(self) -> None:
        self.assistant.open()

    def close(self) -> None:
        self._tasks.shutdown()

    def _switch_language(self, language: str) -> None:
        preferences.LANGUAGE.write(self._frame.settings, language)
        i18n.install_translators(self._app, language, translations_dir())
        self.language_changed = True

    def _on_assistant_completed(self, _owner: Actor) -> None:
        opened = self._opened
        self._tasks.submit(
            self, lambda: reread_salon(opened), weakly(self._on_reread), weakly(self._on_failed)
        )

    def _on_reread(self, opened: Opened) -> None:
        self.done.emit(opened)

    def _on_failed(self, error: BaseException) -> None:
        # Saved, but not read back (the database went away meanwhile): start with what
        # was read at the opening; the settings show the saved salon after a restart.
        self._frame.window.statusBar().showMessage(error_text.describe(error))
        self.done.emit(self._opened)

    def _on_assistant_rejected(self) -> None:
        self.cancelled.emit()
