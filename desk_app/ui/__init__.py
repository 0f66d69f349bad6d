"""Qt widgets. Talks to services only: never sqlalchemy, requests or desk_app.db."""
