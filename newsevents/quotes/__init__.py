"""quotes stage: direct, mixed and indirect quotes, each with its speaker and cue.

Exposes to later stages (see the module docstrings of find.py, coref.py, attribute.py):
- ctx.exposed["entities"]: list[coref.Entity], the story's coreference chains;
  `newsevents.quotes.coref.entity_at(ctx, start, end)` finds one by raw span.
- ctx.exposed["quote_of_offset"]: callable raw offset -> Quote | None (the narrowest quote
  containing the offset; direct and mixed quotes before the indirect clause around them).
- ctx.exposed["quote_details"]: list[attribute.Found]: each quote with its cue span, the
  id of the speaker's entity, and its attribution group (a mixed fragment and the reported
  clause around it, or a quote and its continuation, share a group) with the group's extent.
- `speakers_at(ctx, start, end)`: the speakers whose quotes contain a raw span, for an
  event's `reported_by`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any

from newsevents.quotes.attribute import Attributor, Found, Speaker, cues
from newsevents.quotes.coref import build_entities
from newsevents.quotes.coref import lexicon as coref_lexicon
from newsevents.quotes.find import QuotedSpan, find_quoted
from newsevents.reading import Quote

PARAGRAPH_BREAK = re.compile(r"\n[\s]*")
CONTINUATION_PARAGRAPHS = 2  # a quote with no cue continues the speaker of a quote this close
SPEECH_PARAGRAPHS = 1  # ... or the speaker of a speech verb this close, if nearer


def _paragraph_index(ctx: Any, raw_offset: int) -> int:
    """Which paragraph (run of text between line breaks) a raw offset is in."""
    return len(PARAGRAPH_BREAK.findall(ctx.raw, 0, raw_offset))


def _stands_alone(ctx: Any, q: QuotedSpan) -> bool:
    """A quote after which its line ends or a new sentence or quote starts: it may continue the
    previous speaker's words (a quote followed by ', X said' that we failed to read may not)."""
    line_end = ctx.raw.find("\n", q.outer_end)
    rest = ctx.raw[q.outer_end:line_end if line_end >= 0 else len(ctx.raw)].strip()
    if q.text.rstrip().endswith(","):
        return False
    return not rest or rest[0] in "\"\u201c\u2018'\u00ab" or rest[0].isupper()


