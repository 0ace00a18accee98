"""watchfloor.serve."""
