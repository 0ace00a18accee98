"""The date an event takes (the date part of `anchoring`).

The event's own clause first, then its sentence, then the nearest recent date of its paragraph
or the title; else the date one of its mentions carried; else the window before publication
(`Anchor.PUBLICATION`). What is no date of the event:

- a date inside a relative clause on another noun ("the road, which regime forces severed on
  Thursday") dates that clause's happening, and a trigger inside a relative clause ("the SDF,
  which led the battle against Isis") takes no date from outside it;
- a date of saying ("Human Rights Watch said on Tuesday", "the monitor said Sunday") dates the
  statement: the event happened on or before it, how long before the text does not say. When
  the sentence gives nothing else, the event takes the window before that day (as an undated
  event takes the window before publication), with the reason;
- a neighbour opening on another incident ("Meanwhile ...") lends no date;
- a date after the report's day dates no happening the report asserts ("shelled a rally for
  the June 3 poll" in a report of 23 May).

Without a publication date, relative dates were read against the text's own dateline or
latest date (or left out): the reasons say so.
"""

from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Doc, Token

from watchfloor.extract.date_relations import distant_phrases, lends_date, told_apart
from watchfloor.extract.dates import is_relative, reference_date
from watchfloor.extract.event_mentions import UNDATED_WINDOW
from watchfloor.extract.layout import Layout, turns_away
from watchfloor.extract.place_roles import in_clause
from watchfloor.model import (
    Anchor,
    AnnotatedDocument,
    DateMention,
    DatePrecision,
    EventMention,
    Modality,
)
from watchfloor.resolve.ontology import Ontology, load_lexicon

__all__ = ["RECENT", "DateAnchorer"]

# A date borrowed from a neighbouring sentence or the title must be this recent: older dates
# there date the background ("in 2014, ISIS declared ..."), not the event beside them.
RECENT = timedelta(days=31)

_PRECISE_DATES = frozenset({DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH})
# Clauses that qualify a noun: a date inside one dates that clause's happening.
_RELATIVE = frozenset({"relcl", "acl"})
# Verbs of saying (the reporting verbs, and putting out a statement): a date they govern dates
# the statement.
_SAYING = frozenset(load_lexicon("reporting_verbs")) | {"release", "issue"}

Dated = tuple[DateMention | None, Anchor | None, str]


