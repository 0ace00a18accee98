"""The desk: server-rendered pages and the JSON API over a store (`create_app`)."""

from watchfloor.serve.app import create_app

__all__ = ["create_app"]
