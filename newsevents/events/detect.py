"""Finds event mentions in the parse: verbs (rule `verb_trigger`), nominalizations (rule
`nominal_trigger`), light-verb constructions (rule `light_verb`) and conditional warnings in
quoted speech (rule `conditional_warning`). Each yields a Candidate with a provisional code."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import LEMMA, POS
from spacy.tokens import Token

from newsevents.events import bridge
from newsevents.events.lexicon import Entry, Lexicon
from newsevents.reading import Actor

SKIP_ZONES = {"furniture", "subheading"}
VERB_POS = {"VERB"}
NOUN_POS = {"NOUN", "PROPN"}
NAMED_PARTIES = {"PERSON", "GPE", "NORP", "ORG"}
THING_PRONOUNS = {"it", "this", "that", "which"}
PARTICLE_ADVERBS = {"back", "down", "off", "out", "up", "away", "alight", "ablaze"}  # "pushing back against": tagged advmod


@dataclass
class Candidate:
    """One event mention before it becomes an Event."""

    token: Token  # the trigger head
    entry: Entry
    code: str
    zone: str
    trigger_tokens: list[Token] = field(default_factory=list)
    light_verb: Token | None = None  # verb carrying a nominal ("made a call")
    anchor_verb: Token | None = None  # verb that dates a nominal ("the demolition occurred")
    source_token: Token | None = None
    target_token: Token | None = None
    source: Actor | None = None
    target: Actor | None = None
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    modality: str = "asserted"
    governor: Candidate | None = None
    inner: list[Candidate] = field(default_factory=list)
    reported_by: list[str] = field(default_factory=list)
    speaker: Actor | None = None
    drop: bool = False
    inferred_target: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def clause_verb(self) -> Token:
        """The verb that carries tense, aspect and modality for this mention."""
        return self.light_verb or self.anchor_verb or self.token


def _children(tok: Token, deps: set[str]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def small_clause_subject(tok: Token) -> Token | None:
    """ "found the mayor guilty" parsed as a clause "the mayor guilty": its subject is the
    verb's object."""
    for pred in (c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "oprd") and c.pos_ == "ADJ"):
        subj = next((c for c in pred.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj
    return None


def direct_object(tok: Token) -> Token | None:
    """The direct object, or the passive subject ("evidence ... was presented by the US"), or the
    subject of a predicative small clause ("found the mayor guilty")."""
    objs = _children(tok, {"dobj", "obj"}) or _children(tok, {"nsubjpass"})
    if not objs and (small := small_clause_subject(tok)) is not None:
        objs = [small]
    if objs:
        if objs[0].lower_ in ("that", "which") and tok.dep_ == "relcl":
            return tok.head  # "the rocket that was launched": the noun the clause describes
        return objs[0]
    return None


def _verb_entry(tok: Token, lex: Lexicon) -> tuple[Entry, Token | None] | None:
    """The lexicon entry of a verb, trying particle/preposition/object multiword keys first.
    Returns the entry and the token whose lemma refines it (the object, or a preposition's object)."""
    lemma = lex.verb_lemma(tok)
    prts = [c.lower_ for c in tok.children if c.dep_ == "prt" or (
        c.dep_ in ("advmod", "dative", "acomp", "oprd") and c.lower_ in PARTICLE_ADVERBS)]  # ("set alight": tagged dative)
    preps = [c for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ != "by"]
    obj = direct_object(tok)
    keys: list[tuple[str, Token | None]] = []
    for prt in prts:
        for p in preps:
            pobj = next((c for c in p.children if c.dep_ == "pobj"), None)
            keys.append((f"{lemma} {prt} {p.lower_}", pobj or obj))
        keys.append((f"{lemma} {prt}", obj))
    for pred in (c for c in tok.children if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and c.pos_ == "ADJ"):
        if any(c.dep_ == "neg" for c in pred.children):
            keys.append((f"{lemma} not {pred.lower_}", obj))  # "pleaded not guilty" denies (CAMEO 016)
        keys.append((f"{lemma} {pred.lower_}", obj))  # "found the regime guilty"
    for clause in tok.children:
        # "calling for the United States to step up": `for` marks an infinitive clause
        if clause.dep_ in ("advcl", "ccomp", "xcomp"):
            for m in clause.children:
                if m.dep_ == "mark" and m.lower_ in ("for",):
                    keys.append((f"{lemma} {m.lower_}", None))
    for p in preps:
        pobj = next((c for c in p.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.ent_type_ in ("DATE", "TIME"):
            continue  # "called ... on Tuesday" is not "called on"
        key = f"{lemma} {p.lower_}"
        entry = lex.verbs.get(key)
        if entry is not None and obj is not None and lex.object_code(entry, obj.lemma_) is not None:
            keys.append((key, obj))  # "withdrew peacekeepers from X": the object refines, not X
        keys.append((key, pobj or obj))
    if obj is not None:
        keys.append((f"{lemma} {obj.lemma_.lower()}", None))
    for infinitive in (c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "VERB"):
        keys.append((f"{lemma} to {infinitive.lemma_.lower()}", None))  # "declined to comment" (CAMEO 011)
    keys.append((lemma, obj))
    found = [(lex.verbs[key], refiner) for key, refiner in keys if key in lex.verbs]
    if obj is None:
        # rule `thing_subject`: "a bomb exploded", "two devices went off": with no object, what the
        # subject is refines a verb that says what a thing did (lexicon `subject_refines`)
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.tag_ == "WDT" and tok.dep_ == "relcl":
            subj = tok.head  # ("a mine that went off": the relative pronoun's antecedent)
        found = [(entry, subj if entry.subject_refines and refiner is None else refiner) for entry, refiner in found]
    # a multiword key that codes nothing here ("return to" + a sculpture) gives way to the next one
    for entry, refiner in found:
        if _resolve_code(entry, refiner, lex) is not None or entry.kind == "stop":
            return entry, refiner
    return found[0] if found else None


DEMAND_MODALS = {"should", "must", "shall"}
PREDICTIVE_MODALS = {"will", "would", "could", "can", "might", "may", "'ll", "wo", "ca"}


def reports_a_claim(verb: Token) -> bool:
    """Rule `claimed_complement`: a request or demand verb whose only complement is a that-clause
    in the past, the perfect or with a predictive modal ("insisted the reforms had worked",
    "suggested voters were tired", "insisted they would stay") states a claim; it asks no one
    to act. "urged that he be freed", "insisted that troops must leave" remain demands."""
    if any(c.dep_ in ("dobj", "obj", "dative", "xcomp") for c in verb.children):
        return False
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return False
    auxes = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in DEMAND_MODALS for a in auxes):
        return False
    if any(a.lower_ in PREDICTIVE_MODALS or a.lemma_.lower() == "have" for a in auxes):
        return True
    return any(t.tag_ == "VBD" for t in [clause, *auxes])


def _object_is_party(ctx: Any, verb: Token, lex: Lexicon) -> bool:
    """The verb's direct object (or passive subject), if it has one, is a party: a coded actor,
    a name, a pronoun or a noun of people (lexicon class VISITOR or PRISONER)."""
    obj = direct_object(verb)
    if obj is not None and obj.lower_ in THING_PRONOUNS:
        return False  # ("called it a martyrdom operation": a thing, no party)
    if obj is None or obj.pos_ == "PRON" or obj.ent_type_ in NAMED_PARTIES:
        return True
    if lex.in_class(obj.lemma_, "VISITOR") or lex.in_class(obj.lemma_, "PRISONER"):
        return True
    return bridge.actor_for_token(ctx, obj) is not None


def _displays_a_quality(ctx: Any, noun: Token, lex: Lexicon) -> bool:
    """Rule `display_of`: "a demonstration of unity", "a show of resolve": the noun's of-complement
    is a quality shown, not the people who rally (a party, a pronoun or a noun of people)."""
    of = [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    if not of:
        return False
    obj = of[0]
    if obj.pos_ in ("PRON", "PROPN", "NUM") or obj.ent_type_ in NAMED_PARTIES or any(
            c.like_num or c.ent_type_ == "CARDINAL" for c in obj.children):
        return False  # ("a demonstration of 5,000 farmers": those who rallied)
    if lex.in_class(obj.lemma_, "VISITOR") or lex.in_class(obj.lemma_, "PRISONER") or lex.in_class(obj.lemma_, "PEOPLE"):
        return False
    return bridge.actor_for_token(ctx, obj) is None


def _disapproving_predicate(verb: Token, lex: Lexicon) -> bool:
    """Rule `name_calling`: "called the vote illegal", "called it completely inappropriate": a
    predicative adjective of disapproval (lexicon `disapproving_adjectives`) judges what it names."""
    return any(c.dep_ in ("oprd", "acomp", "ccomp", "xcomp") and c.pos_ == "ADJ"
               and c.lemma_.lower() in lex.disapproving_adjectives for c in verb.children)


def _moved_by_a_thing(ctx: Any, verb: Token, lex: Lexicon) -> bool:
    """A passive verb whose agent is a thing, not a party ("encouraged by the results")."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    agent = next((o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"), None)
    if agent is None or agent.pos_ in ("PRON", "PROPN") or agent.ent_type_ in NAMED_PARTIES:
        return False
    if lex.in_class(agent.lemma_, "VISITOR") or lex.in_class(agent.lemma_, "PRISONER"):
        return False
    return bridge.actor_for_token(ctx, agent) is None


PERSON_PRONOUNS = {"he", "him", "she", "her"}


def _resolve_code(entry: Entry, refiner: Token | None, lex: Lexicon) -> str | None:
    if refiner is not None and lex.in_class(refiner.lower_, "PARTITIVE"):
        # "released dozens of activists": the object is what the partitive counts
        refiner = next((o for p in refiner.children if p.dep_ == "prep" and p.lower_ == "of"
                        for o in p.children if o.dep_ == "pobj"), refiner)
    if refiner is not None and entry.objects:
        code = lex.object_code(entry, refiner.lemma_)
        people = refiner.ent_type_ == "PERSON" or (refiner.ent_type_ == "NORP" and refiner.tag_ in ("NNPS", "NNS")) \
            or refiner.lower_ in PERSON_PRONOUNS  # ("was captured" with "he" as its subject: a person)
        if code is None and people and "PERSON" in entry.objects:
            code = entry.objects["PERSON"]  # (a name, or a plural of people: "released 12 Buddhists")
        if code is None:
            # "cut ties", "hold talks": a compound in the object ("peace table"); "a state of emergency"
            of = [o for p in refiner.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
            for c in [*refiner.children, *of]:
                if c.dep_ in ("compound", "amod", "pobj"):
                    code = lex.object_code(entry, c.lemma_)
                    if code:
                        break
        if code is not None:
            return code or None  # (an empty object code: no event with this object, "visit the website")
    return entry.code


def _noun_code(tok: Token, entry: Entry, lex: Lexicon) -> str | None:
    # any modifier inside the noun phrase before the head: "a propaganda airdrop campaign"
    for c in tok.subtree:
        if c.i >= tok.i:
            break
        if c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in entry.modifiers:
            return entry.modifiers[c.lemma_.lower()]
    # its doer or workplace: "the strike by miners", "the teachers' strike", "a strike at the mine"
    doers = [o for p in tok.children if p.dep_ == "prep" and p.lower_ in ("by", "at", "in")
             for o in p.children if o.dep_ == "pobj"]
    for doer in doers + [c for c in tok.children if c.dep_ == "poss"]:
        if doer.lemma_.lower() in entry.modifiers:
            return entry.modifiers[doer.lemma_.lower()]
    if entry.objects:
        # "the suspension of aid": the noun's "of" object refines it as a verb's object does
        of = next((o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                   for o in p.children if o.dep_ == "pobj"), None)
        if of is not None:
            return _resolve_code(entry, of, lex)
    return entry.code


Word = tuple[int, str, str]  # (token index, coarse tag, lower-cased lemma)


def _story_words(ctx: Any) -> list[tuple[Any, list[Word]]]:
    """Each story sentence (zones outside SKIP_ZONES) with its words' index, coarse tag and
    lower-cased lemma, read once per article from the doc's arrays (tags and lemmas do not change
    while events are read): the rules pick their few trigger words from these, and only those
    become Token objects (building one per word in every rule's pass was most of the stage's cost)."""
    exposed = getattr(ctx, "exposed", None)
    if exposed is not None and "_events_story_words" in exposed:
        return exposed["_events_story_words"]
    doc = ctx.doc
    strings = doc.vocab.strings
    arrays = doc.to_array([POS, LEMMA])
    names = {pos_id: doc[int(i)].pos_ for pos_id, i in zip(*_first_indices(arrays[:, 0]), strict=True)}
    lemmas = {lemma_id: strings[lemma_id].lower() for lemma_id in set(arrays[:, 1].tolist())}
    pos_of = [names[p] for p in arrays[:, 0].tolist()]
    lemma_of = [lemmas[lemma_id] for lemma_id in arrays[:, 1].tolist()]
    out: list[tuple[Any, list[Word]]] = []
    for sent in ctx.sentences:
        if sent.zone in SKIP_ZONES:
            continue
        start, end = sent.span.start, sent.span.end
        out.append((sent, list(zip(range(start, end), pos_of[start:end], lemma_of[start:end], strict=True))))
    if exposed is not None:
        exposed["_events_story_words"] = out
    return out


def _first_indices(values: Any) -> tuple[list[int], list[int]]:
    """(distinct values, index of each one's first occurrence)."""
    first: dict[int, int] = {}
    for i, v in enumerate(values.tolist()):
        first.setdefault(v, i)
    return list(first), list(first.values())


def _definite_singular(tok: Token) -> bool:
    """"the strike", "this strike", "the union's strike": a mention of one known act (a bare plural,
    "strikes are increasing", speaks of acts in general)."""
    return tok.tag_ == "NN" and any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that")) or c.dep_ == "poss" for c in tok.children)


def _story_senses(ctx: Any, lex: Lexicon) -> dict[str, str]:
    """Rule `story_sense`: a noun that is an event only in some senses ("strike": military or a
    labour strike) keeps, where the text does not say which and names one known act ("the strike"),
    the protest sense (CAMEO 14) the story
    has already given it once by its kind, its doers or its verb ("a general strike", "miners on
    strike", "called a strike"): one sense per story."""
    doc = ctx.doc
    senses: dict[str, str] = {}
    for _sent, words in _story_words(ctx):
        for i, pos, lemma in words:
            entry = lex.nouns.get(lemma) if pos in NOUN_POS else None
            if entry is None or entry.code is not None or lemma in senses:
                continue
            tok = doc[i]
            code = _noun_code(tok, entry, lex)
            if code is None and tok.dep_ == "pobj":
                code = entry.after_prep.get(tok.head.lower_)
            if code is None and tok.dep_ in ("dobj", "nsubjpass", "obj"):
                code = entry.light_codes.get(lex.verb_lemma(tok.head))
            if code and code[:2] == "14":
                senses[lemma] = code
    return senses


def _did_harm(tok: Token, lex: Lexicon) -> bool:
    """Rule `harmful_blast`: "the explosion wrecked the depot", "a blast that maimed two guards":
    the noun is the subject of a harm verb, directly or through its relative clause (in a story
    that names bombs or attacks: lexicon `blast_story_cues`)."""
    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in lex.harm_verbs:
        return True
    return any(c.dep_ == "relcl" and c.lemma_.lower() in lex.harm_verbs
               and any(s.dep_ == "nsubj" and s.tag_ == "WDT" for s in c.children) for c in tok.children)


DATED_PARTICIPLE_ROOTS = {"17", "18", "19", "20"}


def _dated_participle(tok: Token) -> bool:
    """Rule `dated_participle`: "the activists detained last week were freed": a reduced relative
    with a time of its own ("last week", "on Monday", "in May") tells an act done then, not a
    description of its noun; a date deeper inside ("accused of a role in the 1990 war") is not its time.
    The caller, not this test, keeps only coercion and violence so (roots in DATED_PARTICIPLE_ROOTS)."""
    times = [c for c in tok.children if c.dep_ in ("npadvmod", "advmod", "tmod", "obl")]
    times += [o for p in tok.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    return any(t.ent_type_ in ("DATE", "TIME") for t in times)


def find_candidates(ctx: Any, lex: Lexicon) -> list[Candidate]:
    """All event mentions in the non-furniture sentences of the article."""
    out: list[Candidate] = []
    doc = ctx.doc
    # every key _verb_entry tries starts with the verb's lemma and a space or ends there
    key_first_words = {key.split(" ", 1)[0] for key in lex.verbs}
    senses = _story_senses(ctx, lex)
    # (rule `harmful_blast`: only in a story that tells of bombs or attacks, not of a factory accident)
    blast_story = any(w[2] in lex.blast_story_cues for _s, ws in _story_words(ctx) for w in ws)
    for sent, words in _story_words(ctx):
        nominal_heads: dict[int, Candidate] = {}
        for i, pos, lemma in words:
            if pos in NOUN_POS and lemma in lex.nouns:
                tok = doc[i]
                if tok.ent_type_ in ("DATE", "TIME"):
                    continue  # "in March", "on Strike Day": a date, not an act
                entry = lex.nouns[lemma]
                code = _noun_code(tok, entry, lex)
                head = tok.head
                if code is None and tok.dep_ == "pobj" and head.lower_ in entry.after_prep:
                    code = entry.after_prep[head.lower_]  # "workers are on strike": the phrase tells the act
                if code is None and tok.dep_ not in ("dobj", "nsubjpass", "obj") and _definite_singular(tok):
                    code = senses.get(lemma)  # rule `story_sense`: "the strike" of a story about a labour strike
                if code is None and tok.dep_ in ("dobj", "nsubjpass", "obj"):
                    # "carried out strikes against": a noun that is an event only when a light verb carries it
                    code = entry.light_codes.get(lex.verb_lemma(head))
                if code is None and entry.harm_code and _did_harm(tok, lex) and blast_story:
                    code = entry.harm_code
                if code is None:
                    continue
                if tok.dep_ in ("dobj", "attr", "oprd") and head.lemma_.lower() in lex.descriptive_verbs:
                    continue  # rule `descriptive_noun`: "poses an existential threat to Japan"
                if tok.dep_ == "pobj" and head.lower_ in ("in", "to", "of") and head.head.lemma_.lower() in lex.pause_nouns:
                    continue  # rule `paused_act`: "a pause in the shelling" stops the act; it tells no new one
                if entry.display_of and _displays_a_quality(ctx, tok, lex):
                    continue  # rule `display_of`: "a demonstration of resolve" shows a quality, no rally
                if entry.kind == "threat" and tok.dep_ == "pobj" and head.lower_ in lex.danger_preps \
                        and not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in tok.children):
                    continue  # rule `descriptive_noun`: "shields against cyber threats" are dangers, not acts
                cand = Candidate(tok, entry, code, sent.zone, [tok])
                if tok.dep_ in ("dobj", "nsubjpass", "obj") and (
                        lex.verb_lemma(head) in lex.light_verbs or lex.verb_lemma(head) in entry.light_codes):
                    cand.light_verb = head
                    cand.trigger_tokens = [head, tok]
                    if code == entry.code:  # (a modifier's code stands: "launched an air strike")
                        cand.code = entry.light_codes.get(lex.verb_lemma(head), cand.code)
                        if not cand.code:
                            continue  # (a light code left empty: "lodged a plea" in court is no appeal)
                elif entry.light_only:
                    continue
                elif tok.dep_ in ("nsubj",) and head.pos_ in VERB_POS | {"AUX"}:
                    cand.anchor_verb = head
                nominal_heads[tok.i] = cand
                out.append(cand)
        for i, pos, _lemma in words:
            if pos not in VERB_POS:
                continue
            tok = doc[i]
            if tok.dep_ == "amod" and tok.tag_ == "VBG" and lex.verb_lemma(tok) in lex.participle_acts \
                    and tok.head.pos_ == "NOUN" and tok.head.tag_ == "NNS":
                # rule `participle_act`: "striking miners", "protesting students" tell the act of those people
                code = lex.participle_acts[lex.verb_lemma(tok)]
                out.append(Candidate(tok, Entry(key=f"{lex.verb_lemma(tok)} participle", code=code, targets=[]),
                                     code, sent.zone, [tok]))
                continue
            if tok.dep_ in ("compound", "amod", "nmod"):
                continue  # "the governing party": a verb form used as a modifier
            obj = direct_object(tok)
            if obj is not None and obj.i in nominal_heads and lex.verb_lemma(tok) in lex.light_verbs:
                continue  # the nominal carries the event: "made a call for", "held talks"
            if tok.dep_ == "acl" and tok.tag_ == "VBN" and not any(
                    c.dep_ == "agent" for c in tok.children) and not _dated_participle(tok):
                continue  # "the civilians imprisoned for ...": a participle describes, it does not report
            if tok.lemma_.lower() == "call" and any(c.dep_ in ("oprd",) for c in tok.children) \
                    and direct_object(tok) is not None and "call names" in lex.verbs \
                    and (_object_is_party(ctx, tok, lex) or _disapproving_predicate(tok, lex)):
                # (not "called the issue a red line"; but "called the move illegal" disapproves of it)
                # rule `name_calling`: "calling her a 'tailless, old, insane' ..." denounces her
                out.append(Candidate(tok, lex.verbs["call names"], lex.verbs["call names"].code or "111",
                                     sent.zone, [tok]))
                for t in tok.subtree:
                    if t.i in nominal_heads:
                        nominal_heads[t.i].drop = True
                continue
            verb_lemma = lex.verb_lemma(tok)
            if " " not in verb_lemma and verb_lemma not in key_first_words:
                continue  # no key of the lexicon can start with it: _verb_entry would find nothing
            found = _verb_entry(tok, lex)
            if found is None:
                continue
            entry, refiner = found
            if entry.kind in ("request", "demand") and reports_a_claim(tok):
                continue  # rule `claimed_complement`: "insisted the plan had worked" asks nothing
            if entry.kind == "request" and _moved_by_a_thing(ctx, tok, lex):
                continue  # rule `feeling_passive`: "was encouraged by the talks" is a feeling, no appeal
            if entry.needs_object and direct_object(tok) is None and not any(
                    c.dep_ == "dative" for c in tok.children):
                continue  # "help reduce tensions": a helping verb with only a verbal complement
            if entry.intransitive and _children(tok, {"dobj", "obj", "ccomp"}):
                continue  # ("the review demonstrates that ...": a verb of showing)
            if entry.party_object and not _object_is_party(ctx, tok, lex):
                continue  # "the targets were met", "hosted the fair": no party met or hosted
            code = _resolve_code(entry, refiner, lex)
            if code is None and entry.party_code and direct_object(tok) is not None and _object_is_party(ctx, tok, lex):
                code = entry.party_code  # "will release the 8 aid workers": a party released
            if code is None and entry.kind == "stop":
                code = ""  # pending: "stopped supplying fuel" is coded from the act it stops
            if code is None:
                continue
            if tok.dep_ == "acl" and tok.tag_ == "VBN" and code[:2] not in DATED_PARTICIPLE_ROOTS and not any(
                    c.dep_ == "agent" for c in tok.children):
                continue  # (rule `dated_participle` keeps only acts done to the noun's people)
            if refiner is not None and refiner.i in nominal_heads and entry.objects:
                nominal_heads[refiner.i].drop = True  # "launched an air strike": the verb codes it
            if code.endswith("0") and len(code) == 3:
                # "hit by France in airstrikes": a generic verb takes the code of its instrument noun
                for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "with")):
                    for noun in (c for c in prep.children if c.dep_ == "pobj" and c.i in nominal_heads):
                        nominal = nominal_heads[noun.i]
                        if nominal.code[:2] == code[:2] and not nominal.drop:
                            code = nominal.code
                            nominal.drop = True
            out.append(Candidate(tok, entry, code, sent.zone, [tok]))
    out = [c for c in out if not c.drop]
    out.sort(key=lambda c: c.token.i)
    return out


def conditional_warnings(ctx: Any, lex: Lexicon, taken: set[int], warning_entry: Entry) -> list[Candidate]:
    """Rule `conditional_warning`: "if X does Y, (then) we will Z" said by someone is a warning of
    the speaker to X (CAMEO 13), whatever Z is; the consequence itself is not asserted."""
    out: list[Candidate] = []
    doc = ctx.doc
    for sent, words in _story_words(ctx):
        for i, pos, _lemma in words:
            if pos not in VERB_POS or i in taken:
                continue
            tok = doc[i]
            aux = {c.lower_ for c in tok.children if c.dep_ == "aux"}
            if not aux & {"will", "would", "'ll", "shall"}:
                continue
            cond = [c for c in tok.children if c.dep_ == "advcl"
                    and any(m.lower_ in ("if", "unless") for m in c.children if m.dep_ == "mark")]
            subj = [c for c in tok.children if c.dep_ in ("nsubj",)]
            if not cond or not subj or subj[0].lower_ not in ("we", "i"):
                continue
            cand = Candidate(tok, warning_entry, warning_entry.code or "130", sent.zone, [tok])
            cand.extra["condition"] = cond[0]
            out.append(cand)
    return out


VERDICT = Entry(key="verdict", code="111", kind="verdict", targets=[])
HOPE_APPEAL = Entry(key="hope appeal", code="020", kind="request", targets=[])


def _story_tokens(ctx: Any, taken: set[int], keep: Callable[[str, str], bool]) -> Iterator[tuple[str, Token]]:
    """(zone, token) for every token of the story's sentences not already an event trigger whose
    coarse tag and lower-cased lemma pass `keep`."""
    doc = ctx.doc
    for sent, words in _story_words(ctx):
        for i, pos, lemma in words:
            if i not in taken and keep(pos, lemma):
                yield sent.zone, doc[i]


def _under_cue(tok: Token, lex: Lexicon) -> bool:
    """The clause of `tok` is the content of a reporting verb ("said that ...")."""
    while tok.dep_ in ("conj",) and tok.head.i != tok.i:
        tok = tok.head
    head = tok.head
    return tok.dep_ in ("ccomp", "xcomp") and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in lex.cue_verbs


def verdicts(ctx: Any, lex: Lexicon, taken: set[int]) -> list[Candidate]:
    """Rule `verdict`: a reported judgement on another party's conduct ("said the North's actions
    damaged peace", "said the charges were false") is its speaker's disapproval (lexicon `verdicts`)."""
    spec = lex.verdicts
    if not spec:
        return []
    out: list[Candidate] = []
    harm_verbs = spec.get("harm_verbs", ())
    for zone, tok in _story_tokens(ctx, taken, lambda pos, lemma: lemma == "be" or (pos == "VERB" and lemma in harm_verbs)):
        if not _under_cue(tok, lex):
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in spec.get("harm_verbs", ()):
            obj = direct_object(tok)
            goods = [obj] + [c for c in obj.children if c.dep_ == "conj"] if obj is not None else []
            if not any(g.lemma_.lower() in spec.get("public_goods", ()) for g in goods):
                continue
        elif lemma == "be":
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            pred = next((c for c in tok.children if c.dep_ in ("acomp", "attr")), None)
            if subj is None or pred is None:
                continue
            claim = subj.lemma_.lower() in spec.get("claim_nouns", ()) \
                and pred.lemma_.lower() in spec.get("dismissive_predicates", ())
            act = (subj.lemma_.lower() in lex.nouns or subj.lower_ in ("it", "this", "that")) \
                and pred.lemma_.lower() in spec.get("condemning_predicates", ())
            if not claim and not act:
                continue
        else:
            continue
        cand = Candidate(tok, VERDICT, str(spec.get("code", "111")), zone, [tok])
        cand.extra["span"] = [tok.left_edge, tok.right_edge]  # the whole judgement is the evidence
        out.append(cand)
    return out


VEHICLE_BOMBING = Entry(key="vehicle bombing", code="1832", targets=["into", "through"])


def vehicle_bombings(ctx: Any, lex: Lexicon, taken: set[int]) -> list[Candidate]:
    """Rule `vehicle_bombing` (CAMEO 1832 "carry out vehicular bombing"): "a bomber crashed a van
    loaded with explosives into the embassy gate", "drove an explosives-laden car into the base": a
    vehicle driven into a target is a bombing when the vehicle carries explosives or its driver is
    a bomber (lexicon `vehicle_bombing`: driving verbs, vehicles, explosive words)."""
    spec = lex.vehicle_bombing
    if not spec:
        return []
    out: list[Candidate] = []
    verbs, vehicles, explosive = spec.get("verbs", ()), spec.get("vehicles", ()), spec.get("explosives", ())
    driven_things = set(vehicles) | set(explosive)  # (built once a story: "a van", or "the bomb" that crashed)
    for zone, tok in _story_tokens(ctx, taken, lambda pos, lemma: pos == "VERB" and lemma in verbs):
        obj = direct_object(tok)
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        vehicle = obj if obj is not None else subj
        if vehicle is None or vehicle.lemma_.lower() not in driven_things:
            continue
        carried = list(vehicle.subtree)
        if not [p for p in [*tok.children, *carried] if p.dep_ == "prep" and p.lower_ in ("into", "through")]:
            continue  # (the parser may hang "into the base" from the vehicle or from "packed with")
        loaded = any(t.lemma_.lower() in explosive for t in carried) or any(
            c.dep_ == "dobj" and c.lemma_.lower() in explosive for c in tok.children)  # ("a car full explosives")
        bomber = subj is not None and subj is not vehicle and any(
            t.lemma_.lower() in spec.get("drivers", ()) for t in subj.subtree)
        if loaded or bomber:
            out.append(Candidate(tok, VEHICLE_BOMBING, VEHICLE_BOMBING.code or "1832", zone, [tok]))
    return out


ADVICE_APPEAL = Entry(key="advice appeal", code="020", kind="request", targets=[])


def advice_appeals(ctx: Any, lex: Lexicon, taken: set[int]) -> list[Candidate]:
    """Rule `advice_appeal` (CAMEO 02 appeal; 020 "make an appeal or request"): "the senator said the
    government should raise its troop numbers", "argued that Chile must withdraw" tells advice as speech:
    an appeal of the speaker to the party that should act, whose act is requested, not done
    (lexicon `advice_appeal`: speech verbs, the modal auxiliaries and need/have-to verbs of obligation)."""
    spec = lex.advice_appeal
    if not spec:
        return []
    out: list[Candidate] = []
    verbs, modals, needs = spec.get("verbs", ()), spec.get("modals", ()), spec.get("need_verbs", ())
    for zone, tok in _story_tokens(ctx, taken, lambda pos, lemma: pos == "VERB" and lemma in verbs):
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lower_ in ("it", "this", "that", "which"):
            continue
        for clause in (c for c in tok.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")):
            inner = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if inner is None or (inner.pos_ == "PRON" and inner.lower_ != "we"):
                continue  # ("they need to export": a third party's need described, no one advised)
            if not (inner.lower_ == "we" or inner.ent_type_ in NAMED_PARTIES or lex.in_class(inner.lemma_, "VISITOR")
                    or bridge.actor_for_token(ctx, inner) is not None):
                continue  # ("said the talks should resume": no party is advised)
            obliged = any(c.dep_ == "aux" and c.lower_ in modals for c in clause.children) or (
                clause.lemma_.lower() in needs and any(c.dep_ == "xcomp" for c in clause.children))
            if not obliged or any(c.dep_ == "neg" for c in [*tok.children, *clause.children]):
                continue
            out.append(Candidate(tok, ADVICE_APPEAL, ADVICE_APPEAL.code or "020", zone, [tok]))
            break
    return out


def hope_appeals(ctx: Any, lex: Lexicon, taken: set[int]) -> list[Candidate]:
    """Rule `hope_appeal`: "we hope all sides can help reduce tensions" appeals to those sides."""
    spec = lex.hope_appeal
    if not spec:
        return []
    out: list[Candidate] = []
    hope_verbs = spec.get("verbs", ())
    for zone, tok in _story_tokens(ctx, taken, lambda pos, lemma: pos == "VERB" and lemma in hope_verbs):
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lower_ not in spec.get("subjects", ()):
            continue
        for clause in (c for c in tok.children if c.dep_ == "ccomp"):
            inner = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            modal = any(c.dep_ == "aux" and c.lower_ in spec.get("modals", ()) for c in clause.children)
            if inner is None or not modal:
                continue
            heads = [inner] + [c for c in inner.children if c.dep_ in ("poss", "conj")]
            party = any(h.lemma_.lower() in spec.get("party_nouns", ()) or
                        h.ent_type_ in ("GPE", "NORP", "ORG") for h in heads)
            if party:
                out.append(Candidate(tok, HOPE_APPEAL, HOPE_APPEAL.code or "020", zone, [tok]))
                break
    return out
