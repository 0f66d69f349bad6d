"""Client of the mail/SMS gateway (protocol v1, DESIGN.md section 3).

May import desk_app.domain; never Qt, SQL or services.
"""
