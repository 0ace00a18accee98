"""watchfloor.report."""
