"""The place part of anchoring: which place an event takes, where it was found, and why.

The event takes the place of its clause; else of its sentence (any sentence that mentions
it); else the nearest compatible place of its paragraph; else of the title; else of the
dateline. Between the places of one level, `place_choice` says which fits: a place held by
another ("Masyaf town in Hama countryside") before the area holding it, a reading inside the
areas named around it before one outside them, and an event placed in an area takes the
finest fitting place the text names inside it. A country (or a coordinate-less region, or
a part of a country in no admin area: "northern Syria") is kept only when nothing finer is
found inside it, and then flagged (`Anchor.COUNTRY`: its point is the country's centroid);
said with a preposition of place it bounds the finer places taken from further away.

Not places of the event: a capital or a state that acts in its clause ("Ankara launched an
offensive on Afrin", "Washington said") stands for a government; a name that reports ("SANA
said", "according to SANA") is a source; a name inside an agreement's name ("the Riyadh
agreement") names it; a place in a clause on another argument ("a convoy carrying materials
for the US") tells of something else.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from watchfloor.extract.components import Context
from watchfloor.extract.layout import Layout
from watchfloor.extract.place_choice import Nesting, is_origin, nest, token_of, tree_distance
from watchfloor.model import Anchor, AnnotatedDocument, EventMention, PlaceMention, Precision
from watchfloor.resolve.ontology import load_lexicon

__all__ = ["COARSE", "PlaceAnchorer", "in_clause", "other_clauses", "political_types"]

# A country or a region with no admin area: where an event is only when nothing finer is.
COARSE = frozenset({Precision.COUNTRY, Precision.REGION})
# Levels where a coarse place bounds the others only when a preposition of place governs it.
_NEAR = frozenset({Anchor.CLAUSE, Anchor.SENTENCE})
_RANK = {
    Precision.FACILITY: 0,
    Precision.TOWN: 1,
    Precision.DISTRICT: 2,
    Precision.GOVERNORATE: 3,
    Precision.REGION: 4,
    Precision.COUNTRY: 5,
}
# Dependencies through which a named capital or state acts in its clause.
_ACTING = frozenset({"nsubj", "poss"})
# "Britain-based", "US-led", "Iran-backed": the name modifies an actor, it places nothing.
_ACTOR_MODIFIERS = frozenset(
    {"based", "led", "backed", "funded", "supported", "allied", "run", "sponsored", "linked",
     "affiliated", "aligned", "controlled", "held", "born", "trained", "brokered"}
)  # fmt: skip
# A capital that undergoes the event ("Damascus experienced missile attacks", "Riyadh came
# under fire") is where it happened, not an actor, even as the subject of its clause.
_UNDERGO = frozenset({"experience", "suffer", "witness", "endure", "undergo", "see", "come"})
_LOCATIVE = frozenset(
    {"in", "at", "near", "outside", "inside", "around", "into", "across", "towards", "toward",
     "within", "on", "over", "through"}
)  # fmt: skip
_REPORTING = frozenset(load_lexicon("reporting_verbs"))
_HYPHENATED = re.compile(r"\s?[-–]\s?([A-Za-z]+)")


class PlaceAnchorer:
    """Places an event may take in one report, and the choice among them."""

    def __init__(
        self,
        doc: AnnotatedDocument,
        parsed: Doc,
        layout: Layout,
        political: frozenset[str] = frozenset(),
    ) -> None:
        self.doc = doc
        self.parsed = parsed
        self.layout = layout
        self.political = political
        governing = {self._key(p) for p in doc.places if self._acts(p)}
        # A name that reports ("SANA said", "the Homs Media Center said") is a source there.
        self.acting = governing | {
            self._key(p) for p in doc.places if (t := token_of(parsed, p)) and _reports(t)
        }
        # One sense per discourse: a capital or state that acts for its government somewhere
        # in the report ("Tehran has entrenched its military") is read as that government
        # wherever it is not inside the event's own clause ("despite posturing from Tehran").
        self.acting_names = {p.place_id or p.name for p in doc.places if self._key(p) in governing}
        # Places an event may take: not capitals acting for governments, and not the dateline
        # (where the report was filed, a last resort of its own).
        skip = self.acting | {self._key(p) for p in self.layout.dateline_places}
        self.places: dict[int, list[PlaceMention]] = {}
        for place in doc.places:
            if self._key(place) not in skip:
                self.places.setdefault(place.evidence.sentence, []).append(place)
        self.origins = {self._key(p) for p in doc.places if is_origin(parsed, p)}
        # The admin areas the report's places lie in, with the places named in each.
        self.named_areas: dict[str, set[str]] = {}
        for place in doc.places:
            if place.admin1 is not None:
                self.named_areas.setdefault(place.admin1, set()).add(place.place_id or place.name)
        self.nesting: dict[int, Nesting] = {
            index: nest(places, doc.document.text, self.origins, self._supported)
            for index, places in self.places.items()
        }

    def _acts(self, place: PlaceMention) -> bool:
        """A capital or a state that is the subject or possessor of its clause: an actor.

        A name that only modifies an actor ("a Britain-based monitor", "US-led strikes") is
        no place of the event either.
        """
        after = _HYPHENATED.match(self.doc.document.text, place.evidence.end)
        if after is not None and after.group(1).lower() in _ACTOR_MODIFIERS:
            return True
        span = self.parsed.char_span(
            place.evidence.start, place.evidence.end, alignment_mode="expand"
        )
        if span is None:
            return False
        if place.precision is not Precision.COUNTRY and not (place.feature or "").startswith(
            "PPLC"
        ):
            return False
        token = span.root
        while token.dep_ in ("conj", "appos") and token.head.i != token.i:
            token = token.head
        if token.dep_ in _ACTING:
            return not (token.dep_ == "nsubj" and self._undergoes(token.head))
        # "by Ankara" as the agent of a passive verb
        return token.dep_ == "pobj" and token.head.dep_ == "agent"

    def _undergoes(self, verb: Token) -> bool:
        """Whether a verb's subject undergoes an event named in its object or "under X"."""
        if verb.lemma_.lower() not in _UNDERGO:
            return False
        for child in verb.children:
            node = child
            if child.dep_ == "prep" and child.lower_ == "under":
                node = next((c for c in child.children if c.dep_ == "pobj"), child)
            elif child.dep_ not in ("dobj", "obj"):
                continue
            if any(
                e.evidence.start <= t.idx < e.evidence.end
                for t in node.subtree
                for e in self.doc.events
            ):
                return True
        return False

    def place(
        self,
        event: EventMention,
        trigger: Token | None,
        clause: set[int],
        own: list[int],
        near: list[int],
    ) -> tuple[PlaceMention | None, Anchor | None, str]:
        """The event's place, where it was found (`Anchor`) and why."""
        skip = self.acting | {self._key(p) for p in self.layout.dateline_places}
        # "the Riyadh agreement", "the Astana peace talks": a name of the agreement, not
        # the place where anything happened.
        if trigger is not None and event.event_type in self.political:
            skip = skip | {
                self._key(p)
                for p in self.places.get(event.evidence.sentence, [])
                if _names(token_of(self.parsed, p), trigger)
            }
        clause_places = [
            p
            for p in self.places.get(event.evidence.sentence, [])
            if self._key(p) not in skip
            and in_clause(self.parsed, p.evidence.start, p.evidence.end, clause)
            and ((p.place_id or p.name) not in self.acting_names or self._locative(p))
        ]
        if (
            event.place is not None
            and self._key(event.place) not in skip
            and self._key(event.place) not in {self._key(p) for p in clause_places}
            and (
                (event.place.place_id or event.place.name) not in self.acting_names
                or self._locative(event.place)
            )
        ):
            clause_places.append(event.place)
        where = trigger.idx if trigger is not None else event.evidence.start
        other = other_clauses(trigger) if trigger is not None else set()

        def elsewhere(place: PlaceMention) -> bool:
            """In a clause of its sentence that tells of something else."""
            token = token_of(self.parsed, place)
            return token is not None and token.i in other

        def distance(place: PlaceMention) -> int:
            token = token_of(self.parsed, place)
            if trigger is None or token is None:
                return 1000
            while token.dep_ == "conj" and token.head.i != token.i:
                token = token.head  # the names of one list are equally near
            return tree_distance(trigger, token)

        levels: list[tuple[Anchor, list[PlaceMention]]] = [
            (
                Anchor.CLAUSE,
                sorted(
                    clause_places,
                    key=lambda p: (
                        *self._fit(p),
                        _RANK[p.precision],
                        distance(p),
                        -p.score,
                    ),
                ),
            ),
            (
                Anchor.SENTENCE,
                sorted(
                    (p for i in own for p in self._borrowable(i) if self._key(p) not in skip),
                    key=lambda p: (
                        p.evidence.sentence != event.evidence.sentence,
                        elsewhere(p),
                        *self._fit(p),
                        abs(p.evidence.start - where),
                    ),
                ),
            ),
            (
                Anchor.PARAGRAPH,
                [p for i in near for p in sorted(self._borrowable(i), key=self._nested)],
            ),
            (Anchor.TITLE, [p for i in sorted(self.layout.title) for p in self._borrowable(i)]),
            (
                Anchor.DATELINE,
                [p for p in self.layout.dateline_places if self._key(p) not in self.acting],
            ),
        ]
        # A coarse place (a country, a coordinate-less region) is kept in case nothing finer
        # is found; governed by a preposition ("in Syria", "from Syria") it also bounds the
        # finer places the event may take from further away. A country the clause names
        # otherwise ("the US Dollar", or in a clause on an argument: "a convoy carrying
        # materials for the US") bounds nothing.
        coarse: tuple[PlaceMention, Anchor] | None = None
        bound: PlaceMention | None = None
        for anchor, candidates in levels:
            for place in candidates:
                if bound is not None and not _inside(place, bound):
                    continue
                if _coarse(place):
                    located = anchor not in _NEAR or (
                        self._governed(place) and not elsewhere(place)
                    )
                    # A later coarse place replaces the kept one when it is said as a place
                    # or the kept one has no point or no country ("the Middle East"), and
                    # only by a country or a part of one.
                    pointless = coarse is not None and (
                        coarse[0].lat is None or coarse[0].country_code is None
                    )
                    better = place.lat is not None and place.country_code is not None
                    if coarse is None or (better and ((located and bound is None) or pointless)):
                        coarse = (place, anchor)
                    if located and bound is None:
                        bound = place
                    continue
                if place.lat is None:
                    continue
                if anchor in _NEAR:
                    place = self._finest(place)
                return place, anchor, self._why(place, anchor)
        if coarse is None:
            return None, None, "no place in the text around it"
        place, anchor = coarse
        if place.precision is Precision.COUNTRY:
            return place, Anchor.COUNTRY, f"only a country ({place.text!r}): its centroid"
        return place, anchor, f"only an area ({place.text!r}) from the {anchor.value}"

    def _fit(self, place: PlaceMention) -> tuple[bool, bool, bool, bool]:
        """How well a place fits as the event's (smaller is better): against the areas its
        sentence names, not an origin ("from Aleppo"), not an area holding a finer name, and
        in an area the report names elsewhere too (a "Maisaloun" read in Latakia, in a
        report whose every other place is in Aleppo, is a doubtful reading)."""
        nesting = self.nesting.get(place.evidence.sentence)
        conflicting, holding = nesting.fit(place) if nesting is not None else (False, False)
        return conflicting, self._key(place) in self.origins, holding, not self._supported(place)

    def _supported(self, place: PlaceMention) -> bool:
        """Whether the report names another place in this place's admin area (or names
        places in one area only)."""
        if place.admin1 is None or len(self.named_areas) < 2:
            return True
        return bool(self.named_areas[place.admin1] - {place.place_id or place.name})

    def _nested(self, place: PlaceMention) -> tuple[bool, bool, bool]:
        """The fit of a place borrowed from further away: how its sentence nests it."""
        return self._fit(place)[:3]

    def _finest(self, place: PlaceMention) -> PlaceMention:
        nesting = self.nesting.get(place.evidence.sentence)
        if nesting is None:
            return place
        return nesting.finest(place, self.places.get(place.evidence.sentence, []))

    def _why(self, place: PlaceMention, anchor: Anchor) -> str:
        why = f"place from the {anchor.value}: {place.text!r}"
        nesting = self.nesting.get(place.evidence.sentence)
        holder = nesting.held.get(self._key(place)) if nesting is not None else None
        return why + (f" inside {holder.text!r}" if holder is not None else "")

    def _locative(self, place: PlaceMention) -> bool:
        """Whether a place is governed by a preposition of place ("in", "near", "at")."""
        span = self.parsed.char_span(
            place.evidence.start, place.evidence.end, alignment_mode="expand"
        )
        if span is None:
            return False
        token = span.root
        while token.dep_ in ("conj", "appos") and token.head.i != token.i:
            token = token.head
        return token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE

    def _governed(self, place: PlaceMention) -> bool:
        """Whether a preposition governs a place ("in Syria", "from Syria"), so that it says
        where the event is; a name modifying a noun ("the US Dollar") does not."""
        token = token_of(self.parsed, place)
        while token is not None and token.dep_ in ("conj", "appos") and token.head.i != token.i:
            token = token.head
        return token is not None and token.dep_ == "pobj"

    def _borrowable(self, sentence: int) -> list[PlaceMention]:
        """Places of a sentence an event outside its clause may take: not a name the report
        uses for a government elsewhere."""
        return [
            p
            for p in self.places.get(sentence, [])
            if (p.place_id or p.name) not in self.acting_names
        ]

    @staticmethod
    def _key(place: PlaceMention) -> tuple[int, int]:
        return place.evidence.start, place.evidence.end


