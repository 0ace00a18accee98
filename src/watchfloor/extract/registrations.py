"""The built-in components, registered explicitly in pipeline order (nothing at import time)."""

from __future__ import annotations

from watchfloor.extract.components import Registry

__all__ = ["default_registry", "register_builtins"]


def register_builtins(registry: Registry) -> Registry:
    """Register watchfloor's own components in their default order, then the readers of a
    finished reading (facility claims), which read no parse and are no pipeline step."""
    from watchfloor.extract import (
        actors,
        anchoring,
        attribution,
        dates,
        events,
        facilities,
        genre,
        places,
        quantities,
        rhetoric,
        sentences,
        statements,
    )

    for comp in (
        sentences.find_sentences,
        places.find_places,
        actors.find_actors,
        dates.find_dates,
        quantities.find_quantities,
        attribution.find_attributions,
        statements.find_statements,
        rhetoric.find_markers,
        events.find_events,
        anchoring.anchor_events,
        genre.find_genre,
    ):
        registry.register(comp)
    registry.register_reader(facilities.READER)
    return registry


def default_registry() -> Registry:
    """A fresh registry holding the built-in components."""
    return register_builtins(Registry())
