"""Online booking on the gateway: the published availability, the booking page, holds,
booking messages and the manage page (/m/{token})."""
