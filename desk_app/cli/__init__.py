"""The headless command line: ``desk-app COMMAND ...`` for scripts and the back office.

``main`` builds the parser and runs a command; every other module is one command group
that adds its own sub-parser and names the function that handles each action.

May import: services, the composition in ``desk_app.bootstrap``, ``desk_app.texts``,
config, the gateway client and QtCore (for translation). Never ``desk_app.ui`` or Qt
widgets: the command line runs on machines without a display.
"""
