"""Every error watchfloor raises, with a stable code and a message that says what to do.

The tree::

    WatchfloorError                      WF-0xx
    ├── InputError                       WF-Ixxx   rejects one input; the run goes on
    │   ├── EmptyInput                   WF-I001
    │   ├── BinaryInput                  WF-I002
    │   ├── MalformedFeed                WF-I003
    │   ├── UndecodableText              WF-I004
    │   ├── TooLarge                     WF-I005
    │   ├── BlockedAddress               WF-I006
    │   ├── UnsupportedLanguage          WF-I007
    │   ├── UnsupportedType              WF-I008
    │   ├── BrokenDocument               WF-I009   (HTML or PDF with no recoverable text)
    │   ├── Unreachable                  WF-I010
    │   ├── NotFound                     WF-I011
    │   ├── SpecialFile                  WF-I012   (FIFO, device, socket, link loop)
    │   └── NothingFound                 WF-I013   (a folder with no file to read)
    ├── ConfigError                      WF-C001   stop before any work
    ├── StoreError                       WF-S001   stop; nothing half-written
    ├── ExportError                      WF-E001
    ├── NotifyError                      WF-W001   an alert could not be delivered
    └── ExtractionError                  WF-X001   a bug or broken model in extraction

`InputError` is the only kind the pipeline catches per document: it stores a `Rejection`
and goes on. Anything else is a bug or an environment fault and stops the run.
"""

from __future__ import annotations

__all__ = [
    "BinaryInput",
    "BlockedAddress",
    "BrokenDocument",
    "ConfigError",
    "EmptyInput",
    "ExportError",
    "ExtractionError",
    "InputError",
    "MalformedFeed",
    "NotFound",
    "NothingFound",
    "NotifyError",
    "SpecialFile",
    "StoreError",
    "TooLarge",
    "UndecodableText",
    "Unreachable",
    "UnsupportedLanguage",
    "UnsupportedType",
    "WatchfloorError",
]


class WatchfloorError(Exception):
    """Base of every watchfloor error; `code` is stable and documented."""

    code = "WF-000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.message = message
        self.source = source
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"[{self.code}] {where}{self.message}"


class InputError(WatchfloorError):
    """One input cannot be read as a document; it is rejected and the run goes on."""

    code = "WF-I000"


class EmptyInput(InputError):
    """The input holds no text after decoding and boilerplate removal."""

    code = "WF-I001"


class BinaryInput(InputError):
    """The input is binary data, not text, HTML, PDF or a feed."""

    code = "WF-I002"


class MalformedFeed(InputError):
    """The input looks like RSS/Atom but cannot be parsed as a feed."""

    code = "WF-I003"


class UndecodableText(InputError):
    """The bytes cannot be decoded as text in any plausible encoding."""

    code = "WF-I004"


class TooLarge(InputError):
    """The input exceeds the configured size cap."""

    code = "WF-I005"


class BlockedAddress(InputError):
    """A URL resolves to a loopback, private or link-local address and is refused."""

    code = "WF-I006"


class UnsupportedLanguage(InputError):
    """The text is in a language the extractors cannot read."""

    code = "WF-I007"


class UnsupportedType(InputError):
    """The file or response type is not one watchfloor ingests."""

    code = "WF-I008"


class BrokenDocument(InputError):
    """An HTML page or PDF yields no recoverable main text."""

    code = "WF-I009"


class Unreachable(InputError):
    """A URL could not be fetched (DNS, connection, timeout, HTTP error)."""

    code = "WF-I010"


class NotFound(InputError):
    """A path given on the command line does not exist."""

    code = "WF-I011"


class SpecialFile(InputError):
    """A path that is not a regular file once links are followed: FIFO, device, socket, loop.

    Reading one could block forever (a FIFO) or never end (/dev/zero), so it is refused
    before it is opened for reading.
    """

    code = "WF-I012"


class NothingFound(InputError):
    """A folder given as input holds no file to read (hidden files and sidecars are skipped)."""

    code = "WF-I013"


class ConfigError(WatchfloorError):
    """The configuration is invalid; nothing has been done."""

    code = "WF-C001"


class StoreError(WatchfloorError):
    """The store cannot be opened, migrated or written; nothing was half-written."""

    code = "WF-S001"


class ExportError(WatchfloorError):
    """An export or import could not be produced or read."""

    code = "WF-E001"


class NotifyError(WatchfloorError):
    """An alert could not be delivered by one action (after its retries)."""

    code = "WF-W001"


class ExtractionError(WatchfloorError):
    """Extraction failed for a reason that is not the input's fault (a bug or a broken model)."""

    code = "WF-X001"
