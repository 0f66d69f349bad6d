"""Package data of Salon Desk: message templates (``templates/<language>/<kind>.txt``) and
translations (``translations/*.ts`` sources, ``*.qm`` compiled and committed).

Installed as the package ``desk_app.resources`` (``pyproject.toml`` maps this directory
there); the app finds it only through ``desk_app.config.paths``. No code lives here.
"""
