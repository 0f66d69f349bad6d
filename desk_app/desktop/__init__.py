"""The desktop window's start and what runs beside it: the background sync and automation
threads and the demo gateway on loopback.

Composes ``desk_app.ui`` with the services (built by ``desk_app.bootstrap``); the command
line never imports this package.
"""
