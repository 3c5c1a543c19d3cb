"""Find and normalize the time expressions of one text (the NLP view) against a reference date.

All rules run over the whole text (each only near the words it needs, see prefilter.py); overlapping candidates are settled longest first, then by
rule priority; survivors are normalized in reading order so that relative expressions ("a day
before", "the next day", a bare clock time) can anchor on the story's narrative day. spaCy is
used only for the tense of the governing verb and to see whether "before"/"after" has an object.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from newsevents.time.lexicon import section
from newsevents.time.prefilter import LetterIndex, finditer, fold
from newsevents.time.rules import Found, rules

# Tense cues, from data/lexicon.yaml (sections tense_*); read by `TextEnv.tense`, `_verb_tense`
# and `_borrowed_tense`.
_FUTURE_AUX = frozenset(section("tense_future_auxiliaries"))
# Verbs whose infinitive complement lies ahead of them ("agreed to meet on Tuesday").
_FUTURE_HEADS = frozenset(section("tense_future_heads"))
# Verbs that arrange something ahead: their dates are future whatever their own tense.
_ARRANGING_VERBS = frozenset(section("tense_arranging_verbs"))
# Present-tense reporting verbs tell what was said, not what lies ahead.
_REPORTING_VERBS = frozenset(section("tense_reporting_verbs"))
# Present-tense verbs of state or comparison: their present is no schedule.
_STATIVE_VERBS = frozenset(section("tense_stative_verbs"))
# Subordinators after which a present tense tells what lies ahead.
_CONDITIONAL_MARKS = frozenset(section("tense_conditional_marks"))
_PERFECT_OR_PAST_AUX = frozenset(section("tense_perfect_or_past_auxiliaries"))

_SINCE = re.compile(r"\bsince\s+(?:[a-z]+ing\s+(?:[a-z]+\s+){0,2}?(?:in|on)\s+)?(?:early\s+|late\s+|mid-?)?$", re.I)


class TextEnv:
    """What the normalizers may ask about the text around a match."""

    def __init__(self, text: str, dct: dt.date, doc: Doc | None = None,
                 headline_spans: list[tuple[int, int]] | None = None,
                 caption_spans: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.dct = dct
        self.doc = doc
        self._token_starts = doc.to_array(IDX).tolist() if doc is not None and len(doc) else []
        # titles and captions tell past news in the present tense ("Troops withdraw Monday")
        self._headline_spans = sorted(headline_spans or [])
        # photo captions date their photo: their days do not move the story's narrative day
        self._caption_spans = sorted(caption_spans or [])
        self._days: list[tuple[int, dt.date]] = []  # (view offset, day) of expressions so far
        self._values: list[tuple[int, str]] = []  # (view offset, year/month/day value) so far
        self._quarters: list[tuple[int, str]] = []  # (view offset, quarter value) so far

    # -------- tense
    def token_at(self, offset: int) -> Token | None:
        if self.doc is None or not self._token_starts:
            return None
        i = bisect.bisect_right(self._token_starts, offset) - 1
        if i < 0:
            return None
        return self.doc[i]

    def tense(self, start: int, end: int, scheduling_present: bool = True) -> str | None:
        """past / future / None for the verb that governs the expression at [start, end).

        `scheduling_present`: whether a bare present tense may tell a schedule ("He and Arafat
        meet Monday": the next Monday). Only for a weekday the verb itself takes; a month or a
        date is left to its nearest year instead ("a row in June echoes ...")."""
        if _SINCE.search(self.text, max(0, start - 30), start):
            # "since January 1", "since Monday", "since taking office in May": behind, whatever the verb
            return "past"
        token = self.token_at(start)
        if token is None:
            return _tense_from_text(self.text, start)
        verb = _governing_verb(token)
        if verb is None:
            return _sentence_tense(token)
        if verb.lemma_.lower() in _ARRANGING_VERBS and token.i > verb.i and not any(
                c.dep_ == "prt" and c.lower_ != "up" for c in verb.children):
            # "scheduled a news conference Thursday", "postponed to May 5"; not "set off a bomb",
            # nor "On May 5 the case was postponed" (the day of the postponing)
            return "future"
        found = _verb_tense(verb)
        if found == "future" and verb.tag_ == "VBG" and not _modifies_directly(token, verb) and not any(
                c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children):
            found = None  # "is raising questions about Monday's debate": a progressive is no schedule there
        if found == "future" and not scheduling_present and _premodifies_a_noun(token):
            found = None  # "will not apologise for the June 12 walkout": a known occasion, not a plan
        if found is None:
            found = _borrowed_tense(verb)
        if found is None and verb.tag_ == "VBN" and verb.dep_ == "acl" and not any(
                c.dep_ in ("aux", "auxpass") for c in verb.children) \
                and verb.lemma_.lower() not in _FUTURE_HEADS | _ARRANGING_VERBS:
            return "past"  # "a survey carried out on May 2": a reduced passive relative tells the past
        if found is None and verb.dep_ in ("xcomp", "ccomp", "advcl", "conj", "relcl", "acl") and verb.head.i != verb.i:
            head = verb.head if verb.head.pos_ in ("VERB", "AUX") else None
            if head is not None and verb.dep_ == "xcomp" and head.lemma_.lower() in _FUTURE_HEADS:
                return "future"
            if head is not None and verb.tag_ in ("VB",) and verb.dep_ == "xcomp":
                return _verb_tense(head)
        if found is None and verb.tag_ in ("VBP", "VBZ") and any(
                c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in verb.children):
            return "future"  # "if he wins in November", "once talks resume in May"
        if (found is None and scheduling_present and verb.tag_ in ("VBP", "VBZ")
                and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
                and verb.lemma_.lower() not in _REPORTING_VERBS | _STATIVE_VERBS and not self._in_headline(start)
                and _modifies_directly(token, verb)):
            return "future"  # news prose: "He and Arafat meet Monday"
        return found

    def _in_headline(self, offset: int) -> bool:
        return _inside(self._headline_spans, offset)

    def in_caption(self, offset: int) -> bool:
        return _inside(self._caption_spans, offset)

    # -------- anchoring
    def narrative_day(self, start: int) -> dt.date:
        """The day the story is at when it reaches `start`: the last day pinned down before it
        (in reading order), else the reference date."""
        i = bisect.bisect_right([o for o, _ in self._days], start) - 1
        if i >= 0:
            return self._days[i][1]
        return self.dct

    def note_day(self, offset: int, day: dt.date) -> None:
        self._days.append((offset, day))

    def note_value(self, offset: int, value: str, rule: str = "") -> None:
        if rule == "quarter" and re.fullmatch(r"\d{4}-Q[1-4]", value):
            self._quarters.append((offset, value))
        if _CALENDAR_VALUE.match(value):
            self._values.append((offset, value))

    def last_quarter(self, start: int) -> str | None:
        """The last quarter value ("1989-Q3") named before `start`, if any: "a year earlier"
        in quarterly results means the same quarter a year before."""
        i = bisect.bisect_right([o for o, _ in self._quarters], start) - 1
        return self._quarters[i][1] if i >= 0 else None

    def narrative_value(self, start: int) -> str:
        """The last calendar value (year, month or day) mentioned before `start`, else the
        reference date: what "that year", "the following month" point back to."""
        i = bisect.bisect_right([o for o, _ in self._values], start) - 1
        return self._values[i][1] if i >= 0 else self.dct.isoformat()

    def counts_a_noun(self, start: int) -> bool:
        """Whether the number at `start` counts a plural noun ("2000 people", "1500 troops")."""
        token = self.token_at(start)
        if token is None:
            return bool(re.match(r"\d+\s+(?:people|troops|soldiers|[a-z]+s)\b", self.text[start:start + 40]))
        head = token.head
        return token.dep_ in ("nummod", "compound") and head.i > token.i and head.tag_ == "NNS"

    def has_object(self, start: int, end: int) -> bool:
        """Whether "before"/"after" at [start, end) governs an object or a clause."""
        token = self.token_at(start)
        if token is not None and token.lower_ in ("before", "after"):
            if any(c.dep_ in ("pobj", "pcomp", "advcl", "ccomp", "dobj") for c in token.children):
                return True
            if token.dep_ == "mark":
                return True
            nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
            if nxt is None:
                return False
            if nxt.is_punct or nxt.lower_ in ("and", "but", "or", "for", "to", "when", "as", "because"):
                return False
            return nxt.pos_ in ("DET", "NUM", "PROPN", "NOUN", "PRON", "ADJ", "VERB")
        follow = self.text[end:end + 20]
        return bool(re.match(r"\s+(?:the|a|an|his|her|its|their|this|that|[A-Z0-9])", follow))


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` lies in one of the sorted, disjoint `spans`."""
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _tense_from_text(text: str, start: int) -> str | None:
    sent_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    sent_end_candidates = [i for i in (text.find(".", start), text.find("\n", start)) if i >= 0]
    sent = text[sent_start:min(sent_end_candidates) if sent_end_candidates else len(text)]
    if re.search(r"\b(?:will|'ll|shall|going to)\b", sent, re.I):
        return "future"
    return None


def _governing_verb(token: Token) -> Token | None:
    t = token
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") and t.i != token.i:
            return _reporting_verb_before_clause(token, t)
        if t.head.i == t.i:
            return _reporting_verb_before_clause(token, t) if t.pos_ in ("VERB", "AUX") else None
        t = t.head
    return None


def _reporting_verb_before_clause(token: Token, verb: Token) -> Token:
    """The verb a time phrase belongs to when the parser hung it on the wrong clause.

    In "officials said on Monday they will meet", the parser often attaches "on Monday" to
    "meet"; but a phrase standing between a verb and the subject of that verb's complement
    clause (said | on Monday | they will meet) belongs to the first verb.
    """
    if verb.dep_ not in ("ccomp", "xcomp") or verb.head.i == verb.i or verb.head.pos_ not in ("VERB", "AUX"):
        return verb
    head = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None or not head.i < token.i < subject.i < verb.i:
        return verb
    return head


def _verb_tense(verb: Token) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & _FUTURE_AUX:
        return "future"
    if any(a.lower_ == "going" for a in auxes) or (verb.lower_ == "going" and any(c.dep_ == "xcomp" for c in verb.children)):
        return "future"
    if verb.tag_ in ("VBD",) or "Past" in verb.morph.get("Tense"):
        if verb.tag_ == "VBN" and not (lowers & _PERFECT_OR_PAST_AUX):
            return None
        return "past"
    if lowers & {"had", "did", "was", "were"}:
        return "past"
    if lowers & {"has", "have", "'ve"}:
        return "past"
    if verb.tag_ == "VB" and "to" in lowers and verb.head.lemma_.lower() in _FUTURE_HEADS | {"be"}:
        return "future"  # "agreed to meet on Tuesday"
    if verb.tag_ == "VBG" and lowers & {"is", "are", "'s", "'re", "am"}:
        return "future"  # "is meeting on Tuesday"
    if verb.tag_ == "VB" and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _FUTURE_HEADS:
        return "future"
    return None


def _modifies_directly(token: Token, verb: Token) -> bool:
    """Whether the time word hangs on the verb itself ("meet Monday", "meet on Monday"), not
    inside a noun phrase ("Monday's dinner precedes", "remarks to voters on Monday")."""
    head = token.head
    if head.i == verb.i:
        return True
    return head.dep_ == "prep" and head.head.i == verb.i


def _premodifies_a_noun(token: Token) -> bool:
    """Whether a date stands before the noun it names ("the June 12 walkout", "May 5's
    vote"): it names an occasion, whose date the tense of the clause does not move."""
    t = token
    for _ in range(3):
        head = t.head
        if head.i == t.i:
            return False
        if head.pos_ in ("NOUN", "PROPN") and head.i > t.i and t.dep_ in ("compound", "nmod", "poss", "amod", "npadvmod") \
                and not head.ent_type_ == "DATE":
            return True
        if head.ent_type_ != "DATE" and head.pos_ != "NUM":
            return False
        t = head
    return False


def _borrowed_tense(verb: Token) -> str | None:
    """The tense a verb with no auxiliary of its own takes from the verb it hangs on: the second
    of two coordinated verbs ("had been stopped and searched in May") and a participle clause
    ("he fled, leaving the city in May") share the tense of the first verb. Only a past tense is
    borrowed: a participle hung on a future verb may still tell what happened before."""
    for _ in range(3):
        if verb.dep_ not in ("conj", "advcl") or verb.head.i == verb.i or verb.head.pos_ not in ("VERB", "AUX"):
            return None
        if verb.dep_ == "advcl" and verb.tag_ not in ("VBG", "VBN"):
            return None
        if any(c.dep_ in ("aux", "auxpass", "mark") for c in verb.children):
            return None  # its own auxiliary or a subordinator ("after it had ..."): not borrowed
        verb = verb.head
        found = _verb_tense(verb)
        if found is not None:
            return "past" if found == "past" else None
    return None


def _sentence_tense(token: Token) -> str | None:
    root = token.sent.root
    if root.pos_ in ("VERB", "AUX"):
        return _verb_tense(root)
    return None


def candidates(text: str, prefilter: bool = True) -> list[tuple[int, int, int, int, object, re.Match[str]]]:
    """Every rule's matches as (start, end, -priority, order, rule, match).

    With `prefilter` (the default) each rule's regex runs only near the strings it cannot match
    without (prefilter.py); the matches are exactly those of a scan of the whole text, which
    `prefilter=False` does (tests compare the two).
    """
    out = []
    order = 0
    folded = fold(text) if prefilter else ""
    letters = LetterIndex(text) if prefilter else None
    for rule in rules():
        if prefilter:
            matches = finditer(rule.pattern, rule.plan, text, folded, letters)
        else:
            matches = [m for m in rule.pattern.finditer(text) if m.end() > m.start()]
        for m in matches:
            out.append((m.start(), m.end(), -rule.priority, order, rule, m))
            order += 1
    return out


def tag(text: str, dct: dt.date, doc: Doc | None = None,
        headline_spans: list[tuple[int, int]] | None = None,
        caption_spans: list[tuple[int, int]] | None = None) -> list[Found]:
    """All time expressions in `text` (view offsets), normalized against `dct`.

    `headline_spans`: view spans of titles and captions, where the present tense tells the past.
    `caption_spans`: view spans of photo captions, whose dates anchor nothing outside them.
    """
    env = TextEnv(text, dct, doc, headline_spans, caption_spans)
    found_list = candidates(text)
    names = [(m.start(), m.end()) for m in _names_pattern().finditer(text)] if found_list else []
    names += _quoted_titles(text) if found_list else []
    if names:  # "the Sunday Times", "USA Today": titles, not times
        found_list = [c for c in found_list if not any(c[0] < e and s < c[1] for s, e in names)]
    # longest first, then priority; normalize lazily so a rejected candidate leaves room
    found_list.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, object, re.Match[str]]] = []
    for start, end, _, _, rule, m in found_list:
        if any(start < e and s < end for s, e in taken):
            continue
        try:
            if not _plausible(rule.name, m, text):
                continue
        except (IndexError, KeyError, AttributeError):  # a rule without the groups checked
            pass
        taken.append((start, end))
        chosen.append((start, end, rule, m))
    chosen.sort(key=lambda c: c[0])
    results: list[Found] = []
    for _, _, rule, m in chosen:
        try:
            found = rule.normalize(m, env)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError, OverflowError):
            found = None
        if found is None:
            continue
        found.start, found.end = _trim(text, found.start, found.end, found.rule == "reference_word")
        if found.end <= found.start:
            continue
        results.append(found)
        if env.in_caption(found.start):
            continue
        if found.day is not None and found.type in ("DATE", "TIME"):
            env.note_day(found.start, found.day)
        if found.type in ("DATE", "TIME"):
            env.note_value(found.start, found.value, found.rule)
    return _with_coordinated_days(text, results)


