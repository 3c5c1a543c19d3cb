"""Parse repair before events are read: a coordinated verb hung inside the wrong clause."""

from __future__ import annotations

from spacy.attrs import DEP
from spacy.tokens import Doc, Token

PERFECT_AUX = {"had", "has", "have", "'d"}
FINITE_PAST_OR_PRESENT = {"VBD", "VBZ", "VBP"}


def _auxiliaries(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("aux", "auxpass")]


def misattached_conjunct(tok: Token, cue_verbs: set[str]) -> Token | None:
    """Rule `conjunct_tense`: "X denied that its soldiers had opened fire and accused Y": a bare
    finite verb (no auxiliary) coordinated with a perfect-tense verb of a reported clause, when it
    has the same tense as the reporting verb, continues the main clause, not the reported one.
    A plain reporting verb ("said that Hamas had broken the truce and launched rockets") is left
    alone: there the reported clause often goes on. Returns the verb the conjunct belongs with,
    or None when the parser's attachment stands."""
    head = tok.head
    if tok.dep_ != "conj" or tok.pos_ != "VERB" or tok.tag_ not in FINITE_PAST_OR_PRESENT or _auxiliaries(tok):
        return None
    if head.tag_ != "VBN" or head.dep_ != "ccomp" or head.i > tok.i:
        return None
    if not any(a.lower_ in PERFECT_AUX for a in _auxiliaries(head)):
        return None
    outer = head.head
    if outer.i == head.i or outer.pos_ != "VERB" or outer.tag_ != tok.tag_ or _auxiliaries(outer) \
            or outer.lemma_.lower() in cue_verbs:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None  # its own subject: the parser's attachment is as good as any
    return outer


def reduced_relative(tok: Token) -> Token | None:
    """Rule `reduced_relative`: "The civilians imprisoned for speaking against Beijing were released
    by Xi": the parser reads "imprisoned" as the main verb and "were released" as its conjunct. A
    passive conjunct with no subject of its own and no conjunction before it, after a past verb
    with a subject and no object, is the main verb; the first verb is a participle describing the
    subject. So too when the parser tags the first verb a bare past participle and hangs the passive
    on it as an adverbial clause ("The two activists seized a week ago were freed on Friday": a past
    participle with a subject and no auxiliary cannot be the main verb). Returns the subject, or
    None when the parse stands."""
    head = tok.head
    if tok.dep_ not in ("conj", "advcl") or tok.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in tok.children):
        return None
    if tok.dep_ == "advcl" and (head.tag_ != "VBN" or _auxiliaries(head) or any(
            c.dep_ == "mark" or c.tag_ == "WRB" for c in tok.children)):
        return None  # ("X, when he was freed": a real adverbial clause)
    if any(c.dep_ in ("nsubj", "nsubjpass", "cc") for c in tok.children) or head.tag_ not in ("VBD", "VBN") \
            or head.dep_ != "ROOT":
        return None
    if any(t.dep_ == "cc" or t.lower_ in (",", ";") for t in tok.doc[head.i + 1: tok.i] if t.head.i == head.i):
        return None  # a real coordination: "they imprisoned him, and he was released"
    subj = [c for c in head.children if c.dep_ == "nsubj" and c.i < head.i]
    if len(subj) != 1 or any(c.dep_ in ("dobj", "obj", "ccomp", "xcomp") for c in head.children):
        return None
    return subj[0]


def reattach_conjuncts(doc: Doc, cue_verbs: set[str]) -> None:
    """Hang each misattached conjunct on the verb it continues, so its subject, governor and
    modality are read from the main clause; make a misread reduced relative's passive the main verb."""
    conj = doc.vocab.strings["conj"]
    # both repairs start from a conjunct, and no repair makes a word a conjunct: only the words
    # parsed as conjuncts are visited (each still checked as it stands when its turn comes)
    advcl = doc.vocab.strings["advcl"]
    conjuncts = [i for i, dep in enumerate(doc.to_array(DEP).tolist()) if dep in (conj, advcl)]
    for i in conjuncts:
        tok = doc[i]
        outer = misattached_conjunct(tok, cue_verbs) if tok.dep_ == "conj" else None
        if outer is not None:
            tok.head = outer
            continue
        subj = reduced_relative(tok)
        if subj is not None:
            verb = tok.head
            tok.head, tok.dep_ = tok, "ROOT"
            verb.head, verb.dep_, verb.tag_ = subj, "acl", "VBN"
            subj.head, subj.dep_ = tok, "nsubjpass"
