"""Rule-based, cheap entity coreference shared by the quotes and actors stages.

Why rules: a speaker must be named by the fullest name in the story ("Ruiz" is Ana Ruiz,
"she" is Ana Ruiz too, "the ministry" is the Interior Ministry), and news text is regular
enough that spaCy's named entities, surname matching, recency and a few gender and title
cues get most of the way without a neural coreference model.

Rules (their word lists live in data/coref.yaml):
- `name_mentions`: spaCy PERSON/ORG/GPE/NORP entities and title-cased runs of proper nouns.
- `shorter_form`: a name whose words are a contiguous part of an earlier, fuller name links
  to the most recently mentioned such entity ("Kim" -> the last Kim); a fuller name seen
  after a short one upgrades the entity's name; an acronym links to an organization whose
  initials it spells.
- `gender_from_title`, `title_words`: words beside a name (titles, appositions such as
  "younger sister") give the entity's gender and titles.
- `pronoun`: he/she/it/they link to the most recent compatible mention in the last few
  sentences, preferring subjects; pronouns inside direct quotes are left alone.
- `definite_description`: "the ministry" links to the last entity whose name contains the
  head noun or that carried it as a title.
- `person_description`: an unnamed person who is the subject of a clause ("a county
  official said") starts an entity named by the description, so "she" and "the official"
  can find it later.
- `gender_from_first_name`: common given names (data/first_names.yaml) mark gender.

What other stages get (ctx.exposed["entities"], `entity_at`): Entity(id, name, kind, mentions,
gender, titles); `kind` is PERSON/ORG/GPE/NORP/OTHER (OTHER: a capitalized run spaCy did not
label); `name` is the fullest name seen outside title-case headlines, with the country kept for
a body named with it ("South Korea's Joint Chiefs of Staff"); `mentions` are raw spans of
names, pronouns and descriptions.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.attrs import IS_ALPHA, IS_TITLE, IS_UPPER, LENGTH, POS, TAG
from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc, Span, Token

from newsevents.data_files import read_yaml
from newsevents.quotes.countries import is_country_name

DATA = Path(__file__).resolve().parent / "data"
NAME_KINDS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP", "FAC": "ORG"}
PRONOUN_WINDOW = 3  # sentences back that a pronoun may reach
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
FUNCTION_WORDS = {"of", "the", "and", "for", "de", "&"}


@dataclass
class Entity:
    """One thing the story talks about, with every raw span that refers to it."""

    id: int
    name: str
    kind: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    gender: str | None = None
    titles: set[str] = field(default_factory=set)


@dataclass
class _Mention:
    """One mention while resolving: its token span, raw span and entity."""

    start_token: int
    end_token: int
    raw: tuple[int, int]
    entity: Entity
    is_subject: bool
    sentence: int
    in_caption: bool = False


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The coreference word lists (data/coref.yaml), loaded once."""
    data = read_yaml(DATA / "coref.yaml")
    return {
        "female": set(data["female_markers"]),
        "male": set(data["male_markers"]),
        "titles": set(data["titles"]),
        "descriptions": {k: set(v) for k, v in data["description_heads"].items()},
        "org_words": set(data["organization_words"]),
        "person_nouns": set(data["person_nouns"]),
        "role_nouns": set(data["role_nouns"]),
        "generic_body_heads": set(data["generic_body_heads"]),
        "news_report_cues": set(data["news_report_cues"]),
        **_first_names(),
    }


def _first_names() -> dict[str, set[str]]:
    data = read_yaml(DATA / "first_names.yaml")
    female, male = set(data["female"]), set(data["male"])
    return {"female_names": female - male, "male_names": male - female}


def _words(name: str) -> list[str]:
    return list(_name_words(name))


@functools.lru_cache(maxsize=4096)
def _name_words(name: str) -> tuple[str, ...]:
    """Cached: the same names are compared with every earlier mention of a story."""
    return tuple(w for w in re.findall(r"[\w\-.]+", name.lower()) if w not in {"'s", "’s"})


def _contains(longer: list[str], shorter: list[str]) -> bool:
    """True if `shorter` is a contiguous run of `longer`."""
    n = len(shorter)
    return n > 0 and any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w\-]*", name) if w.lower() not in FUNCTION_WORDS).upper()