def other_clauses(trigger: Token) -> set[int]:
    """Token indices of the clauses on the arguments of the trigger's sentence that do not
    hold the trigger: relative clauses and verbal modifiers ("a convoy carrying materials
    for the US", "groups operating in Al Bab", "plans to smuggle him into Turkey") tell of
    something else than the event."""
    return {
        t.i
        for node in trigger.sent
        if (node.dep_ == "relcl" or (node.dep_ == "acl" and node.pos_ == "VERB"))
        and node.head.i != trigger.i
        and trigger.i not in {t.i for t in node.subtree}
        for t in node.subtree
    }


def in_clause(parsed: Doc, start: int, end: int, clause: set[int]) -> bool:
    """Whether the text between two offsets has its root inside a clause."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span is not None and span.root.i in clause


def political_types(context: Context) -> frozenset[str]:
    """The codes of the political event types (agreements, talks, statements)."""
    ontology = getattr(context.resources, "ontology", None)
    if ontology is None:
        return frozenset()
    return frozenset(t.code for t in ontology.types() if t.family == "political")


def _names(token: Token | None, trigger: Token) -> bool:
    """Whether a name modifies the trigger noun as part of its name ("the Riyadh agreement",
    "the Sochi peace deal")."""
    while token is not None and token.dep_ in ("compound", "amod", "poss", "nmod"):
        token = token.head
        if token.i == trigger.i:
            return True
    return False


def _reports(token: Token) -> bool:
    """Whether a name is the source of a report: the subject of a reporting verb, the object
    of "according to" or of "told"."""
    while token.dep_ in ("conj", "appos", "compound") and token.head.i != token.i:
        token = token.head
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass"):
        return token.dep_ == "nsubj" and head.lemma_.lower() in _REPORTING
    if token.dep_ == "pobj" and head.lower_ == "to":
        return head.head.lower_ == "according"
    return token.dep_ in ("dobj", "dative") and head.lemma_.lower() == "tell"


def _coarse(place: PlaceMention) -> bool:
    """A country, a coordinate-less region, or a part of a country in no admin area
    ("northern Syria", "central Syria": the country's own entry at a finer precision): kept
    only when nothing finer is found inside it."""
    if place.precision in COARSE:
        return True
    return (
        place.admin1 is None
        and place.country_code is not None
        and place.place_id == f"cc-{place.country_code.lower()}"
    )


def _inside(place: PlaceMention, area: PlaceMention) -> bool:
    """Whether a place may lie inside a coarse area (same country, when both say)."""
    if place.country_code and area.country_code:
        return place.country_code == area.country_code
    return True