class _Spans:
    """Spans sorted for overlap sums: only those starting within (start - longest, end) can
    overlap [start, end), so a clause looks at its neighbours, not at every quote of the story."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.longest = max((e - s for s, e in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return self.spans[lo:hi]


def _covered_share(start: int, end: int, spans: _Spans) -> float:
    if end <= start:
        return 0.0
    covered = sum(max(0, min(end, e) - max(start, s)) for s, e in spans.overlapping(start, end))
    return covered / (end - start)


def _make(ctx: Any, text: str, start: int, end: int, kind: str, speaker: Speaker | None,
          cue: Any, group: int) -> Found:
    cue_span = ctx.raw_span(cue) if cue is not None else None
    quote = Quote(text=text, start=start, end=end, kind=kind,
                  speaker=speaker.name if speaker else None,
                  speaker_start=speaker.start if speaker else None,
                  speaker_end=speaker.end if speaker else None,
                  cue=ctx.raw[cue_span[0]:cue_span[1]] if cue_span else None)
    return Found(quote, group, cue_span[0] if cue_span else None, cue_span[1] if cue_span else None,
                 speaker.entity.id if speaker and speaker.entity else None, start, end)


def _direct_and_mixed(ctx: Any, att: Attributor, quoted: list[QuotedSpan]) -> list[Found]:
    found: list[Found] = []
    previous: Found | None = None
    group = 0
    by_cue: dict[int, int] = {}  # quotes that share a cue token are one attribution
    for q in quoted:
        fragment = att.is_fragment(q)
        if fragment:
            hit = att.governing_cue(q)
            if hit is None and (ctx.raw[q.outer_end:q.outer_end + 1] == "," or q.text.rstrip().endswith(",")) \
                    and not att.is_title(q):
                hit = att.cue_after(q)  # 'The four "loopholes" he cited are "...," the paper reported.'
        else:
            lead = ctx.view.text[ctx.view.text.rfind("\n", 0, q.view_start) + 1:q.view_open].strip()
            hit = (att.cue_before(q) or att.cue_after(q) or att.label_cue(q)) if lead else (att.cue_after(q) or att.colon_cue(q))
        speaker = att.speaker_from(hit[1], chunk=hit[2] if len(hit) > 2 else None) if hit else None
        cue = hit[0] if hit else None
        if fragment and speaker is None:
            continue  # a quoted phrase nobody is said to have said: a scare quote
        if hit is None and not fragment and _stands_alone(ctx, q):
            carried = att.speech_before(q, SPEECH_PARAGRAPHS)
            if carried is not None and (previous is None or ctx.raw_span(carried[0])[0] > max(previous.quote.end, previous.cue_end or 0)):
                hit, cue = carried, carried[0]
                speaker = att.speaker_from(carried[1])
                if speaker is None:
                    hit = cue = None
        if hit is None:
            if fragment or previous is None or previous.quote.speaker is None or not _stands_alone(ctx, q):
                continue
            gap = _paragraph_index(ctx, q.start) - _paragraph_index(ctx, previous.quote.end)
            if gap > CONTINUATION_PARAGRAPHS:
                continue
            p = previous.quote
            speaker = Speaker(p.speaker or "", p.speaker_start or 0, p.speaker_end or 0, None)
            record = _make(ctx, q.text, q.start, q.end, "direct", speaker, None,
                           previous.group if gap == 0 else group + 1)
            record.follows = previous if gap == 0 else None
            record.quote.cue = p.cue
            record.cue_start, record.cue_end, record.entity_id = previous.cue_start, previous.cue_end, previous.entity_id
            if gap != 0:
                group += 1
        else:
            shared = by_cue.get(cue.i) if cue is not None else None
            if shared is None:
                group += 1
                shared = group
            if cue is not None:
                by_cue[cue.i] = shared
            record = _make(ctx, q.text, q.start, q.end, "mixed" if fragment else "direct", speaker, cue, shared)
            first = att.token_at(q.view_start)
            extent = att.complement_extent(cue, first) if fragment and first is not None else None
            if extent is None and fragment and first is not None:
                extent = att.reported_part(cue, q)
            if extent is not None:
                record.unit_start, record.unit_end = ctx.view.to_raw(*extent)
        found.append(record)
        if not fragment or record.cue_start is not None:
            previous = record
    return found


def _close_marks(raw: str, start: int, end: int) -> tuple[int, int]:
    """Take in the closing mark of a quote that a reported clause opens but stops short of."""
    inner = raw[start:end]
    unbalanced = inner.count("\u201c") > inner.count("\u201d") or inner.count('"') % 2 == 1
    if unbalanced:
        tail = re.match(r"[.,!?]?[\u201d\"]", raw[end:end + 2])
        if tail:
            return start, end + tail.end()
    return start, end


def _dateline_end(ctx: Any) -> int:
    """Raw end of the dateline that opens the body ("PARIS (Reuters) -", "(CNN)"), else -1: a
    reported clause of the lead sentence starts after it, since the dateline is no one's words."""
    dateline = getattr(ctx.document, "dateline", None)
    body = getattr(ctx.document, "body", None) or {}
    if not dateline or not isinstance(body.get("start"), int):
        return -1
    pos = ctx.raw.find(dateline, body["start"], body["start"] + len(dateline) + 200)
    if pos < 0:
        return -1
    end = pos + len(dateline)
    while end < len(ctx.raw) and ctx.raw[end].isspace():
        end += 1
    return end


def _indirect(ctx: Any, att: Attributor, direct: list[Found], group: int) -> list[Found]:
    whole = _Spans([(f.quote.start, f.quote.end) for f in direct if f.quote.kind == "direct"])
    found: list[Found] = []
    seen: set[tuple[int, int]] = set()
    clause_groups: set[int] = set()  # groups of clauses that took a fragment of their own cue
    dateline_end = _dateline_end(ctx)
    for cue, subject, vs, ve in att.indirect():
        start, end = _close_marks(ctx.raw, *ctx.view.to_raw(vs, ve))
        if start < dateline_end < end:
            start = dateline_end
        if (start, end) in seen or _covered_share(start, end, whole) >= 0.5:
            continue
        seen.add((start, end))
        speaker = att.speaker_from(subject)
        if speaker is None or _all_quoted(ctx, direct, start, end):
            continue
        group += 1
        cue_span = ctx.raw_span(cue)
        record = _make(ctx, ctx.raw[start:end], start, end, "indirect", speaker, cue, group)
        for f in direct:  # a fragment joins the clause of its own cue, else the first one around it
            if f.quote.kind == "mixed" and start <= f.quote.start and f.quote.end <= end + 1:
                own = f.cue_start == cue_span[0]
                if own or f.group not in clause_groups:
                    f.group = group
                    if own:
                        clause_groups.add(group)
        found.append(record)
    return found