def _is_speech_word(word: str) -> bool:
    """'Says', 'Warns', 'Urges': a speech verb that a title-case headline glued to a name
    ('Obama Says Museum Will ...' tagged as one PERSON)."""
    from newsevents.quotes.attribute import cues

    speech = cues()["speech"]
    w = word.lower()
    return w.endswith("s") and (w[:-1] in speech or w[:-2] in speech)  # headlines speak in the present


def _trim_name(span: Span, headline: bool = False) -> Span | None:
    """Drop a leading determiner, a trailing possessive, a trailing headline speech verb and
    edge punctuation from a name span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].pos_ in {"DET", "PUNCT"} or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].pos_ == "PUNCT" or doc[end - 1].is_space
                           or headline and end - start > 1 and _is_speech_word(doc[end - 1].text)):
        end -= 1
    return doc[start:end] if end > start else None


def _is_subject(token: Token) -> bool:
    """A token that is, or sits inside, the subject of its clause, or the source named by
    "according to" (the one who says, as a subject of "said" would be)."""
    for t in [token, *token.ancestors]:
        if t.dep_ in SUBJECT_DEPS or _according_source(t):
            return True
        if t.pos_ in {"VERB", "AUX"} or t.dep_ == "ROOT":
            return False
    return False


def _according_source(token: Token) -> bool:
    """The object of "according to" ("according to a port spokesman")."""
    return token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according"


class SpanIndex:
    """Answers "is this offset inside any of these spans?" by bisection: asked for every token,
    a scan of all quoted spans made long stories quadratic. Spans may overlap."""

    def __init__(self, spans: list[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach: list[int] = []  # the furthest end among spans starting at or before each one
        furthest = -1
        for _, e in ordered:
            furthest = max(furthest, e)
            self.reach.append(furthest)

    def contains(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and self.reach[i] > offset


def is_headline(sent: Span) -> bool:
    """A title-case line ('Obama Sees Personal Insult in Low Turnout'): its capitals name nothing."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title or t.is_upper for t in words) >= 0.8 * len(words)


def _headline_starts(doc: Doc) -> set[int]:
    """The start of every sentence that `is_headline` calls a headline, tested on the doc's word
    arrays rather than on a Token per word."""
    rows = doc.to_array([IS_ALPHA, LENGTH, IS_TITLE, IS_UPPER]).tolist()
    starts: set[int] = set()
    for sent in doc.sents:
        words = [(title, upper) for alpha, length, title, upper in rows[sent.start:sent.end] if alpha and length > 3]
        if len(words) >= 3 and sum(bool(title or upper) for title, upper in words) >= 0.8 * len(words):
            starts.add(sent.start)
    return starts


def _name_spans(ctx: Any) -> list[tuple[Span, str, bool]]:
    """Rule `name_mentions`: entity spans with their kind and whether they sit in a title-case
    headline, plus unlabeled proper-noun runs. In a headline only short labeled names count."""
    doc = ctx.doc
    found: list[tuple[Span, str, bool]] = []
    covered: set[int] = set()
    titles = lexicon()["titles"]
    headlines = _headline_starts(doc)
    for ent in doc.ents:
        covered.update(range(ent.start, ent.end))
        kind = NAME_KINDS.get(ent.label_)
        if not kind:
            continue
        in_headline = ent.sent.start in headlines  # (one sentence lookup per entity)
        if in_headline and len(ent) > 3:
            continue
        end = ent.end
        if kind == "PERSON":  # "Moon Jae In": a capitalized word the tagger took for a preposition
            while end < len(doc) and doc[end].is_title and doc[end].is_alpha and not doc[end].is_sent_start \
                    and (end + 1 >= len(doc) or not doc[end + 1].is_title) and doc[end].pos_ != "PROPN":
                end += 1
        if kind == "ORG":  # "Joint Chiefs" + "of Staff", "Ministry" + "of Defense"
            while end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].is_title \
                    and doc[end + 1].pos_ == "PROPN":
                end += 2
                while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
                    end += 1
        span = _trim_name(doc[ent.start:end], in_headline)
        if span is None or not any(t.is_alpha for t in span):
            continue
        if kind == "PERSON" and is_country_name(span.text):
            kind = "GPE"  # the small model tags some country names as people
        found.append((span, kind, in_headline))
        covered.update(range(ent.start, end))
    org_words = lexicon()["org_words"]
    proper = [pos == PROPN for pos in doc.to_array(POS).tolist()]
    i = 0
    while i < len(doc):
        if proper[i] and i not in covered and doc[i].is_title and doc[i].sent.start not in headlines:
            j = i
            while j < len(doc) and proper[j] and j not in covered and not doc[j].is_space:
                j += 1
                if j + 1 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].pos_ == "PROPN" \
                        and doc[j + 1].is_title and j + 1 not in covered:
                    j += 1  # "Joint Chiefs of Staff"
            span = doc[i:j]
            if len(span) == 1 and (span[0].lower_.rstrip(".") in titles or len(span[0].text.rstrip(".")) < 3):
                i = j
                continue
            kind = "ORG" if any(t.lower_ in org_words for t in span) else "OTHER"
            found.append((span, kind, False))
            i = j
        else:
            i += 1
    found.sort(key=lambda x: x[0].start)
    return found


