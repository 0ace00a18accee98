"""Figures keep their role on the way to the event (issue 12, items 1 and 5).

Sentences written for these tests; the real ACLED notes of the development data are read in
test_figures_acled.py. A figure's role is what its own clause says ("injuring 4 fighters" is
wounded even inside an attack), a victim named in the singular is one, "no fatalities" is an
explicit zero, and a number that counts things (vehicles, rockets, militias) is never a toll.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.reading import read_news
from watchfloor.extract import Extractor
from watchfloor.model import AnnotatedDocument

pytestmark = [pytest.mark.issue(12), pytest.mark.slow]


def _read(extractor: Extractor, text: str) -> AnnotatedDocument:
    return read_news(extractor, text)


def _event_figures(doc: AnnotatedDocument) -> list[tuple[str, int, str | None]]:
    """(text, low, role) of every figure on every event, once each."""
    seen: dict[tuple[int, int], tuple[str, int, str | None]] = {}
    for event in doc.events:
        for figure in event.figures:
            ev = figure.quantity.evidence
            seen.setdefault(
                (ev.start, ev.end), (figure.quantity.text, figure.quantity.low, figure.role)
            )
    return list(seen.values())


def _killed(doc: AnnotatedDocument) -> int:
    return sum(low for _, low, role in _event_figures(doc) if role == "killed")


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        ("Militants attacked an army checkpoint near Kirkuk, injuring 4 soldiers.", 0, 4),
        ("Iraqi airstrikes killed 4 IS militants near Mosul on Monday.", 4, 0),
        ("Regime forces shelled the village of Kafranbel, killing 1 and injuring 6.", 1, 6),
        ("Gunmen opened fire on a patrol, wounding one Turkish soldier.", 0, 1),
        ("Unknown gunmen shot and killed a female civilian in Daraa.", 1, 0),
        ("ISIS militants beheaded a civilian truck driver near Palmyra.", 1, 0),
        ("A landmine detonated in a field near Hama, killing a minor.", 1, 0),
        ("Gunmen killed a woman in her house in Raqqa.", 1, 0),
        ("An airstrike on the camp killed a woman and three children.", 4, 0),
    ],
)
def test_figures_keep_the_role_their_clause_gives(
    extractor: Extractor, text: str, killed: int, wounded: int
) -> None:
    doc = _read(extractor, text)
    figures = _event_figures(doc)
    assert doc.events, text
    assert _killed(doc) == killed, figures
    assert sum(low for _, low, role in figures if role == "wounded") == wounded, figures


@pytest.mark.parametrize(
    "text",
    [
        "Two unknown tribal militias clashed near Deir ez-Zor.",
        "Security forces seized 123 rifles in a raid on a weapons cache near Baghdad.",
        "A convoy of thirty vehicles of the coalition arrived near Hasakah after clashes.",
        "Russian warplanes conducted 25 airstrikes on IS positions in the desert.",
        "The group fired 18 rockets at the base. The rockets missed the base.",
    ],
)
def test_figures_that_count_things_are_not_a_toll(extractor: Extractor, text: str) -> None:
    doc = _read(extractor, text)
    assert _killed(doc) == 0, _event_figures(doc)
    assert not [f for f in _event_figures(doc) if f[2] == "fighters"]


def test_figures_killed_or_injured_is_not_an_exact_killed_figure(extractor: Extractor) -> None:
    doc = _read(extractor, "4 PKK militants were killed or injured in airstrikes near Qandil.")
    assert ("4", 4, "casualties") in _event_figures(doc)
    assert _killed(doc) == 0


@pytest.mark.parametrize(
    "text",
    [
        "A rocket attack struck the Turkish base near Bashiqa. There were no casualties.",
        "A rocket attack struck the Turkish base near Bashiqa. There were no fatalities.",
    ],
)
def test_figures_an_explicit_zero_is_kept(extractor: Extractor, text: str) -> None:
    doc = _read(extractor, text)
    zeros = [f for f in _event_figures(doc) if f[1] == 0]
    assert zeros and zeros[0][2] == "killed", _event_figures(doc)


def test_figures_a_toll_said_after_the_event_joins_it_once(extractor: Extractor) -> None:
    text = (
        "Militants attacked a Popular Mobilization Forces position in Anbar. The PMF repelled "
        "the attack and sustained 1 fatality and 1 injured. IS sustained 2 fatalities. "
        "3 fatalities."
    )
    assert _killed(_read(extractor, text)) == 3  # the last figure totals the two before it


def test_figures_a_part_does_not_add_to_its_whole(extractor: Extractor) -> None:
    text = "The bodies of two women, one of whom was displaced, were found. Gunmen killed them."
    assert _killed(_read(extractor, text)) == 2


# A property: whatever the sentence, an event never changes the role its figure's clause gave.
_AGENTS = ["Gunmen", "ISIS militants", "Turkish drones", "Regime forces", "The SDF"]
_VERBS = ["killed", "wounded", "shelled", "attacked", "arrested", "detained", "injured"]
_COUNTS = ["3", "two", "dozens of", "at least 12", "a"]
_NOUNS = ["civilians", "soldiers", "fighters", "vehicles", "prisoners", "escapees", "civilian"]
_TAILS = ["near Raqqa.", ", killing 4 soldiers.", ", injuring 5 civilians.", "in an airstrike."]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(_AGENTS),
    st.sampled_from(_VERBS),
    st.sampled_from(_COUNTS),
    st.sampled_from(_NOUNS),
    st.sampled_from(_TAILS),
)
def test_figures_role_never_changes_between_quantity_and_event(
    extractor: Extractor, agent: str, verb: str, count: str, noun: str, tail: str
) -> None:
    doc = _read(extractor, f"{agent} {verb} {count} {noun} {tail}")
    for event in doc.events:
        for figure in event.figures:
            if figure.quantity.role is not None:
                assert figure.role == figure.quantity.role
