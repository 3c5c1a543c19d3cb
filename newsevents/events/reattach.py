"""Parse repair before events are read: a coordinated verb hung inside the wrong clause."""

from __future__ import annotations

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


def reattach_conjuncts(doc: Doc, cue_verbs: set[str]) -> None:
    """Hang each misattached conjunct on the verb it continues, so its subject, governor and
    modality are read from the main clause."""
    for tok in doc:
        outer = misattached_conjunct(tok, cue_verbs)
        if outer is not None:
            tok.head = outer
