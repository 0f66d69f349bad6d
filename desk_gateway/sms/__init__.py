"""SMS provider adapters (Twilio, seven.io, a generic JSON webhook, capture)."""