def _with_country(span: Span, kind: str) -> str:
    """Rule `name_mentions`: a body named with its country ("South Korea's Joint Chiefs of
    Staff") keeps the country in its name, so the actor it codes to knows it."""
    doc = span.doc
    if kind not in {"ORG", "OTHER"} or span.start < 2 or doc[span.start - 1].tag_ != "POS":
        return span.text
    owner = doc[span.start - 2]
    if owner.ent_type_ != "GPE":
        return span.text
    start = owner.i
    while start > 0 and doc[start - 1].ent_type_ == "GPE" and doc[start - 1].ent_iob_ != "O":
        start -= 1
    return doc[start:span.end].text


def _gender_of_first_name(span: Span) -> str | None:
    """Rule `gender_from_first_name`: the gender a common given name marks, if any."""
    if len(span) < 2 or span.label_ not in {"PERSON", ""} or any(t.ent_type_ not in {"PERSON", ""} for t in span):
        return None
    first = span[0].lower_
    lex = lexicon()
    return "female" if first in lex["female_names"] else "male" if first in lex["male_names"] else None


def _compatible(kind: str, other: str) -> bool:
    if kind == other or "OTHER" in (kind, other):
        return True
    return {kind, other} <= {"PERSON", "ORG"}


def _context_markers(span: Span) -> tuple[str | None, set[str]]:
    """Rules `gender_from_title`/`title_words`: gender and titles from words beside a name."""
    lex = lexicon()
    doc = span.doc
    words: list[str] = []
    i = span.start - 1
    while i >= 0 and (doc[i].lower_.rstrip(".") in lex["titles"] or doc[i].lower_.rstrip(".") in lex["female"]
                      or doc[i].lower_.rstrip(".") in lex["male"]):
        words.append(doc[i].lower_.rstrip("."))
        i -= 1
    root = span.root
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        words.append(root.head.lower_)
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            words.append(child.lower_)
    gender = None
    if any(w in lex["female"] for w in words):
        gender = "female"
    elif any(w in lex["male"] for w in words):
        gender = "male"
    titles = {w for w in words if w in lex["titles"] or w in lex["descriptions"]}
    return gender, titles


