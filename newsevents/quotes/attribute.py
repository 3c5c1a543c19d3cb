"""Attribute quotes to speakers, and find indirect speech.

Why from the dependency parse plus a few surface patterns: the cue verb of a quote sits right
beside it ('"...," X said', 'X said: "..."', 'X told reporters that "..."') and its subject is
the speaker; a quoted fragment inside a sentence belongs to the speech verb that governs it
(mixed quote); reported speech is a clause governed by a speech or cognition verb (ccomp) or
put behind "according to X". Speakers are named through coreference (coref.py) so that
"she", "Moon" and "the ministry" come out as the fullest name of the entity.

Rules (word lists in data/cues.yaml): `speech_cue`, `cognition_cue`, `continuation_cue`,
`according_to`, `institutional_speaker`, `described_speaker`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.attrs import IDX, LEMMA, LOWER
from spacy.tokens import Span, Token

from newsevents.data_files import read_yaml
from newsevents.quotes.coref import Entity, SpanIndex, entity_at
from newsevents.quotes.find import QuotedSpan
from newsevents.reading import Quote

DATA = Path(__file__).resolve().parent / "data"
SUBJECTS = {"nsubj", "nsubjpass"}
NP_CUT_DEPS = {"relcl", "acl", "appos", "advcl", "punct", "cc", "conj"}
_WORDS = read_yaml(DATA / "cues.yaml")  # the pronoun lists below; cues() reads the rest
PRONOUNS = frozenset(_WORDS["speaker_pronouns"])
RELATIVES = frozenset(_WORDS["relative_pronouns"])
PERSON_RELATIVES = frozenset(_WORDS["person_relatives"])
NO_REFERENT = frozenset(_WORDS["no_referent_pronouns"])  # 'what is known as "X"' names no speaker
OBJECT_PRONOUNS = frozenset(_WORDS["object_pronouns"])
PERSONAL_SUBJECTS = frozenset(_WORDS["personal_subject_pronouns"])
OPEN_MARKS = {"\u201c", '"', "\u2018", "'", "\u00ab"}
CLOSE_MARKS = {"\u201d", '"', "\u2019", "'", "\u00bb"}
LABEL_TOKENS = 12  # longest run of words before a colon read as a speaker label
AFTER_WINDOW = 30  # tokens after a closing mark in which its cue must appear ('"...," X, <a long title>, told')
NOMINAL = {"PROPN", "NOUN", "PRON"}
SIGNATURE = re.compile(r"[\u201d\"'\u2019]?[\s\u00a0]*[\u2015\u2014\u2013-]+[\s\u00a0]*(?=[A-Z])")  # tokens after a closing mark in which its cue must appear


@functools.lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    """The cue lexicon (data/cues.yaml), loaded once."""
    data = _WORDS
    return {
        "speech": set(data["speech_verbs"]),
        "cognition": set(data["cognition_verbs"]),
        "continuation": set(data["continuation_verbs"]),
        "according": [p.split() for p in data["attributing_prepositions"]],
        "according_first": {p.split()[0] for p in data["attributing_prepositions"]},
        "statements": set(data["statement_nouns"]),
        "issuer_preps": set(data["issuer_prepositions"]),
        "country_heads": set(data["country_bound_heads"]),
        "cue_nouns": set(data["cue_nouns"]),
        "speaker_nouns": set(data["speaker_nouns"]),
        "infinitive": set(data["infinitive_verbs"]),
    }


# rule `described_speaker`: a body's description that names its country or its leader ("the
# government of President Jo Roe") takes no country from the places before it
NAMED_BY = {"GPE", "NORP", "PERSON"}


@dataclass
class Speaker:
    """Who a quote is attributed to: a name to show and the mention beside the cue."""

    name: str
    start: int
    end: int
    entity: Entity | None


@dataclass
class Found:
    """A quote with what the events stage and the benchmark need beyond the Reading fields."""

    quote: Quote
    group: int
    cue_start: int | None
    cue_end: int | None
    entity_id: int | None
    unit_start: int
    unit_end: int
    follows: Found | None = None  # the quote this one continues in the same paragraph


class Attributor:
    """Finds cues and speakers over one parsed story."""

    def __init__(self, ctx: Any, quoted: list[QuotedSpan]):
        self.ctx = ctx
        self.doc = ctx.doc
        self.quoted = quoted
        self.quoted_index = SpanIndex([(q.start, q.end) for q in quoted])
        self.token_starts = self.doc.to_array(IDX).tolist()
        # a token's raw start as ctx.raw_span gives it (view.to_raw of its view start), without a Token per word
        offsets = ctx.view.offsets
        last = len(offsets) - 1
        self.raw_starts = [offsets[min(idx, last)] for idx in self.token_starts]
        self.lex = cues()

    # -- token helpers -------------------------------------------------------------------
    def token_at(self, view_offset: int) -> Token | None:
        i = bisect.bisect_right(self.token_starts, view_offset) - 1
        if i < 0:
            return None
        return self.doc[i]

    def tokens_between(self, view_start: int, view_end: int) -> list[Token]:
        i = bisect.bisect_left(self.token_starts, view_start)
        j = bisect.bisect_left(self.token_starts, view_end)
        return [self.doc[k] for k in range(i, j)]

    def iter_tokens_from(self, view_start: int) -> Iterator[Token]:
        """The tokens from a view offset to the end of the text, one at a time."""
        for k in range(bisect.bisect_left(self.token_starts, view_start), len(self.doc)):
            yield self.doc[k]

    def in_quote(self, token: Token) -> bool:
        return self.quoted_index.contains(self.raw_starts[token.i])

    def is_cue(self, token: Token, cognition: bool = False) -> bool:
        """Rules `speech_cue`/`cognition_cue` (and `according_to` for 'according')."""
        if self.according_object(token) is not None:
            return True
        if not (token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB")):
            return False
        lemma = token.lemma_.lower()
        return lemma in self.lex["speech"] or (cognition and lemma in self.lex["cognition"])

    def according_object(self, token: Token) -> Token | None:
        """Rule `according_to`: the object of 'according to X' when `token` starts one."""
        if token.lower_ not in self.lex["according_first"]:  # asked for every token: the cheap test first
            return None
        for words in self.lex["according"]:
            n = len(words)
            if token.i + n > len(self.doc) or (words and token.lower_ != words[0]):
                continue
            if [t.lower_ for t in self.doc[token.i:token.i + n]] != words:
                continue
            last = self.doc[token.i + n - 1]
            for t in [last, token]:
                for c in t.children:
                    if c.dep_ == "pobj":
                        return c
            nxt = token.i + n
            while nxt < len(self.doc) and self.doc[nxt].pos_ in {"DET", "ADJ", "PROPN", "NOUN", "PRON", "PART"}:
                if self.doc[nxt].pos_ in {"PROPN", "NOUN", "PRON"} and (
                        nxt + 1 >= len(self.doc) or self.doc[nxt + 1].pos_ not in {"PROPN", "NOUN", "PART"}):
                    return self.doc[nxt]
                nxt += 1
        return None

    def cue_noun_owner(self, token: Token) -> Token | None:
        """Rule `cue_noun`: the possessor of a noun of saying ("Trump's claim") or None."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in self.lex["cue_nouns"] \
                and token.lower_ not in self.lex["cue_nouns"]:
            return None
        for c in token.children:
            if c.dep_ == "poss" and c.pos_ in {"PROPN", "PRON", "NOUN"}:
                return c
        return None

    def colon_cue(self, q: QuotedSpan) -> tuple[Token, Token] | None:
        """'He said:' closing the paragraph before a quote paragraph: that cue and its subject."""
        view = self.ctx.view.text
        line_start = view.rfind("\n", 0, q.view_start) + 1
        if view[line_start:q.view_open].strip():
            return None
        before = view[:line_start].rstrip()
        if not before.endswith(":"):
            return None
        last = self.token_at(len(before) - 1)
        if last is None:
            return None
        sent = list(last.sent)
        for t in reversed(sent):
            if self.is_cue(t, cognition=True) and not self.in_quote(t):
                subject = self.subject_of(t)
                if subject is not None:
                    return t, subject
        root = last.sent.root
        subject = self.subject_of(root)
        return (root, subject) if subject is not None else None

    def subject_of(self, cue: Token) -> Token | None:
        """The subject of a cue verb, through conjoined and dependent verbs."""
        obj = self.according_object(cue)
        if obj is not None:
            return obj
        before = self.doc[cue.i - 1] if cue.i > 0 else None
        if cue.tag_ == "VBG" and before is not None and before.ent_type_ == "PERSON" and not self.in_quote(before):
            return before  # 'footage of Jane Roe saying, "..."': the name right before the participle
        seen = 0
        verb = cue
        while verb is not None and seen < 4:
            # a subject inside quotes never speaks: 'The "reforms" he proposed are "...," X reported'
            subjects = [c for c in verb.children if c.dep_ in SUBJECTS and c.lower_ not in {"there"}
                        and any(ch.isalnum() for ch in c.text)]
            if len(subjects) > 1:
                subjects.sort(key=self.in_quote)
            if subjects:
                c = subjects[0]
                if c.dep_ == "nsubjpass" and verb.i == cue.i and cue.lemma_.lower() in self.lex["speech"]:
                    return self.agent_of(cue)  # 'X has been called "..." by Y': Y speaks, not X
                if self.is_dateline(c):  # 'WASHINGTON -- President X ... said': the apposition
                    return next((a for a in c.children if a.dep_ == "appos" and a.i > c.i), None)
                if c.lower_ in RELATIVES - PERSON_RELATIVES and verb.dep_ == "relcl":
                    return verb.head  # "a letter that says ...": the noun the clause hangs on
                return c  # 'X, who said': speaker_from names the person the clause hangs on
            root = verb.sent.root
            if verb.dep_ in {"acl", "relcl"} and verb.tag_ in {"VBD", "VBN"} and root.pos_ in {"PROPN", "NOUN"} \
                    and root.i < verb.i and self.doc[verb.i - 1].text == ",":
                return root  # 'Abe, with whom X has bonded, repeated ...': the verbless root is the subject
            if verb.dep_ == "acl" and verb.head.pos_ in NOMINAL:  # 'Oz, saying that ...'
                return verb.head
            if verb.dep_ == "pcomp" and verb.head.head.i != verb.head.i:  # 'countered by noting that'
                verb = verb.head.head
                seen += 1
                continue
            if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.i != verb.i:
                verb = verb.head
                seen += 1
                continue
            return self.name_just_before(cue) if verb.dep_ == "ROOT" else None
        return None

    def name_just_before(self, verb: Token) -> Token | None:
        """A root verb the parse left without a subject ('..., Obama and Clinton call them "..."',
        the names hung on an earlier noun): the name right before it."""
        k = verb.i - 1
        while k >= verb.sent.start and self.doc[k].pos_ in {"ADV", "AUX", "PART"}:
            k -= 1
        if k < verb.sent.start:
            return None
        t = self.doc[k]
        return t if t.pos_ == "PROPN" and t.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} and not self.in_quote(t) else None

    def is_dateline(self, token: Token) -> bool:
        """An upper-case place opening the paragraph before a dash ('WASHINGTON --', 'SEOUL —')."""
        nxt = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
        return token.is_upper and len(token.text) > 1 and token.i == token.sent.start and nxt is not None \
            and nxt.text in {"--", "\u2014", "\u2013", "-"}

    def agent_of(self, verb: Token) -> Token | None:
        """The 'by' agent of a passive verb, if the parse gives one."""
        for c in verb.children:
            if c.dep_ == "agent":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        return None

    # -- speakers ---------------------------------------------------------------------------
    def np_span(self, head: Token) -> Span:
        """The noun phrase of `head`, without determiners, relative clauses or appositions."""
        start, end = head.left_edge.i, head.i + 1
        for t in self.doc[head.i + 1:head.right_edge.i + 1]:
            if t.dep_ in NP_CUT_DEPS and t.head.i <= head.i or t.text in {",", "(", "—", "–"} \
                    or t.tag_ in {"WP", "WDT"} or t.pos_ in {"VERB", "AUX"}:  # 'woman who recently ...'
                break
            end = t.i + 1
        while start < head.i and (self.doc[start].pos_ in {"DET", "PUNCT"} or self.doc[start].is_space):
            start += 1
        while end > head.i + 1 and (self.doc[end - 1].pos_ == "PUNCT" or self.doc[end - 1].is_space):
            end -= 1
        return self.doc[start:end]

    def speaker_from_chunk(self, chunk: list[Token]) -> Speaker | None:
        """A speaker from a surface run of words: the entity it ends with, the person it
        names after a title ('Korea expert Jean H Lee'), or the description itself."""
        head = chunk[-1]
        if head.lower_ in PRONOUNS or head.lemma_.lower() in self.lex["statements"]:
            return self.speaker_from(head)
        s, e = self.ctx.raw_span(head)
        entity = entity_at(self.ctx, s, e)
        if entity is None:
            people = [entity_at(self.ctx, *self.ctx.raw_span(t)) for t in chunk if t.ent_type_ == "PERSON"]
            people = [p for p in people if p is not None]
            if people and (head.ent_type_ == "PERSON" or head.tag_.startswith("NNP")):
                entity = people[-1]
        if entity is not None:
            span = self._mention_around(entity, s, e)
            return Speaker(entity.name, span[0], span[1], entity)
        s, e = self.ctx.raw_span(chunk[0])[0], self.ctx.raw_span(head)[1]
        name = self.ctx.raw[s:e]
        if head.lemma_.lower() in self.lex["country_heads"] and not any(t.ent_type_ in NAMED_BY for t in chunk):
            country = self.country_before(s)
            if country:
                name = f"{country} {name}"
        return Speaker(name, s, e, None)

    def speaker_from(self, head: Token, depth: int = 0, chunk: list[Token] | None = None) -> Speaker | None:
        """Rules `institutional_speaker`, `described_speaker` and coreference, from a NP head."""
        if head is None or self.in_quote(head) or head.lower_ in NO_REFERENT:
            return None
        if chunk:
            return self.speaker_from_chunk(chunk)
        if head.lower_ in PERSON_RELATIVES and head.head.dep_ == "relcl" and depth < 2:
            return self.relative_speaker(head, depth)
        lemma = head.lemma_.lower()
        if lemma in self.lex["statements"] and depth < 2 and not head.ent_type_:
            for c in head.children:
                if c.dep_ == "poss":
                    found = self.speaker_from(c, depth + 1)
                    if found:
                        return found
                if c.dep_ == "prep" and c.lower_ in self.lex["issuer_preps"]:
                    for g in c.children:
                        if g.dep_ == "pobj":
                            found = self.speaker_from(g, depth + 1)
                            if found:
                                return found
            if head.dep_ == "dobj" and head.head.pos_ == "VERB":  # 'the Council issued a statement calling ...'
                issuer = self.subject_of(head.head)
                found = self.speaker_from(issuer, depth + 1) if issuer is not None else None
                if found:
                    return found
        titled = self._title_of_named(head, depth)
        if titled is not None:
            return titled
        if head.dep_ == "appos" and head.pos_ == "NOUN" and head.head.pos_ == "PROPN" and depth < 2:
            # "Acme, a shipping firm that says ...": the description is the name's apposition
            named = self.speaker_from(head.head, depth + 1)
            if named is not None and named.entity is not None:
                s, e = self.ctx.raw_span(self.np_span(head))
                return Speaker(named.name, s, e, named.entity)
        for c in head.children:  # "the president's niece, Ana Ruiz, said": the named apposition
            if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ and head.pos_ == "NOUN":
                found = self.speaker_from(c, depth + 1)
                if found and found.entity is not None:
                    return found
        s, e = self.ctx.raw_span(head)
        entity = entity_at(self.ctx, s, e)
        if entity is not None:
            span = self._mention_around(entity, s, e)
            return Speaker(entity.name, span[0], span[1], entity)
        span = self.np_span(head)
        s, e = self.ctx.raw_span(span)
        if head.lower_ in PRONOUNS:
            return Speaker(head.text, s, e, None)
        name = self.ctx.raw[s:e]
        entity = self._entity_inside(span, head)
        if entity is not None and entity.kind == "PERSON":
            return Speaker(entity.name, s, e, entity)
        if lemma in self.lex["country_heads"] and not any(t.ent_type_ in NAMED_BY for t in span):
            country = self.country_before(s)
            if country:
                name = f"{country} {name}"
        return Speaker(name, s, e, None)

    def _title_of_named(self, head: Token, depth: int) -> Speaker | None:
        """Rule `title_before_name`: 'Deputy Chairman of the X Committee Jo Roe said', which the
        parser reads as a title with the name at the end of its of-phrase: the speaker is the
        person named there, and the mention runs from the title to the name."""
        from newsevents.quotes.coref import lexicon

        if depth >= 2 or head.lower_ not in lexicon()["titles"]:
            return None
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            name = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if name is None or name.ent_type_ != "PERSON" or name.i != name.right_edge.i:
                continue
            found = self.speaker_from(name, depth + 1)
            if found is not None and found.entity is not None:
                start = self.ctx.raw_span(self.np_span(head))[0]
                return Speaker(found.name, min(start, found.start), found.end, found.entity)
        return None

    def relative_speaker(self, relative: Token, depth: int) -> Speaker | None:
        """'McConnell, now the majority leader, who said ...': named after the person the clause
        hangs on (past an apposition), pointing at 'who', the mention beside the cue."""
        antecedent = relative.head.head
        if antecedent.dep_ == "appos" and antecedent.head.pos_ == "PROPN":
            antecedent = antecedent.head
        found = self.speaker_from(antecedent, depth + 1)
        if found is None:
            return None
        s, e = self.ctx.raw_span(relative)
        return Speaker(found.name, s, e, found.entity)

    def _mention_around(self, entity: Entity, s: int, e: int) -> tuple[int, int]:
        for ms, me in entity.mentions:
            if ms <= s and e <= me:
                return ms, me
        return s, e

    def _entity_inside(self, span: Span, head: Token) -> Entity | None:
        for t in span:
            # a possessor is someone else ("Roe's lawyers said" is not Roe speaking)
            if t.ent_type_ == "PERSON" and t.head.i == head.i and t.dep_ != "poss" or t.i == head.i:
                s, e = self.ctx.raw_span(t)
                found = entity_at(self.ctx, s, e)
                if found is not None:
                    return found
        return None

    def country_before(self, raw_offset: int) -> str | None:
        """Rule `described_speaker`: the country of the nearest earlier place, else the focus."""
        from newsevents.quotes.countries import country_adjective, country_of_name

        best = None
        for p in self.ctx.places:
            inside = self.quoted_index.contains(p.start)
            if p.start < raw_offset and p.country and not inside and (best is None or p.start > best.start):
                best = p
        if best is not None:
            return country_adjective(best.country)
        names = {id(ent): ent.name for _s, _e, ent in self.ctx.exposed.get("_entity_index", [])}
        for t in reversed(self.doc[:bisect.bisect_left(self.raw_starts, raw_offset)]):
            if t.pos_ != "PROPN" or self.in_quote(t):
                continue
            s, e = self.ctx.raw_span(t)
            ent = entity_at(self.ctx, s, e)
            for name in ([names.get(id(ent))] if ent else []) + [t.text]:
                iso3 = country_of_name(name) if name else None
                if iso3:
                    return country_adjective(iso3)
        focus = self.ctx.exposed.get("focus_country")
        return country_adjective(focus) if focus else None

    # -- direct and mixed quotes ------------------------------------------------------------
    def sane_subject(self, subject: Token | None, lo: int, hi: int) -> Token | None:
        """The parser's subject if it is a nominal between token indexes lo and hi."""
        if subject is None or self.in_quote(subject) or not lo <= subject.i < hi:
            return None
        return subject if subject.pos_ in NOMINAL else None

    def plausible_speaker(self, head: Token) -> bool:
        """Rule `speaker_noun`: a name, a pronoun, or a noun for people, bodies or texts
        ('officials', 'the ministry', 'a statement'); not 'your compensation'."""
        if head.pos_ in {"PROPN", "PRON"} or head.tag_.startswith("NNP") or head.ent_type_:
            return True
        from newsevents.quotes.coref import lexicon

        lemma = head.lemma_.lower()
        lex = lexicon()
        return (lemma in lex["person_nouns"] or lemma in lex["descriptions"] or lemma in lex["org_words"]
                or lemma in self.lex["statements"] or lemma in self.lex["speaker_nouns"]
                or entity_at(self.ctx, *self.ctx.raw_span(head)) is not None)

    def chunk_before(self, tokens: list[Token]) -> list[Token]:
        """The name-like run that ends a token list ('Tulsa police Chief Chuck Jordan')."""
        run: list[Token] = []
        for t in reversed(tokens):
            if t.pos_ in {"AUX", "ADV", "PART"} and not run and t.tag_ != "POS":
                continue  # 'X has also said'
            if t.pos_ in NOMINAL | {"ADJ", "DET", "NUM"} or t.tag_ in {"POS", "NNP", "NNPS"} or t.text in {".", "-"}:
                run.insert(0, t)
                continue
            break
        while run and (run[0].pos_ in {"DET", "PUNCT"} or run[0].tag_ == "POS"):
            run = run[1:]
        return run if any(t.pos_ in NOMINAL or t.tag_.startswith("NNP") for t in run) else []

    def chunk_after(self, tokens: list[Token]) -> list[Token]:
        """The name-like run that starts a token list, up to a comma or preposition."""
        run: list[Token] = []
        for t in tokens:
            if not run and (t.pos_ in {"DET"} or t.ent_type_ in {"DATE", "TIME"} or t.pos_ == "ADV"):
                continue
            if t.ent_type_ in {"DATE", "TIME"} or t.pos_ in {"ADP", "VERB", "AUX", "SCONJ", "CCONJ"} \
                    and not t.tag_.startswith("NNP") or t.is_punct and t.text not in {".", "-"}:
                break
            run.append(t)
        return run if any(t.pos_ in NOMINAL or t.tag_.startswith("NNP") for t in run) else []

    def ends_sentence(self, t: Token) -> bool:
        """'.', '!', '?' or ';' that ends a sentence, not the point of an initial ('Vann R. Newkirk')."""
        if t.text in {"!", "?", ";"}:
            return True
        if t.text != ".":
            return False
        prev = self.doc[t.i - 1] if t.i > 0 else None
        return not (prev is not None and len(prev.text) <= 2 and prev.text[:1].isupper() and t.idx == prev.idx + len(prev))

    def cue_after(self, q: QuotedSpan) -> tuple[Token, Token, list[Token] | None] | None:
        """'"...," X said' / '"...," said X' / '"...," read a statement from X' / '"..." - X'."""
        after: list[Token] = []
        for t in self.iter_tokens_from(q.view_end):  # lazily: the walk stops within a few tokens
            if t.idx < q.view_end:
                continue
            if "\n" in t.text or (after and self.ends_sentence(t)) or self.in_quote(t):
                break
            after.append(t)
            if len(after) >= AFTER_WINDOW:
                break
        signature = SIGNATURE.match(self.ctx.view.text, q.view_end)
        if signature:  # '"..." ― Jane Doe': a signature
            named = [t for t in after if t.idx >= signature.end()]
            chunk = self.chunk_after(named)
            dash = [t for t in after if t.idx < signature.end()]
            if chunk and dash:
                return dash[-1], chunk[-1], chunk
        # '"... carnage." Obama issued a call ...': a capitalized word after a quote that ended its
        # sentence starts a new one; only 'X said' / 'said X' right there still attributes it
        words = [k for k, t in enumerate(after) if not (t.is_punct or t.is_space)]
        new_sentence = q.text.rstrip().endswith(".") and bool(words) and after[words[0]].is_title
        for k, t in enumerate(after):
            if new_sentence and k > words[0] + 2:
                break
            if not self.is_cue(t):
                continue
            if self.according_object(t) is not None:
                return t, self.according_object(t), None
            between = [u for u in after[:k] if not u.is_space]
            while between and between[0].is_punct:
                between = between[1:]
            if between:
                # 'X, a writer for Y, said' / 'X (D-Md.) said': the name is the first segment
                first_segment: list[Token] = []
                for u in between:
                    if u.text in {",", "(", "\u2014", "\u2013"}:
                        break
                    first_segment.append(u)
                chunk = self.chunk_before(first_segment) if len(first_segment) < len(between) else []
                chunk = chunk or self.chunk_before(between)
                if chunk and self.plausible_speaker(chunk[-1]):
                    if chunk[-1].lemma_.lower() in self.lex["statements"]:
                        return t, chunk[-1], None
                    return t, chunk[-1], chunk
                subject = self.sane_subject(self.subject_of(t), after[0].i, t.i)
                if subject is not None:
                    return t, subject, None
                return None
            subject = self.sane_subject(self.subject_of(t), t.i + 1, after[-1].i + 1)
            if subject is not None and subject.lemma_.lower() in self.lex["statements"]:
                return t, subject, None
            chunk = self.chunk_after(after[k + 1:])
            if chunk and self.plausible_speaker(chunk[-1]):
                head = chunk[-1]
                if head.lemma_.lower() in self.lex["statements"]:
                    return t, head, None
                return t, head, chunk
            if subject is not None:
                return t, subject, None
            return None
        return None

    def cue_before(self, q: QuotedSpan) -> tuple[Token, Token, list[Token] | None] | None:
        """'X said: "..."' / 'X told reporters that "..."' / 'X said, "..."'."""
        first = self.token_at(q.view_start)
        if first is None:
            return None
        sent = first.sent
        before = [t for t in sent if t.idx < q.view_open and not t.is_space]
        if not before or "\n" in self.ctx.view.text[before[-1].idx:q.view_start]:
            return None
        for t in reversed(before):
            if self.in_quote(t) or not self.is_cue(t, cognition=True):
                continue
            governs = t.left_edge.i <= first.i <= t.right_edge.i
            tail = [u for u in before if u.i > t.i]
            close = len(tail) <= 8 and (not tail or tail[-1].text in {":", ",", "that"})
            if not (governs or close):
                continue
            obj = self.according_object(t)
            if obj is not None:
                return t, obj, None
            subject = self.sane_subject(self.subject_of(t), sent.start, first.i)  # 'Said Ellis: "..."'
            if subject is not None:
                return t, subject, None
            chunk = self.chunk_before([u for u in before if u.i < t.i])
            if chunk:
                return t, chunk[-1], chunk
            chunk = self.chunk_after(tail) if tail and tail[-1].text == ":" else []
            if chunk and self.plausible_speaker(chunk[-1]):  # 'Said Ellis: "..."'
                return t, chunk[-1], chunk
        return self.noun_before_colon(before)

    def noun_before_colon(self, before: list[Token]) -> tuple[Token, Token] | None:
        """Rule `cue_noun` before a colon: 'X is rolling out a new message: "..."', 'X posted a
        tweet: "..."': the noun of saying is the cue, the subject of its verb the speaker."""
        if len(before) < 2 or before[-1].text != ":":
            return None
        noun = before[-2]
        lemma = noun.lemma_.lower()
        if noun.pos_ != "NOUN" or not (lemma in self.lex["cue_nouns"] or lemma in self.lex["statements"]):
            return None
        owner = self.cue_noun_owner(noun)
        if owner is not None:
            return noun, owner
        if noun.dep_ in {"dobj", "attr"} and noun.head.pos_ in {"VERB", "AUX"}:
            subject = self.sane_subject(self.subject_of(noun.head), noun.sent.start, noun.i)
            if subject is not None:
                return noun, subject
        return None

    def label_cue(self, q: QuotedSpan) -> tuple[Token, Token, list[Token]] | None:
        """Rule `speaker_label`: a name and a colon before a quote, with no verb ('Trump on
        Twitter: "..."', 'Sen. Jane Doe (D-Md.): "..."'): the name is the speaker, the colon the cue."""
        view = self.ctx.view.text
        line_start = view.rfind("\n", 0, q.view_open) + 1
        if not view[line_start:q.view_open].rstrip().endswith(":"):
            return None
        lead = [t for t in self.tokens_between(line_start, q.view_open) if not t.is_space]
        sentence_start = max((k for k, t in enumerate(lead) if k and self.ends_sentence(lead[k - 1])), default=0)
        lead = lead[sentence_start:]
        if not lead or lead[-1].text != ":" or len(lead) > LABEL_TOKENS or self.in_quote(lead[0]):
            return None
        if any(t.pos_ in {"VERB", "AUX"} and not t.tag_.startswith("NNP") for t in lead):
            return None  # a clause ('The message was clear:'), not a label
        segment = lead[:-1]
        for k, t in enumerate(segment):  # 'Trump on Twitter:', 'Clinton, in a statement:'
            if t.pos_ == "ADP" or t.text in {",", "(", "\u2014", "\u2013"}:
                segment = segment[:k]
                break
        chunk = self.chunk_before(segment)
        if not chunk or not (chunk[-1].pos_ in {"PROPN", "PRON"} or chunk[-1].ent_type_ in {"PERSON", "ORG", "NORP"}):
            return None
        return lead[-1], chunk[-1], chunk

    def speech_before(self, q: QuotedSpan, paragraphs: int) -> tuple[Token, Token] | None:
        """Rule `speaker_carries_on`: the nearest speech verb with a subject before a quote that
        has no cue of its own, within `paragraphs` line breaks ('X said in a statement.' then a
        paragraph of quote: X goes on speaking)."""
        k = bisect.bisect_left(self.token_starts, q.view_open) - 1
        breaks = 0
        while k >= 0 and breaks <= paragraphs:
            t = self.doc[k]
            k -= 1
            if "\n" in t.text:
                breaks += 1
                continue
            if self.in_quote(t) or not self.is_cue(t) or self.according_object(t) is not None:
                continue
            if not (t.dep_ == "ROOT" or t.dep_ == "conj" and t.head.dep_ == "ROOT") \
                    or any(c.dep_ in {"neg", "auxpass"} for c in t.children):
                continue  # an embedded, negated or passive verb reports nothing that goes on
            subject = self.subject_of(t)
            if subject is not None and not self.in_quote(subject):
                return t, subject
        return None

    def is_fragment(self, q: QuotedSpan) -> bool:
        """A quote that is part of its sentence's syntax rather than a whole utterance."""
        view = self.ctx.view.text
        line_start = view.rfind("\n", 0, q.view_start) + 1
        lead = view[line_start:q.view_open].rstrip()
        if not lead:
            return False
        first = self.token_at(q.view_start)
        if first is not None:
            sent_start = first.sent.start_char
            lead = view[max(sent_start, line_start):q.view_open].rstrip()
            if not lead:
                return False
        if lead.endswith(":"):
            return False
        content = q.text.lstrip(" '\u2018\u2026.")
        upper = content[:1].isupper()
        prev = self.token_at(q.view_open - 1)
        if prev is not None and lead.endswith(","):
            prev = self.token_at(len(lead.rstrip(",")) - 1 + max(sent_start if first else 0, line_start))
        if prev is not None and self.is_cue(prev) and upper:
            return False
        if lead.endswith(",") and prev is not None and self.is_cue(prev):
            return False
        return True

    def is_title(self, q: QuotedSpan) -> bool:
        """Rule `quoted_title`: a short fragment whose words are all capitalized is the name of
        a show, a paper or a book ('on "Fox News Sunday"'), not a quote."""
        words = [w for w in q.text.replace("\u2060", "").split() if any(c.isalpha() for c in w)]
        if not words or len(words) > 8:
            return False
        small = {"a", "an", "the", "of", "and", "in", "on", "for", "to", "with", "at", "by", "or"}
        return all(w[0].isupper() or w.lower() in small for w in words) and len(words) > 1 \
            and not q.text.rstrip().endswith(("!", "?"))

    def governing_cue(self, q: QuotedSpan) -> tuple[Token, Token] | None:
        """The speech verb a quoted fragment depends on, and that verb's subject."""
        tokens = [t for t in self.tokens_between(q.view_start, q.view_end) if not t.is_punct]
        if not tokens or self.is_title(q):
            return None
        inside = {t.i for t in tokens}
        roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]  # spaCy tokens: compare .i
        for root in roots[:1]:
            chain = [a for a in [root, *root.ancestors] if a.i not in inside and not self.in_quote(a)]
            speech = [a for a in chain if self.is_cue(a) and self.subject_of(a) is not None]
            nouns = [(a, self.cue_noun_owner(a)) for a in chain[:chain.index(speech[0])]] if speech else []
            nouns = [(a, owner) for a, owner in nouns if owner is not None]
            if nouns:  # 'X did Y with his dismissal of Z as "..."': the nearer noun of saying
                return nouns[0]
            if speech:  # a speech verb above a belief verb reports the belief: it is the cue
                return speech[0], self.subject_of(speech[0])
            for anc in chain:
                if self.is_cue(anc, cognition=True):
                    subject = self.subject_of(anc)
                    if subject is not None:
                        return anc, subject
                owner = self.cue_noun_owner(anc)
                if owner is not None:
                    return anc, owner
        owner = self.cue_noun_before(tokens[0])
        if owner is not None:
            return owner
        sent = tokens[0].sent
        for t in sent:
            obj = self.according_object(t)
            if obj is not None and not self.in_quote(t):
                return t, obj
        verbs_seen = 0
        for root in roots[:1]:  # rule `fragment_owner`: the nearest verb with a named subject
            for anc in root.ancestors:
                if anc.pos_ in {"VERB", "AUX"} and not self.in_quote(anc):
                    subject = self.subject_of(anc)
                    if subject is not None and subject.dep_ == "nsubjpass":
                        subject = None  # 'X was investigated for promoting "..."': X is the target
                    named = subject is not None and (subject.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}
                                                     or subject.lower_ in PERSONAL_SUBJECTS | PERSON_RELATIVES
                                                     or entity_at(self.ctx, *self.ctx.raw_span(subject)) is not None)
                    if named:
                        return anc, subject
                    verbs_seen += 1
                    if verbs_seen >= 3:
                        break
        return None

    def cue_noun_before(self, first: Token) -> tuple[Token, Token] | None:
        """Rule `cue_noun`, by position when the parse hangs the fragment elsewhere: "his vow
        to "..."", "her call for "..."": a noun of saying with a possessor just before it."""
        k, steps = first.i - 1, 0
        while k >= 0 and steps < 4:
            t = self.doc[k]
            if t.is_punct or t.pos_ in {"DET", "PART", "ADP", "ADV", "SCONJ"} or t.lower_ == "that":
                k, steps = k - 1, steps + 1
                continue
            owner = self.cue_noun_owner(t)
            return (t, owner) if owner is not None and not self.in_quote(t) else None
        return None

    def complement_extent(self, cue: Token, inside: Token) -> tuple[int, int] | None:
        """View span of what a cue reports: its dependents right of it (not subject, not
        punctuation), e.g. 'called [her supporters] ["deplorables"]'; None if `inside` is not in it."""
        parts = [c for c in cue.children if c.i > cue.i and c.dep_ not in SUBJECTS | {"punct", "cc", "conj", "aux",
                                                                                         "advmod", "npadvmod"}]
        if cue.lower_ == "according" or not parts:
            return None
        tokens = [u for c in parts for u in c.subtree]
        if not any(u.i == inside.i for u in tokens):
            return None
        first = min(tokens, key=lambda u: u.i)
        last = max(tokens, key=lambda u: u.i)
        while last.i > first.i and (last.is_punct and last.text not in {"\u201d", '"'} or last.is_space):
            last = self.doc[last.i - 1]
        return first.idx, last.idx + len(last.text)

    def reported_part(self, cue: Token, q: QuotedSpan) -> tuple[int, int] | None:
        """When the parse does not put a fragment under its cue: what the sentence reports
        on the fragment's side of the cue (after it, or before it for '..., X said')."""
        sent = cue.sent
        if q.view_start > cue.idx:
            tokens = [t for t in sent if t.i > cue.i]
        else:
            subject = self.subject_of(cue)
            stop = min(cue.i, subject.left_edge.i if subject is not None and subject.i < cue.i else cue.i)
            tokens = [t for t in sent if t.i < stop]
        while tokens and (tokens[0].is_punct and tokens[0].text not in OPEN_MARKS or tokens[0].is_space
                          or tokens[0].dep_ == "mark"):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct and tokens[-1].text not in CLOSE_MARKS or tokens[-1].is_space):
            tokens = tokens[:-1]
        if not tokens or not tokens[0].idx <= q.view_start < tokens[-1].idx + len(tokens[-1].text):
            return None
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)

    # -- indirect speech --------------------------------------------------------------------
    def indirect(self) -> list[tuple[Token, Token, int, int]]:
        """Rule `speech_cue`/`cognition_cue`/`according_to` on clauses: (cue, subject, view span)."""
        found = []
        for t in self._indirect_cue_candidates():
            if self.in_quote(t):
                continue
            obj = self.according_object(t)
            if obj is not None:
                clause = self._according_clause(t)
                if clause:
                    found.append((t, obj, clause[0], clause[1]))
                continue
            if t.lemma_.lower() in self.lex["infinitive"] and t.pos_ == "VERB":
                span = self._infinitive_span(t)
                subject = self.subject_of(t) if span else None
                if span and subject is not None and subject.lower_ not in OBJECT_PRONOUNS:
                    found.append((t, subject, span[0], span[1]))
            if not self.is_cue(t, cognition=True):
                continue
            inverted = self._inverted_report(t)
            if inverted is not None:
                found.append(inverted)
                continue
            for c in t.children:
                if c.dep_ != "ccomp":
                    continue
                subject = self.subject_of(t)
                if subject is None or subject.lower_ in OBJECT_PRONOUNS:
                    continue  # 'let them know that ...': no speaker of its own
                span = self._clause_span(c, t)
                if span:
                    found.append((t, subject, span[0], span[1]))
        return found

    def _inverted_report(self, cue: Token) -> tuple[Token, Token, int, int] | None:
        """Rule `inverted_report`: 'X will do Y, the minister told reporters.' parsed as two
        coordinated clauses (the cue a `conj` of the reported verb, no 'and' between): the
        clause before the comma is what the cue's subject said."""
        head = cue.head
        if cue.dep_ not in {"conj", "parataxis"} or head.i >= cue.i or head.pos_ not in {"VERB", "AUX"} \
                or cue.lemma_.lower() not in self.lex["speech"] or self.in_quote(head):
            return None
        if any(c.dep_ in {"ccomp", "cc"} for c in cue.children) or any(
                c.dep_ == "cc" and head.i < c.i < cue.i for c in head.children):
            return None  # 'He arrived and said ...': a coordination, not a report
        subject = next((c for c in cue.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < cue.i), None)
        if subject is None or subject.lower_ in OBJECT_PRONOUNS:
            return None
        comma = subject.left_edge.i - 1
        if comma <= head.i or self.doc[comma].text != ",":
            return None
        # the reported clause may go on after the cue ("X was calm, she said, until Y"): all of
        # the head's clause but the cue's own words
        own = {u.i for u in cue.subtree}
        tokens = [u for u in head.subtree if u.i not in own and u.i >= head.sent.start and u.i < head.sent.end]
        while tokens and (tokens[0].is_punct or tokens[0].is_space):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct and tokens[-1].text not in {"\u201d", '"'} or tokens[-1].is_space):
            tokens = tokens[:-1]
        if len([u for u in tokens if u.i < comma]) < 3:
            return None
        return cue, subject, tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)

    def _indirect_cue_candidates(self) -> Iterator[Token]:
        """The only words `indirect` can read as a cue, in order: one that may start 'according to'
        or whose lemma is an infinitive, speech or cognition cue; picked from the doc's arrays so the
        other words never become Tokens."""
        doc = self.doc
        strings = doc.vocab.strings
        lemmas = self.lex["infinitive"] | self.lex["speech"] | self.lex["cognition"]
        according_first = self.lex["according_first"]
        lowers: dict[int, bool] = {}
        lemma_hits: dict[int, bool] = {}
        for i, (lower, lemma) in enumerate(doc.to_array([LOWER, LEMMA]).tolist()):
            hit = lowers.get(lower)
            if hit is None:
                hit = lowers[lower] = strings[lower] in according_first
            if not hit:
                hit = lemma_hits.get(lemma)
                if hit is None:
                    hit = lemma_hits[lemma] = strings[lemma].lower() in lemmas
            if hit:
                yield doc[i]

    def _clause_span(self, clause: Token, cue: Token) -> tuple[int, int] | None:
        tokens = [u for u in clause.subtree if not (u.dep_ == "mark" and u.head.i == clause.i)]
        if clause.i < cue.i:  # 'X happened, officials said.': stop before the cue's own words
            tokens = [u for u in tokens if u.i < cue.i]
        else:
            tokens = [u for u in tokens if u.i not in self._cue_modifiers(clause, cue)]
        while tokens and (tokens[0].is_punct or tokens[0].is_space):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct and tokens[-1].text not in {"\u201d", '"', "'"} or tokens[-1].is_space):
            tokens = tokens[:-1]
        if len(tokens) < 3:
            return None
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)

    def _cue_modifiers(self, clause: Token, cue: Token) -> set[int]:
        """Rule `cue_modifier`: a phrase between the cue and the reported clause's subject that
        the parse hung on the clause ("said on Friday it would ...", "said in a statement the
        army had ..."): it tells when or how the words were said, not what was said."""
        subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
        if subject is None or subject.i < cue.i:
            return set()
        out: set[int] = set()
        for c in clause.children:
            if c.dep_ in {"prep", "npadvmod"} and cue.i < c.left_edge.i and c.right_edge.i < subject.left_edge.i:
                out.update(u.i for u in c.subtree)
        return out

    def _infinitive_span(self, cue: Token) -> tuple[int, int] | None:
        """Rule `infinitive_cue`: '[Seoul] [to stop]' after 'urged', '[to retaliate]' after 'vowed'."""
        xcomps = [c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i
                  and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        if not xcomps:
            return None
        objects = [c for c in cue.children if c.dep_ in {"dobj", "dative"} and cue.i < c.i < xcomps[0].i]
        first = objects[0].left_edge if objects else xcomps[0].left_edge
        last = xcomps[0].right_edge
        while last.i > first.i and (last.is_punct or last.is_space):
            last = self.doc[last.i - 1]
        if last.i - first.i < 2:
            return None
        return first.idx, last.idx + len(last.text)

    def _according_clause(self, according: Token) -> tuple[int, int] | None:
        sent = according.sent
        obj = self.according_object(according)
        if obj is None:
            return None
        # the phrase runs from 'according' to the end of its object's name, up to a comma
        end = obj.i + 1
        while end < sent.end and not self.doc[end].is_punct and self.doc[end].head.i == obj.i \
                and self.doc[end].dep_ in {"compound", "flat", "appos", "prep", "pobj"}:
            end += 1
        # with the clauses that describe the source ('according to X, who heads Y')
        end = max(end, min(obj.right_edge.i + 1, sent.end))
        phrase = set(range(according.i, end))
        tokens = [u for u in sent if u.i not in phrase and not u.is_space]
        while tokens and tokens[0].is_punct:
            tokens = tokens[1:]
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        if len(tokens) < 3:
            return None
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def raw_of(ctx: Any, view_start: int, view_end: int) -> tuple[int, int]:
    return ctx.view.to_raw(view_start, view_end)
