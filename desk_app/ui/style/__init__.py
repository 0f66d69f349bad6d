"""The app's one visual language: colours for a light and a dark scheme, a spacing and type
scale, the tones of messages, the icons, and the theme that applies them to the whole
application (QPalette) and follows the operating system's colour scheme.

Screens ask here instead of naming colours: ``set_tone(label, Tone.ERROR)`` for a message,
``icons.icon("calendar")`` for an icon, ``desk_app.ui.widgets.palette`` for the colour of
a meaning in the scheme in use (read when painting, never kept).

May import: PySide6, desk_app.ui.preferences.
"""
