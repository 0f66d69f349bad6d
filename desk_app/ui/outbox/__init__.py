"""The outbox screen ("Postausgang") and the gateway status for the status bar."""
