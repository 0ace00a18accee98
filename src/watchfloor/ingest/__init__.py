"""watchfloor.ingest."""
