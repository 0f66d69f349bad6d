"""HTTP layer of the gateway (FastAPI): the desktop API and the customers' pages."""