class DateAnchorer:
    """Reads each event's date from the report's date mentions, nearest first."""

    def __init__(self, doc: AnnotatedDocument, parsed: Doc, layout: Layout) -> None:
        self.doc = doc
        self.parsed = parsed
        self.layout = layout
        self.dates: dict[int, list[DateMention]] = {}
        for mention in doc.dates:
            self.dates.setdefault(mention.evidence.sentence, []).append(mention)
        published = doc.document.published
        self.published: date | None = published.date() if published else None
        self.reference, self.reference_note = reference_date(doc)
        self.sentence_text = {s.index: s.text for s in doc.sentences}
        self.apart = distant_phrases(parsed)
        self.ontology = Ontology.load()

    def _recent(self, mention: DateMention) -> bool:
        if self.reference is None:
            return mention.precision in _PRECISE_DATES
        return (
            mention.precision in _PRECISE_DATES
            and mention.end >= self.reference - RECENT
            and mention.start <= self.reference + timedelta(days=1)
        )

    def _after_reference(self, mention: DateMention, event: EventMention) -> bool:
        """A date after the day the report speaks from dates no happening it asserts ("rebels
        shelled a rally for the June 3 poll" in a report of 23 May): a plan, a vote to come."""
        return (
            event.modality is Modality.ASSERTED
            and self.reference is not None
            and mention.start > self.reference + timedelta(days=1)
        )

    def _governor(self, mention: DateMention) -> Token | None:
        """The verb the date hangs on in the parse."""
        span = self.parsed.char_span(
            mention.evidence.start, mention.evidence.end, alignment_mode="expand"
        )
        if span is None or not len(span):
            return None
        return next((n for n in span.root.ancestors if n.pos_ in ("VERB", "AUX")), None)

    def _in_other_relative(self, mention: DateMention, trigger: Token | None) -> bool:
        """A date inside a relative clause the trigger is not in dates that clause's own
        happening ("the road, which regime forces severed on Thursday"; "the envoy, who on
        Monday blamed France"), not the event."""
        if trigger is None:
            return False
        verb = self._governor(mention)
        if verb is None or verb.dep_ not in _RELATIVE or verb.head.i == trigger.i:
            return False  # one on a nominal trigger tells the event itself
        return trigger.i not in {t.i for t in verb.subtree}

    def _outside_own_relative(self, mention: DateMention, trigger: Token | None) -> bool:
        """A trigger inside a relative clause ("the SDF, which led the battle against Isis")
        takes no date from outside that clause and its noun ("tensions spiked over the
        weekend, when ..."): the clause tells something about its noun at a time of its own.
        The noun's own date stays ("the nadir of 2016, when Turkey shot down a jet")."""
        if trigger is None:
            return False
        relative = next((t for t in (trigger, *trigger.ancestors) if t.dep_ == "relcl"), None)
        span = self.parsed.char_span(
            mention.evidence.start, mention.evidence.end, alignment_mode="expand"
        )
        if relative is None or span is None or not len(span):
            return False
        return span.root.i not in {t.i for t in relative.head.subtree}

    def _other_happening(self, mention: DateMention, trigger: Token | None) -> bool:
        """A date inside a phrase told a measured time apart from the trigger ("two weeks
        after the strike on 10 June"), or outside the one the trigger is in
        (`date_relations`)."""
        if trigger is None or not self.apart:
            return False
        span = self.parsed.char_span(
            mention.evidence.start, mention.evidence.end, alignment_mode="expand"
        )
        return span is not None and len(span) > 0 and told_apart(self.apart, span.root.i, trigger.i)

    def _lends(self, mention: DateMention, event: EventMention) -> bool:
        """A neighbour's date lends only from a verb of a happening (`date_relations`)."""
        span = self.parsed.char_span(
            mention.evidence.start, mention.evidence.end, alignment_mode="expand"
        )
        family = self.ontology.family(event.event_type) if event.event_type in self.ontology else ""
        return span is None or not len(span) or lends_date(span.root, self.ontology, family)

    def _of_saying(self, mention: DateMention, trigger: Token | None = None) -> bool:
        """A date that dates a saying ("the monitor said on Tuesday", "in a statement on
        Tuesday the army said") tells when it was said, not when the event was; unless the
        saying is the event itself."""
        verb = self._governor(mention)
        if verb is None or verb.lemma_.lower() not in _SAYING:
            return False
        return trigger is None or verb.i != trigger.i

    def _elsewhere(self, sentence: int) -> bool:
        """A sentence that opens on another incident ("Meanwhile ...", "Elsewhere ...")
        lends its date to no neighbour."""
        return turns_away(self.sentence_text.get(sentence, ""))

    def _said(self, mention: DateMention, anchor: Anchor) -> str:
        reason = f"date from the {anchor.value}: {mention.text!r}"
        if (
            self.published is None
            and self.reference is not None
            and is_relative(mention.text, self.reference)
        ):
            reason += f" ({self.reference_note})"
        return reason

    def date(
        self,
        event: EventMention,
        trigger: Token | None,
        clause: set[int],
        own: list[int],
        near: list[int],
    ) -> Dated:
        """The event's date, where it was found and why (`own`: the event's sentences;
        `near`: its neighbourhood, nearest first)."""
        where = trigger.idx if trigger is not None else event.evidence.start
        # Its own sentence first; a sentence that mentions it again lends only a recent date
        # (a merged later mention may recall an older happening of the same kind).
        in_sentence = sorted(
            (
                d
                for i in own
                for d in self.dates.get(i, [])
                if (i == event.evidence.sentence or self._recent(d))
                and not self._after_reference(d, event)
                and not (
                    i == event.evidence.sentence
                    and (
                        self._in_other_relative(d, trigger)
                        or self._outside_own_relative(d, trigger)
                        or self._other_happening(d, trigger)
                    )
                )
            ),
            key=lambda d: (d.evidence.sentence != event.evidence.sentence,
                           abs(d.evidence.start - where)),
        )  # fmt: skip
        for mention in in_sentence:
            if in_clause(self.parsed, mention.evidence.start, mention.evidence.end, clause):
                return mention, Anchor.CLAUSE, self._said(mention, Anchor.CLAUSE)
        saying = [d for d in in_sentence if self._of_saying(d, trigger)]
        happening = [d for d in in_sentence if d not in saying]
        if happening:
            mention = happening[0]
            return mention, Anchor.SENTENCE, self._said(mention, Anchor.SENTENCE)
        borrowed: list[tuple[Anchor, list[DateMention]]] = [
            (
                Anchor.PARAGRAPH,
                [
                    d
                    for i in near
                    if not self._elsewhere(i)
                    for d in self.dates.get(i, [])
                    if not self._of_saying(d) and self._lends(d, event)
                ],
            ),
            (
                Anchor.TITLE,
                [
                    d
                    for i in sorted(self.layout.title)
                    for d in self.dates.get(i, [])
                    if self._lends(d, event)
                ],
            ),
        ]
        for anchor, candidates in borrowed:
            for mention in candidates:
                if self._recent(mention):
                    return mention, anchor, self._said(mention, anchor)
        return self._fallback(event, trigger, saying[0] if saying else None)

    def _fallback(
        self, event: EventMention, trigger: Token | None, said: DateMention | None
    ) -> Dated:
        """No date of its own: a mention's, else the window before it was said or published."""
        given = event.date
        if (
            given is not None
            and given.text
            and given != said
            and not self._after_reference(given, event)
            and not self._of_saying(given, trigger)
            and not (
                given.evidence.sentence == event.evidence.sentence
                and (
                    self._in_other_relative(given, trigger)
                    or self._outside_own_relative(given, trigger)
                    or self._other_happening(given, trigger)
                )
            )
        ):
            # The date the events component attached from one of the event's mentions.
            return given, Anchor.SENTENCE, f"date from a mention of the event: {given.text!r}"
        if said is not None:
            # Told as news on that day: it happened then or before, the text does not say
            # when; the window before the saying, like the window before publication.
            window = DateMention(
                "", said.end - UNDATED_WINDOW, said.end, DatePrecision.VAGUE, event.evidence
            )
            reason = f"no date of its own: on or before it was said, {said.text!r}"
            return window, Anchor.PUBLICATION, reason
        if self.published is not None:
            # The window before publication (a date of a relative clause on another noun,
            # which the events component may have attached, does not date the event).
            window = (
                given
                if given is not None and not given.text
                else DateMention(
                    "", self.published - UNDATED_WINDOW, self.published, DatePrecision.VAGUE,
                    event.evidence,
                )
            )  # fmt: skip
            return window, Anchor.PUBLICATION, "no date in the text: before publication"
        return None, None, "undated: no date in the text and no publication date"