SCARE_QUOTE_WORDS = 2  # a quoted fragment this short inside another's report is that speaker's word


def _embedded_scare_quotes(ctx: Any, found: list[Found]) -> None:
    """Rule `embedded_scare_quote`: a quoted word or two whose cue is itself part of someone
    else's reported clause ('X expects Y to announce a "crackdown"') is the reporting speaker's
    word, not the one the inner verb is about: it takes the enclosing clause's speaker."""
    reports = [f for f in found if f.quote.kind == "indirect" and f.cue_start is not None]
    for f in found:
        q = f.quote
        if q.kind != "mixed" or f.cue_start is None or len(q.text.split()) > SCARE_QUOTE_WORDS:
            continue
        around = [g for g in reports if g.quote.start <= f.cue_start < g.quote.end
                  and g.quote.start <= q.start and q.end <= g.quote.end + 1 and g.cue_start != f.cue_start
                  and g.quote.speaker != q.speaker]
        if not around:
            continue
        g = min(around, key=lambda g: g.quote.end - g.quote.start)
        q.speaker, q.speaker_start, q.speaker_end = g.quote.speaker, g.quote.speaker_start, g.quote.speaker_end
        q.cue, f.cue_start, f.cue_end, f.entity_id, f.group = g.quote.cue, g.cue_start, g.cue_end, g.entity_id, g.group


def _all_quoted(ctx: Any, direct: list[Found], start: int, end: int) -> bool:
    """Rule `whole_clause_quoted`: a reported clause that is all one quoted fragment ('warned that
    "X"') is listed once, as the mixed quote, not again as an indirect one."""
    for f in direct:
        if f.quote.kind == "mixed" and start <= f.quote.start and f.quote.end <= end + 1:
            rest = ctx.raw[start:f.quote.start] + ctx.raw[f.quote.end:end]
            if not re.sub(r"[\s\"“”'‘’.,;:!?]", "", rest):
                return True
    return False


def _set_units(found: list[Found]) -> None:
    """Every member of a group gets the group's extent (the attribution as a whole)."""
    extent: dict[int, tuple[int, int]] = {}
    for f in found:
        s, e = extent.get(f.group, (f.unit_start, f.unit_end))
        extent[f.group] = (min(s, f.unit_start, f.quote.start), max(e, f.unit_end, f.quote.end))
    for f in found:
        f.unit_start, f.unit_end = extent[f.group]


def _quote_lookup(found: list[Found]) -> Callable[[int], Quote | None]:
    ordered = sorted(found, key=lambda f: (f.quote.kind == "indirect", f.quote.end - f.quote.start))

    # by start, with each quote's rank in `ordered`: only quotes starting within the longest
    # quote's length before an offset can contain it (asked per event: a scan was quadratic)
    by_start = sorted((f.quote.start, rank, f.quote) for rank, f in enumerate(ordered))
    starts = [start for start, _, _ in by_start]
    longest = max((f.quote.end - f.quote.start for f in ordered), default=0)

    def quote_of_offset(offset: int) -> Quote | None:
        """The narrowest quote containing a raw offset (direct/mixed before indirect)."""
        best: tuple[int, Quote] | None = None
        for k in range(bisect.bisect_left(starts, offset - longest), bisect.bisect_right(starts, offset)):
            _, rank, quote = by_start[k]
            if quote.start <= offset < quote.end and (best is None or rank < best[0]):
                best = (rank, quote)
        return best[1] if best else None

    return quote_of_offset


