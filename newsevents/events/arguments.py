"""Arguments of event mentions from the dependency parse (rule `arguments`): subjects and
passive agents, objects and prepositional targets, coordination, relative clauses, control,
apposition and nominal arguments; and the governor of each mention (rule `governor`): the
request, threat, refusal or report that embeds it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.tokens import Token

from newsevents.events import bridge
from newsevents.events.detect import Candidate, small_clause_subject
from newsevents.events.lexicon import Lexicon, load_lexicon
from newsevents.reading import Actor

SUBJ = {"nsubj", "csubj"}
THING_CLASSES = ("AGREEMENT", "EVIDENCE", "SANCTION", "NEGOTIATION", "TIES", "AID", "WEAPON")
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
SPEAKER_PRONOUNS = {"we", "i", "our", "us", "my", "me"}
GOVERNING_KINDS = {"request", "demand", "threat", "refuse", "stop", "intend", "deny", "accuse"}
CIRCUMSTANCE_PREPS = {"despite", "after", "before", "since", "during", "amid", "following", "until"}
EMBED_DEPS = {"xcomp", "ccomp", "advcl", "pcomp", "pobj", "prep", "acl", "dobj", "conj", "relcl", "csubj"}


def _child(tok: Token, deps: set[str]) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _pobj(tok: Token, prep: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
            obj = _child(c, {"pobj"})
            if obj is not None:
                return obj
    return None


def _relative_head(tok: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies."""
    if tok.lower_ in RELATIVE_PRONOUNS:
        clause = tok.head
        while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i:
            if clause.dep_ == "ROOT":
                break
            clause = clause.head
        if clause.dep_ in ("relcl", "acl"):
            return clause.head
        antecedent = comma_antecedent(tok)
        if antecedent is not None:
            return antecedent
    return tok


def comma_antecedent(tok: Token) -> Token | None:
    """ "criticised Azerbaijan, which attacked ...": the parser may hang the relative clause on the
    main verb; a wh-pronoun right after a comma stands for the name just before it."""
    if tok.tag_ not in ("WDT", "WP") or tok.i < 2 or tok.doc[tok.i - 1].text != ",":
        return None
    noun = tok.doc[tok.i - 2]
    while noun.dep_ == "compound" and noun.head.i > noun.i:
        noun = noun.head
    return noun if noun.pos_ in ("PROPN", "NOUN") else None


