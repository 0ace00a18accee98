"""The place part of anchoring: which place an event takes, where it was found, and why.

The event takes the place of its clause (or of the place a "where" clause holding it
qualifies); else of its sentence and of the clauses of its other mentions; else the nearest
compatible place of its paragraph; else of its other mentions' sentences, then of their
paragraphs; else of the title; else of the dateline. Between the places of one level,
`place_choice` says which fits: a place held by another ("Masyaf town in Hama countryside")
before the area holding it, a reading inside the areas named around it before one outside
them, and an event placed in an area takes the finest fitting place the text names inside it.
A country (or a coordinate-less region, or a part of a country in no admin area: "northern
Syria") is kept only when nothing finer is found inside it, and then flagged
(`Anchor.COUNTRY`: its point is the country's centroid); said with a preposition of place it
bounds the finer places taken from further away.

Not places of the event: a capital or a state that acts in its clause ("Ankara launched an
offensive on Afrin", "Washington said") stands for a government; a name that reports ("SANA
said", "according to SANA") is a source; a name inside an agreement's name ("the Riyadh
agreement") names it; a place in a clause on another argument ("a convoy carrying materials
for the US") tells of something else; a country naming whose forces are meant ("U.S.
assault forces") places nothing; where someone came from ("a pharmacist from
Birmingham") is not where the event happened; a lower-case common word is no place
(`place_roles` reads each of these from the parse).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from watchfloor.extract import place_roles
from watchfloor.extract.layout import Layout, turns_away
from watchfloor.extract.place_choice import Nesting, is_origin, nest, token_of, tree_distance
from watchfloor.extract.place_roles import (
    COARSE,
    acts,
    clause_of,
    common_word,
    in_clause,
    is_a_side,
    names,
    names_side,
    other_clauses,
    political_types,
    reports,
    scattered,
    where_antecedent,
)
from watchfloor.model import (
    Anchor,
    AnnotatedDocument,
    EventMention,
    Evidence,
    PlaceMention,
    Precision,
)

__all__ = [
    "COARSE",
    "PlaceAnchorer",
    "clause_of",
    "in_clause",
    "other_clauses",
    "political_types",
]

# Levels where a coarse place bounds the others only when a preposition of place governs it.
_NEAR = frozenset({Anchor.CLAUSE, Anchor.SENTENCE})
_LOCATIVE = frozenset(
    {"in", "at", "near", "outside", "inside", "around", "into", "across", "towards", "toward",
     "within", "on", "over", "through"}
)  # fmt: skip


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
        self.sentence_text = {s.index: s.text for s in doc.sentences}
        events = {
            t.i
            for e in doc.events
            if (span := parsed.char_span(e.evidence.start, e.evidence.end, alignment_mode="expand"))
            for t in span
        }
        text = doc.document.text
        governing = {self._key(p) for p in doc.places if acts(parsed, p, text, events)}
        # A name that reports ("SANA said", "the Homs Media Center said") is a source there.
        self.acting = governing | {
            self._key(p)
            for p in doc.places
            if ((t := token_of(parsed, p)) and reports(t))
            or names_side(parsed, p)
            or is_a_side(p, doc)
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
            if self._key(place) not in skip and not common_word(place):
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
                if names(token_of(self.parsed, p), trigger)
            }
        clause_places = [
            p
            for p in self.places.get(event.evidence.sentence, [])
            if self._key(p) not in skip
            and in_clause(self.parsed, p.evidence.start, p.evidence.end, clause)
            and ((p.place_id or p.name) not in self.acting_names or self._locative(p))
            and self._key(p) not in self.origins
        ]
        if trigger is None and event.place is not None and self._key(event.place) not in skip:
            clause_places.append(event.place)  # no parse to read: the events component's
        # "fled to north-eastern Syria, where they were rounded up": the place the clause
        # is about.
        antecedent = where_antecedent(trigger) if trigger is not None else None
        if antecedent is not None:
            clause_places += [
                p
                for p in self.places.get(event.evidence.sentence, [])
                if self._key(p) not in skip and token_of(self.parsed, p) == antecedent
            ]
        # Another mention of the event lends the places of its own clause only ("In Anbar,
        # tribesmen refuse to surrender their weapons" lends no Anbar to a surrender).
        lent, scattered = self._clause_places(event.support, skip)
        skip = skip | scattered
        # The event's own paragraph lends before the sentences of its other mentions, and
        # those before their own paragraphs.
        mine = set(self.layout.neighbours(event.evidence.sentence, list(self.doc.sentences)))
        if event.evidence.sentence in self.layout.title:
            mine |= self.layout.lead
        # A sentence that turns to another incident ("Meanwhile, ...") neither borrows the
        # places of its neighbours nor lends its own to them.
        if self._turns(event.evidence.sentence):
            near = []
        near = [i for i in near if not self._turns(i)]
        near_own = [i for i in near if i in mine]
        near_rest = [i for i in near if i not in mine]
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
                        p.precision.rank,
                        distance(p),
                        -p.score,
                    ),
                ),
            ),
            (
                Anchor.SENTENCE,
                sorted(
                    (
                        p
                        for i in own
                        for p in self._borrowable(i)
                        if self._key(p) not in skip
                        and (i == event.evidence.sentence or self._key(p) in lent)
                    ),
                    key=lambda p: (
                        p.evidence.sentence != event.evidence.sentence,
                        elsewhere(p),
                        *self._fit(p),
                        abs(p.evidence.start - where),
                    ),
                ),
            ),
            (Anchor.PARAGRAPH, [p for i in near_own for p in self._paragraph(i)]),
            (
                Anchor.SENTENCE,
                [
                    p
                    for i in own
                    if i != event.evidence.sentence
                    for p in sorted(self._borrowable(i), key=self._nested)
                    if self._key(p) not in skip
                ],
            ),
            (Anchor.PARAGRAPH, [p for i in near_rest for p in self._paragraph(i)]),
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
                if bound is not None and not place_roles.inside(place, bound):
                    continue
                if place_roles.coarse(place):
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

    def _clause_places(
        self, mentions: tuple[Evidence, ...], skip: set[tuple[int, int]]
    ) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
        """The keys of the places in the clauses of an event's other mentions (and in the
        clause an adverbial one qualifies); and of those a clause names with towns far apart
        (`_scattered`), which the event takes from no level."""
        found: set[tuple[int, int]] = set()
        withheld: set[tuple[int, int]] = set()
        for mention in mentions:
            span = self.parsed.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            clause = clause_of(span.root)
            # "Idlib has seen bloodshed as jets bombed": an adverbial clause happens where
            # the clause it qualifies does.
            head = next((n for n in (span.root, *span.root.ancestors) if n.pos_ == "VERB"), None)
            if head is not None and head.dep_ == "advcl":
                clause |= clause_of(head.head)
            own = [
                p
                for p in self.places.get(mention.sentence, [])
                if self._key(p) not in skip
                and in_clause(self.parsed, p.evidence.start, p.evidence.end, clause)
            ]
            keys = {self._key(p) for p in own}
            if scattered(own):
                withheld |= keys
            else:
                found |= keys
        return found, withheld

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

    def _turns(self, sentence: int) -> bool:
        return turns_away(self.sentence_text.get(sentence, ""))

    def _paragraph(self, sentence: int) -> list[PlaceMention]:
        return sorted(self._borrowable(sentence), key=self._nested)

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
        uses for a government elsewhere, not where someone came from ("a pharmacist from
        Birmingham")."""
        return [
            p
            for p in self.places.get(sentence, [])
            if (p.place_id or p.name) not in self.acting_names and self._key(p) not in self.origins
        ]

    @staticmethod
    def _key(place: PlaceMention) -> tuple[int, int]:
        return place.evidence.start, place.evidence.end
