"""watchfloor.watch."""
