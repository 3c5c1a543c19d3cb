"""Modality of an event mention (rule `modality`): asserted, negated, hypothetical (conditional,
future, possible, planned, counterfactual), requested or threatened (from its governor)."""

from __future__ import annotations

from spacy.tokens import Token

from newsevents.events.detect import Candidate
from newsevents.events.lexicon import Lexicon

GOVERNOR_MODALITY = {"request": "requested", "demand": "requested", "threat": "threatened",
                     "refuse": "negated", "deny": "negated", "intend": "hypothetical",
                     "accuse": "hypothetical"}  # an alleged act is not established


def _clause_chain(tok: Token) -> list[Token]:
    """The verb and the verbs it hangs from through xcomp/conj (tense and negation live there)."""
    chain = [tok]
    while tok.dep_ in ("xcomp", "conj", "acomp") and tok.head.i != tok.i:
        tok = tok.head
        chain.append(tok)
    return chain


def is_negated(tok: Token, lex: Lexicon) -> bool:
    for t in _clause_chain(tok):
        if any(c.dep_ == "neg" or c.lower_ in ("never",) for c in t.children):
            return True
    head = tok.head
    if tok.dep_ in ("xcomp",) and head.lemma_.lower() in lex.negating_governors:
        return True
    if tok.dep_ == "xcomp" and any(c.dep_ == "advmod" and c.lower_ in lex.negating_degree for c in head.children):
        return True  # rule `excess_degree`: "was too weak to attack" attacked no one
    # "has no intention of acceding": a negated noun governing the clause
    while (tok.dep_ in ("pcomp", "pobj", "prep", "acl") or (
            tok.dep_ == "relcl" and any(c.tag_ == "TO" for c in tok.children))) and tok.head.i != tok.i:
        # ("there was no reason to prosecute him": an infinitive relative of a negated noun)
        tok = tok.head
        if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return True
    return False


def is_hypothetical(tok: Token, lex: Lexicon) -> bool:
    for t in _clause_chain(tok):
        aux = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in lex.hypothetical_aux for a in aux):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in t.children):
            return True
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in lex.hypothetical_governors:
            return True
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.lemma_.lower() in lex.hypothetical_governors:
            return True  # "capable of hitting", "committed to improving"
        if t.dep_ in ("acl", "relcl") and t.head.lemma_.lower() in lex.purpose_nouns \
                and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children):
            return True  # "a scheme to seize the port", "a bid to oust him": the aim, not a done act
        # "is to visit", "are due to", "is going to visit"
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in ("be", "due"):
            return True
        if _headline_infinitive(t):
            return True
        if t.dep_ == "xcomp" and t.head.lemma_.lower() == "go" and t.head.tag_ == "VBG" \
                and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children):
            return True
        if t.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children) \
                and t.head.pos_ == "VERB" and is_hypothetical(t.head, lex):
            return True  # "will send troops to fight": the purpose of a planned act is not done either
        if t.dep_ == "advcl" and (any(m.lower_ in ("if", "unless") for m in t.children if m.dep_ == "mark")
                                  or _inverted_condition(t)):
            return True
        if t.dep_ == "advcl" and t.head.pos_ == "ADJ" and t.head.lemma_.lower() in lex.hypothetical_governors \
                and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children):
            return True  # "difficult to intercept": an act judged possible or not, not done
        # the main clause of a conditional: "destroy North Korea if it threatens the United States"
        for c in t.children:
            if c.dep_ == "advcl" and (any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                                      or _inverted_condition(c)):
                return True
    return False


def _headline_infinitive(t: Token) -> bool:
    """Headline style "Kenya to expel diplomats": a bare infinitive with a subject as the main verb
    tells a plan (the future), not a done act."""
    return t.dep_ == "ROOT" and t.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children) \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)


def _inverted_condition(clause: Token) -> bool:
    """ "Had the army fired, ...", "Were the talks to fail, ...": an auxiliary before the subject
    of an adverbial clause makes it a condition."""
    aux = next((c for c in clause.children if c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "were", "should")), None)
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return aux is not None and subj is not None and aux.i < subj.i and clause.i > subj.i


def _reported_future(t: Token, lex: Lexicon) -> bool:
    """ "The EU said it would hold talks": "would" reporting a plan (the future of a past
    statement), not a counterfactual ("would have met") or the consequence of a condition."""
    aux = {c.lower_ for c in t.children if c.dep_ == "aux"}
    if "would" not in aux or aux & {"have", "'ve"}:
        return False
    if any(c.dep_ in ("advcl",) and any(m.lower_ in ("if", "unless") for m in c.children) for c in t.children):
        return False
    return t.dep_ == "ccomp" and t.head.lemma_.lower() in lex.cue_verbs


