"""Find the spans of text between quotation marks.

Why a scanner and not a regex: quotes run over several paragraphs (a paragraph that opens
with a quote mark continues an unclosed quote from the previous one), straight marks must be
told apart as opening or closing from the characters beside them, and single marks double as
apostrophes. The scan works on the NLP view (page furniture blanked) and reports raw offsets.

Rule `quote_marks`: “ ” „ « » and straight " are double marks; ‘ ’ and straight ' are single
marks. The document's primary marks are double unless single opening marks clearly dominate
(British style); the other kind is then only nested inside quotes and stays part of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

DOUBLE_OPEN = {"\u201c", "\u201e", "\u00ab", '"', "\u201d"}
DOUBLE_CLOSE = {"\u201d", "\u00bb", "\u201c", '"'}
SINGLE_OPEN = {"\u2018", "'"}
SINGLE_CLOSE = {"\u2019", "'"}
DOUBLED_OPEN = re.compile(r"(?<![\w.,;:!?])''(?=\w)")
OPEN_CONTEXT = set(" \n([{—–-/:;,") | {""}


@dataclass
class QuotedSpan:
    """Text between quotation marks, in raw offsets; `start`/`end` exclude the marks."""

    start: int
    end: int
    text: str
    outer_start: int
    outer_end: int
    closed: bool
    view_start: int = 0
    view_end: int = 0
    paragraphs: int = 1
    view_open: int = 0  # view offset of the opening mark's first character ('' is two)


def _primary_marks(text: str) -> tuple[set[str], set[str]]:
    """Rule `quote_marks`: which kind of mark opens and closes top-level quotes here."""
    doubles = sum(text.count(c) for c in "\u201c\u201d\u201e\u00ab\u00bb\"")
    single_opens = len(re.findall(r"(?:^|[\s(\[—–-])[\u2018'](?=[A-Za-z0-9])", text, flags=re.M))
    if single_opens > doubles and (single_opens >= 2 or doubles == 0):
        return SINGLE_OPEN | {"\u00ab"}, SINGLE_CLOSE | {"\u00bb"}
    return DOUBLE_OPEN, DOUBLE_CLOSE


def _can_open(text: str, i: int, opens: set[str]) -> bool:
    ch = text[i]
    if ch not in opens:
        return False
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if not after or after.isspace():
        return False
    if ch in {"'", "\u2018"}:  # an apostrophe inside a word is no quote mark
        return before in OPEN_CONTEXT or before in DOUBLE_OPEN
    if ch == '"' or ch == "\u201c":
        return before in OPEN_CONTEXT or not before.isalnum()
    if ch == "\u201d":  # a right mark used to open ('”The prime minister ...'): only after a space
        return before in OPEN_CONTEXT and after.isalnum()
    return True


def _can_close(text: str, i: int, closes: set[str]) -> bool:
    ch = text[i]
    if ch not in closes:
        return False
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if not before or before.isspace():
        # '... outreach,\' "': a straight mark after a space closes when punctuation precedes it
        prev = text[:i].rstrip()[-1:]
        return ch in {"\u201d", "\u00bb"} or (ch == '"' and prev in {",", ".", "!", "?", "'", "\u2019"}
                                             and (not after or after.isspace() or after in ",.;:"))
    if ch in {"'", "\u2019"}:
        return not after.isalnum()
    return True


def _reopens(text: str, i: int, opens: set[str], open_at: int) -> bool:
    """A mark that can only open ('“' or '"' after a space, before a word) while a quote is open."""
    ch = text[i]
    if ch not in opens or ch in {"'", "\u2019"} or i == 0 or not text[i - 1].isspace():
        return False
    after = text[i + 1] if i + 1 < len(text) else ""
    if not after or after.isspace() or after in ",.;:!?":
        return False
    return ch in {"\u201c", "\u00ab", "\u201e", "\u2018", '"'}


def _family(ch: str) -> str | None:
    """Straight and typographic double marks nest inside each other, so tell them apart."""
    if ch == '"':
        return "straight"
    if ch in "\u201c\u201d\u201e\u00ab\u00bb":
        return "curly"
    return None


def find_quoted(ctx: Any) -> list[QuotedSpan]:
    """All top-level quoted spans of the story, in order, with raw offsets."""
    # two straight single marks stand for one double mark (newspaper style): read as '"' + space-less filler
    text = DOUBLED_OPEN.sub('\u2060"', ctx.view.text).replace("''", '"\u2060')
    opens, closes = _primary_marks(text)
    spans: list[tuple[int, int, bool, list[int]]] = []  # view (open, close, closed, inner opens)
    i, n = 0, len(text)
    open_at: int | None = None
    reopened: list[int] = []
    nested: str | None = None  # family of a quote nested inside in the other style of marks
    # outside a quote only an opening mark can matter: jump to the next one
    next_open = re.compile("[" + re.escape("".join(sorted(opens))) + "]")
    while i < n:
        if open_at is None and text[i] not in opens:
            found = next_open.search(text, i)
            if found is None:
                break
            i = found.start()
        ch = text[i]
        if open_at is None:
            if _can_open(text, i, opens):
                open_at, reopened = i, []
        elif nested is not None and ch != "\n":
            if _family(ch) == nested and _can_close(text, i, closes):
                nested = None
        elif ch != "\n" and _family(ch) not in {None, _family(text[open_at])} and _can_open(text, i, opens) \
                and text[i - 1].isspace() | (text[i - 1] in ":,(") and ch not in "\u201d\u00bb":
            nested = _family(ch)  # '"... “inner” ..."': a quote inside the quote, in other marks
        elif ch == "\n":
            nested = None
            j = i
            while j < n and text[j] in " \n":
                j += 1
            if j < n and text[j] in opens and j > i + 0 and "\n" in text[i:j] and _can_open(text, j, opens):
                reopened.append(j)  # a new paragraph opening with a mark continues the quote
                i = j
            else:
                spans.append((open_at, i, False, reopened))
                open_at = None
        elif _reopens(text, i, opens, open_at):
            open_at, reopened = i, []  # an opening mark inside a quote: the earlier one never closed
        elif _can_close(text, i, closes) and i > open_at + 1:
            spans.append((open_at, i, True, reopened))
            open_at = None
        i += 1
    if open_at is not None:
        spans.append((open_at, n, False, reopened))
    out: list[QuotedSpan] = []
    for o, c, closed, inner in spans:
        end = c
        while end > o + 1 and text[end - 1].isspace():
            end -= 1
        if end <= o + 1:
            continue
        pieces, cursor = [], o + 1
        for j in inner:
            pieces.append(text[cursor:j].rstrip())
            cursor = j + 1
        pieces.append(text[cursor:end])
        content = " ".join(p.strip() for p in pieces if p.strip())
        raw_s, raw_e = ctx.view.to_raw(o + 1, end)
        outer_s, outer_e = ctx.view.to_raw(o, min(c + 1, n) if closed else end)
        if not content.strip():
            continue
        raw_text = _raw_content(ctx.raw, raw_s, raw_e, [ctx.view.to_raw(j, j + 1)[0] for j in inner])
        mark = o - 1 if o > 0 and text[o - 1] == "\u2060" else o  # '' read as one mark
        out.append(QuotedSpan(raw_s, raw_e, raw_text or content, outer_s, outer_e, closed, o + 1, end, len(inner) + 1,
                              mark))
    return out


def _raw_content(raw: str, start: int, end: int, inner_marks: list[int]) -> str:
    """The quote's raw text with the marks that reopen it in later paragraphs removed."""
    if not inner_marks:
        return raw[start:end]
    pieces, cursor = [], start
    for m in inner_marks:
        pieces.append(raw[cursor:m].strip())
        cursor = m + 1
    pieces.append(raw[cursor:end].strip())
    return "\n\n".join(p for p in pieces if p)