def verb_subject(verb: Token) -> tuple[Token | None, bool]:
    """The logical subject of a verb and whether the verb is passive (subject = undergoer)."""
    subjects = [c for c in verb.children if c.dep_ in SUBJ]
    if subjects:
        # "SEOUL, South Korea — North Korea fired": a dateline parsed as a second subject; the
        # subject nearest the verb on its left is the real one
        before = [c for c in subjects if c.i < verb.i]
        subj = before[-1] if before else subjects[0]
        if subj.is_upper and len(subj) > 2 and subj.i == subj.sent.start:
            # "MOSCOW, Russia - Ukraine fired": the actor is the last apposition after the dateline
            after_dash = [c for c in subj.children if c.dep_ == "appos" and any(
                t.text in ("—", "–", "-", "--") for t in subj.doc[subj.i: c.i])]
            if after_dash:
                subj = after_dash[-1]
        return _relative_head(subj), False
    passives = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if passives:
        before = [c for c in passives if c.i < verb.i]  # (a dateline parsed as a second subject)
        return _relative_head(before[-1] if before else passives[0]), True
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return verb_subject(verb.head)
    if verb.dep_ == "amod" and verb.tag_ == "VBG":
        return verb.head, False  # "striking miners": the people the participle describes do it
    if verb.dep_ in ("relcl", "acl"):
        # "activists ... who sent", "a campaign carried out by": the modified noun
        if verb.tag_ == "VBN" and verb.dep_ == "acl":
            return verb.head, True
        return verb.head, False
    if verb.dep_ == "pcomp" and verb.head.lower_ == "for":
        # "indicted a girl on charges ... for punching a soldier": the one charged did it
        up = verb.head.head
        while up.head.i != up.i and not (up.pos_ in ("VERB", "AUX") and _child(up, {"dobj", "obj"}) is not None):
            up = up.head
        obj = _child(up, {"dobj", "obj"})
        if obj is not None:
            return obj, False
    if verb.dep_ == "pcomp" and verb.head.lower_ == "of" and verb.head.head.pos_ == "VERB":
        obj = _child(verb.head.head, {"dobj", "obj"})
        if obj is not None:
            return obj, False  # "accused Chile of spreading lies": the one accused did it
    if verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):
        return verb_subject(verb.head.head)  # "has held her since arresting her"
    if verb.dep_ in ("xcomp", "ccomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        # control: "urged Caracas to free them" -> Caracas; "threatened to pull out" -> subject
        obj = _child(verb.head, {"dobj", "obj"})
        if obj is not None and verb.dep_ == "xcomp":
            return obj, False
        if verb.dep_ in ("xcomp", "advcl"):
            # "X is expected to attend", "was asked to leave": the passive is the governing verb's;
            # the controlled verb is active unless it is itself passive ("expected to be freed")
            subj, passive = verb_subject(verb.head)
            if verb.head.dep_ in ("acl", "relcl"):
                if verb.dep_ == "advcl" and verb.tag_ == "VBG":
                    return subj, _own_passive(verb)  # "students arrested while protesting": they protested
                return subj, passive  # "a summit scheduled to discuss": the noun is no doer
            return subj, _own_passive(verb)
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ in ("acomp", "xcomp") \
            and verb.head.head.pos_ in ("VERB", "AUX"):
        # "were not able to arrest", "is likely to visit": the adjective's subject does the act
        subj, _ = verb_subject(verb.head.head)
        return subj, _own_passive(verb)
    return None, False


def _own_passive(verb: Token) -> bool:
    """The verb is passive in its own clause ("to be released")."""
    return any(c.dep_ == "auxpass" for c in verb.children)


def _target_token(cand: Candidate, lex: Lexicon) -> Token | None:
    tok = cand.token
    slots = cand.entry.targets or (["dobj"] if not cand.entry.noun else [])
    for slot in slots:
        if slot == "dobj":
            got = _child(tok, {"dobj", "obj"}) or (small_clause_subject(tok) if not cand.entry.noun else None)
            if got is not None and cand.entry.key == "call names" and got.lower_ in ("it", "this", "that"):
                continue  # rule `name_calling`: "called it illegal" judges a thing, no party
            if got is not None and any(lex.in_class(got.lemma_, k) for k in THING_CLASSES):
                # "endorsed an agreement with the EU", "presented evidence against Russia"
                inner = _pobj(got, "with") or _pobj(got, "against") or _pobj(got, "on") or _pobj(got, "to")
                if inner is not None:
                    return inner
            if got is not None and got.lemma_.lower() not in lex.nouns:
                return got
            if got is not None and not cand.entry.objects:
                # "denounced Tehran's missile tests": an act aimed at an act is aimed at its doer
                doer = act_doer(got)
                if doer is not None:
                    return doer
        elif slot == "dative":
            got = _child(tok, {"dative"})
            if got is None and cand.light_verb is not None:
                got = _child(cand.light_verb, {"dative"})  # "gave Canada a deadline"
            if got is not None:
                return _child(got, {"pobj"}) or got
        else:
            got = _pobj(tok, slot)
            if got is not None and got.ent_type_ in ("DATE", "TIME"):
                # "fired ... on Monday": a time is not a target; but "met with President X Tuesday"
                # glues the name to the day: the name before it is the target
                names = [c for c in got.children if c.dep_ == "compound" and c.ent_type_ not in ("DATE", "TIME")]
                got = names[-1] if names else None
            if got is None and cand.light_verb is not None:
                got = _pobj(cand.light_verb, slot)
            if got is None and cand.entry.noun and cand.entry.objects and _pobj(tok, "of") is not None:
                got = _pobj(_pobj(tok, "of"), slot)  # "a widening of curbs on arms dealers"
            if got is None and not cand.entry.noun:
                obj = _child(tok, {"dobj", "obj"})
                if obj is not None:
                    got = _pobj(obj, slot)
            if got is None and not cand.entry.noun:
                # "advised against travel to Niger": the slot on the noun of the verb's own preposition
                for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ != slot):
                    noun = _child(prep, {"pobj"})
                    got = _pobj(noun, slot) if noun is not None and noun.ent_type_ not in ("DATE", "TIME") else None
                    if got is not None:
                        break
            if got is not None and any(lex.in_class(got.lemma_, k) for k in THING_CLASSES):
                # "criticism of the deal between the EU and Turkey": the parties to the thing
                party = _pobj(got, "with") or _pobj(got, "against") or _pobj(got, "between") or act_doer(got)
                got = party or got
            if got is not None:
                return got
    return None


def _giver(verb: Token) -> Token | None:
    """ "received X from Y": Y, whether the parser hangs "from Y" on the verb or on its object."""
    got = _pobj(verb, "from")
    obj = _child(verb, {"dobj", "obj"})
    if got is None and obj is not None:
        got = _pobj(obj, "from")
    return got


def act_doer(noun: Token) -> Token | None:
    """The doer named inside an event noun phrase: its possessor ("Tehran's tests"), its
    "by" agent ("the launch by North Korea") or a nationality modifier ("the North Korean test")."""
    poss = _child(noun, {"poss"})
    if poss is not None and poss.lower_ not in ("its", "their", "his", "her", "our", "my", "your"):
        return poss
    by = _pobj(noun, "by")
    if by is not None:
        return by
    for c in noun.children:
        if c.i < noun.i and c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE"):
            return c
        if c.i < noun.i and c.dep_ == "compound" and c.ent_type_ == "ORG":
            return c  # "an EU demand", "a NATO strike"
    return None


def _nationality_modifier(noun: Token) -> Token | None:
    """ "a North Korean artillery drill", "Israeli tank shelling": a nationality in the phrase names
    the doer (it is closer evidence than the subject of the verb the noun hangs from)."""
    for c in noun.subtree:
        if c.i >= noun.i:
            break
        if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE") and c.head.i > c.i:
            return c.head if c.head.ent_type_ in ("NORP", "GPE") and c.head.i < noun.i else c
    return None