def speakers_at(ctx: Any, start: int, end: int) -> list[str]:
    """Who reports the text at a raw span: the speakers of the quotes that contain it, nearest
    first (for an event's `reported_by`). Empty when the span is in no quote."""
    details: list[Found] = ctx.exposed.get("quote_details", [])
    around = [f for f in details if f.quote.start <= start and end <= f.quote.end + 1 and f.quote.speaker]
    around.sort(key=lambda f: f.quote.end - f.quote.start)
    names: list[str] = []
    for f in around:
        if f.quote.speaker not in names:
            names.append(f.quote.speaker)
    return names


PRONOUN_SPEAKER_PARAGRAPHS = 6  # how far back "he said" may find the person last quoted


def _pronoun_speakers(ctx: Any, found: list[Found]) -> None:
    """Rule `last_quoted_person`: a "he said" / "she said" that coreference left unresolved
    (its antecedent lies more sentences back than a pronoun may reach) names the person of
    compatible gender quoted last, within a few paragraphs: news copy returns to a speaker
    with a pronoun. The quote keeps the pronoun as its speaker mention."""
    lex = coref_lexicon()
    person_words = lex["person_nouns"] | lex["titles"]
    entities = {e.id: e for e in ctx.exposed.get("entities") or []}
    last: list[tuple[int, Found]] = []  # (paragraph, quote) of people, in reading order
    for f in found:
        word = (f.quote.speaker or "").lower()
        paragraph = _paragraph_index(ctx, f.quote.start)
        if f.entity_id is None and word in {"he", "she"}:
            gender = "female" if word in lex["female"] else "male"
            for where, earlier in reversed(last):
                entity = entities.get(earlier.entity_id)
                if paragraph - where > PRONOUN_SPEAKER_PARAGRAPHS:
                    break
                if entity is None:  # a described person with no chain: "the minister said"
                    words = set((earlier.quote.speaker or "").lower().split())
                    if words & lex["male" if gender == "female" else "female"]:
                        continue  # "the spokeswoman" is no "he"
                    f.quote.speaker = earlier.quote.speaker
                    break
                if entity.gender in (gender, None):
                    f.quote.speaker, f.entity_id = entity.name, entity.id
                    entity.gender = entity.gender or gender
                    break
        entity = entities.get(f.entity_id) if f.entity_id is not None else None
        head = (f.quote.speaker or "").lower().split()[-1:]
        if entity is not None and entity.kind == "PERSON" or entity is None and (
                head and head[0] in person_words or _names_a_person(ctx, f.quote, lex["org_words"] | lex["titles"])):
            last.append((paragraph, f))


DESCRIBED_SPEAKER_PARAGRAPHS = 3  # how far back "the company said" may find the body it names


def _described_speakers(ctx: Any, found: list[Found]) -> None:
    """Rule `described_speaker_antecedent`: a definite description that coreference left without
    a name names what the story named before it. "The company said" is the last organisation
    named whose name has no other kind of body's head noun ("the company" is no ministry; heads
    in data/coref.yaml `generic_body_heads`);
    "the front-runner said" (a campaign role, data/coref.yaml `role_nouns`) is the person quoted
    last, else the last person named; "the statement continued" is whoever was quoted last in a
    sentence that names a statement ("X said in a statement").
    The quote keeps the description as its speaker mention."""
    lex = coref_lexicon()
    statements = {w.lower() for w in cues()["statements"]}
    entities = [e for e in ctx.exposed.get("entities") or [] if e.mentions]
    by_id = {e.id: e for e in entities}
    heads = lex["descriptions"]
    for k, f in enumerate(found):
        q = f.quote
        if f.entity_id is not None or q.speaker_start is None or not q.speaker:
            continue
        words = q.speaker.lower().split()
        mention = ctx.raw[max(0, q.speaker_start - 4):q.speaker_end].lower()
        if not re.search(r"(?:^|\s)the\s", mention) or len(words) > 4 or any(w[:1].isupper() for w in q.speaker.split()[-1:]):
            continue  # "a spokesman said" is someone new; a capitalised head is a name
        head = words[-1]
        paragraph = _paragraph_index(ctx, q.start)
        earlier = [g for g in found[:k] if g.entity_id is not None and g.quote.speaker_start is not None
                   and g.quote.speaker_start < q.speaker_start
                   and paragraph - _paragraph_index(ctx, g.quote.start) <= DESCRIBED_SPEAKER_PARAGRAPHS]
        chosen = None
        if head in statements:
            issued = [g for g in earlier if _cue_sentence_has(ctx, g, head)]
            chosen = by_id.get(issued[-1].entity_id) if issued else None
        elif head in lex["role_nouns"]:
            people = [by_id.get(g.entity_id) for g in earlier]
            people = [e for e in people if e is not None and e.kind == "PERSON"]
            chosen = people[-1] if people else _last_named(ctx, entities, q.speaker_start, {"PERSON"}, set())
        elif head in lex["generic_body_heads"]:
            # the outlet that reported the news ("..., Reuters reported") is no actor of it
            outlets = {g.entity_id for g in found[:k] if (g.quote.cue or "").lower() in lex["news_report_cues"]}
            chosen = _last_named(ctx, [e for e in entities if e.id not in outlets], q.speaker_start, {"ORG"},
                                 set(heads) - {head})
        if chosen is not None:
            q.speaker, f.entity_id = chosen.name, chosen.id