def is_future_intent(tok: Token, lex: Lexicon) -> bool:
    """Rule `future_intent`: "will release", "is willing to withdraw", "plans to meet"."""
    for t in _clause_chain(tok):
        if t.dep_ == "relcl":
            return False  # "the leader, who will visit Seoul": a plan described, not a statement of intent
        if any(c.dep_ == "aux" and c.lower_ in lex.future_intent_aux for c in t.children) or _headline_infinitive(t):
            return not any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in t.children)
        if _reported_future(t, lex):
            return True
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in lex.future_intent_governors:
            return True
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.lemma_.lower() in lex.future_intent_governors:
            return True
    return False


def is_topic(tok: Token) -> bool:
    """Rule `topic`: "talks on deploying a missile shield", "a plan for withdrawing": an act that
    is the topic of a noun is talked about, not done."""
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.lower_ in ("on", "about", "over"):
        return tok.head.head.pos_ in ("NOUN", "PROPN")
    return False


def is_generic_topic(tok: Token) -> bool:
    """Rule `topic`: "back on the track of dialogue and negotiations", "the threat of sanctions": a
    bare event noun (no article, no possessor) after "of/on/about/for" a noun names a kind of act
    talked about, not an act that happened."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("of", "on", "about", "over", "for"):
        return False
    if any(c.dep_ in ("det", "poss", "nummod") for c in tok.children):
        return False
    return tok.head.head.pos_ == "NOUN"


def is_past_perfect(tok: Token) -> bool:
    for t in _clause_chain(tok):
        if t.tag_ == "VBN" and any(c.dep_ in ("aux",) and c.lower_ in ("had", "'d") for c in t.children):
            return True
    return False


INSTRUMENT_PREPS = {"with", "through"}


def _means_of_an_unrealized_act(c: Candidate, lex: Lexicon) -> bool:
    """Rule `means_adjunct`: "militias that will reclaim the town with sudden raids": an act noun
    that is the means (a with/through adjunct) of a future, modal or advised act has not happened."""
    tok = c.token
    if not c.entry.noun or tok.dep_ != "pobj" or tok.head.lower_ not in INSTRUMENT_PREPS:
        return False
    prep = tok.head
    while prep.dep_ == "conj" and prep.head.pos_ == "ADP" and prep.head.i != prep.i:
        prep = prep.head  # ("with artillery support and with raids": the first with-phrase's verb)
    verb = prep.head
    return verb.pos_ in ("VERB", "AUX") and is_hypothetical(verb, lex)


def inherit_modality(cands: list[Candidate], lex: Lexicon | None = None) -> None:
    """An act embedded under an act that did not happen did not happen either ("would not give
    permission to Russia to help Israel": no help)."""
    by_token = {c.token.i: c for c in cands}
    by_token.update({c.light_verb.i: c for c in cands if c.light_verb is not None})
    for c in cands:
        if c.modality != "asserted" or c.governor is not None:
            continue
        if lex is not None and _means_of_an_unrealized_act(c, lex):
            c.modality = "hypothetical"
            continue
        tok = c.clause_verb
        while tok.head.i != tok.i and tok.dep_ in ("xcomp", "ccomp", "acl", "advcl", "pcomp", "pobj", "prep", "dobj"):
            tok = tok.head
            up = by_token.get(tok.i)
            if up is not None and up is not c and up.modality in ("hypothetical", "negated", "requested", "threatened"):
                c.modality = "hypothetical" if up.modality != "negated" else "negated"
                break


def _prevented(cand: Candidate, lex: Lexicon) -> bool:
    """Rule `prevented_act`: "troops guarded the court to prevent further protests", "averted a
    strike": an act noun that is the object of a verb of preventing did not happen."""
    tok = cand.token
    return cand.entry.noun and tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in lex.preventing_verbs


def assign_modality(cand: Candidate, lex: Lexicon) -> None:
    verb = cand.clause_verb
    if cand.governor is not None:
        gov_kind = cand.governor.entry.kind
        if gov_kind == "stop":
            cand.drop = True  # "stopped supplying fuel": the stop is the event, not the supplying
            return
        if gov_kind in GOVERNOR_MODALITY:
            cand.modality = GOVERNOR_MODALITY[gov_kind]
            return
    if is_negated(verb, lex) or _prevented(cand, lex):
        cand.modality = "negated"
    elif is_topic(verb) or (cand.entry.noun and verb is cand.token and is_generic_topic(verb)):
        cand.modality = "hypothetical"
    elif cand.entry.key != "conditional warning" and (is_hypothetical(verb, lex) or is_future_intent(verb, lex)):
        cand.modality = "hypothetical"
        cand.extra["future_intent"] = is_future_intent(verb, lex)
