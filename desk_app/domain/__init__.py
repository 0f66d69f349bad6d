"""Pure business rules of Salon Desk.

May import only the standard library and pure helper libraries (phonenumbers,
email-validator). Never Qt, SQL, HTTP, settings or keyring.
"""