def _cue_sentence_has(ctx: Any, f: Found, word: str) -> bool:
    """Whether the sentence of a quote's cue (else of its speaker) has a word ("statement")."""
    at = f.cue_start if f.cue_start is not None else f.quote.speaker_start
    sentence = ctx.sentence_at(at) if at is not None else None
    return sentence is not None and any(t.lower_ == word for t in sentence.span)


def _last_named(ctx: Any, entities: list[Any], before: int, kinds: set[str], other_heads: set[str]) -> Any:
    """The entity of one of `kinds` named last before a raw offset, within
    DESCRIBED_SPEAKER_PARAGRAPHS, whose name has none of `other_heads` in it."""
    paragraph = _paragraph_index(ctx, before)
    best, best_start = None, -1
    for e in entities:
        if e.kind not in kinds or {w.lower() for w in e.name.split()} & other_heads:
            continue
        for s, _e in e.mentions:
            if best_start < s < before and paragraph - _paragraph_index(ctx, s) <= DESCRIBED_SPEAKER_PARAGRAPHS:
                best, best_start = e, s
    return best


def _names_a_person(ctx: Any, quote: Any, not_names: set[str]) -> bool:
    """Whether the speaker mention of a quote names a person the parser left without a chain:
    a word tagged PERSON in it, or a mention ending in two capitalised words that are no
    organisation's or title's words ("ICC Prosecutor Jane Roe", which the small model may
    tag as a work of art)."""
    if quote.speaker_start is None or quote.speaker_end is None or quote.speaker_end <= quote.speaker_start:
        return False
    words = ctx.raw[quote.speaker_start:quote.speaker_end].split()
    if len(words) >= 2 and all(w[:1].isupper() and w.isalpha() and not w.isupper() for w in words[-2:]) \
            and not {w.lower() for w in words[-2:]} & not_names:
        return True
    sentence = ctx.sentence_at(quote.speaker_start)  # only the speaker's own sentence is read
    for token in sentence.span if sentence is not None else ():
        start, _ = ctx.raw_span(token)
        if start >= quote.speaker_end:
            break
        if start >= quote.speaker_start and token.ent_type_ == "PERSON":
            return True
    return False


def run(ctx: Any) -> None:
    """Find quotes, resolve entities, attribute speakers; fill ctx.quotes and expose them."""
    quoted = find_quoted(ctx)
    ctx.exposed["entities"] = build_entities(ctx, [(q.start, q.end) for q in quoted])
    att = Attributor(ctx, quoted)
    direct = _direct_and_mixed(ctx, att, quoted)
    indirect = _indirect(ctx, att, direct, max((f.group for f in direct), default=0))
    found = sorted(direct + indirect, key=lambda f: (f.quote.start, f.quote.end))
    _embedded_scare_quotes(ctx, found)
    for f in found:  # a continuation joins the group its quote ended up in (mixed ones move)
        if f.follows is not None:
            f.group = f.follows.group
    _set_units(found)
    _pronoun_speakers(ctx, found)
    _described_speakers(ctx, found)
    ctx.quotes.extend(f.quote for f in found)
    ctx.exposed["quote_details"] = found
    ctx.exposed["quote_of_offset"] = _quote_lookup(found)
