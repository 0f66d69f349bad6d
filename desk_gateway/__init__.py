"""Salon Desk gateway: relays messages to SMTP and SMS providers, hosts the consent
confirmation and unsubscribe pages, and keeps a gap-free event log for the desktops.

May import ``desk_app.domain`` (pure rules) and nothing else of ``desk_app``.
"""
