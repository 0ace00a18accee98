"""Event mentions before and after merging: one trigger's reading, and one event of a document.

`Mention` is what one trigger in one sentence carries (its type, roles, places, date, figures,
chain, modality). `merge_mentions` groups the mentions of one happening: same type and
modality, no conflicting actor or place, and no own dates lying apart ("missiles hit Riyadh on
Wednesday" is not the firing that began "last year"). `build_event` makes one EventMention of a
group: its fullest mention leads, the others support it, and its salience weighs mentions,
figures and an early first mention.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from watchfloor.extract.attribution import outlet_source
from watchfloor.model import (
    ActorMention,
    AnnotatedDocument,
    DateMention,
    DatePrecision,
    EventMention,
    Evidence,
    Figure,
    Modality,
    PlaceMention,
    Sentence,
    Source,
    StatementKind,
    event_mention_id,
)
from watchfloor.resolve.ontology import EventType

__all__ = ["NAME", "UNDATED_WINDOW", "Mention", "build_event", "merge_mentions"]

NAME = "watchfloor.events.v1"

# Dates precise enough to tell two happenings apart, and how far apart they must lie.
_SETTLED = frozenset({DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH,
                      DatePrecision.YEAR})  # fmt: skip
_DATE_SLACK = timedelta(days=3)
# How far back an undated event is placed when nothing dates it: news reports recent events.
UNDATED_WINDOW = timedelta(days=30)


@dataclass
class Mention:
    """One trigger in one sentence before merging, with what the parse attached to it."""

    event_type: EventType
    sentence: Sentence
    start: int
    end: int
    trigger: str
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    target: ActorMention | None = None
    places: list[PlaceMention] = field(default_factory=list)
    date: DateMention | None = None
    figures: list[Figure] = field(default_factory=list)
    chain: tuple[Source, ...] = ()
    kind: StatementKind = StatementKind.REPORTED_FACT
    is_anaphoric: bool = False
    # A toll told of an event named before ("3 were killed in the attack").
    refers_back: bool = False
    # Said as the circumstance of another event ("amid shelling", "in response to an attack").
    background: bool = False
    modality: Modality = Modality.ASSERTED
    modality_word: str = ""
    # A definite or possessed noun not the subject of its clause ("in the face of the US
    # withdrawal"): it names a happening already known, as the report told it.
    definite: bool = False
    # Why the mention only describes a named actor ("the SDF, which led the battle ..."), if so.
    describing: str = ""


def inherit_modality(mentions: Sequence[Mention]) -> None:
    """A definite nominal mention of a kind of happening the report so far told only as
    announced, planned or feared ("Trump has announced a rapid troop withdrawal" ... "in the
    face of the US withdrawal") is that happening, with its modality: naming it again does not
    make it happen. Once a mention says one took place, later ones keep their own reading."""
    told: dict[str, Mention] = {}
    happened: set[str] = set()
    for mention in mentions:
        code = mention.event_type.code
        if mention.modality is not Modality.ASSERTED:
            told.setdefault(code, mention)
        elif (
            mention.definite
            and code in told
            and code not in happened
            and not mention.figures
            and _same_sides(told[code], mention)
        ):
            first = told[code]
            mention.modality = first.modality
            mention.modality_word = f"{first.modality_word} (the {first.trigger} told before)"
        else:
            happened.add(code)


def _same_sides(one: Mention, other: Mention) -> bool:
    """No side named in both that differs ("the battle against Isis" is not the attack on the
    Kurds announced before)."""
    for a, b in (
        (one.actor1, other.actor1),
        (one.actor2 or one.target, other.actor2 or other.target),
    ):
        if (
            a is not None
            and b is not None
            and a.actor_id
            and b.actor_id
            and a.actor_id != b.actor_id
        ):
            return False
    return True


def merge_mentions(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Group mentions of one happening: same type, no conflicting actor or place."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        for group in groups:
            same = group[0].event_type.code == mention.event_type.code
            same = same and group[0].modality is mention.modality
            # A description of an actor ("the SDF, which led the battle") is not the report's
            # happening of that type.
            same = same and bool(group[0].describing) == bool(mention.describing)
            if same and _compatible(group, mention):
                group.append(mention)
                break
        else:
            groups.append([mention])
    return groups


def _compatible(group: list[Mention], mention: Mention) -> bool:
    """No actor or place of the group contradicts the mention's."""
    ids = {m.actor1.actor_id for m in group if m.actor1 and m.actor1.actor_id}
    if mention.actor1 and mention.actor1.actor_id and ids and mention.actor1.actor_id not in ids:
        return False
    places = {p.place_id for m in group for p in m.places[:1] if p.place_id}
    own = {p.place_id for p in mention.places[:1] if p.place_id}
    conflict = bool(places and own and not (places & own))
    return (not conflict or mention.is_anaphoric) and not _dates_conflict(group, mention)


def _dates_conflict(group: list[Mention], mention: Mention) -> bool:
    """Whether the mention's own date lies apart from every date of the group: "missiles hit
    Riyadh on Wednesday" is not the firing that began "last year"."""
    own = mention.date
    dated = [m.date for m in group if m.date is not None and m.date.precision in _SETTLED]
    if own is None or own.precision not in _SETTLED or not dated:
        return False
    return all(own.end < d.start - _DATE_SLACK or own.start > d.end + _DATE_SLACK for d in dated)


def build_event(doc: AnnotatedDocument, group: list[Mention], sentences: int) -> EventMention:
    """One EventMention from a group: its fullest mention leads, the others support it."""
    main = max(
        group,
        key=lambda m: (
            not m.is_anaphoric, bool(m.places), len(m.figures), m.actor1 is not None,
            -m.sentence.index,
        ),
    )  # fmt: skip
    places = [p for m in group for p in m.places]
    place = min(places, key=lambda p: (p.precision.rank, -p.score)) if places else None
    seen: set[tuple[int, int]] = set()
    figures = []
    for m in sorted(group, key=lambda m: m.start):
        for figure in m.figures:
            key = (figure.quantity.evidence.start, figure.quantity.evidence.end)
            if key not in seen:
                seen.add(key)
                figures.append(figure)
    date_ = main.date or next((m.date for m in group if m.date), None)
    if date_ is None:
        date_ = _undated(doc, main)
    first = min(m.sentence.index for m in group)
    # Salience: mentions, figures and an early first mention (title and lead) count most.
    salience = len(group) + 0.5 * len(figures) + (2.0 if first <= 1 else 1.0 / (1 + first))
    salience += 0.5 if main.kind is StatementKind.ATTRIBUTED_CLAIM else 0.0
    salience -= 1.0 if all(m.background for m in group) else 0.0
    # Between equals, the more specific type leads (an IED on a convoy, not the convoy).
    salience += 0.1 * main.event_type.priority
    support = tuple(
        Evidence(doc.document.id, m.sentence.index, m.start, m.end, NAME)
        for m in group
        if m is not main
    )
    reasons = [f"{main.modality.value}: {main.modality_word!r}"] if main.modality_word else []
    # A verbal or political act ACLED does not code ("condemned", "an inquiry") is shown with
    # the report, never filed as an incident.
    statement = main.event_type.acled_event_type is None
    if statement:
        reasons.append("background: a statement or political act, no incident")
    describing = all(m.describing for m in group)
    if describing and not statement:
        reasons.append(f"background: {main.describing}")
    teller = _teller(main, group)
    if teller is not main:
        reasons.append(
            f"told as {teller.kind.value} in sentence {teller.sentence.index}, "
            f"as {main.kind.value} in sentence {main.sentence.index}"
        )
    return EventMention(
        id=event_mention_id(doc.document.id, main.start, main.end, main.event_type.code),
        event_type=main.event_type.code,
        trigger=main.trigger,
        actor1=main.actor1 or next((m.actor1 for m in group if m.actor1), None),
        actor2=main.actor2 or next((m.actor2 for m in group if m.actor2), None),
        target=main.target or next((m.target for m in group if m.target), None),
        place=place,
        date=date_,
        figures=tuple(figures),
        chain=teller.chain or (outlet_source(doc),),
        kind=teller.kind,
        salience=round(salience, 3),
        evidence=Evidence(doc.document.id, main.sentence.index, main.start, main.end, NAME),
        support=support,
        modality=main.modality,
        background=statement or describing,
        reasons=tuple(reasons),
    )


# What a report asserts happened: a reported fact or a claim it attributes.
_ASSERTING = (StatementKind.REPORTED_FACT, StatementKind.ATTRIBUTED_CLAIM)


def _teller(main: Mention, group: Sequence[Mention]) -> Mention:
    """The mention whose sentence tells the happening: the main one, unless it does not assert
    it (a headline the subjectivity model reads as opinion, "Syria: Air strike on market kills
    seven") and another sentence of the report does ("An air strike hit the market on
    Tuesday, rescue workers said"): the report asserts what any of its sentences asserts."""
    if main.kind in _ASSERTING:
        return main
    return next((m for m in group if m.kind in _ASSERTING), main)


def _undated(doc: AnnotatedDocument, main: Mention) -> DateMention | None:
    """An interval before publication for an undated event: news reports recent events."""
    published = doc.document.published
    if published is None:
        return None
    end: date = published.date()
    evidence = Evidence(doc.document.id, main.sentence.index, main.start, main.end, NAME)
    return DateMention("", end - UNDATED_WINDOW, end, DatePrecision.VAGUE, evidence)