class _Resolver:
    """Walks the document once, linking names, then pronouns and definite descriptions."""

    def __init__(self, ctx: Any, quoted: list[tuple[int, int]]):
        self.ctx = ctx
        self.quoted = quoted
        self.quoted_index = SpanIndex(quoted)
        self.entities: list[Entity] = []
        self.mentions: list[_Mention] = []
        sents = list(ctx.doc.sents)
        self.sent_starts = [s.start for s in sents]
        # story sentence numbers: a caption between paragraphs, or a sentence inside a long
        # quote, does not count towards the distance a pronoun may reach back
        self.story_numbers: list[int] = []
        number = 0
        for k, sent in enumerate(sents):
            start = ctx.raw_span(sent)[0]
            if k and not self._in_caption(start) and not self.quoted_index.contains(start):
                number += 1
            self.story_numbers.append(number)
        self.core: dict[int, str] = {}  # entity id -> its name as matched (no country prefix)

    def sentence_index(self, token_i: int) -> int:
        """The story sentence number of a token (captions not counted)."""
        return self.story_numbers[bisect.bisect_right(self.sent_starts, token_i) - 1]

    def add(self, span: Span, entity: Entity) -> None:
        raw = self.ctx.raw_span(span)
        if raw[1] <= raw[0]:
            return
        entity.mentions.append(raw)
        self.mentions.append(_Mention(span.start, span.end, raw, entity, _is_subject(span.root),
                                      self.sentence_index(span.start), self._in_caption(raw[0])))

    def _in_caption(self, raw_offset: int) -> bool:
        sentence_at = getattr(self.ctx, "sentence_at", None)
        sentence = sentence_at(raw_offset) if sentence_at else None
        return sentence is not None and sentence.zone == "caption"

    def link_names(self) -> None:
        """Rule `shorter_form` over the name mentions in document order; an entity's kind is
        the label most of its mentions got (spaCy calls "Trump" ORG now and then)."""
        votes: dict[int, Counter] = {}
        for span, kind, in_headline in _name_spans(self.ctx):
            words = _words(span.text)
            if not words:
                continue
            may_rename = kind != "OTHER" and not in_headline
            entity = self._match_name(span.text, words, kind, may_rename)
            gender, titles = _context_markers(span)
            if entity is None:
                entity = Entity(id=len(self.entities) + 1, name=_with_country(span, kind), kind=kind)
                self.core[entity.id] = span.text
                self.entities.append(entity)
            elif entity.kind == "OTHER" and kind != "OTHER":
                entity.kind = kind
            votes.setdefault(entity.id, Counter())[kind] += 1
            entity.titles |= titles
            gender = gender or _gender_of_first_name(span)
            if gender and entity.gender is None and entity.kind in {"PERSON", "OTHER"}:
                entity.gender = gender
            self.add(span, entity)
        for entity in self.entities:
            counts = votes.get(entity.id, Counter())
            counts.pop("OTHER", None)
            if counts:
                best = max(counts.values())
                top = [k for k, n in counts.items() if n == best]
                entity.kind = entity.kind if entity.kind in top else "PERSON" if "PERSON" in top else top[0]

    def _match_name(self, text: str, words: list[str], kind: str, may_rename: bool = True) -> Entity | None:
        tried: set[int] = set()  # an entity with several mentions is compared once: nothing changes in between
        for m in reversed(self.mentions):
            e = m.entity
            if id(e) in tried:
                continue
            tried.add(id(e))
            if not _compatible(kind, e.kind):
                continue
            names = _words(self.core.get(e.id, e.name))  # match on the name without its country
            if _contains(names, words):
                return e
            if may_rename and _contains(words, names) and (kind == e.kind or e.kind == "OTHER" or len(names) == 1):
                e.name = self.core[e.id] = text  # a fuller name seen after a short form: keep the fullest
                return e
        if len(words) == 1 and text.isupper() and len(text) >= 2:
            for e in reversed(self.entities):
                if e.kind in {"ORG", "OTHER"} and len(_words(e.name)) > 1 and _initials(e.name) == text:
                    return e
        return None

    def link_pronouns_and_descriptions(self) -> None:
        """Rules `pronoun` and `definite_description`, in document order so chains carry on."""
        doc = self.ctx.doc
        names = sorted(self.mentions, key=lambda m: m.start_token)
        self.mentions = []
        k = 0
        # only pronouns and nouns are read: the others never become Tokens (the names before a word
        # join the chain when the next pronoun or noun is read, and all of them at the end)
        prp, prp_poss = doc.vocab.strings["PRP"], doc.vocab.strings["PRP$"]
        wanted = [i for i, (pos, tag) in enumerate(doc.to_array([POS, TAG]).tolist())
                  if pos in (PRON, NOUN) or tag in (prp, prp_poss)]
        for i in [*wanted, len(doc)]:
            while k < len(names) and names[k].start_token <= min(i, len(doc) - 1):
                self.mentions.append(names[k])
                k += 1
            if i == len(doc):
                break
            token = doc[i]
            if token.pos_ == "PRON" or token.tag_ in {"PRP", "PRP$"}:
                self._link_pronoun(token)
            elif token.pos_ == "NOUN" and self._link_description(token):
                continue
            elif token.pos_ == "NOUN" and token.tag_ == "NN" and token.lower_ in lexicon()["person_nouns"]:
                self._person_description(token)

    def _outside_quotes(self, token: Token) -> bool:
        return not self.quoted_index.contains(self.ctx.raw_span(token)[0])

    def _candidates(self, token: Token) -> list[_Mention]:
        here = self.sentence_index(token.i)
        mentions = self.mentions
        if self._in_sentence_order():
            # only the last PRONOUN_WINDOW sentences can hold a candidate: start there, not at
            # the top of the story (a scan of every mention per pronoun was quadratic)
            lo = bisect.bisect_left(mentions, here - PRONOUN_WINDOW, key=lambda m: m.sentence)
            mentions = mentions[lo:]
        # a photo caption or credit between paragraphs is no antecedent for the story's pronouns
        caption = self._in_caption(self.ctx.raw_span(token)[0])
        return [m for m in reversed(mentions)
                if m.end_token <= token.i and here - m.sentence <= PRONOUN_WINDOW
                and not self.quoted_index.contains(m.raw[0]) and (caption or not m.in_caption)]

    def _in_sentence_order(self) -> bool:
        """Are the mentions so far in sentence order? They are appended in document order while
        pronouns are linked; checked incrementally so that a change elsewhere cannot make the
        bisection in `_candidates` wrong."""
        mentions = self.mentions
        seen, checked, ok = getattr(self, "_order_checked", (None, 0, True))
        if seen is not mentions or checked > len(mentions):
            checked, ok = 0, True  # a new list: check it from the start
        for k in range(max(1, checked), len(mentions)):
            if ok and mentions[k - 1].sentence > mentions[k].sentence:
                ok = False
        self._order_checked = (mentions, len(mentions), ok)
        return ok

    def _link_pronoun(self, token: Token) -> None:
        word = token.lower_
        if not self._outside_quotes(token):
            return
        lex = lexicon()
        cands = self._candidates(token)
        chosen: Entity | None = None
        if word in {"she", "her", "hers", "herself", "he", "him", "his", "himself"}:
            gender = "female" if word in lex["female"] else "male"
            people = [m for m in cands if m.entity.kind in {"PERSON", "OTHER"} and m.entity.gender in (gender, None)
                      and (m.entity.kind == "PERSON" or m.entity.gender == gender)]
            marked = [m for m in people if m.entity.gender == gender]
            subjects = [m for m in people if m.is_subject]
            # 'she' is marked and rarer: a female-marked entity first; 'he' takes the last subject
            pick = (marked or subjects or people) if gender == "female" else (subjects or marked or people)
            if pick:
                chosen = pick[0].entity
                chosen.gender = chosen.gender or gender
        elif word in {"it", "its", "itself"}:
            # same sentence: its subject ("North Korea said it ..."); before: bodies first
            here = self.sentence_index(token.i)
            # a body named only as a modifier of another noun ("the Council sanctions") is no antecedent
            bodies = [m for m in cands if m.entity.kind in {"ORG", "GPE"}
                      and token.doc[m.end_token - 1].dep_ != "compound"]
            same = [m for m in bodies if m.sentence == here and m.is_subject]
            # then the subject of the sentence before (the topic carried on), then bodies
            previous = [m for m in bodies if m.sentence == here - 1 and m.is_subject]
            orgs = [m for m in bodies if m.sentence < here and m.entity.kind == "ORG"]
            subjects = [m for m in bodies if m.is_subject]
            pick = same or previous or orgs or subjects or bodies
            if pick and token.dep_ not in {"expl"} and not _is_dummy_it(token):
                chosen = pick[0].entity
        elif word in {"they", "them", "their", "themselves"}:
            here = self.sentence_index(token.i)
            groups = [m for m in cands if m.entity.kind in {"ORG", "NORP"} and here - m.sentence <= 1
                      and token.doc[m.end_token - 1].dep_ in SUBJECT_DEPS]
            if groups:
                chosen = groups[0].entity
        if chosen is not None:
            self.add(token.doc[token.i:token.i + 1], chosen)

    def _person_description(self, token: Token) -> None:
        """Rule `person_description`: an unnamed person who is the subject of a clause, or the
        source of "according to" ("..., according to a police spokesman. He added ...")."""
        if (token.dep_ not in SUBJECT_DEPS and not _according_source(token)) or token.ent_type_ or not self._outside_quotes(token):
            return
        if any(m.start_token <= token.i < m.end_token for m in self.mentions[-5:]):
            return
        start, end = token.left_edge.i, token.i + 1
        for t in token.doc[token.i + 1:token.right_edge.i + 1]:
            if t.dep_ in {"relcl", "acl", "appos", "punct", "cc", "conj"} and t.head.i <= token.i or t.is_punct \
                    or t.tag_ in {"WP", "WDT"} or t.pos_ in {"VERB", "AUX"}:  # 'a woman who recently ...'
                break
            end = t.i + 1
        doc = token.doc
        while start < token.i and (doc[start].pos_ in {"DET", "PUNCT", "NUM"} or doc[start].is_space):
            start += 1
        span = doc[start:end]
        if any(t.ent_type_ == "PERSON" for t in span):
            return
        lex = lexicon()
        words = {t.lower_ for t in span}
        gender = "female" if words & lex["female"] else "male" if words & lex["male"] else None
        entity = Entity(id=len(self.entities) + 1, name=span.text, kind="PERSON", gender=gender,
                        titles={token.lower_})
        self.entities.append(entity)
        self.add(span, entity)

    def _link_description(self, token: Token) -> bool:
        dets = [c for c in token.children if c.dep_ == "det"]
        if not dets or dets[0].lower_ != "the" or not self._outside_quotes(token):
            return False
        if token.ent_type_ or any(c.dep_ == "poss" for c in token.children):
            return False
        modifiers = [c.lower_ for c in token.children if c.dep_ in {"amod", "compound"} and c.i < token.i]
        head = token.lower_
        lex = lexicon()
        kinds = lex["descriptions"].get(head) or ({"PERSON"} if head in lex["person_nouns"] else set())
        if not kinds:
            return False
        for m in reversed(self.mentions):
            e = m.entity
            if m.end_token > token.i or e.kind not in kinds:
                continue
            words = _words(e.name)
            if (head in words or head in e.titles) and all(w in words or w in e.titles for w in modifiers):
                start = dets[0].i
                self.add(token.doc[start:token.i + 1], e)
                return True
        return False


