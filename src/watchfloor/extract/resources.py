"""The knowledge extraction reads: actor catalogue, gazetteer and event ontology, loaded once."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from typing import Any

from watchfloor.resolve.catalogue import Catalogue
from watchfloor.resolve.data_digest import data_digest
from watchfloor.resolve.gazetteer import Gazetteer
from watchfloor.resolve.ontology import Ontology

__all__ = ["Resources", "load_resources"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Resources:
    """Catalogue, gazetteer and ontology shared by every component of a process."""

    catalogue: Catalogue
    gazetteer: Gazetteer
    ontology: Ontology

    def ruler_patterns(self) -> list[dict[str, Any]]:
        """Entity-ruler patterns for actors and places, actors first."""
        return [*self.catalogue.ruler_patterns(), *self.gazetteer.ruler_patterns()]

    @property
    def version(self) -> str:
        """Combined data version, stored with derived rows so they can be rebuilt.

        Ends with the digest of every packaged data file (lexicons included), so editing any
        of them makes stored readings stale and `watchfloor extract` reads them again.
        """
        parts = (self.catalogue.version, self.gazetteer.version, self.ontology.version)
        return "+".join((*parts, data_digest()))


@cache
def load_resources() -> Resources:
    """The packaged catalogue, gazetteer and ontology, loaded once per process."""
    resources = Resources(
        catalogue=Catalogue.load(), gazetteer=Gazetteer.load(), ontology=Ontology.load()
    )
    logger.info("loaded resources %s", resources.version)
    return resources
