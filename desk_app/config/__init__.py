"""Where things are and how the app is configured (environment, paths).

May import desk_app.domain; never Qt, SQL models or services.
"""
