"""watchfloor: a monitoring desk for security crises, with provenance for every figure."""

__version__ = "0.1.0"

__all__ = ["__version__"]