# A day number joined by "and"/"or" to a written date: "May 21 and 22" (after a month-first date,
# and not a count: "May 21 and 22 people"), "21 and 22 May" (before a day-first one).
_DAY_AFTER = re.compile(r"\s*,?\s*(?:and|or|&)\s+(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b"
                        r"(?=\s*(?:[.,;:)]|$)|\s+(?:in|at|on|for|when|and|to|with|after|before|respectively|as|but|while)\b)")
_DAY_BEFORE = re.compile(r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s*,?\s*(?:and|or|&)\s+(?:the\s+)?$")


def _with_coordinated_days(text: str, results: list[Found]) -> list[Found]:
    """Rule `coordinated_day`: the bare day number coordinated with a month-and-day date is a
    date of its own in the same month and year ("on 21 and 22 May": 21 May too)."""
    extra: list[Found] = []
    taken = [(f.start, f.end) for f in results]
    for f in results:
        if f.rule != "month_day" or f.begin or not _DAY_VALUE.match(f.value):
            continue
        span = text[f.start:f.end]
        if span[:1].isdigit() or span.lower().startswith("the "):
            m = _DAY_BEFORE.search(text, max(0, f.start - 24), f.start)
        else:
            m = _DAY_AFTER.match(text, f.end)
        if m is None:
            continue
        start, end = m.start("d"), m.end("d")
        suffix = re.match(r"(?:st|nd|rd|th)\b", text[end:end + 2])
        end += suffix.end() if suffix else 0
        try:
            day = dt.date(int(f.value[:4]), int(f.value[5:7]), int(m["d"]))
        except ValueError:
            continue
        if day.isoformat() == f.value or any(start < e and s < end for s, e in taken):
            continue
        extra.append(Found(start, end, "DATE", day.isoformat(), rule="coordinated_day", day=day))
        taken.append((start, end))
    return sorted(results + extra, key=lambda x: x.start) if extra else results


@functools.lru_cache(maxsize=1)
def _names_pattern() -> re.Pattern[str]:
    """Titles of newspapers and broadcasts that contain a time word (lexicon section
    names_with_time_words), case-sensitive, as whole words."""
    names = sorted(section("names_with_time_words"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) + r")\b")


# a quoted phrase right after a possessive name ("NBC's “Meet the Week”", "Fox's "Morning Hour"")
_POSSESSIVE_QUOTE = re.compile(r"\b[A-Z][\w&.-]*['’]s?\s+[“\"](?P<title>[A-Z][^“”\"\n]{0,60}?)[”\"]")


def _quoted_titles(text: str) -> list[tuple[int, int]]:
    """Rule quoted_title: a programme, book or film title in quotation marks after a possessive
    name is a title, not a time ("CBS's “Late Week”"). Title case tells it from a quoted phrase
    ("the minister's “next week”"): every word capitalised except the lexicon's
    title_function_words."""
    small = set(section("title_function_words"))
    spans = []
    for m in _POSSESSIVE_QUOTE.finditer(text):
        words = re.findall(r"[\w'’-]+", m["title"])
        if 0 < len(words) <= 6 and all(w[0].isupper() or w[0].isdigit() or w in small for w in words):
            spans.append((m.start("title"), m.end("title")))
    return spans


def _plausible(rule_name: str, m: re.Match[str], text: str) -> bool:
    """Cheap rejections made before a candidate claims its span."""
    if rule_name == "bare_month":
        word = m["mon"]
        # a capitalised month name at the start of a sentence followed by a verb-like word is
        # left to normalization; here only refuse "May" used as a name ("Theresa May")
        before = text[max(0, m.start("mon") - 20):m.start("mon")]
        if re.search(r"[A-Z][a-z]+\s+$", before) and not re.search(
                r"(?:In|Since|Until|By|During|From|Through|Early|Late|Mid|Last|Next|This|Of|On)\s+$", before):
            return word.lower() not in ("may", "march", "august", "june", "april")
    groups = m.groupdict()
    if (rule_name == "quarter" and groups.get("ord") and m["ord"].lower() in ("last", "final")
            and m["q"].lower() == "quarter"):
        return bool(m["year"] or m["rel"])  # "last quarter" alone is the relative_period rule's
    if rule_name == "ago_or_relative" and not m["num"] and text[m.end("unit"):m.end("unit") + 1].lower() != "s":
        return False  # "year after year": a unit needs a number or the plural ("hours later")
    if rule_name == "year" and m["year"]:
        before = text[max(0, m.start("year") - 2):m.start("year")]
        if re.search(r"[#$€£]\s?$", before):
            return False
    return True


_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CALENDAR_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?(?:$|T)")
_TRAILING = re.compile(r"[\s,.;:]+$")
_LEADING_PREP = re.compile(r"^(?:(?:until|till|up\s+to|by|for|from|in|at|on|during|since)\s+)", re.I)


def _trim(text: str, start: int, end: int, drop_preposition: bool = False) -> tuple[int, int]:
    """Drop trailing punctuation, a trailing "'s", and (for reference words: "until now") a
    leading preposition from a span."""
    span = text[start:end]
    lead = _LEADING_PREP.match(span) if drop_preposition else None
    if lead and lead.end() < len(span):
        keep = span[lead.end():].strip().lower()
        # "in the past", "until now", "by now": keep the preposition off; the word stays
        start += lead.end()
        span = text[start:end]
        if not keep:
            return start, start
    trail = _TRAILING.search(span)
    if trail:
        # keep the dot of an abbreviation such as "a.m." or "Sept."
        cut = trail.start()
        if span[cut:].startswith(".") and re.search(r"(?:\b[ap]\.m|\b[A-Z][a-z]{2,3})$", span[:cut]):
            cut += 1
        end = start + cut
    if text[end - 2:end] in ("'s", "’s") and end - 2 > start:
        end -= 2
    return start, end
