"""Indicator points: the figures of a finished reading that feed the standing indicators.

The indicators are defined in editable YAML (`watchfloor.resolve.indicators`);
`read_indicator_points` turns a document's figures that match into points, each with the
chain of the figure's clause, the sentence's statement kind and date. It is part of the
facility reading (`watchfloor.facilities.v1`): facility indicators take their figures from the
facility claims.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from watchfloor.extract.facilities import sentence_date, statement_kind
from watchfloor.model import AnnotatedDocument, PlaceMention, Precision, Quantity
from watchfloor.model.facilities import (
    FacilityClaim,
    FacilityClaimKind,
    IndicatorPoint,
    claim_id,
)
from watchfloor.resolve.facilities import FacilityMention, FacilityRegister
from watchfloor.resolve.indicators import Area, Indicator, words_pattern

__all__ = ["read_indicator_points"]

_PHRASE = 25  # characters after the counted noun that still belong to its phrase ("of ISIS")
_NEAR = 250  # a facility named this close to a figure makes the figure about that facility
_BACK = 2  # sentences to look back for places when a sentence names none
# A figure after these words is part of a figure before it ("120 killed, among them 77
# fighters"): it counts a share of what happened, not a standing number.
_PARTITIVE = re.compile(
    r"\b(?:among\s+(?:them|whom|those)|including|of\s+whom|of\s+which|such\s+as)\s*$",
    re.IGNORECASE,
)


class _Matcher:
    """Matches one document's figures against the indicators."""

    def __init__(
        self,
        doc: AnnotatedDocument,
        register: FacilityRegister,
        claims: Sequence[FacilityClaim],
    ) -> None:
        self.doc = doc
        self.text = doc.document.text
        self.mentions: dict[int, list[FacilityMention]] = {}
        for mention in register.mentions(doc):
            self.mentions.setdefault(mention.sentence, []).append(mention)
        self.register = register
        self.population = {
            (c.quantity.evidence.start, c.facility_id): c
            for c in claims
            if c.quantity is not None and c.kind is FacilityClaimKind.POPULATION
        }
        self.sentences = {s.index: s for s in doc.sentences}
        countries = [p.country_code for p in doc.places if p.country_code]
        self.countries = frozenset(countries)

    def phrase(self, quantity: Quantity) -> tuple[int, int]:
        """The span of the figure's noun phrase: the figure, its noun and a little after."""
        ev = quantity.evidence
        sentence = self.sentences.get(ev.sentence)
        limit = sentence.end if sentence else len(self.text)
        return ev.start, min(limit, ev.end + len(quantity.unit or "") + 1 + _PHRASE)

    def has_actor(self, indicator: Indicator, quantity: Quantity) -> bool:
        """The phrase names the actor, or names no actor while the sentence names it."""
        if indicator.actor is None:
            return True
        wanted = indicator.actor
        start, end = self.phrase(quantity)
        index = quantity.evidence.sentence
        here = [a for a in self.doc.actors if a.evidence.sentence == index]
        in_phrase = [a for a in here if start <= a.evidence.start < end]

        def is_wanted(actor_id: str | None) -> bool:
            return bool(actor_id) and (actor_id == wanted or str(actor_id).startswith(wanted + "_"))

        if in_phrase:
            return any(is_wanted(a.actor_id) for a in in_phrase)
        unit_words = {w.casefold() for w in (quantity.unit or "").split()}
        return bool(unit_words & indicator.actor_words) or any(is_wanted(a.actor_id) for a in here)

    def context(self, quantity: Quantity) -> str:
        """The text around a figure that says what it counts: a little before, its clause after
        ("520 fighters and 2,000 women and children in SDF custody")."""
        ev = quantity.evidence
        sentence = self.sentences.get(ev.sentence)
        low, high = (sentence.start, sentence.end) if sentence else (0, len(self.text))
        return self.text[max(low, ev.start - 40) : min(high, ev.end + 130)]

    def has_words(self, indicator: Indicator, quantity: Quantity) -> bool:
        pattern = words_pattern(indicator.words)
        if pattern is None:
            return True
        start, end = self.phrase(quantity)
        lead = max(0, start - 30)
        return bool(pattern.search(self.text[lead:end]))

    def facility_for(self, indicator: Indicator, quantity: Quantity) -> str | bool | None:
        """The facility label when the indicator wants one and the figure is about it;
        True when the figure may feed it, False when it may not."""
        index, start = quantity.evidence.sentence, quantity.evidence.start
        here = self.mentions.get(index, [])
        if indicator.facility:
            claim = self.population.get((start, indicator.facility))
            return claim.facility_id if claim else False
        if indicator.facility_type:
            typed = [m for m in here if m.facility.type == indicator.facility_type]
            if typed:
                return typed[0].facility.name
            word = rf"\b{re.escape(indicator.facility_type)}s?\b"
            sentence = self.sentences.get(index)
            return bool(sentence and re.search(word, sentence.text, re.I))
        # A figure about one facility is not a standing figure of a whole area.
        close = [m for m in here if not m.is_example and abs(m.start - start) <= _NEAR]
        return not close

    def _is_elsewhere(self, place: PlaceMention) -> bool:
        """A place named as a border, an origin or a destination, not where things are."""
        start = place.evidence.start
        return bool(_ELSEWHERE.search(self.text[max(0, start - 25) : start]))

    def place_for(self, indicator: Indicator, quantity: Quantity) -> str | bool | None:
        """The place that puts the figure in the indicator's area, True, or False."""
        area = indicator.area
        if area is None:
            return True
        index = quantity.evidence.sentence
        words = words_pattern(area.words)
        for back in range(_BACK + 1):
            sentence = self.sentences.get(index - back)
            places = [
                p
                for p in self.doc.places
                if p.evidence.sentence == index - back and not self._is_elsewhere(p)
            ]
            if words is not None and sentence is not None:
                said = words.search(sentence.text)
                if said:
                    return said.group(0)
            if places:
                inside = [p for p in places if _in_area(p, area)]
                countries = {p.country_code for p in places if p.country_code}
                if back == 0 and len(countries) > 1 and not countries <= area.countries:
                    # "from Deir ez-Zor and western Iraq": which side the figure is on is
                    # unclear; an earlier sentence only sets the scene, so it may name both.
                    return False
                return inside[0].name if inside else False
        return bool(self.countries & area.countries and not self.countries - area.countries)


