"""Support for the adversarial part of the reliability suite (schemathesis, hypothesis,
forged tokens and links, the secret scan): real gateway processes on loopback, a real SMTP
server that wants a password, a raw HTTP client that sends what no library would, text
strategies for what people type, and a scanner for files a run leaves behind.

Tests only: nothing here is imported by the product.
"""
