"""HTML pages: trafilatura extracts title, date, body text and figure captions."""

from __future__ import annotations

import re

from newsevents.errors import InputError
from newsevents.reading import Caption, Document, Paragraph


def read_html(html: str, source: str) -> tuple[str, Document]:
    """The extracted plain text (the offset space of the reading) and its document parts."""
    try:
        import trafilatura
    except ImportError as err:  # pragma: no cover - declared dependency
        raise InputError(source, f"HTML support is not installed: {err}") from err
    try:
        extracted = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                                include_images=False, favor_recall=True,
                                                with_metadata=True)
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
    if title:
        parts.append(title)
        doc.title, doc.title_start, doc.title_end = title, 0, len(title)
        doc.paragraphs.append(Paragraph(0, len(title), "title"))
        pos = len(title) + 2
    body_start = pos
    parts.append(body)
    text = "\n\n".join(parts)
    for para in re.finditer(r"[^\n]+", body):
        doc.paragraphs.append(Paragraph(body_start + para.start(), body_start + para.end(), "body"))
    doc.body = {"start": body_start, "end": len(text)}
    captions = _figcaptions(html)
    for cap in captions:
        k = text.find(cap)
        if k >= 0:
            doc.captions.append(Caption(cap, "", k, k + len(cap)))
            for p in doc.paragraphs:
                if p.start <= k < p.end:
                    p.zone = "caption"
    if data.get("date"):
        doc.published = str(data["date"])[:10]
        doc.published_from = "metadata"
    doc.url = data.get("url") or None
    doc.text = text
    return text, doc


def _figcaptions(html: str) -> list[str]:
    out = []
    for m in re.finditer(r"<figcaption[^>]*>(.*?)</figcaption>", html, re.S | re.I):
        text = re.sub(r"<[^>]+>", " ", m.group(1))
        text = re.sub(r"\s+", " ", text).strip()
        if text:
            out.append(text)
    return out