AIMING_VERBS = {"target", "aim", "direct"}
VICTIM_VERBS = {"die", "perish", "succumb"}  # (rule `attack_victims`: the ones who died in an attack)
UNDERGOING_VERBS = {"die", "perish", "suffer", "succumb", "survive", "flee", "escape", "lose", "sustain"}
ORG_DOER_ROOTS = {"14", "15", "17", "18", "19", "20"}


def nominal_arguments(cand: Candidate, lex: Lexicon) -> tuple[Token | None, Token | None]:
    """Source and target of a nominal event: possessor, 'by', 'between X and Y', a light verb's
    subject, a participle 'carried out by Y', a nationality modifier; target from its prepositions."""
    noun = cand.token
    source = target = None
    between = _pobj(noun, "between")
    if between is not None:
        source = between
        target = _child(between, {"conj"})
    by = _pobj(noun, "by")
    if by is not None:
        source = by
    # "a campaign against X carried out by Y": the participle may hang from X in the parse
    near = {noun.i} | {o.i for p in noun.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"}
    for acl in (c for c in noun.subtree if c.dep_ in ("acl", "relcl") and c.tag_ in ("VBN", "VBD")
                and c.head.i in near):
        agent = _pobj(acl, "by")
        if agent is not None and source is None:
            source = agent
        if target is None and acl.head.i == noun.i and acl.lemma_.lower() in AIMING_VERBS:
            target = _pobj(acl, "at") or _pobj(acl, "against")  # "shelling aimed at the police"
    if source is None and cand.anchor_verb is not None and cand.anchor_verb.lemma_.lower() in lex.light_verbs:
        source = _pobj(cand.anchor_verb, "by")  # a misparsed "campaign ... carried out by Y"
    poss = _child(noun, {"poss"})
    if source is None and poss is not None and poss.lower_ not in ("its", "their", "his", "her"):
        source = poss
    if source is None and poss is not None and cand.entry.kind in ("request", "demand") \
            and noun.dep_ in ("dobj", "obj") and noun.head.pos_ == "VERB":
        subj, passive = verb_subject(noun.head)  # "the EU renewed its demand": the subject's own demand
        source = None if passive else subj
    if source is None and cand.entry.kind in ("request", "demand"):
        # "an EU demand", "a UN call for": the organization naming the demand made it
        source = next((c for c in noun.children if c.dep_ == "compound" and c.ent_type_ == "ORG"), None)
    if target is None and source is not None and cand.entry.kind in ("request", "demand") and cand.light_verb is None \
            and noun.dep_ in ("dobj", "obj") and noun.head.pos_ == "VERB":
        addressee, passive = verb_subject(noun.head)  # "Ruritania rejected a UN demand": Ruritania was asked
        if addressee is not None and not passive and addressee.i != source.i:
            target = addressee
    if target is None and cand.light_verb is not None and cand.light_verb.lemma_.lower() in lex.undergoer_light_verbs:
        target, _ = verb_subject(cand.light_verb)  # "Ruritania faces a UN demand": Ruritania is the one pressed
    if source is None and cand.light_verb is not None:
        lv = cand.light_verb
        if lv.lemma_.lower() in lex.undergoer_light_verbs:
            source = _pobj(lv, "from") or _pobj(noun, "from")
            target, _ = verb_subject(lv)
        else:
            subj, passive = verb_subject(lv)
            source = _pobj(lv, "by") if passive else subj
    if source is None and noun.dep_ == "pobj" and noun.head.lower_ == "for" \
            and noun.head.head.lemma_.lower() == "responsibility" and noun.head.head.head.pos_ == "VERB":
        claimant, passive = verb_subject(noun.head.head.head)  # "X claimed responsibility for the attack"
        source = None if passive else claimant
    if source is None:
        source = _nationality_modifier(noun)
    if source is None and cand.code[:2] in ORG_DOER_ROOTS:
        # "a rebel-front car bombing", "a rebel group's": an organization named in the phrase did it
        source = next((c for c in noun.children if c.dep_ == "compound" and c.i < noun.i and c.ent_type_ == "ORG"), None)
    # "spoke at a rally", "arrested during a protest": the one who speaks or arrests there is no
    # protester; only "took part in a march" makes the verb's subject a participant
    venue_preps = ("in",) if cand.code[:2] == "14" else ("after", "in", "at", "during", "from", "following")
    if source is None and noun.dep_ == "pobj" and noun.head.dep_ == "prep" \
            and (noun.head.lower_ in venue_preps
                 or noun.head.lower_ in cand.entry.after_prep):  # ("workers are on strike")
        verb = noun.head.head
        while verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("dobj", "obj", "pobj", "nsubjpass") \
                and verb.head.i != verb.i:
            verb = verb.head  # "pursuing weapons programs in defiance of": the verb the phrase hangs from
            verb = verb.head if verb.dep_ == "prep" else verb
        if verb.pos_ in ("VERB", "AUX"):
            subj, passive = verb_subject(verb)  # "Trump, speaking after a summit with Abe"
            if not passive and verb.lemma_.lower() not in UNDERGOING_VERBS:  # ("two died in an attack": victims)
                source = subj
                obj = _child(verb, {"dobj", "obj"})
                if noun.head.lower_ == "in" and obj is not None and obj.lemma_.lower() not in lex.nouns \
                        and verb.i == noun.head.head.i \
                        and verb.lemma_.lower() not in lex.cue_verbs:  # not "told CNN in a phone call"
                    target = obj  # "engaged the peacekeepers in a firefight": the verb's object
            elif not passive and subj is not None and cand.code[:2] in ("18", "19", "20") \
                    and noun.head.lower_ in ("in", "during") and verb.lemma_.lower() in VICTIM_VERBS:
                target = subj  # rule `attack_victims`: "two soldiers died in an ambush": it was aimed at them
                if lex.in_class(subj.lemma_, "PARTITIVE") or lex.in_class(subj.lower_, "PARTITIVE"):
                    # ("dozens of villagers died in the raid": the ones the partitive counts)
                    target = _pobj(subj, "of") or subj
    if target is None:
        target = _target_token(cand, lex)
    return source, target


def assign_tokens(cand: Candidate, lex: Lexicon) -> None:
    """Rule `arguments`: the source and target tokens of one mention."""
    if cand.entry.noun:
        cand.source_token, cand.target_token = nominal_arguments(cand, lex)
        return
    verb = cand.token
    subj, passive = verb_subject(verb)
    target = _target_token(cand, lex)
    if passive:
        agent = _pobj(verb, "by")
        if agent is None and (cand.code[:2] in ("18", "19", "20") or cand.entry.aimed):
            agent = _pobj(verb, "from")  # "a mortar bomb was fired at it from the Gaza Strip"
        if agent is None and cand.code[:2] in ("18", "19", "20"):
            instrument = _pobj(verb, "in")  # "killed in Israeli tank shelling": the nationality of the means
            agent = _nationality_modifier(instrument) if instrument is not None else None
            if agent is None and instrument is not None and instrument.ent_type_ == "NORP":
                agent = instrument
        if agent is None and subj is not None and lex.in_class(subj.lemma_, "WEAPON"):
            # "the North Korean rocket that was launched": a weapon's nationality names who used it
            agent = _nationality_modifier(subj) or next(
                (c for c in subj.children if c.dep_ == "amod" and c.ent_type_ in ("NORP", "GPE")), None)
            if agent is not None and target is None:
                target = _target_token(cand, lex)
                cand.source_token = agent
                cand.target_token = target
                return
        cand.source_token = agent
        if subj is not None and any(lex.in_class(subj.lemma_, k) for k in THING_CLASSES):
            target = target or _pobj(subj, "against") or _pobj(subj, "with")
        elif target is None or target.dep_ in ("dobj", "obj"):
            target = subj
    elif verb.lemma_.lower() in lex.undergoer_light_verbs and _giver(verb) is not None and cand.code[:2] != "04":
        # (but "received ministers from X" hosts them: the subject is the host, CAMEO 043)
        # rule `undergoer_verb`: "received weapons from the government": the giver is the source
        cand.source_token = _giver(verb)
        target = subj
    else:
        cand.source_token = subj
    if target is None and cand.entry.kind in ("request", "demand"):
        # "calling for the United States to step up": the addressee is the asked clause's subject
        for clause in verb.children:
            if clause.dep_ in ("xcomp", "ccomp", "advcl"):
                asked = _child(clause, {"nsubj"})
                if asked is not None:
                    target = asked
                    break
    cand.target_token = target


def _conj_tokens(tok: Token | None) -> list[Token]:
    if tok is None:
        return []
    if tok.pos_ == "ADP" and tok.ent_type_:
        # "Barack Obama and ...": a first name mis-tagged as a preposition carries the name as its object
        name = next((c for c in tok.children if c.dep_ == "pobj" and c.ent_type_ == tok.ent_type_), None)
        if name is not None:
            return [tok] + [t for t in _conj_tokens(name) if t.i != name.i]
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN"):
            out += _conj_tokens(c)
        elif c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ in ("GPE", "NORP", "ORG") \
                and any(g.dep_ == "conj" for g in (*c.children, *tok.children)):
            out += _conj_tokens(c)  # "The US, Russia, and Switzerland": a list parsed as apposition
    return out


def speaker_actor(ctx: Any, cand: Candidate) -> tuple[Any, str | None]:
    """The speaker of the quote this mention sits in, coded; and the speaker's name."""
    start = ctx.raw_span(cand.token)[0]
    quote = bridge.quote_at(ctx, start)
    if quote is None or not quote.speaker:
        return None, None
    return bridge.actor_for_name(ctx, quote.speaker, quote.speaker_start, quote.speaker_end), quote.speaker


def code_actor(ctx: Any, cand: Candidate, tok: Token | None) -> Any:
    if tok is None:
        return None
    if tok.lower_ in SPEAKER_PRONOUNS and tok.tag_ in ("PRP", "PRP$"):
        actor, _ = speaker_actor(ctx, cand)
        if actor is None and cand.governor is not None and cand.governor.entry.kind == "speech":
            return cand.governor.source
        return actor
    if tok.pos_ in ("NOUN", "NUM", "PRON") and load_lexicon().in_class(tok.lemma_, "PARTITIVE"):
        of = _pobj(tok, "of")  # "hundreds of UN troops", "a part of Syria's second city"
        if of is not None:
            return code_actor(ctx, cand, of)
    if tok.tag_ == "PRP" and tok.lower_ in ("her", "him", "she", "he"):
        got = bridge.actor_for_token(ctx, tok)
        if got is not None:
            return got
        # "police held Lina Haddad since arresting her": the nearest person named before, in the sentence
        for prev in reversed(list(tok.sent[: tok.i - tok.sent.start])):
            if prev.ent_type_ == "PERSON" and prev.dep_ != "compound":
                return _named_actor(ctx, prev)
        return None
    if tok.tag_ == "PRP" and tok.lower_ in ("it", "they", "them"):
        got = bridge.actor_for_token(ctx, tok)
        if got is not None:
            return got
        # "X were hit harder than they were hit by France": the subject before, in the sentence
        for prev in reversed(list(tok.sent[: tok.i - tok.sent.start])):
            if prev.dep_ in ("nsubj", "nsubjpass") and prev.pos_ in ("NOUN", "PROPN"):
                return bridge.actor_for_token(ctx, prev)
        return None
    if tok.pos_ == "NOUN" and cand.code[:2] in ("16", "17", "18", "19", "20") and tok.dep_ in ("dobj", "nsubjpass"):
        # "shut down a factory park in North Korea": a site stands for the country it is in
        got = bridge.actor_for_token(ctx, tok)
        if got is not None:
            return got
        if cand.code[:2] in ("18", "19", "20") and any(
                load_lexicon().in_class(tok.lemma_, k) for k in ("PEOPLE", "PRISONER", "VISITOR")):
            return None  # "shot a trader in Nairobi": a person attacked is no site of the country
        place = _pobj(tok, "in")
        if place is None and tok.dep_ in ("dobj", "obj"):
            place = _pobj(tok.head, "in")  # "shut down a factory park in X": the parser hangs "in X" on the verb
        if place is not None and place.ent_type_ in ("GPE", "LOC"):
            return bridge.actor_for_token(ctx, place)
        return None
    if tok.pos_ == "NOUN":
        # "the North's allies, China and Russia": a named apposition says who the noun is;
        # "backed Trump's stance": a stance, claim or plan stands for its owner
        for dep in ("appos", "poss"):
            for child in (c for c in tok.children if c.dep_ == dep):
                if dep == "poss" and tok.lemma_.lower() not in OWNED_NOUNS:
                    continue
                got = _named_actor(ctx, child)
                if got is not None and got.country:
                    return got
    got = _named_actor(ctx, tok)
    if got is None and tok.pos_ == "NOUN" and tok.lemma_.lower() in OWNED_NOUNS:
        got = _earlier_owner(ctx, tok)
    if got is None and tok.pos_ == "NOUN" and tok.lemma_.lower() in load_lexicon().place_stands_for_country:
        # "sorrow for the shootings in South Carolina": an event or site stands for its country
        place = _site_place(tok)
        if place is not None:
            found = bridge.actor_for_token(ctx, place)
            got = replace(found, agent="", code=found.country) if found is not None and found.country else None
    return got


def _earlier_owner(ctx: Any, tok: Token) -> Any:
    """Rule `definite_owned_noun`: "denounced the efforts", "rejected the plan": a definite owned
    noun with no owner of its own is the one the story named earlier with its owner ("his
    efforts", "Obama's plan"): the nearest earlier mention of the same noun with a possessor."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or any(
            c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("of", "by")) for c in tok.children):
        return None
    lemma = tok.lemma_.lower()
    for prev in reversed(tok.doc[: tok.i]):
        if prev.pos_ != "NOUN" or prev.lemma_.lower() != lemma:
            continue
        owner = next((c for c in prev.children if c.dep_ == "poss"), None)
        got = _named_actor(ctx, owner) if owner is not None else None
        if got is not None and got.country:
            start, end = ctx.raw_span(tok.doc[tok.left_edge.i: tok.i + 1])  # (the mention coded here)
            return replace(got, text=ctx.raw[start:end], start=start, end=end)
    return None


def _site_place(tok: Token) -> Token | None:
    """Where a happening or site is: "the shootings in South Carolina", "an attack at a mall in
    Kenya's capital" (the place of the site it is at)."""
    place = None
    for holder in [tok] + [c for c in tok.children if c.dep_ in ("acl", "relcl")]:
        place = _pobj(holder, "in")
        for prep in ("at", "near", "on", "outside", "inside"):
            site = _pobj(holder, prep) if place is None else None
            if site is not None:
                place = _pobj(site, "in") or (site if site.ent_type_ == "GPE" else None)
                break
        if place is not None:
            break
    if place is None or (place.ent_type_ != "GPE" and not any(c.ent_type_ == "GPE" for c in place.children)):
        return None
    return place



def country_of_place(place: Any) -> Actor:
    """A place the geo stage read, standing for its country (no agent): rules that infer a party
    from where an act happened ("attacked_place", "unnamed_protesters") name the country, not a role."""
    return Actor(text=place.text, start=place.start, end=place.end, country=place.country, agent="", code=place.country)


def _geo_place_actor(ctx: Any, tok: Token) -> Actor | None:
    """The country of the place the places stage read at `tok`, as a country-only actor."""
    start, end = ctx.raw_span(tok)
    place = next((p for p in getattr(ctx, "places", ()) if p.start <= start and end <= p.end and p.country), None)
    if place is None:
        return None
    return country_of_place(place)


def _attacked_place(ctx: Any, cand: Candidate) -> list[Any]:
    """Rule `attacked_place`: "the bombing killed nine", "after the attack, shops closed": an attack
    told by a noun that names no party is aimed at the country where its sentence happens (a place
    the geo stage reads in the clause or sentence; the dateline alone is too weak a guess). The
    target is marked as inferred."""
    if (cand.source_token is not None and not cand.entry.subject_refines) or (
            cand.target_token is not None and cand.target_token.pos_ in ("PROPN", "PRON")):
        return []  # ("his attack on the minister": a party the text names but no code: do not guess)
    if cand.token.dep_ == "compound":
        return []  # ("an attack helicopter", "torture claims": the noun only describes another)
    place = bridge.place_for_token(ctx, cand.token)
    if (place is None or not place.country) and cand.entry.harm_code:
        # (a blast that did harm in a bombing story, told where no place is read: the story's country)
        focus = ctx.exposed.get("focus_country")
        place = next((p for p in getattr(ctx, "places", ()) if focus and p.country == focus), None)
    if place is None or not place.country or place is ctx.exposed.get("_geo_dateline"):
        return []
    cand.inferred_target = True
    return [country_of_place(place)]


def _named_actor(ctx: Any, tok: Token) -> Any:
    """The actors stage's coding of a token; a person's name it did not link by position
    ("Trump's stance") is coded by the name itself."""
    got = bridge.actor_for_token(ctx, tok)
    if got is None and tok.pos_ == "PROPN" and tok.ent_type_ in ("PERSON", "ORG", ""):
        # (the tagger often labels a bare surname ORG: the name still says who it is)
        lo = tok.i
        while lo > 0 and tok.doc[lo - 1].dep_ == "compound" and tok.doc[lo - 1].head.i == tok.i:
            lo -= 1
        s, e = ctx.raw_span(tok.doc[lo: tok.i + 1])
        got = bridge.actor_for_name(ctx, ctx.raw[s:e])
    return got


OWNED_NOUNS = {"assistance", "help", "support", "aid", "role", "efforts", "stance", "position", "policy", "plan", "proposal", "claim", "decision", "call", "view",
               "remark", "comment", "statement", "action", "move", "effort", "program", "programme",
               "government", "regime", "leadership"}


def _city_modifier(ctx: Any, cand: Candidate) -> Token | None:
    """Rule `site_modifier`: in "the Paris attacks", "the Kabul bombing", "the Hong Kong protests" a
    city (not a country) modifying a contentious act noun names where it happened, not who did it."""
    tok = cand.source_token
    if not cand.entry.noun or tok is None or cand.code[:2] not in ("14", "15", "17", "18", "19", "20"):
        return None
    if tok.dep_ != "compound" or tok.ent_type_ != "GPE":
        return None
    start, end = ctx.raw_span(tok)
    place = next((p for p in getattr(ctx, "places", ()) if p.start <= start and end <= p.end), None)
    return tok if place is not None and place.kind not in ("country", "region") else None


def _they_antecedent(ctx: Any, tok: Token | None) -> Token | None:
    """Rule `they_coordination`: "Lopez and Tanaka said they will visit Chile": a "they" the actors
    stage did not link stands for the coordinated subject before it in the sentence (each its own
    party); otherwise the token itself."""
    if tok is None or tok.lower_ != "they" or bridge.actor_for_token(ctx, tok) is not None:
        return tok
    for prev in reversed(list(tok.sent[: tok.i - tok.sent.start])):
        if prev.dep_ == "nsubj" and prev.pos_ == "PROPN" and any(c.dep_ == "conj" for c in prev.children):
            return prev
    return tok


def code_arguments(ctx: Any, cand: Candidate) -> None:
    """Actors for the source and target tokens (coordinated ones too) via the actors stage."""
    site = _city_modifier(ctx, cand)
    if site is not None:
        cand.source_token = None
    srcs = [a for a in (code_actor(ctx, cand, t) for t in _conj_tokens(_they_antecedent(ctx, cand.source_token))) if a]
    if not srcs and cand.source_token is not None and cand.source_token.dep_ == "nsubj":
        # "the militant group Ansar Dine is claiming": a name split into several subjects by the parser
        others = [c for c in cand.source_token.head.children if c.dep_ == "nsubj" and c.i != cand.source_token.i]
        srcs = [a for a in (code_actor(ctx, cand, t) for t in others) if a][:1]
    lex = load_lexicon()
    if not srcs and cand.source_token is not None and (lex.in_class(cand.source_token.lemma_, "WEAPON") or (
            cand.entry.subject_refines and lex.object_code(cand.entry, cand.source_token.lemma_))):
        # "blown up by a missile believed to be fired by rebels": the weapon's user
        users = [_child(t, {"pobj"}) for t in cand.source_token.subtree if t.dep_ == "agent"]
        users = [u for u in users if u is not None] or [_nationality_modifier(cand.source_token)]
        srcs = [a for a in (code_actor(ctx, cand, u) for u in users if u is not None) if a][:1]
        cand.extra["weapon"] = cand.source_token.lemma_.lower()
    if len(srcs) == 1:
        srcs += _coordinated_modifiers(ctx, cand.source_token, srcs[0])
    tgts = [a for a in (code_actor(ctx, cand, t) for t in _conj_tokens(cand.target_token)) if a]
    if len(tgts) == 1:
        tgts += _coordinated_modifiers(ctx, cand.target_token, tgts[0])
    if not tgts and cand.target_token is not None and cand.target_token.dep_ in ("dobj", "obj") \
            and not cand.entry.noun:
        # rule `thing_object`: "demanded answers from the police", "sought an apology from Japan": the
        # object is a thing, no party; the party is in a later target slot of the verb or its object
        for slot in cand.entry.targets:
            got = _pobj(cand.token, slot) or _pobj(cand.target_token, slot) if slot not in ("dobj", "dative") else None
            tgts = [a for a in (code_actor(ctx, cand, t) for t in _conj_tokens(got)) if a] if got is not None else []
            if tgts:
                cand.target_token = got
                break
    if not srcs and cand.source_token is not None and cand.token.dep_ == "acl" \
            and cand.source_token.dep_ in ("dobj", "obj") \
            and not any(c.dep_ == "poss" for c in cand.source_token.children):
        # (but "questioned the army's decision to withdraw": the decision is the possessor's)
        # "unions sent letters condemning the plan": the letters speak for their sender
        sender, passive = verb_subject(cand.source_token.head)
        if sender is not None and not passive:
            got = code_actor(ctx, cand, sender)
            srcs = [got] if got else []
            cand.extra["inferred_source"] = bool(got)
    if not tgts and cand.target_token is None and not cand.entry.noun and srcs \
            and (cand.entry.kind in ("request", "demand", "accuse") or cand.code[:2] == "11"):
        tgts = _coordinated_clause_party(ctx, cand, srcs[0])
    if not tgts and (cand.entry.noun or cand.entry.subject_refines) and cand.code[:2] in ("18", "19", "20"):
        # "the bombing in Kabul": an attack told by its place is aimed at that country
        place = _site_place(cand.token) or site or next(
            (t for t in cand.token.subtree if t.i < cand.token.i and t.dep_ == "compound" and t.pos_ == "PROPN"
             and _geo_place_actor(ctx, t) is not None), None)  # ("the Leeds suicide bombing")
        found = bridge.actor_for_token(ctx, place) if place is not None else None
        if (found is None or not found.country) and place is not None:
            found = _geo_place_actor(ctx, place)  # (a city the actors stage does not code: "the Leeds bombing")
        if found is not None and found.country:
            tgts = [replace(found, agent="", code=found.country)]
        elif not srcs:
            tgts = _attacked_place(ctx, cand)
    if not srcs and not tgts and cand.code[:3] not in ("042", "043"):  # (a visitor named only: a tourist?)
        srcs = [a for a in [_uncoded_name(ctx, cand.source_token)] if a]
        tgts = [a for a in [_uncoded_name(ctx, cand.target_token)] if a]
        if srcs or tgts:
            cand.extra["uncoded"] = True
    cand.sources, cand.targets = srcs, tgts
    cand.source = srcs[0] if srcs else None
    cand.target = tgts[0] if tgts else None


UNCODED_NAME_TYPES = ("PERSON", "ORG")


def _uncoded_name(ctx: Any, tok: Token | None) -> Any:
    """Rule `uncoded_name`: "the FBI opened an investigation of Flynn": a party named by a proper
    name the actors stage could not code is still the act's party, with its words and no code."""
    if tok is not None and tok.lower_ == "they" and tok.tag_ == "PRP":
        # "Heads of the Harbor Porters Guild said they will keep striking": the subject before
        tok = next((p for p in reversed(list(tok.sent[: tok.i - tok.sent.start]))
                    if p.dep_ in ("nsubj", "nsubjpass") and p.pos_ in ("NOUN", "PROPN")), None)
    if tok is not None and tok.pos_ == "NOUN" and tok.tag_ == "NNS":
        # "Heads of the Harbor Porters Guild": people of a named body speak for it
        body = _pobj(tok, "of")
        if body is not None and body.pos_ == "PROPN" and body.ent_type_ in UNCODED_NAME_TYPES:
            start, end = ctx.raw_span(tok.doc[tok.left_edge.i: body.right_edge.i + 1])
            return Actor(text=ctx.raw[start:end], start=start, end=end, country="", agent="", code="")
    if tok is None or tok.pos_ != "PROPN" or tok.ent_type_ not in UNCODED_NAME_TYPES:
        return None
    lo = tok.i
    while lo > tok.sent.start and tok.doc[lo - 1].ent_type_ == tok.ent_type_ and tok.doc[lo - 1].head.i == tok.i:
        lo -= 1
    start, end = ctx.raw_span(tok.doc[lo: tok.i + 1])
    return Actor(text=ctx.raw[start:end], start=start, end=end, country="", agent="", code="")


def _coordinated_clause_party(ctx: Any, cand: Candidate, source: Any) -> list[Any]:
    """Rule `coordinated_clause_party`: "Neither the ministry nor the army answered the letter,
    but senators have demanded an explanation": a demand, appeal, accusation or criticism that names
    no one is aimed at the party that is the subject of the clause it is coordinated with."""
    verb = cand.token
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        others = [verb.head]
    else:
        others = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    for other in others:
        subj = next((c for c in other.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ == "PRON":
            continue
        got = [a for a in (code_actor(ctx, cand, t) for t in _conj_tokens(subj)) if a]
        got = [a for a in got if a.code != source.code]
        if got:
            return got
    return []


def _coordinated_modifiers(ctx: Any, tok: Token | None, actor: Any) -> list[Any]:
    """Rule `coordination`: "US and British activists" are two sources: the noun's actor once per
    coordinated nationality or country modifier."""
    if tok is None or not actor.country:
        return []
    out = []
    for mod in (c for c in tok.children if c.dep_ in ("nmod", "amod", "compound") and c.i < tok.i):
        # (the tagger may label a nationality ORG: "Kenyan and Ugandan leaders"; the actor's country decides)
        for conj in (c for c in mod.children if c.dep_ == "conj" and c.ent_type_ in ("GPE", "NORP", "ORG")):
            got = bridge.actor_for_token(ctx, conj)
            if got is not None and got.country and got.country != actor.country:
                same_span = [a for a in getattr(ctx, "actors", ()) if (a.start, a.end) == (actor.start, actor.end)
                             and a.country == got.country]  # (the actors stage coded the phrase for it too)
                agent = actor.agent if actor.agent and actor.agent != "GOV" else got.agent
                out.append(same_span[0] if same_span else
                           replace(actor, country=got.country, agent=agent, code=got.country + agent))
    if tok.tag_ in ("NNS", "NNPS"):
        # rule `role_place_pp`: "the foreign ministers of A and B": the actors stage coded the plural
        # phrase once per country placed in its PP; each is a party of its own
        seen = {actor.country} | {a.country for a in out}
        for other in getattr(ctx, "actors", ()):
            if (other.start, other.end) == (actor.start, actor.end) and other.country \
                    and other.country not in seen:
                seen.add(other.country)
                out.append(other)
    return out


def _misattached_noun_governor(cand: Candidate, by_token: dict[int, Candidate]) -> Candidate | None:
    """Rule `governor` (noun "for X to V"): in "renewed its demand for X to withdraw" the parser hangs
    the infinitive on the verb; the demand, call or plea noun with "for" before it governs the act,
    and the one named after "for" is the one asked to do it."""
    tok = cand.clause_verb
    if tok.dep_ not in ("advcl", "xcomp", "acl") or not any(a.dep_ == "aux" and a.tag_ == "TO" for a in tok.children):
        return None
    if tok.dep_ == "acl":
        nouns = [tok.head]  # (the parse got it right: "its call for X to act")
    else:
        nouns = [c for c in tok.head.children if c.dep_ in ("dobj", "obj", "nsubj", "nsubjpass")]
        nouns += [p for c in tok.head.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    for noun in nouns:
        gov = by_token.get(noun.i)
        if gov is None or gov is cand or not gov.entry.noun or gov.entry.kind not in GOVERNING_KINDS:
            continue
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "for" and c.i < tok.i):
            doer = _child(prep, {"pobj"})
            if doer is not None:
                cand.source_token = doer  # ("for Turkey to recognise": Turkey is asked to act)
            return gov
    return None


def find_governor(cand: Candidate, by_token: dict[int, Candidate], lex: Lexicon) -> tuple[Candidate | None, Token | None]:
    """Rule `governor`: walk up the clause chain to the nearest mention of a governing kind, or
    to a reporting verb (said, confirmed, reported) whose content this mention is."""
    tok = cand.clause_verb
    noun_gov = _misattached_noun_governor(cand, by_token)
    if noun_gov is not None:
        return noun_gov, None
    while tok.head.i != tok.i:
        dep = tok.dep_
        if dep not in EMBED_DEPS:
            return None, None
        head = tok.head
        if dep == "relcl":
            return None, None  # a relative clause asserts on its own
        if dep == "prep" and tok.lower_ in CIRCUMSTANCE_PREPS:
            return None, None  # "pushing for relief despite three meetings": a circumstance, not the content
        gov = by_token.get(head.i)
        if dep == "conj":
            tok = head
            if gov is not None:
                return None, None  # "threatened X and urged Y": coordinated, not embedded
            continue
        if gov is not None and gov is not cand and gov.entry.kind in GOVERNING_KINDS:
            if gov.entry.kind == "refuse" and cand.entry.noun and cand.entry.kind in ("request", "demand"):
                return None, None  # "pushed back against calls to talk": the calls were made
            return gov, None
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in lex.cue_verbs and dep in ("ccomp", "xcomp"):
            return None, head
        tok = head
    return None, None


def reporter_of(ctx: Any, cue: Token) -> tuple[Any, str | None]:
    """The reporter behind a cue verb: its subject ("a spokesperson said")."""
    subj, passive = verb_subject(cue)
    if subj is None or passive:
        return None, None
    span = cue.doc[subj.left_edge.i: subj.right_edge.i + 1]
    s, e = ctx.raw_span(span)
    return bridge.actor_for_token(ctx, subj), ctx.raw[s:e]