def _is_dummy_it(token: Token) -> bool:
    """'It is said that...', 'it seems', 'it is unclear whether': an 'it' with no referent."""
    head = token.head
    if head.lemma_ in {"seem", "appear", "rain", "happen"}:
        return True
    clauses = [c for c in head.children if c.dep_ in {"ccomp", "xcomp", "csubj", "advcl"} and c.i > head.i]
    return bool(clauses) and (head.lemma_ == "be" or any(c.dep_ == "auxpass" for c in head.children))


def build_entities(ctx: Any, quoted: list[tuple[int, int]] | None = None) -> list[Entity]:
    """Link the names, pronouns and definite descriptions of the story into entities.

    `quoted` are raw spans inside direct quotes: pronouns there ("I", "he" of the speaker's
    world) are not resolved and names there do not serve as antecedents of pronouns outside.
    """
    resolver = _Resolver(ctx, quoted or [])
    resolver.link_names()
    resolver.link_pronouns_and_descriptions()
    entities = [e for e in resolver.entities if e.mentions]
    for e in entities:
        e.mentions.sort()
    index = sorted((s, e, ent) for ent in entities for s, e in ent.mentions)
    ctx.exposed["_entity_index"] = index
    # entity_at bisects on the starts; no mention is longer than the longest, so mentions that
    # start before (start - longest) cannot overlap a span and need not be looked at
    ctx.exposed["_entity_index_starts"] = [s for s, _, _ in index]
    ctx.exposed["_entity_index_longest"] = max((e - s for s, e, _ in index), default=0)
    return entities


def entity_at(ctx: Any, start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping the raw span most (ties: the shortest mention)."""
    index = ctx.exposed.get("_entity_index")
    if index is None:
        return None
    starts = ctx.exposed.get("_entity_index_starts")
    if starts is None or len(starts) != len(index):  # an index set by other code: scan it all
        first = 0
    else:
        first = bisect.bisect_left(starts, start - ctx.exposed.get("_entity_index_longest", 0))
    best: tuple[int, int] | None = None
    found: Entity | None = None
    for position in range(first, len(index)):
        s, e, ent = index[position]
        if s >= max(end, start + 1):
            break
        overlap = min(e, end) - max(s, start)
        if end == start:
            overlap = 1 if s <= start < e else 0
        if overlap <= 0:
            continue
        key = (overlap, -(e - s))
        if best is None or key > best:
            best, found = key, ent
    return found
