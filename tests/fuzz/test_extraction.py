"""Fuzzing extraction: figures, dates and attributions on generated reports.

Reports are put together from sentence templates (figures with hedges and ranges, sources,
dates) and noise. Invariants hold for every input: every span lies inside the text and
quotes it, `low <= high`, every sentence index exists, attribution chains start at the
outlet, and nothing raises. Round trips hold for what the templates state: "at least 1,234
prisoners" is read as 1,234..None, "between 300 and 450" as 300..450, "12 March 2025" as
that day. The bounded CI run prints how many inputs it tried (WATCHFLOOR_FUZZ_EXAMPLES
raises it and explores afresh).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from watchfloor.extract import Extractor
from watchfloor.extract.quantities import parse_number
from watchfloor.model import AnnotatedDocument, DatePrecision, Document, Genre, Qualifier
from watchfloor.resolve.dates import resolve_date

# Extraction costs ~0.1 s a report: fewer examples than the readers get, for the same time.
EXAMPLES = max(1, int(os.environ.get("WATCHFLOOR_FUZZ_EXAMPLES", "100")) // 2)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize="WATCHFLOOR_FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PUBLISHED = datetime(2026, 1, 20, tzinfo=UTC)

NOUNS = ["prisoners", "people", "civilians", "fighters", "detainees", "families", "soldiers"]
VERBS = ["escaped", "were killed", "were wounded", "fled", "were displaced", "were detained"]
HEDGES = {
    "": Qualifier.EXACT,
    "at least ": Qualifier.AT_LEAST,
    "more than ": Qualifier.MORE_THAN,
    "about ": Qualifier.APPROXIMATELY,
    "approximately ": Qualifier.APPROXIMATELY,
}
SOURCES = ["the SDF", "Reuters", "officials", "the UN", "local residents", "a spokesman"]
PLACES = ["near Hasakah", "in al-Hol camp", "near the Iraqi border", "in Deir ez-Zor", ""]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
NOISE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30
) | st.sampled_from(["", "(AFP)", "— Update:", "“So-called” reforms", "الحسكة", "🚨", "e.g."])


def _report(text: str) -> Document:
    return Document.build(
        text,
        raw=text.encode("utf-8"),
        media_type="text/plain",
        source="fuzz.txt",
        retrieved=PUBLISHED,
        published=PUBLISHED,
        language="en",
        genre=Genre.NEWS,
    )


def _figure(n: int) -> str:
    """A count as a reporter writes it: thousands separated, so it never reads as a year."""
    return f"{n:,}"


@st.composite
def figure_sentences(draw: st.DrawFn) -> tuple[str, int, Qualifier]:
    """One sentence stating a hedged figure, with the value and hedge it states."""
    n = draw(st.integers(2, 5_000_000))
    hedge = draw(st.sampled_from(sorted(HEDGES)))
    start = f"{hedge}{_figure(n)}"
    sentence = f"{start[0].upper()}{start[1:]} {draw(st.sampled_from(NOUNS))} "
    sentence += f"{draw(st.sampled_from(VERBS))} {draw(st.sampled_from(PLACES))}".rstrip()
    return sentence, n, HEDGES[hedge]


@st.composite
def reports(draw: st.DrawFn) -> str:
    """A report of template sentences, attributions, dates and noise, in any order."""
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["figure", "said", "according", "dated", "noise"]))
        sentence, _n, _q = draw(figure_sentences())
        if kind == "said":
            sentence += f", {draw(st.sampled_from(SOURCES))} said"
        elif kind == "according":
            sentence += f", according to {draw(st.sampled_from(SOURCES))}"
        elif kind == "dated":
            day, month = draw(st.integers(1, 28)), draw(st.sampled_from(MONTHS))
            sentence += f" on {day} {month} {draw(st.integers(2015, 2026))}"
        elif kind == "noise":
            sentence = draw(NOISE) + " " + sentence + " " + draw(NOISE)
        parts.append(sentence.strip() + ".")
    return draw(st.sampled_from([" ", "\n", "\n\n"])).join(parts)


def run_counted(check: Callable[[], None], counter: list[int], name: str, capsys) -> None:
    """Run a hypothesis check and print how many inputs it tried."""
    check()
    with capsys.disabled():
        print(f"\nfuzz {name}: {counter[0]} inputs tried")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """One extractor for the module (spaCy loads once)."""
    return Extractor()


def assert_invariants(annotated: AnnotatedDocument) -> None:
    """What every reading must satisfy, whatever the text."""
    text, doc_id = annotated.document.text, annotated.document.id
    count = len(annotated.sentences)
    mentions: list[Any] = [
        *annotated.actors, *annotated.places, *annotated.dates, *annotated.quantities,
        *annotated.attributions, *annotated.statements, *annotated.markers, *annotated.events,
    ]  # fmt: skip
    for mention in mentions:
        evidence = mention.evidence
        assert 0 <= evidence.start <= evidence.end <= len(text), mention
        assert evidence.document_id == doc_id
        assert 0 <= evidence.sentence < count, mention
    for quantity in annotated.quantities:
        assert text[quantity.evidence.start : quantity.evidence.end] == quantity.text
        assert quantity.low >= 0
        assert quantity.high is None or quantity.high >= quantity.low
    for when in annotated.dates:
        assert when.start <= when.end
    for attribution in annotated.attributions:
        assert attribution.chain, "an attribution without a chain"
        assert attribution.evidence.start < attribution.evidence.end


@pytest.mark.slow
@pytest.mark.issue(8)
def test_fuzz_reports_keep_every_invariant(extractor, capsys):
    tried = [0]

    @FUZZ
    @given(text=reports())
    def check(text: str) -> None:
        tried[0] += 1
        assert_invariants(extractor.extract_one(_report(text)))

    run_counted(check, tried, "reports", capsys)


@pytest.mark.slow
@pytest.mark.issue(8)
def test_fuzz_stated_figure_read_back_with_its_hedge(extractor, capsys):
    tried = [0]

    @FUZZ
    @given(stated=figure_sentences())
    def check(stated: tuple[str, int, Qualifier]) -> None:
        tried[0] += 1
        sentence, n, qualifier = stated
        annotated = extractor.extract_one(_report(sentence + "."))
        assert_invariants(annotated)
        read = [(q.low, q.high, q.qualifier) for q in annotated.quantities]
        open_ended = qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN)
        assert read == [(n, None if open_ended else n, qualifier)], sentence

    run_counted(check, tried, "figures", capsys)


RANGE_FINDINGS = (
    "finding (extract/quantities.py): small ranges are tagged DATE by spaCy and dropped, and "
    "'between 12 and 15' reads as 15; pinned by test_fuzz_finding_small_range_is_read"
)


@pytest.mark.slow
@pytest.mark.issue(8)
@pytest.mark.xfail(strict=True, reason=RANGE_FINDINGS)
def test_fuzz_ranges_and_sources_read_back(extractor, capsys):
    tried = [0]

    @FUZZ
    @given(
        low=st.integers(2, 100_000),
        width=st.integers(1, 100_000),
        noun=st.sampled_from(NOUNS),
        source=st.sampled_from(SOURCES),
        said=st.booleans(),
    )
    def check(low: int, width: int, noun: str, source: str, said: bool) -> None:
        tried[0] += 1
        high = low + width
        claim = f"Between {_figure(low)} and {_figure(high)} {noun} fled"
        text = f"{claim}, {source} said." if said else f"{claim}, according to {source}."
        annotated = extractor.extract_one(_report(text))
        assert_invariants(annotated)
        assert [(q.low, q.high) for q in annotated.quantities] == [(low, high)], text
        # The outlet comes first, and the cited source is the chain's root.
        chains = [a.chain for a in annotated.attributions]
        assert len(chains) == 1, text
        assert source.split()[-1].casefold() in chains[0][-1].name.casefold(), chains

    run_counted(check, tried, "ranges and sources", capsys)


@pytest.mark.issue(8)
def test_fuzz_number_words_and_digits_parse_back(capsys):
    tried = [0]

    @FUZZ
    @given(n=st.integers(0, 999_999_999))
    def check(n: int) -> None:
        tried[0] += 1
        assert parse_number([f"{n:,}"]) == n
        assert parse_number(str(n).split()) == n
        if 0 < n < 1_000_000:
            assert parse_number(_in_words(n).split()) == n, _in_words(n)

    run_counted(check, tried, "number words", capsys)


_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _in_words(n: int) -> str:
    """English words for 1 <= n < 1,000,000 ("three hundred and twenty-one thousand ...")."""

    def below_thousand(k: int) -> list[str]:
        words = []
        if k >= 100:
            words += [_ONES[k // 100], "hundred"]
            k %= 100
            if k:
                words.append("and")
        if k >= 20:
            words.append(_TENS[k // 10] + (f"-{_ONES[k % 10]}" if k % 10 else ""))
        elif k:
            words.append(_ONES[k])
        return words

    thousands, rest = divmod(n, 1000)
    words = [*below_thousand(thousands), "thousand"] if thousands else []
    return " ".join(words + below_thousand(rest))


@pytest.mark.issue(8)
def test_fuzz_dates_resolve_to_ordered_intervals(capsys):
    tried = [0]

    @FUZZ
    @given(
        day=st.integers(1, 28),
        month=st.integers(1, 12),
        year=st.integers(1990, 2030),
        noise=NOISE,
        base=st.dates(date(2000, 1, 1), date(2030, 12, 31)),
    )
    def check(day: int, month: int, year: int, noise: str, base: date) -> None:
        tried[0] += 1
        name = MONTHS[month - 1]
        exact = resolve_date(f"{day} {name} {year}", base)
        assert exact is not None and exact.precision is DatePrecision.DAY
        assert exact.start == exact.end == date(year, month, day)
        whole = resolve_date(f"{name} {year}", base)
        assert whole is not None and whole.start == date(year, month, 1)
        assert whole.end.month == month and whole.end >= whole.start
        anything = resolve_date(noise, base)  # any text: an interval or None, never an error
        assert anything is None or anything.start <= anything.end

    run_counted(check, tried, "dates", capsys)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Between 30 and 50 prisoners fled.", [(30, 50)]),
        ("Between 12 and 15 people were killed.", [(12, 15)]),
    ],
)
@pytest.mark.xfail(strict=True, reason=RANGE_FINDINGS)
def test_fuzz_finding_small_range_is_read(extractor, text, expected):
    annotated = extractor.extract_one(_report(text))
    assert [(q.low, q.high) for q in annotated.quantities] == expected


@pytest.mark.slow
def test_fuzz_finding_source_after_close_range_is_read(extractor):
    # Found by the fuzzing below; fixed in extract/attribution.py (1f8974b).
    text = "Between 1,677 and 1,678 prisoners fled, Reuters said."
    annotated = extractor.extract_one(_report(text))
    assert [a.chain[-1].name for a in annotated.attributions] == ["Reuters"]
