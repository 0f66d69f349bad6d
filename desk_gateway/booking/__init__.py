"""Online booking: the availability a desktop publishes, the booking page, held slots,
the requests reported to the desktop and its answers (docs/gateway-protocol-v1.md)."""
