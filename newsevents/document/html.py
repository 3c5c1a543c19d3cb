"""HTML pages: trafilatura extracts title, date, body text and figure captions."""

from __future__ import annotations

import re
from html import unescape

from newsevents.document.capture import caption_credit, find_dateline, fold
from newsevents.errors import InputError
from newsevents.reading import Caption, Document, Paragraph

# Options passed to trafilatura.bare_extraction; benchmarks/document_extraction.py measures them.
# Measured there (181 pages): these give F1 0.960; favor_recall 0.959 with tables, 0.955 without.
TRAFILATURA_OPTIONS: dict[str, object] = {
    "include_comments": False, "include_tables": True, "include_images": False, "favor_recall": False,
}



def read_html(html: str, source: str) -> tuple[str, Document]:
    """The extracted plain text (the offset space of the reading) and its document parts."""
    try:
        import trafilatura
    except ImportError as err:  # pragma: no cover - declared dependency
        raise InputError(source, f"HTML support is not installed: {err}") from err
    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, **TRAFILATURA_OPTIONS)
        if extracted is None or not (getattr(extracted, "text", None) or "").strip():
            # a page that hides its text from the precise extractor: try once more for recall
            extracted = trafilatura.bare_extraction(
                html, with_metadata=True, **{**TRAFILATURA_OPTIONS, "favor_recall": True, "favor_precision": False})
    except Exception as err:  # trafilatura raises many kinds on broken or hostile markup
        raise InputError(source, f"HTML could not be parsed: {type(err).__name__}: {err}") from err
    if extracted is None:
        raise InputError(source, "HTML page has no article text")
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    body = (data.get("text") or "").strip()
    if not body or not re.search(r"[^\W\d_]{2,}", body):
        raise InputError(source, "HTML page has no article text")
    title = (data.get("title") or "").strip() or None
    parts = []
    doc = Document(source_format="html")
    pos = 0
    first_line = body.split("\n", 1)[0].strip()
    if title and fold(first_line) == fold(title):
        # the page repeats its headline at the top of the article: it is the title, once
        body = body[len(body.split("\n", 1)[0]):].lstrip("\n")
        title = first_line
    if not title:
        doc.title_missing_reason = "the HTML page has no headline (no title or h1 that trafilatura could find)"
    if title:
        parts.append(title)
        doc.title, doc.title_start, doc.title_end = title, 0, len(title)
        doc.paragraphs.append(Paragraph(0, len(title), "title"))
        pos = len(title) + 2
    if not body.strip():
        raise InputError(source, "HTML page has no article text (only a headline)")
    body_start = pos
    parts.append(body)
    text = "\n\n".join(parts)
    for para in re.finditer(r"[^\n]+", body):
        doc.paragraphs.append(Paragraph(body_start + para.start(), body_start + para.end(), "body"))
    doc.body = {"start": body_start, "end": len(text)}
    text = _add_captions(doc, text, _figcaptions(html))
    first = next((p for p in doc.paragraphs if p.zone == "body"), None)
    if first is not None:
        m = find_dateline(text[first.start:first.end])
        if m:
            doc.dateline = text[first.start:first.start + m.end()].strip()
            doc.dateline_place = m.group("place")
    if data.get("date"):
        doc.published = str(data["date"])[:10]
        doc.published_from = "metadata"
    doc.url = data.get("url") or None
    doc.text = text
    return text, doc


def _add_captions(doc: Document, text: str, captions: list[str]) -> str:
    """Mark figure captions that the extracted text holds; append the others after the body,
    each as a caption paragraph, so that later stages see them as captions, never as body."""
    for cap in dict.fromkeys(captions):
        body_text, credit = caption_credit(cap)
        k = text.find(cap)
        if k >= 0:
            for p in doc.paragraphs:
                if p.start <= k < p.end:
                    p.zone = "caption"
        else:
            text += "\n\n"
            k = len(text)
            text += cap
            doc.paragraphs.append(Paragraph(k, k + len(cap), "caption"))
        doc.captions.append(Caption(cap, credit, k, k + len(cap)))
    body_paragraphs = [p for p in doc.paragraphs if p.zone == "body"]
    if body_paragraphs:
        doc.body = {"start": body_paragraphs[0].start, "end": body_paragraphs[-1].end}
    return text


def _figcaptions(html: str) -> list[str]:
    out = []
    for m in re.finditer(r"<figcaption[^>]*>(.*?)</figcaption>", html, re.S | re.I):
        text = unescape(re.sub(r"<[^>]+>", " ", m.group(1)))
        text = re.sub(r"\s+", " ", text).strip()
        if re.search(r"[^\W\d_]{2,}", text):
            out.append(text)
    return out
