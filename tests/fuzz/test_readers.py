"""Fuzzing the readers: any bytes, web page, feed or PDF gives documents or an InputError.

Each test runs a bounded number of generated inputs (WATCHFLOOR_FUZZ_EXAMPLES, default 100;
raise it for a longer run) and prints how many it tried, whatever pytest's capture setting.
Properties: nothing but an `InputError` escapes; every document has text, an id that hashes
it, and a source that names the input; page scripts and styles never reach the text.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Callable
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from watchfloor.errors import InputError
from watchfloor.ingest import IngestOptions, read_bytes
from watchfloor.ingest.feeds import read_feed
from watchfloor.ingest.pdf import read_pdf
from watchfloor.model import Document, document_id

EXAMPLES = int(os.environ.get("WATCHFLOOR_FUZZ_EXAMPLES", "100"))
FUZZ = settings(
    max_examples=EXAMPLES,
    # The bounded CI run is reproducible; asking for a number of examples explores afresh.
    derandomize="WATCHFLOOR_FUZZ_EXAMPLES" not in os.environ,
    deadline=None,  # parsing times vary with machine load; a deadline would only flake
    database=None,  # nothing written into the working tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
OPTIONS = IngestOptions(fetch_feed_links=False)  # no network, ever

# Words with some meaning and some noise, so texts pass language detection now and then.
WORDS = st.sampled_from(
    (
        "the",
        "prisoners",
        "escaped",
        "from",
        "prison",
        "near",
        "Hasakah",
        "officials",
        "said",
        "hundreds",
        "of",
        "fighters",
        "were",
        "killed",
        "on",
        "Monday",
        "according",
        "to",
        "SDF",
        "1,500",
        "approximately",
        "al-Hol",
        "camp",
        "الحسكة",
        "سجن",
        "&",
        "<",
        ">",
        "é",
        "ß",
        "🚨",
        '"',
        "'",
        "\u200b",
        "\u00a0",
        "\t",
    )
)
TEXT = st.lists(WORDS | st.text(max_size=12), min_size=0, max_size=40).map(" ".join)


# Bugs this fuzzing finds in the readers, each pinned by a strict-xfail test: the property
# tests tolerate (and count) exactly these until the readers are fixed. Empty: the findings
# of issue 8 (control characters in pages, damaged PDFs) are fixed and their pins are plain
# regression tests below.
KNOWN_FINDINGS: tuple[tuple[type[BaseException], str], ...] = ()


def is_known_finding(exc: BaseException) -> bool:
    """Whether an escaped exception is one of the pinned findings."""
    return any(isinstance(exc, kind) and text in str(exc) for kind, text in KNOWN_FINDINGS)


def run_counted(check: Callable[[], None], counter: list[int], name: str, capsys) -> None:
    """Run a hypothesis check and print how many inputs it tried (and known findings hit)."""
    check()
    with capsys.disabled():
        found = f", {counter[1]} hit a known finding" if len(counter) > 1 and counter[1] else ""
        print(f"\nfuzz {name}: {counter[0]} inputs tried{found}")


def assert_sound(documents: list[Document], source: str) -> None:
    """What every document a reader returns must satisfy."""
    for document in documents:
        assert document.text.strip(), "a document without text"
        assert document.id == document_id(document.text)
        assert document.source.startswith(source)
        assert document.language


def _read(
    raw: bytes, source: str, media_type: str | None = None, counter: list[int] | None = None
) -> list[Document]:
    try:
        documents = read_bytes(raw, source, OPTIONS, media_type, errors="skip")
    except InputError:
        return []
    except (ValueError, NotImplementedError) as exc:
        if not is_known_finding(exc) or counter is None:
            raise
        counter[1] += 1
        return []
    assert_sound(documents, source)
    return documents


@pytest.mark.issue(8)
def test_fuzz_any_bytes_give_documents_or_input_error(capsys):
    tried = [0, 0]

    @FUZZ
    @given(
        raw=st.binary(max_size=4096)
        | TEXT.map(lambda t: t.encode("utf-8"))
        | TEXT.map(lambda t: t.encode("utf-16"))
        | TEXT.map(lambda t: t.encode("cp1256", errors="replace")),
        name=st.sampled_from(["x.txt", "x.md", "x.html", "x.xml", "x.pdf", "x.bin", "x"]),
        media_type=st.sampled_from([None, "text/plain", "text/html", "application/rss+xml"]),
    )
    def check(raw: bytes, name: str, media_type: str | None) -> None:
        tried[0] += 1
        _read(raw, name, media_type, tried)

    run_counted(check, tried, "bytes", capsys)


@st.composite
def html_pages(draw: st.DrawFn) -> tuple[str, str]:
    """A web page of random blocks, with a secret inside its script and style."""
    secret = f"zqxsecret{draw(st.integers(0, 10**6))}"
    blocks = draw(
        st.lists(
            st.tuples(st.sampled_from(["p", "div", "h1", "li", "td", "span", "b"]), TEXT),
            max_size=12,
        )
    )
    body = "".join(f"<{tag}>{escape(text)}</{tag}>" for tag, text in blocks)
    if draw(st.booleans()):
        body = body[: draw(st.integers(0, len(body)))]  # cut mid-tag: browsers cope, so must we
    head = f"<title>{escape(draw(TEXT))}</title><style>.{secret} {{color: red}}</style>"
    script = f"<script>var {secret} = '{secret}';</script>"
    page = f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>{script}{body}</body></html>"
    return page, secret


@pytest.mark.issue(8)
def test_fuzz_html_never_leaks_scripts_or_crashes(capsys):
    tried = [0, 0]

    @FUZZ
    @given(page=html_pages())
    def check(page: tuple[str, str]) -> None:
        tried[0] += 1
        markup, secret = page
        for document in _read(markup.encode("utf-8"), "page.html", "text/html", tried):
            assert secret not in document.text, "script or style text leaked into a document"

    run_counted(check, tried, "html", capsys)


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    """An RSS 2.0 or Atom feed with random entries, sometimes cut short or with bad markup."""
    entries = draw(st.lists(st.tuples(TEXT, TEXT, st.booleans()), max_size=6))
    if draw(st.booleans()):
        items = "".join(
            f"<item><title>{escape(t)}</title><description>{escape(b) if ok else b}"
            f"</description><link>https://example.org/{i}</link></item>"
            for i, (t, b, ok) in enumerate(entries)
        )
        xml = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{items}"
        xml += "</channel></rss>"
    else:
        items = "".join(
            f"<entry><title>{escape(t)}</title><id>urn:{i}</id><content type='html'>"
            f"{escape(b) if ok else b}</content></entry>"
            for i, (t, b, ok) in enumerate(entries)
        )
        xml = f"<feed xmlns='http://www.w3.org/2005/Atom'><title>Wire</title>{items}</feed>"
    if draw(st.booleans()):
        xml = xml[: draw(st.integers(0, len(xml)))]
    return xml.encode("utf-8")


@pytest.mark.issue(8)
def test_fuzz_feeds_give_entries_or_input_errors(capsys):
    tried = [0, 0]

    @FUZZ
    @given(raw=feeds())
    def check(raw: bytes) -> None:
        tried[0] += 1
        try:
            items = list(read_feed(raw, source="feed.xml", layers=()))
        except InputError:
            return
        for item in items:
            assert isinstance(item, Document | InputError)
        assert_sound([i for i in items if isinstance(i, Document)], "feed.xml")

    run_counted(check, tried, "feeds", capsys)


def _pdf(text: str) -> bytes:
    """A one-page PDF whose text layer says `text` (Helvetica, ASCII), built by hand."""
    safe = "".join(c for c in text if 32 <= ord(c) < 127).replace("\\", "").replace("(", "")
    safe = safe.replace(")", "")
    stream = zlib.compress(f"BT /F1 12 Tf 72 712 Td ({safe}) Tj ET".encode("ascii"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_fuzz_pdf_builder_makes_a_readable_pdf():
    document = read_pdf(_pdf("Hundreds of prisoners escaped."), source="x.pdf", layers=())
    assert "Hundreds of prisoners escaped." in document.text


@st.composite
def damaged_pdfs(draw: st.DrawFn) -> bytes:
    """A valid PDF with some bytes overwritten, deleted or the tail cut off."""
    raw = bytearray(_pdf(draw(TEXT)))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(raw) - 1))
        action = draw(st.sampled_from(["flip", "cut", "drop", "insert"]))
        if action == "flip":
            raw[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del raw[at:]
        elif action == "drop":
            del raw[at : at + draw(st.integers(1, 40))]
        else:
            raw[at:at] = draw(st.binary(min_size=1, max_size=16))
        if not raw:
            break
    return bytes(raw)


@pytest.mark.issue(8)
def test_fuzz_damaged_pdfs_are_read_or_refused(capsys):
    tried = [0, 0]

    @FUZZ
    @given(raw=damaged_pdfs())
    def check(raw: bytes) -> None:
        tried[0] += 1
        try:
            document = read_pdf(raw, source="report.pdf", layers=())
        except InputError:
            return
        except (NotImplementedError, AttributeError) as exc:
            if not is_known_finding(exc):
                raise
            tried[1] += 1
            return
        assert_sound([document], "report.pdf")

    run_counted(check, tried, "pdf", capsys)


@pytest.mark.issue(8)
def test_fuzz_finding_html_with_control_character_is_input_error():
    # trafilatura finds no main text, and the plain fallback hands lxml the control character.
    page = "<!DOCTYPE html><html><head><title></title></head><body><p>\x08</p></body></html>"
    with contextlib.suppress(InputError):
        read_bytes(page.encode("utf-8"), "page.html", OPTIONS, "text/html")


@pytest.mark.issue(8)
def test_fuzz_finding_pdf_with_unknown_filter_is_input_error():
    raw = _pdf("Hundreds of prisoners escaped.").replace(b"/FlateDecode", b"/FlateDecodX")
    with pytest.raises(InputError):
        read_pdf(raw, source="report.pdf", layers=())


@pytest.mark.issue(8)
def test_fuzz_finding_pdf_with_broken_object_header_is_input_error():
    raw = _pdf("Hundreds of prisoners escaped.").replace(
        b"1 0 obj\n<< /Type /Catalog /Pages", b"1 0 obj"
    )
    with pytest.raises(InputError):
        read_pdf(raw, source="report.pdf", layers=())
