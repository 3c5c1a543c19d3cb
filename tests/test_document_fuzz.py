"""Property test of the document reader: whatever it is given, it either raises the documented
InputError or returns a document whose every span lies inside the text it returns."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.document import DocumentInput, read_document
from newsevents.errors import InputError

# Pieces that exercise the reader's rules: datelines, captions, furniture, glue, odd spaces.
PIECES = [
    "LONDON — ", "Berlin (dpa) - ", "SEOUL, South Korea (AP) — ", "PARIS, Aug 31 (Reuters) - ",
    "BEIJING, May 2 (Xinhua) -- ", "By JOHN DOE ", "By Jane Roe, dpa ", "2ND LEAD ", "FILE - ", "FILED - ",
    "Photo: -/ABC/dpa", " REUTERS/Ann Example", "Slideshow (2 Images)", "Advertisement Continue reading the main story",
    "Share this video", "Direct link270p | 1.5MB", "WATCH: ", "# Notebook ## Note to editors", "Tuesday. 28.03.2023",
    "Copyright 2024 Example", "Subscribe", "Photo", "Video", "Published: 12 March 2019", "This story is from May 1, 2002",
    "\u00a0", "\u200b", "\ufeff", "\u2028", "\r\n", "\n", "\n\n", "“", "”", '"', "'", "’", "—", "–", "-", "--",
    "said.", "The", "Kim\u00a0Jong\u200bUn", "responseNeither", "PrioritiesLONDON", "OK.Insufficient", "==References==",
    "Issued by: X  For immediate release: ", "(ATT SUBS: ADDS X) ", " Sapa /ab/cd", " Enditem", "Image ", "Credit ",
    "<p>", "</p>", "<html>", "<figcaption>", "</figcaption>", "Ab", "ab", "AB", "1", ". ", ", ", ": ", "(", ")",
]
WORDS = st.lists(st.sampled_from(["Talks", "resume", "in", "the", "capital", "Rebels", "free", "aid", "workers",
                                   "KIM", "ANN", "Example", "New", "Port", "said", "on", "Monday", "\u00a0", "yang"]),
                 min_size=1, max_size=12).map(" ".join)
DATELINES = st.sampled_from(["LONDON (Reuters) - ", "Kuala Lumpur (dpa) - ", "CAPE TOWN, March 3 (ANA) - ",
                             "HANOI, July 9 (Xinhua) -- ", "VIENNA (AP) — ", "PARIS, Aug 31 (Reuters) - ", ""])
BYLINES = st.sampled_from(["", "By ANN EXAMPLE ", "By Jo Example, dpa ", "Thandi Example ", "zhangsanfeng ",
                           "ANN EXAMPLE and JOHN SAMPLE ", "by Jo Example, dpa "])
SLUGS = st.sampled_from(["", "2ND LEAD ", "EXTRA ", "UPDATE 2: ", "2nd LD Writethru: "])
# one line of fused wire copy: slug, headline, byline, dateline and a lead long enough to be fused
WIRE = st.builds(lambda slug, head, by, dl, lead: f"{slug}{head} {by}{dl}{lead} " + "More text follows here. " * 8,
                 SLUGS, WORDS, BYLINES, DATELINES, WORDS)
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40).map("".join)
FORMATS = st.sampled_from(["auto", "text", "html"])


def check(data: str | bytes, fmt: str, published: str | None = None) -> None:
    try:
        raw, doc, breaks = read_document(DocumentInput(data, source="fuzz", format=fmt, published=published))
    except InputError as err:
        assert err.reason and err.source == "fuzz"
        return
    n = len(raw)
    if isinstance(data, str) and doc.source_format == "text":
        assert raw == data  # offsets index the input text as read
    if doc.source_format == "html":
        assert doc.text == raw
    spans = [(doc.body["start"], doc.body["end"])]
    spans += [(c.start, c.end) for c in doc.captions]
    spans += [(b.start, b.end) for b in doc.boilerplate]
    spans += [(p.start, p.end) for p in doc.paragraphs]
    if doc.title_start is not None or doc.title_end is not None:
        spans.append((doc.title_start, doc.title_end))
        assert raw[doc.title_start:doc.title_end] == doc.title
    for start, end in spans:
        assert isinstance(start, int) and isinstance(end, int)
        assert 0 <= start <= end <= n, (start, end, n)
    for c in doc.captions:
        assert raw[c.start:c.end] == c.text
    for b in doc.boilerplate:
        assert raw[b.start:b.end] == b.text
    assert all(0 <= b <= n for b in breaks)
    assert doc.title or doc.title_missing_reason
    assert doc.published_from in ("given", "dateline", "metadata", "header", "unknown")


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT, FORMATS)
def test_text_never_raises_anything_but_input_error(text: str, fmt: str) -> None:
    check(text, fmt)


@FAST
@given(st.binary(max_size=400), FORMATS)
def test_bytes_never_raise_anything_but_input_error(data: bytes, fmt: str) -> None:
    check(data, fmt)


@FAST
@given(TEXT.map(lambda t: t.encode("utf-8")), st.sampled_from(["latin-1", "cp1252", "utf-16"]))
def test_reencoded_text_never_raises_anything_but_input_error(data: bytes, encoding: str) -> None:
    check(data.decode("utf-8").encode(encoding, errors="replace"), "auto")


@FAST
@given(WIRE)
def test_fused_wire_copy_spans_index_the_text(text: str) -> None:
    check(text, "text")


@settings(max_examples=60, deadline=None)
@given(TEXT, st.one_of(st.none(), st.sampled_from(["2020-06-16", "1999-01-01"])))
def test_published_is_kept_or_found(text: str, published: str | None) -> None:
    check(text, "text", published)
