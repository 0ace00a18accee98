"""watchfloor.cli."""
