"""watchfloor.export."""