_ELSEWHERE = re.compile(
    r"\b(?:borders?\s+(?:with|of)|frontier\s+with|from|to)\s+(?:the\s+)?$", re.IGNORECASE
)


def _in_area(place: PlaceMention, area: Area) -> bool:
    if place.country_code not in area.countries:
        return False
    if not area.admin1 or place.precision in (Precision.COUNTRY, Precision.REGION):
        return True
    return place.admin1 in area.admin1


_PART_OF = re.compile(r"^\s*(?:of|among)\s+(?:them|whom|those|these)\b", re.IGNORECASE)


def _wholes(doc: AnnotatedDocument) -> dict[int, int]:
    """Figures that have a part in their sentence ("tens of thousands of detainees ..., with at
    least 12,000 of them affiliated with ISIS"): the part's start -> the whole's start."""
    text = doc.document.text
    found: dict[int, int] = {}
    previous: Quantity | None = None
    for quantity in doc.quantities:
        ev = quantity.evidence
        same = previous is not None and previous.evidence.sentence == ev.sentence
        if same and previous is not None and _PART_OF.match(text[ev.end : ev.end + 20]):
            found[ev.start] = previous.evidence.start
            continue  # the whole stays the figure the next part refers to
        previous = quantity
    return found


def read_indicator_points(
    doc: AnnotatedDocument,
    indicators: Sequence[Indicator],
    register: FacilityRegister,
    claims: Sequence[FacilityClaim] = (),
) -> tuple[IndicatorPoint, ...]:
    """The document's figures that feed indicators, one point per figure and indicator.

    Args:
        doc: the annotated document.
        indicators: the indicator definitions (`load_indicators`).
        register: the facility register, to tell figures about one facility apart.
        claims: the document's facility claims (`read_facility_claims`), which facility
            indicators take their figures from.
    """
    matcher = _Matcher(doc, register, claims)
    points: list[IndicatorPoint] = []
    for quantity in doc.quantities:
        ev = quantity.evidence
        for indicator in indicators:
            context = matcher.context(quantity)
            # A facility's population claim may give no counted noun ("bringing the
            # population to 65,000"): the claim already says what it counts.
            bare = indicator.facility is not None and quantity.unit is None
            if quantity.low < indicator.minimum or not (
                bare or indicator.counts(quantity, context)
            ):
                continue
            excluded = words_pattern(indicator.exclude)
            if excluded is not None and excluded.search(context):
                continue
            if _PARTITIVE.search(doc.document.text[max(0, ev.start - 30) : ev.start]):
                continue
            if not (
                matcher.has_words(indicator, quantity) and matcher.has_actor(indicator, quantity)
            ):
                continue
            facility = matcher.facility_for(indicator, quantity)
            place = matcher.place_for(indicator, quantity) if facility is not False else False
            if facility is False or place is False:
                continue
            label = next((x for x in (facility, place) if isinstance(x, str)), None)
            sentence = matcher.sentences.get(ev.sentence)
            points.append(
                IndicatorPoint(
                    id=claim_id("ipt", doc.document.id, indicator.id, str(ev.start), str(ev.end)),
                    indicator_id=indicator.id,
                    document_id=doc.document.id,
                    outlet=doc.document.outlet or "unknown outlet",
                    published=doc.document.published,
                    as_of=sentence_date(doc, ev.sentence),
                    chain=doc.chain_at(ev.sentence, ev.start, ev.end),
                    statement=statement_kind(doc, ev.sentence),
                    quantity=quantity,
                    evidence=ev,
                    sentence=sentence.text if sentence else "",
                    place=label,
                )
            )
    # A figure counts what its noun phrase counts: when a part of it ("12,000 of them
    # affiliated with ISIS") feeds an indicator, the whole is a broader group for that one.
    wholes = _wholes(doc)
    narrowed = {
        (wholes[p.evidence.start], p.indicator_id) for p in points if p.evidence.start in wholes
    }
    return tuple(p for p in points if (p.evidence.start, p.indicator_id) not in narrowed)
