"""watchfloor.merge."""
