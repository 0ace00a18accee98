"""watchfloor.resolve."""
