"""Entry point of the PyInstaller bundle: the same ``main`` as the ``desk-app`` command."""

import sys

from desk_app.app import main

sys.exit(main())
