"""Events stage: detect and code every political event, with modality, date, place and source.

`run(ctx)` fills `ctx.events` (newsevents.reading.Event). Steps, each a named rule:
detect (verb_trigger, nominal_trigger, light_verb, conditional_warning) -> arguments ->
governor (requests, threats, refusals, stops, reports) -> modality -> inner_specialize ->
actors (actors stage) -> story_dyad_target -> event_date -> quantity -> dedup.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from spacy.tokens import Token

from newsevents.events import bridge
from newsevents.events.arguments import (
    act_doer,
    assign_tokens,
    code_actor,
    code_arguments,
    comma_antecedent,
    country_of_place,
    find_governor,
    reporter_of,
    speaker_actor,
    verb_subject,
)
from newsevents.events.code import info, specialize
from newsevents.events.dates import assign_date
from newsevents.events.dedup import dedup, same_parties
from newsevents.events.detect import (
    VERDICT,
    Candidate,
    advice_appeals,
    conditional_warnings,
    find_candidates,
    hope_appeals,
    vehicle_bombings,
    verdicts,
)
from newsevents.events.lexicon import Entry, Lexicon, load_lexicon
from newsevents.events.modality import assign_modality, inherit_modality
from newsevents.events.quantity import find_quantity
from newsevents.events.reattach import reattach_conjuncts
from newsevents.reading import Actor, Event, Mention

VERBAL_ROOTS = {"01", "02", "03", "04", "05", "10", "11", "12", "13"}
DIRECTED_ROOTS = {"02", "10", "11", "12", "13", "16", "17", "18"}
# consultations and statements of intent to meet: a verb naming no partner talks with the counterpart
TALK_CODES = {"036", "040", "041", "042", "045", "046"}
WARNING = Entry(key="conditional warning", code="130", kind="threat", targets=[])


def _span_tokens(cand: Candidate) -> tuple[int, int]:
    toks = list(cand.trigger_tokens)
    sent = cand.token.sent
    for t in (cand.source_token, cand.target_token):
        if t is not None and t.sent == sent:
            toks += [t.left_edge, t.right_edge] if t.i > cand.token.i else [t.left_edge]
    if cand.entry.noun:
        toks += [cand.token.left_edge, cand.token.right_edge]
    toks += cand.extra.get("span", [])
    return min(t.i for t in toks), max(t.i for t in toks) + 1


def _country_counts(ctx: Any, cands: list[Candidate]) -> tuple[Counter[str], dict[str, Actor]]:
    """How often each country is a party in the story, and its first coded mention."""
    counts: Counter[str] = Counter()
    first: dict[str, Actor] = {}
    for actor in list(ctx.actors) + [a for c in cands for a in (c.source, c.target) if a]:
        if actor.country and len(actor.country) == 3:
            counts[actor.country] += 1
            first.setdefault(actor.country, actor)
    return counts, first


def _counted_as_two(tok: Token | None, lex: Lexicon) -> bool:
    """"both governments", "the two sides": a plural party noun counted as two."""
    return tok is not None and tok.tag_ in ("NNS", "NNPS") and tok.lemma_.lower() in lex.story_party_nouns \
        and any((c.dep_ in ("det", "predet", "nummod") and c.lower_ in ("both", "two")) for c in tok.children)


def _story_parties(ctx: Any, cands: list[Candidate], lex: Lexicon) -> None:
    """Rule `story_parties`: "the EU is ready to send monitors if both governments agreed", "urged
    the two sides to show restraint": a plural party counted as two that the actors stage left
    uncoded is the story's two main countries (each mentioned at least three times, the second
    at least a third as often as the first), one party each."""
    counts, first = _country_counts(ctx, cands)
    top = [(country, n) for country, n in counts.most_common(3) if n >= 3]
    if len(top) < 2 or top[1][1] < 0.3 * top[0][1] or (len(top) > 2 and top[2][1] == top[1][1]):
        return  # no clear pair of main parties
    for cand in cands:
        for side in ("source", "target"):
            tok = getattr(cand, side + "_token")
            if getattr(cand, side) is not None or not _counted_as_two(tok, lex):
                continue
            start, end = ctx.raw_span(tok.doc[tok.left_edge.i: tok.i + 1])
            agent = lex.story_party_nouns[tok.lemma_.lower()]
            parties = [Actor(text=ctx.raw[start:end], start=start, end=end, country=country, agent=agent,
                             code=country + agent, name=first[country].name) for country, _ in top[:2]]
            setattr(cand, side + "s", parties)
            setattr(cand, side, parties[0])
            if side == "target" and cand.source is not None and cand.source.country in {p.country for p in parties}:
                setattr(cand, side + "s", [p for p in parties if p.country != cand.source.country])
                setattr(cand, side, cand.targets[0])


def _story_dyad_target(ctx: Any, cands: list[Candidate]) -> None:
    """Rule `story_dyad_target`: a directed act (appeal, accusation, threat, coercion) whose text
    names no target is aimed at the source's counterpart in the story's main dyad (the most
    mentioned other country); so is an asserted consultation verb or statement of intent to talk
    that names no partner ("X will discuss the project once relations improve"). Such targets
    carry lower confidence."""
    counts, first = _country_counts(ctx, cands)
    for cand in cands:
        if cand.target is not None or cand.source is None or not cand.source.country:
            continue
        if len({a.country for a in cand.sources}) > 1 and cand.code[:2] in RECIPROCAL_ROOTS:
            continue  # (coordinated parties meeting or agreeing are each other's targets)
        if cand.code[:2] not in DIRECTED_ROOTS and not (
                cand.code[:3] in TALK_CODES and cand.modality == "asserted" and not cand.entry.noun):
            continue  # (talks "with" no one named: only an asserted verb, "will discuss a project")
        named = cand.target_token is not None and (
            cand.target_token.pos_ in ("PROPN", "PRON") or cand.code[:2] not in ("17", "18"))
        if named:
            continue  # the text names a target the actors stage could not code: do not guess
        # (a building or site destroyed or seized stands for its owner: the story's counterpart)
        own = counts.get(cand.source.country, 0)
        for country, n in counts.most_common():
            if n < 3 or n < 0.3 * own:
                break  # no clear counterpart in this story: leave the target empty
            if country != cand.source.country:
                a = first[country]
                cand.target = Actor(text=a.text, start=a.start, end=a.end, country=country, agent="",
                                    code=country, name=a.name)
                cand.inferred_target = True
                break


def _link_governors(ctx: Any, cands: list[Candidate], lex: Lexicon) -> None:
    by_token: dict[int, Candidate] = {}
    for c in cands:
        by_token.setdefault(c.token.i, c)
        if c.light_verb is not None:
            by_token.setdefault(c.light_verb.i, c)
    for c in cands:
        gov, cue = find_governor(c, by_token, lex)
        c.governor = gov
        if gov is not None:
            gov.inner.append(c)
        if cue is not None:
            actor, text = reporter_of(ctx, cue)
            c.extra["cue"] = cue
            c.extra["reporter"] = actor
            if text:
                c.reported_by.append(text)
                c.extra["reporter_text"] = text


def _specialize(cands: list[Candidate]) -> None:
    """Rule `inner_specialize`: the governed act refines the governor's code and lends it a target."""
    for gov in cands:
        inner = [c for c in gov.inner if c.code]
        if not inner:
            continue
        first = inner[0]
        kind = gov.entry.kind
        if gov.entry.noun and kind in ("request", "demand") and first.source_token is not None \
                and first.source_token.i == gov.token.i:
            # "faces a demand to free the envoy": the one asked does the act, not the demand noun
            first.source_token = gov.target_token
        subj, _ = verb_subject(gov.clause_verb)
        if kind == "intend" and gov.entry.needs_inner and first.source_token is not None and subj is not None \
                and first.source_token.i != subj.i and first.source_token.head.i == first.clause_verb.i:
            # rule `wish_of_another`: "Obama wants Putin to attack": a wish for another's act asks it of them
            kind = "request"
            gov.code = "020"
            gov.target_token = first.source_token
        if not any(ch.dep_ == "neg" for ch in first.token.children):
            # rule `negated_inner`: "urged X not to attack Y" asks for no attack: the act does not
            # refine the appeal (nor "vowed not to strike" the promise)
            gov.code = specialize(kind, gov.code or "", first.code) or gov.code
        if gov.target_token is None:
            if gov.entry.kind in ("request", "demand", "accuse") and first.source_token is not None:
                gov.target_token = first.source_token  # an accusation is aimed at the alleged doer
            elif first.target_token is not None:
                gov.target_token = first.target_token
            elif gov.entry.kind in ("threat",) and first.source_token is not None:
                subj, _ = verb_subject(gov.clause_verb)
                if subj is None or first.source_token.i != subj.i:
                    gov.target_token = None


PLURAL_PRONOUNS = {"they", "them"}
CIVIL_AGENTS = {"", "CVL", "LAB", "EDU", "OPP", "HLH", "REF"}  # (who can be a protest's participants)
TOLD_PROTEST_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "conj"}
TOLD_PROTEST_PREPS = {"during", "after", "amid", "following", "before", "since", "by", "with"}


def _protest_participants(ctx: Any, cands: list[Candidate]) -> None:
    """Rule `protest_participants`: a protest (CAMEO 14) whose participants the actors stage could
    not code keeps the people or body the text names ("around 100 farmers protested", "organized by
    a residents' group": an actor with its words and no code); one told without participants ("the protest spread to the next town",
    "they protested peacefully") was held by the participants of the story's nearest protest
    that names them (earlier first); so was one told in the passive with no doer ("cars were stoned")."""
    protests = [c for c in cands if c.code and c.code[:2] == "14" and not c.drop]
    for c in protests:
        if c.source is not None:
            continue
        tok = c.source_token
        if tok is not None and tok.pos_ == "NOUN":
            c.source = _uncoded_party(ctx, tok)
            c.sources = [c.source]
            continue
        if tok is not None and tok.pos_ == "PROPN":
            continue  # (a name the actors stage could not code: rule `uncoded_name` decides)
        noun = c.token
        if c.entry.noun and noun.dep_ == "pobj" and noun.head.lower_ in ("during", "at", "amid"):
            # "was arrested during the protest", "police fired on the crowd at the rally": the ones
            # arrested or fired on there took part in it
            act = next((a for a in cands if a.token.i == noun.head.head.i and a.code and a.code[:2] in VIOLENT_ROOTS
                        and a.target is not None), None)
            if act is not None and act.target.agent[:3] in CIVIL_AGENTS:
                c.source = act.target
                c.sources = [act.target]
                continue
        if not c.entry.noun and not (tok is not None and tok.lower_ in PLURAL_PRONOUNS) and not (
                tok is None and _passive_without_doer(c.token)):
            continue  # (a verb's participants are its subject: only "they" stands for the story's protesters,
            # and a passive with no doer, "cars were stoned", was done by them)
        if c.entry.noun and not (noun.dep_ in TOLD_PROTEST_DEPS or (
                noun.dep_ == "pobj" and noun.head.lower_ in TOLD_PROTEST_PREPS)):
            continue  # ("an act of protest", "in protest at": a description or a purpose, not a protest told)
        earlier = [p for p in protests if p.source is not None and p.token.i < c.token.i]
        later = [p for p in protests if p.source is not None and p.token.i > c.token.i]
        donor = earlier[-1] if earlier else (later[0] if later else None)
        if donor is not None:
            c.source = donor.source
            c.sources = [donor.source]
            c.extra["inferred_source"] = True


def _unnamed_protesters(ctx: Any, cands: list[Candidate], lex: Lexicon) -> None:
    """Rule `unnamed_protesters`: "angry marches broke out in the port city", "the
    minister gave way to the growing demonstrations": an asserted protest (CAMEO 14) told with no participants and no
    target, whose participants no earlier rule found, was held by people of the place where it
    happened (the clause's place, else the dateline's): an actor with that country only, marked as
    inferred. Not a protest only planned or called for (lexicon `event_anaphors.unrealized`)."""
    unrealized = set(lex.event_anaphors.get("unrealized", ()))
    for c in cands:
        if c.drop or not c.code or c.code[:2] != "14" or c.source is not None or c.target is not None:
            continue
        if c.modality != "asserted" or c.token.dep_ == "compound" or c.extra.get("uncoded"):
            continue
        if c.source_token is not None and c.source_token.pos_ in ("PROPN", "PRON"):
            continue  # (the text names them: a name the actors stage could not code is not guessed)
        if any(m.lower_ in unrealized for m in c.token.children if m.dep_ in ("amod", "compound", "advmod")):
            continue  # ("the planned march": not held yet)
        nxt = c.token.nbor(1) if c.token.i + 1 < len(c.token.doc) else None
        if c.entry.noun and nxt is not None and nxt.like_num:
            continue  # ("march 15" in lower-cased copy: a date the tagger missed)
        place = bridge.place_for_token(ctx, c.token)
        if place is None or not place.country:
            continue  # (the story's focus country alone: tried, it finds protests in stories of none)
        c.source = country_of_place(place)
        c.sources = [c.source]
        c.extra["inferred_source"] = True


def _show_of_force_abroad(ctx: Any, cands: list[Candidate]) -> None:
    """Rule `show_of_force_abroad`: a show of force (CAMEO 15) or a protest (CAMEO 14) held "in"
    another country's territory ("conducting military exercises in Alaska") is aimed at that
    country (the CAMEO manual: "the location of a demonstration sometimes represents the
    identity of the target")."""
    for c in cands:
        if not c.code or c.code[:2] not in ("14", "15") or c.target is not None or c.source is None:
            continue
        for head in (c.token, c.light_verb, c.clause_verb):
            place = next((o for p in (head.children if head is not None else ()) if p.dep_ == "prep"
                          and p.lower_ == "in" for o in p.children if o.dep_ == "pobj"), None)
            if place is not None and place.ent_type_ in ("GPE", "LOC"):
                got = bridge.actor_for_token(ctx, place)
                if got is not None and got.country and got.country != c.source.country:
                    c.target = replace(got, agent="", code=got.country)
                break


def _place_country(ctx: Any, tok: Token) -> str | None:
    """The country of the place the places stage found at `tok` (a city stands for its country)."""
    start, end = ctx.raw_span(tok)
    place = next((p for p in getattr(ctx, "places", ()) if p.start <= start and end <= p.end), None)
    return place.country if place is not None and place.country else None


def _host_visits(ctx: Any, cands: list[Candidate]) -> None:
    """Rule `host_visit` (CAMEO 042/043: the target of a visit is its host): "attend a summit in
    Norway", "attend the Lisbon games": a gathering held in another country than the
    source's, with no other target, is a visit to that country (lexicon key `host_visit`)."""
    for c in cands:
        code = c.entry.host_visit
        if not code or c.target is not None or c.source is None or not c.code:
            continue
        obj = next((o for o in c.token.children if o.dep_ in ("dobj", "obj")), None)
        spots = [o for h in (c.token, obj) if h is not None for p in h.children
                 if p.dep_ == "prep" and p.lower_ in ("in", "at") for o in p.children if o.dep_ == "pobj"]
        spots += [m for m in (obj.children if obj is not None else ()) if m.dep_ == "compound" and m.ent_type_ == "GPE"]
        spot, country = next(((t, k) for t, k in ((t, _place_country(ctx, t)) for t in spots) if k), (None, None))
        if spot is not None and country != c.source.country:
            start, end = ctx.raw_span(spot)
            c.target = Actor(text=ctx.raw[start:end], start=start, end=end, country=country, agent="", code=country)
            c.targets = [c.target]
            c.code = code
        elif c.code == code:
            c.drop = True  # ("attended the funeral" at home or nowhere named: no visit)


def _passive_without_doer(tok: Token) -> bool:
    """"was arrested", "was arrested and charged" (the second verb shares the first's passive):
    a passive with no "by" phrase naming who did it."""
    if any(a.dep_ == "agent" for a in tok.children):
        return False
    if any(a.dep_ == "auxpass" for a in tok.children) or (tok.dep_ == "acl" and tok.tag_ == "VBN"):
        return True  # (or a reduced relative, "the activists detained last week": rule `dated_participle`)
    return tok.dep_ == "conj" and any(a.dep_ == "auxpass" for a in tok.head.children) \
        and not any(a.dep_ in ("nsubj", "nsubjpass", "agent") for a in tok.children)


def _authorities_actor(ctx: Any, c: Candidate, agent: str) -> Actor | None:
    """The state where `c` happened, as an actor with `agent`: the place named after "in" on the
    verb, else the place the geo stage gives its clause, else the story's focus country (its words
    are the place's first mention)."""
    # (the places stage decides what is a place: the tagger may call a country a person)
    spot = next((o for p in c.token.children if p.dep_ == "prep" and p.lower_ == "in"
                 for o in p.children if o.dep_ == "pobj" and o.pos_ == "PROPN"), None)
    country = _place_country(ctx, spot) if spot is not None else None
    if country:
        start, end = ctx.raw_span(spot)
        return Actor(text=ctx.raw[start:end], start=start, end=end, country=country, agent=agent, code=country + agent)
    place = bridge.place_for_token(ctx, c.token)
    if place is None or not place.country:
        focus = ctx.exposed.get("focus_country") if hasattr(ctx, "exposed") else None
        place = next((p for p in getattr(ctx, "places", ()) if focus and p.country == focus), None)
    if place is None or not place.country:
        return None
    return Actor(text=place.text, start=place.start, end=place.end, country=place.country, agent=agent,
                 code=place.country + agent)


def _political_person(tok: Token | None, words: set[str]) -> bool:
    """Whether `tok` names people political by what they are called ("dissidents", "Leftists")."""
    if tok is None or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    return bool({tok.lemma_.lower(), tok.lower_, tok.lower_.removesuffix("s")} & words)


def _uncoded_party(ctx: Any, tok: Token | None) -> Actor | None:
    """The party `tok` heads, with its words and no code ("Leftists", "two dissidents"); none for a
    pronoun."""
    if tok is None or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    start, end = ctx.raw_span(tok.doc[tok.left_edge.i: tok.i + 1])
    return Actor(text=ctx.raw[start:end], start=start, end=end, country="", agent="", code="")


def _authorities_of_the_place(ctx: Any, cands: list[Candidate], lex: Lexicon) -> None:
    """Rule `authorities_of_the_place`: "The journalist was arrested on Monday in Ruritania and
    charged": an arrest, charge or deportation told in the passive with no one named as its doer
    was done by the police, courts or government (lexicon, by verb) of the country where it
    happened. Only for a coded party acted on that is no criminal or unnamed civilian of that
    country ("a British tourist was arrested in Dubai" is), and not in crime copy: "a man was
    arrested after a stabbing" is no political event."""
    agents = lex.authorities.get("agents", {})
    skip = set(lex.authorities.get("skip_targets", ()))
    political_charges = set(lex.authorities.get("political_charges", ()))
    political_people = set(lex.authorities.get("political_people", ()))
    for c in cands:
        agent = agents.get(c.entry.key)
        if agent is None or c.source is not None or c.source_token is not None or c.entry.noun:
            continue
        if not _passive_without_doer(c.token):
            continue
        target = c.target if c.target is not None and c.target.code and not c.extra.get("uncoded") else None
        words = {t.lemma_.lower() for t in c.token.sent} | {t.lower_ for t in c.token.sent}
        if target is None:
            if not words & political_charges and (
                    not _political_person(c.target_token, political_people) or words & lex.crime_words):
                continue  # ("a man was arrested in the city": crime copy, no political party)
            # (a political charge, or people political by name: the state acted on them)
            c.target = _uncoded_party(ctx, c.target_token)
            c.targets = [c.target] if c.target is not None else []
        elif words & lex.crime_words and target.agent[:3] not in lex.political_agents:
            continue  # ("the reporter was charged with fraud": crime copy)
        got = _authorities_actor(ctx, c, agent)
        if target is not None and target.agent[:3] in skip and (
                target.agent[:3] != "CVL" or got is None or got.country == target.country):
            continue  # (a civilian held at home is crime copy; a foreign civilian held abroad is news between states)
        if got is not None and not (agent == "GOV" and target is not None and got.country == target.country):
            # (a state deports foreigners: "British students deported" by Britain is a misread focus)
            c.source = got
            c.sources = [got]
            c.extra["inferred_source"] = True
            c.extra.pop("uncoded", None)


def _aimed_code(c: Candidate, lex: Lexicon) -> str:
    """Rule `aimed_force`: weapons fired at a party are armed force; heavy ones (missiles, rockets,
    shells: lexicon `aimed_weapons`) are fighting with artillery (CAMEO 194, the manual's "missile
    launchers that are not portable")."""
    obj = next((o for o in c.token.children if o.dep_ in ("dobj", "obj")), None)
    if obj is not None and lex.in_class(obj.lemma_, "PARTITIVE"):
        obj = next((o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                    for o in p.children if o.dep_ == "pobj"), obj)
    return lex.aimed_weapons.get(obj.lemma_.lower(), c.entry.aimed) if obj is not None else c.entry.aimed


def _official_visitor(actor: Actor | None, lex: Lexicon) -> bool:
    """Whether `actor` has a role that pays official visits (government, party, IGO, elite): not
    civilians, and not troops or rebels arriving."""
    if actor is None:
        return False
    parts = {actor.code[i:i + 3] for i in range(0, len(actor.code), 3)}
    return bool(parts & lex.political_source_agents)


def _non_political(c: Candidate, lex: Lexicon) -> bool:
    """Rule `non_political_context`: sports "clashes" and crime blotter copy are not events; nor is
    anything done by criminals (lexicon `crime_agents`) to no political party ("robbers demanded
    money from a shopkeeper", "the gang attacked a trader")."""
    agents = {a.agent[:3] for a in (c.source, c.target) if a is not None and a.agent}
    agents |= {a.agent[3:6] for a in (c.source, c.target) if a is not None and len(a.agent) > 3}
    political = bool(agents & lex.political_agents)
    source_agents = {c.source.agent[i:i + 3] for i in (0, 3)} if c.source is not None and c.source.agent else set()
    target_agents = {c.target.agent[:3]} if c.target is not None and c.target.agent else set()
    if source_agents & lex.crime_agents and not political and not target_agents & lex.crime_political_targets:
        return True  # (but criminals attacking a police station is news)
    if c.code[:2] not in ("14", "15", "17", "18", "19", "20"):
        return False
    lemmas = {t.lemma_.lower() for t in c.token.sent}
    if lemmas & lex.sports_words and c.code[:2] in ("14", "17", "18", "19", "20"):
        return not political  # (a team "rallying" in the ninth inning protests nothing)
    if lemmas & (lex.crime_words | lex.accident_words):
        return not political  # (a crash or a storm "killing" people is no use of force)
    if c.code[:2] == "14" and c.entry.noun and lemmas & lex.market_words:
        return not political  # ("a rally that added 6 percent to the price" is a market's rise)
    return False


RECIPROCAL_ROOTS = {"03", "04", "05", "06"}
WEAPON_DECIDES = {"1712", "190"}  # (destruction or force told by the heavy weapon that did it)
MAX_PAIRS = 6


def _actor_pairs(c: Candidate, lex: Lexicon) -> list[tuple[Actor | None, Actor | None, str]]:
    """Rule `coordination`: coordinated sources and targets give one event per (source, target)
    pair; a meeting or agreement of coordinated parties with no other target is reciprocal.
    Rule `reciprocal`: talks, phone calls and meetings at a third place are also coded with the
    actors reversed, and a host's guest visits it (lexicon `reciprocal`)."""
    sources = c.sources if len(c.sources) > 1 else [c.source]
    targets = c.targets if len(c.targets) > 1 else [c.target]
    if len(sources) > 1 and targets == [None] and c.code[:2] in RECIPROCAL_ROOTS:
        pairs = [(a, b, c.code) for a in sources for b in sources if a is not b and a.code != b.code]
    else:
        pairs = [(a, b, c.code) for a in sources for b in targets]
    back = c.code if c.entry.mutual else lex.reciprocal.get(c.code)
    if back:
        seen = {(a.code if a else None, b.code if b else None) for a, b, _ in pairs}
        pairs += [(b, a, back) for a, b, _ in list(pairs) if a is not None and b is not None
                  and (b.code, a.code) not in seen and a.code != b.code]
    return pairs[:MAX_PAIRS] or [(c.source, c.target, c.code)]


def _stative_relative(ctx: Any, c: Candidate) -> bool:
    """Rule `stative_relative`: a relative clause in the simple present describes a standing state
    of its antecedent ("Ruritania, which occupies the island's north"), not an act done that day;
    so does one in the present perfect with no time of its own ("the group that has seized parts
    of the country")."""
    tok = c.token
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    relative = tok.dep_ == "relcl" or any(
        comma_antecedent(s) is not None for s in tok.children if s.dep_ in ("nsubj", "nsubjpass"))
    if c.entry.noun or c.entry.kind != "event" or not relative:
        return False
    if c.token.tag_ == "VBN" and tok.dep_ == "relcl" and any(
            a.dep_ == "aux" and a.lower_ in ("has", "have") for a in c.token.children):
        # "the group that has seized parts of Iraq": a present perfect relative with no time of its
        # own characterizes its antecedent; it tells no act of the story's day
        return bridge.anchor_for_token(ctx, c.token) is None or not any(
            t.start >= ctx.raw_span(tok.left_edge)[0] and t.end <= ctx.raw_span(tok.right_edge)[1]
            for t in bridge.sentence_times(ctx, c.token))
    return c.token.tag_ in ("VBZ", "VBP") and not any(a.dep_ in ("aux", "auxpass") for a in c.token.children)


def _campaign_rally(c: Candidate, lex: Lexicon) -> bool:
    """Rule `campaign_rally`: a rally against no one by a government, party, legislator or elite
    figure ("the senator addressed a rally in Ohio") is a campaign meeting, not a protest."""
    spec = lex.campaign_rally
    return bool(spec) and c.entry.key in spec.get("triggers", ()) and c.target is None \
        and c.source is not None and c.source.agent[:3] in spec.get("agents", ())


def _tip_off(c: Candidate, lex: Lexicon) -> bool:
    """Rule `tip_off`: a non-state actor "warning" the police or the authorities is alerting them,
    not threatening them: it shares information with them (CAMEO 064)."""
    if c.code[:2] != "13" or c.target is None or not (c.entry.code or "").startswith("13"):
        return False  # (only a warning verb can be a tip-off, not a threat coded from a wanted act)
    target_agent = c.target.agent[:3]
    source_agent = c.source.agent[:3] if c.source is not None else ""
    return target_agent in ("COP", "SPY", "GOV", "JUD") and source_agent not in lex.political_agents


def _event_subjects(cands: list[Candidate]) -> None:
    """Rule `event_subject`: "a car bombing hit the embassy", "the raid destroyed two houses": a
    violent act (CAMEO 17-20) whose subject is itself a violent act noun tells that act once; the
    noun is the event and takes the verb's target (and its toll)."""
    nominal = {c.token.i: c for c in cands if c.entry.noun and c.code and c.code[:2] in VIOLENT_ROOTS}
    for c in cands:
        subj = c.source_token
        if c.entry.noun or not c.code or c.code[:2] not in VIOLENT_ROOTS or subj is None or subj.i not in nominal:
            continue
        noun = nominal[subj.i]
        if noun.target_token is None:
            noun.target_token = c.target_token
        noun.extra.setdefault("toll", c.token)
        c.drop = True


VIOLENT_ROOTS = {"17", "18", "19", "20"}


def _definite(tok: Token, determiners: set[str]) -> bool:
    """"the blast", "these attacks", "Tuesday's bombing": a noun phrase that refers back."""
    return any((c.dep_ == "det" and c.lower_ in determiners) or c.dep_ == "poss" for c in tok.children)


def _anaphor_roots(tok: Token | None, lex: Lexicon) -> set[str]:
    """The CAMEO roots of the act `tok` tells again when it is a definite act noun with no party of
    its own ("the blast", "these attacks", "the strike"; lexicon `event_anaphors`); empty otherwise."""
    spec = lex.event_anaphors
    if tok is None or tok.pos_ != "NOUN" or tok.dep_ == "compound":
        return set()
    roots = set(spec.get("roots_by_noun", {}).get(tok.lemma_.lower(), ()))
    if not roots or not _definite(tok, spec.get("determiners", set())) or any(
            c.dep_ == "poss" and c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") for c in tok.children):
        return set()  # ("the Front's attack": a party of its own, possibly another act)
    if any(t.ent_type_ == "DATE" and (t.lower_ in spec.get("past_spans", ()) or (t.like_num and len(t.text) == 4))
           for t in tok.subtree if t.i < tok.i):
        return set()  # ("the 2013 bombing", "last year's strike": an earlier act recalled)
    return roots


def _anaphor_subjects(kept: list[Candidate], lex: Lexicon) -> dict[int, Candidate]:
    """Rule `event_anaphor`, candidates: "Rebels bombed the station. The blast killed six policemen":
    a violent verb whose subject refers back to an attack tells that attack's toll, not a new one;
    so does an act noun that refers back and got its parties from elsewhere ("The attack killed
    four soldiers", where rule `event_subject` made the noun the event; "the strike had cost
    millions", whose strikers rule `protest_participants` borrowed). Each is a mention of the
    nearest earlier asserted act of its family with a party whose parties do not differ (by
    candidate id)."""
    acts = [c for c in kept if c.modality == "asserted" and (c.source is not None or c.target is not None)]
    out: dict[int, Candidate] = {}
    for c in acts:
        if c.entry.noun:
            borrowed = c.source is None or c.extra.get("inferred_source")
            anaphor = c.token if borrowed else None
        else:
            anaphor = c.source_token if c.code[:2] in VIOLENT_ROOTS else None
        roots = _anaphor_roots(anaphor, lex)
        if c.code[:2] not in roots:
            continue
        earlier = [a for a in acts if a.token.i < anaphor.i and id(a) not in out and a.code[:2] in roots
                   and a is not c and same_parties(a.source, c.source) and same_parties(a.target, c.target)]
        if earlier:
            out[id(c)] = earlier[-1]
    return out


def _event_anaphors(ctx: Any, events: list[Event], lex: Lexicon) -> None:
    """Rule `event_anaphor`: "Rebels bombed the police station on Monday. The blast killed six",
    "Miners downed tools on Monday. The strike has cost ...": a definite act noun naming no party
    of its own (lexicon `event_anaphors`) after an asserted act of its family (attacks: CAMEO
    18-20; protests: 14) told with a party is that act told again: it becomes a mention of the
    nearest earlier such event, not a new one (a noun that is itself an event is left alone)."""
    acts = sorted((e for e in events if e.modality == "asserted" and e.trigger_start is not None
                   and (e.source is not None or e.target is not None)), key=lambda e: e.trigger_start)
    if not acts or ctx.doc is None:
        return
    told = [(e.trigger_start, e.trigger_end) for e in events if e.trigger_start is not None
            and (e.source is not None or e.target is not None)]  # (one with no party is dropped after)
    told += [(m.start, m.end) for e in events for m in e.mentions]
    for tok in ctx.doc:
        roots = _anaphor_roots(tok, lex)
        if not roots:
            continue
        start, end = ctx.raw_span(tok)
        if any(s <= start < e for s, e in told):
            continue  # (already an event of its own, or the subject of a retold one)
        earlier = [e for e in acts if e.trigger_start < start and e.cameo_root in roots]
        if not earlier:
            continue
        lo, hi = ctx.raw_span(tok.doc[min(c.i for c in tok.subtree if c.i <= tok.i): tok.i + 1])
        earlier[-1].mentions.append(Mention(evidence=ctx.raw[lo:hi], start=lo, end=hi))


def _purpose_of_meeting(cands: list[Candidate]) -> None:
    """Rule `meeting_purpose`: "met on Monday to discuss trade", "will attend the summit to discuss
    security": the discussion is the meeting's purpose, the same consultation told once."""
    by_token = {c.token.i: c for c in cands if c.code}
    by_token.update({c.light_verb.i: c for c in cands if c.code and c.light_verb is not None})
    for c in cands:
        tok = c.token
        if not c.code or not (c.entry.code or "").startswith("04") or c.entry.noun \
                or tok.dep_ not in ("advcl", "xcomp", "acl"):
            continue
        if not any(a.dep_ == "aux" and a.tag_ == "TO" for a in tok.children):
            continue
        head = tok.head
        meeting = by_token.get(head.i) or (by_token.get(head.head.i) if head.dep_ in ("dobj", "obj") else None)
        if meeting is not None and meeting is not c and meeting.code[:2] in ("03", "04"):  # (03: a planned meeting)
            c.drop = True


def _purpose_of_request(cands: list[Candidate]) -> None:
    """Rule `request_purpose`: "pressed for help from Japan to push back against the rebels": an
    infinitive of purpose after a request for a thing ("call/press/push for X") is why X is asked
    for, not an act of its own; the request is the event ("urged Japan to push back", whose
    infinitive is the act requested, is left alone: there the request has no for-object)."""
    by_token = {c.token.i: c for c in cands if c.code}
    for c in cands:
        tok = c.token
        if c.entry.noun or tok.dep_ not in ("advcl", "xcomp") or not any(
                a.dep_ == "aux" and a.tag_ == "TO" for a in tok.children):
            continue
        request = by_token.get(tok.head.i)
        if request is None or request is c or request.entry.kind not in ("request", "demand"):
            continue
        if any(p.dep_ == "prep" and p.lower_ == "for" and any(o.dep_ == "pobj" and o.pos_ == "NOUN" for o in p.children)
               for p in tok.head.children):
            c.drop = True


def _consequences(cands: list[Candidate]) -> None:
    """Rule `consequence`: "bombarded the city, killing eight people" / "stormed by forces, with
    eight citizens being killed" tell one attack and its toll: the killing lends the attack its
    victims as target and is not a second event."""
    by_token = {c.token.i: c for c in cands}
    for c in cands:
        if not c.code or c.code[:2] not in ("18", "19", "20") or c.entry.noun:
            continue
        tok = c.token
        head = tok.head
        if tok.dep_ == "pcomp" and head.lower_ == "with":
            head = head.head
        elif tok.dep_ not in ("advcl", "xcomp", "conj") or tok.tag_ != "VBG":
            continue
        while head.dep_ == "conj" and head.i not in by_token:
            head = head.head
        parent = by_token.get(head.i)
        if parent is None:
            for cand in cands:  # the conjoined verb that carries the agent ("blocked and stormed by")
                if cand.token.dep_ == "conj" and cand.token.head.i == head.i:
                    parent = cand
        if parent is None or parent is c or not parent.code or parent.code[:2] not in ("17", "18", "19", "20"):
            continue
        if parent.target is None and c.target is not None:
            parent.target = c.target
            parent.targets = c.targets
        parent.extra["toll"] = c.token
        c.drop = True


def _refusals(cands: list[Candidate], lex: Lexicon) -> None:
    """Rule `refusal`: "will not / would not / won't" + a cooperative act (CAMEO 03-08) is an
    asserted refusal (CAMEO 12) by the actor who will not act."""
    for c in cands:
        verb = c.clause_verb
        future_neg = any(a.dep_ == "aux" and a.lower_ in ("will", "would", "wo", "'ll") for a in verb.children)
        if c.modality == "negated" and future_neg and c.code and c.code[:2] in ("03", "04", "05", "06", "07", "08"):
            better = lex.inner_code("refuse", c.code)
            if better:
                c.code = better
                c.modality = "asserted"
                c.extra["intent"] = True


def _claims(ctx: Any, cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """Rule `claim`: "X claimed that Y attacked Z", "X believes Y blew up ..." is not an established
    attack. If X is the doer, X claims responsibility (CAMEO 015); otherwise X accuses Y (CAMEO
    112). A belief about one's own side is left as told. (Cue verbs in lexicon `claim_cues`.)"""
    out = []
    for c in cands:
        cue = c.extra.get("cue")
        if cue is None or cue.lemma_.lower() not in lex.claim_cues or not c.code \
                or c.code[:2] not in ("17", "18", "19", "20"):
            out.append(c)
            continue
        claimant = c.extra.get("reporter")
        if claimant is None:
            out.append(c)
            continue
        same = c.source is None or (c.source.country and c.source.country == claimant.country)
        if same and cue.lemma_.lower() != "claim":
            out.append(c)
            continue
        c.code = "015" if same else "112"
        c.target = c.target if same else c.source
        c.source = claimant
        c.token = cue
        c.trigger_tokens = [cue]
        c.reported_by = []
        out.append(c)
    return out


HOSTILE_ROOTS = {"13", "14", "15", "17", "18", "19", "20"}


def _quoted_charges(ctx: Any, cands: list[Candidate]) -> None:
    """Rule `quoted_charge`: '"They threw rocks at our patrol and blocked the road," the army said.'
    Hostile acts (CAMEO 13-20) that a party, in its own direct words, says another party did to
    it are that party's charges (CAMEO 112, accuse), not acts the story asserts: the first becomes
    the accusation, speaker to doer; the acts themselves stay alleged (hypothetical). A journalist's
    paraphrase ("X said Y blew up ...") keeps the doer's act with the speaker in `reported_by`."""
    charged: dict[tuple[int, str], Candidate] = {}
    for c in cands:
        if not c.code or c.code[:2] not in HOSTILE_ROOTS or c.modality != "asserted" or c.source is None:
            continue
        quote = bridge.quote_at(ctx, ctx.raw_span(c.token)[0])
        if quote is None or quote.kind != "direct":
            continue
        speaker = c.extra.get("reporter") or speaker_actor(ctx, c)[0]
        if speaker is None or not speaker.country or not c.source.country or c.source.country == speaker.country:
            continue
        target = c.target if c.target is not None and c.target.start != c.source.start else None
        if target is not None and target.country != speaker.country:
            continue  # (acts against a third party are reported, not charged)
        key = (quote.start, c.source.code)
        if key in charged:
            c.modality = "hypothetical"  # one more count of the same charge
            charged[key].extra.setdefault("span", []).append(c.token)  # (the charge tells every count)
            continue
        charged[key] = c
        c.code = "112"
        c.source, c.target = speaker, c.source
        c.reported_by = []
        c.extra["intent"] = True  # a statement happens when it is made


def _future_intents(cands: list[Candidate], lex: Lexicon) -> None:
    """Rule `future_intent`: a cooperative act told in the future (CAMEO 04-08) is an asserted
    statement of intent (CAMEO 03), as PLOVER codes it; the act itself has not happened."""
    for c in cands:
        if c.modality == "hypothetical" and c.extra.get("future_intent") and c.governor is None:
            better = lex.inner_code("intend", c.code)
            if better and c.code[:2] in ("04", "05", "06", "07", "08"):
                c.code = better
                c.modality = "asserted"
                c.extra["intent"] = True


def _confidence(c: Candidate) -> float:
    score = 0.45 + 0.2 * (c.source is not None) + 0.15 * (c.target is not None)
    score += 0.1 * (not c.entry.noun) - 0.2 * c.inferred_target - 0.2 * bool(c.extra.get("inferred_source"))
    return round(max(0.05, min(0.95, score)), 2)


def _to_event(ctx: Any, c: Candidate, lex: Lexicon) -> tuple[Event, bool]:
    s_i, e_i = _span_tokens(c)
    doc = c.token.doc
    start, end = ctx.raw_span(doc[s_i:e_i])
    text = ctx.raw[start:end]
    end -= len(text) - len(text.rstrip())
    start += len(text) - len(text.lstrip())
    t_start, t_end = ctx.raw_span(doc[min(t.i for t in c.trigger_tokens): max(t.i for t in c.trigger_tokens) + 1])
    facts = info(c.code)
    verb = c.clause_verb
    nominal_only = c.entry.noun and c.light_verb is None and c.anchor_verb is None
    # a warning or a statement of intent happened when it was said, whatever tense its content has
    speech_act = c.entry is WARNING or bool(c.extra.get("intent"))
    cue = c.extra.get("cue")
    if speech_act and cue is not None and c.modality == "asserted":
        # a statement of intent or a warning is dated by the verb that reports it ("said on Monday it
        # would hold talks next month"): the time of its content is when the act would happen
        verb = cue
        nominal_only = False
    when = assign_date(ctx, verb, c.modality, nominal_only, speech_act, c.token if c.entry.noun else None)
    if speech_act and c.modality == "asserted" and (not when["anchored"] or _dated_by_dateline(ctx, verb)):
        when = _statement_date(ctx, c, cue) or when
    c.extra["defaulted"] = bool(when.get("defaulted")) and not speech_act
    place = bridge.place_for_token(ctx, verb)
    place_dict = None
    if place is not None:
        place_dict = {"name": place.name, "country": place.country, "lat": place.lat, "lon": place.lon}
    quantity = find_quantity(ctx, c.token if not c.light_verb else c.light_verb)
    if quantity is None and c.extra.get("toll") is not None:
        quantity = find_quantity(ctx, c.extra["toll"])  # "killing at least eight people"
    return (Event(
        id="", evidence=ctx.raw[start:end], start=start, end=end, trigger=ctx.raw[t_start:t_end],
        source=c.source, target=c.target, cameo=c.code, cameo_root=c.code[:2],
        quad_class=facts.quad_class, goldstein=facts.goldstein, plover=facts.plover,
        date=when["date"], time=when["time"], place=place_dict, modality=c.modality,
        background=when["background"], from_caption=c.zone == "caption", reported_by=list(c.reported_by),
        quantity=quantity, confidence=_confidence(c), trigger_start=t_start, trigger_end=t_end,
    ), when["anchored"])


def _dated_by_dateline(ctx: Any, verb: Token) -> bool:
    """The time that dates `verb` is the dateline's ("HOUSTON, February 25 (Agency) -"): the day the
    story was filed, weaker evidence than a time the text gives the statement itself."""
    dateline = getattr(ctx.document, "dateline", None)
    anchor = bridge.anchor_for_token(ctx, verb)
    if not dateline or anchor is None:
        return False
    at = ctx.raw.find(dateline)
    return at >= 0 and at <= anchor.start < at + len(dateline)


def _statement_date(ctx: Any, c: Candidate, cue: Token | None) -> dict[str, Any] | None:
    """Rule `statement_date`: a statement is dated when it was made. Inside a direct quote with no
    reporting verb of its own, the verb that attributes the quote dates it ('"... we will discuss
    the project," the minister said on Wednesday'); a lead paraphrase whose reporting verb has no
    time ("X told reporters") takes the date of the same speaker's quote that follows it in the
    next sentences ("..., X said on Wednesday")."""
    start = ctx.raw_span(c.token)[0]
    sent = ctx.sentence_at(start)
    speaker_id = None
    if cue is not None:
        subj, passive = verb_subject(cue)
        if subj is None or passive:
            return None
        lo, hi = ctx.raw_span(subj)  # (the head: a long title phrase overlaps other entities more)
        speaker_id = bridge.entity_id_at(ctx, lo, hi)
        if speaker_id is None:
            return None
    for quote, quote_cue, entity_id in bridge.quote_cues(ctx):
        if quote_cue is None or quote.kind == "indirect":
            continue
        if cue is None:
            inside = quote.start <= start < quote.end
        else:
            later = ctx.sentence_at(quote.start)
            inside = entity_id == speaker_id and sent is not None and later is not None \
                and 0 < later.index - sent.index <= 2
        if not inside:
            continue
        when = assign_date(ctx, quote_cue, "asserted", False, True)
        return when if when["anchored"] else None
    return None


def _speech_sources(ctx: Any, cands: list[Candidate]) -> None:
    """In quoted speech the speaker is the source of first-person acts and of statements with no
    subject; a reported act keeps its doer as source and gets the speaker in `reported_by`."""
    for c in cands:
        actor, name = speaker_actor(ctx, c)
        if name is None:
            continue
        verbal = c.code[:2] in VERBAL_ROOTS or c.entry.kind not in ("event", "stop")
        quote = bridge.quote_at(ctx, ctx.raw_span(c.token)[0])
        if c.entry.noun and c.target is None and quote is not None and quote.kind in ("indirect", "mixed"):
            # "the plan follows a tense meeting, sources said": the reporter held no meeting (but
            # "talks with the rebels began", said by an official, are his side's talks)
            verbal = False
        if c.source is None and c.source_token is None and verbal:
            c.source = actor  # the speaker is the source of a statement, not of a reported deed
        elif c.source is not None and actor is not None and c.source.code != actor.code and name not in c.reported_by:
            c.reported_by.append(name)


def _quote_restates_summary(ctx: Any, cands: list[Candidate]) -> None:
    """Rule `quote_restates_summary`: news tells a speech act, then quotes it ("drew a sharp
    warning from Seoul." / "If ..., we will react," read a statement from the president's office).
    A quoted act whose speaker is an unnamed office takes the named source of the same kind of act
    in the sentence just before."""
    for c in cands:
        start = ctx.raw_span(c.token)[0]
        quote = bridge.quote_at(ctx, start)
        sent = ctx.sentence_at(start)
        if quote is None or sent is None or sent.index == 0 or not c.code:
            continue
        named = c.source is not None and any(t.pos_ == "PROPN" for t in ctx.doc.char_span(
            *_view_span(ctx, c.source.start, c.source.end), alignment_mode="expand") or [])
        if named:
            continue
        prev_sent = sent.index - 1
        for p in cands:
            ps = ctx.sentence_at(ctx.raw_span(p.token)[0])
            if p is c or ps is None or ps.index != prev_sent or not p.code or p.code[:2] != c.code[:2]:
                continue
            if p.source is not None and bridge.quote_at(ctx, ctx.raw_span(p.token)[0]) is None:
                c.source = p.source
                c.extra["restates"] = True
                break


def _view_span(ctx: Any, start: int, end: int) -> tuple[int, int]:
    offsets = ctx.view.offsets
    import bisect

    return bisect.bisect_left(offsets, start), bisect.bisect_left(offsets, end)


def _warning_arguments(ctx: Any, c: Candidate) -> None:
    cond: Token = c.extra["condition"]
    subj, _ = verb_subject(cond)
    c.source_token = next((t for t in c.token.children if t.dep_ == "nsubj"), None)
    c.source = code_actor(ctx, c, c.source_token)
    if c.source is None and c.extra.get("reporter") is not None:
        c.source = c.extra["reporter"]
    c.target_token = subj
    c.target = code_actor(ctx, c, subj)


def _negotiation_precedence(cands: list[Candidate]) -> list[Candidate]:
    """Rule `negotiation_precedence` (CAMEO manual, 042-046: "if mediation or negotiation is
    mentioned specifically as having taken place, those events take precedence over unspecified
    visits or meetings"): a visit or meeting told in the sentence of an asserted negotiation or
    mediation by the same party is that negotiation."""
    talks = [c for c in cands if c.code in ("045", "046") and c.modality == "asserted" and c.source is not None]
    out = []
    for c in cands:
        same = c.code in ("040", "042", "043", "044") and c.source is not None and any(
            t.token.sent.start == c.token.sent.start and c.source.country in
            (t.source.country, t.target.country if t.target else None) for t in talks)
        if not same:
            out.append(c)
    return out


def _protesters(actor: Actor | None, lex: Lexicon) -> bool:
    """The actor's words name protesters (lexicon protest_violence.protester_stems)."""
    words = actor.text.lower().split() if actor is not None else []
    return any(w.startswith(stem) for w in words for stem in lex.protest_violence.get("protester_stems", []))


def _at_protest(c: Candidate, lex: Lexicon) -> bool:
    """The act happened during or at a protest ("arrested twelve people during the march")."""
    return any(p.dep_ == "prep" and p.lower_ in ("during", "at", "amid") and any(
        o.dep_ == "pobj" and lex.in_class(o.lemma_, "DISSENT") for o in p.children) for p in c.clause_verb.children)


def _head_word(actor: Actor) -> str:
    """The last word of an actor's mention, lower-cased ("Later tenants" -> "tenants")."""
    words = actor.text.lower().split()
    return words[-1] if words else ""


def _protest_violence(code: str, source: Actor | None, target: Actor | None, lex: Lexicon,
                      at_protest: bool = False, participants: frozenset[str] = frozenset()) -> str:
    """Rule `protest_violence` (CAMEO manual 145, 175): destruction or violence by protesters (named
    so, or the story's protest participants: "residents marched ... residents set fire to the
    office") is a riot (145); violence by security forces against protesters is violent repression
    (175)."""
    spec = lex.protest_violence
    if spec and code.startswith("144") and source is not None and source.agent[:3] in spec.get("blocking_forces", []):
        return str(spec.get("blockade_by_forces", code))  # (CAMEO 144: a blockade by military forces is 191)
    if not spec or not any(code.startswith(p) for p in spec.get("codes_from", [])):
        return code

    if _protesters(source, lex) or (source is not None and _head_word(source) in participants
                                    and source.agent[:3] not in spec.get("security_agents", [])):
        return str(spec.get("by_protesters", code))
    if (_protesters(target, lex) or at_protest) and source is not None and source.agent[:3] in spec.get("security_agents", []):
        return str(spec.get("against_protesters", code))
    return code


def _verdict_arguments(ctx: Any, c: Candidate) -> None:
    """Rule `verdict`: the speaker who states the judgement is its source; the party judged (the
    doer of the harmful conduct, the author of the claims) is its target. Told by the writer
    alone, a judgement is no event."""
    reporter = c.extra.get("reporter")
    if reporter is None:
        c.drop = True
        return
    subj, _ = verb_subject(c.token)
    judged = subj
    if c.token.lemma_.lower() == "be" and subj is not None:
        # "Israel's charges were false", "the North's launch was a provocation" ("it was": the act)
        judged = act_doer(subj) if subj.pos_ != "PRON" else None
    c.source_token, c.target_token = None, judged
    c.source = reporter
    c.target = code_actor(ctx, c, judged) if judged is not None else None
    c.reported_by = []
    c.extra["intent"] = True  # a statement happens when it is made


GROUNDS_PREPS = {"for", "over", "of", "including", "with"}


def _grounds(cands: list[Candidate]) -> None:
    """Rule `grounds`: "jailed a student for helping militants", "charged him with ... for
    attacking": the act named as the grounds of an arrest, sentence or accusation is alleged by
    that act, not asserted by the story."""
    by_token = {c.token.i: c for c in cands}
    for c in cands:
        verb = c.clause_verb
        if verb.dep_ != "pcomp" or verb.head.lower_ not in GROUNDS_PREPS or c.modality != "asserted":
            continue
        up = verb.head.head
        while up.pos_ in ("NOUN", "PROPN", "ADP") and up.head.i != up.i:
            up = up.head  # "on charges of helping", "on counts including attacking": up to the verb
        judge = by_token.get(up.i)
        if judge is None or judge is c or not judge.code:
            continue
        if judge.code[:2] == "17" or judge.code[:3] in ("112", "113", "114", "115") or judge.entry.kind == "accuse":
            c.modality = "hypothetical"


def _conditional_threats(ctx: Any, cands: list[Candidate], lex: Lexicon) -> None:
    """Rule `conditional_threat`: "Abe said Tokyo would shoot down missiles if necessary", "they
    said they will attack", "said they would boycott the vote": protest or force (CAMEO 14-20)
    that a speaker says its own side will take, on a condition or not, is a threat by the speaker (CAMEO 13, coded from the act: the
    manual's "declare intention to use force"), not a hypothetical attack and not news of one."""
    table = lex.inner_codes.get("threat", {})
    for c in cands:
        if c.modality != "hypothetical" or not c.code or c.code[:2] not in table or c.code[:2] < "14" \
                or c.governor is not None:
            continue
        verb = c.clause_verb
        if not any(a.dep_ == "aux" and a.lower_ in ("will", "would", "'ll", "shall") for a in verb.children):
            continue
        speaker = c.extra.get("reporter") or speaker_actor(ctx, c)[0]
        if speaker is None or c.source is None or not speaker.country or speaker.country != c.source.country:
            continue
        c.code = lex.inner_code("threat", c.code) or c.code
        c.modality = "asserted"
        c.source = speaker
        c.reported_by = []
        c.extra["intent"] = True


MATERIAL_ROOTS = {"06", "07", "08", "09", "14", "15", "16", "17", "18", "19", "20"}


def _undated_asides(ctx: Any, events: list[Event], zones: list[str], anchored: list[bool],
                    sentences: list[int], defaulted: list[bool]) -> None:
    """Rule `undated_aside`: a past-simple material act (not a statement) with no time expression of its own is news of the
    publication day only when the story has already placed its doer in that day's news. The rule
    applies only once a time expression has fixed the day's news; a story that dates nothing keeps
    the publication day for its past-simple acts. Otherwise ("The government of X ...
    shut down a park", told after the day's news about another party) it is context whose date
    the text does not fix: it stays undated rather than getting a faked publication date."""
    published = ctx.published.isoformat() if ctx.published is not None else None
    if published is None:
        return
    body = [s.index for s in ctx.sentences if s.zone == "body"]
    lead = body[0] if body else -1
    today: set[str] = set()
    for i in sorted(range(len(events)), key=lambda k: sentences[k]):
        e = events[i]
        country = e.source.country if e.source is not None else ""
        in_lead = zones[i] != "body" or sentences[i] <= lead
        if defaulted[i] and not in_lead and today and country and country not in today and e.modality == "asserted" \
                and e.cameo_root in MATERIAL_ROOTS:
            e.date, e.time = None, None
            continue
        if e.date == published and anchored[i] and country:
            today.add(country)  # (only a time expression of the day establishes the day's news)
        elif e.date == published and in_lead and country and today:
            today.add(country)


def run(ctx: Any) -> None:
    """Fill ctx.events from the parsed article and the earlier stages' output."""
    lex = load_lexicon()
    reattach_conjuncts(ctx.doc, lex.cue_verbs)
    cands = find_candidates(ctx, lex)
    taken = {c.token.i for c in cands}
    warnings = conditional_warnings(ctx, lex, taken, WARNING)
    said = verdicts(ctx, lex, taken) + hope_appeals(ctx, lex, taken) + advice_appeals(ctx, lex, taken)
    said += vehicle_bombings(ctx, lex, taken)
    cands = sorted(cands + warnings + said, key=lambda c: c.token.i)
    for c in cands:
        if c.entry is not WARNING and c.entry is not VERDICT:
            assign_tokens(c, lex)
    _event_subjects(cands)
    _link_governors(ctx, cands, lex)
    for c in cands:
        assign_modality(c, lex)
    inherit_modality(cands, lex)
    _grounds(cands)
    _specialize(cands)
    _future_intents(cands, lex)
    for c in cands:
        if c.entry is WARNING:
            _warning_arguments(ctx, c)
        elif c.entry is VERDICT:
            _verdict_arguments(ctx, c)
        else:
            code_arguments(ctx, c)
    _speech_sources(ctx, cands)
    _protest_participants(ctx, cands)
    _unnamed_protesters(ctx, cands, lex)
    _story_parties(ctx, cands, lex)
    _conditional_threats(ctx, cands, lex)
    for c in cands:
        reporter = c.extra.get("reporter")
        if reporter is not None and c.source is not None and reporter.code == c.source.code:
            # "the EU said it would ...": its own statement, not a report of someone else's act
            c.reported_by = [r for r in c.reported_by if r != c.extra.get("reporter_text")]
    _show_of_force_abroad(ctx, cands)
    _host_visits(ctx, cands)
    _authorities_of_the_place(ctx, cands, lex)
    _quote_restates_summary(ctx, cands)
    _refusals(cands, lex)
    _consequences(cands)
    _purpose_of_meeting(cands)
    _purpose_of_request(cands)
    cands = _claims(ctx, cands, lex)
    _quoted_charges(ctx, cands)
    for c in cands:
        if c.entry.aimed and c.target is not None and c.code == "150":
            c.code = _aimed_code(c, lex)  # rule `aimed_force`
        elif c.code in WEAPON_DECIDES and c.extra.get("weapon") in lex.aimed_weapons:
            # "was blown up by a missile fired by rebels": a heavy weapon that did it makes it fighting
            c.code = lex.aimed_weapons[c.extra["weapon"]]
    kept = []
    for c in cands:
        if c.drop or not c.code or info(c.code).name == "":
            continue
        if c.entry.needs_political and (c.extra.get("uncoded") or (c.source is None and c.target is None)):
            continue
        if c.entry.protester_source and not _protesters(c.source, lex):
            continue  # rule `protester_source`: protesters gathering rally; officials gathering do not
        if c.entry.political_source and not _official_visitor(c.source, lex):
            continue  # rule `political_source`: "the storm arrived in Florida" is no visit
        if c.entry.political_source and c.target is not None and c.target.country == c.source.country:
            continue  # (a minister arriving in a city at home visits no other party)
        if c.entry.needs_party and c.target is None and len(c.sources) < 2:
            continue  # rule `needs_party`: "ministers will consult on the plan" consults no one named
        if c.entry.needs_inner and not any(i.code for i in c.inner):
            continue  # rule `wish_governs`: "residents want answers" is no event
        if _non_political(c, lex):
            continue
        if _stative_relative(ctx, c):
            continue
        if _tip_off(c, lex):
            if c.source is None:
                continue  # (no one named who warned: nothing to code)
            c.code = "064"  # the warning shares information with the authorities (CAMEO 064)
            c.modality = "asserted"
        if c.entry.key == "warn" and c.target is None and not c.inner:
            continue  # rule `bare_warning`: "MPs have warned" (of a danger) threatens no one
        if c.entry.key == "warn" and c.source is None and c.target is not None and c.target.agent[:3] == "CVL":
            continue  # rule `public_advisory`: "people are being warned to avoid the area" is advice
        if _campaign_rally(c, lex):
            continue
        if c.code[:3] == "141" and not c.entry.noun and c.source is not None \
                and c.source.agent[:3] in lex.protest_violence.get("security_agents", []) and c.source.agent[:3] != "GOV":
            continue  # rule `civilian_dissent` (CAMEO 14: "civilian demonstrations"): troops marching move, they do not rally
        kept.append(c)
    kept = _negotiation_precedence(kept)
    for c in kept:
        if c.source is not None and c.target is not None and (c.source.start, c.source.end) == (c.target.start, c.target.end):
            c.target = None  # one mention cannot be both sides
    _story_dyad_target(ctx, kept)
    events, zones, anchored, verbal, guessed, sentences = [], [], [], [], [], []
    defaulted: list[bool] = []
    participants = frozenset(_head_word(c.source) for c in kept if c.code[:2] == "14" and c.source is not None
                             and c.modality == "asserted" and c.source.agent[:3] in CIVIL_AGENTS)
    retold = _anaphor_subjects(kept, lex)
    first_event: dict[int, Event] = {}
    for c in kept:
        event, was_anchored = _to_event(ctx, c, lex)
        antecedent = first_event.get(id(retold[id(c)])) if id(c) in retold else None
        if antecedent is not None and was_anchored and event.date and antecedent.date \
                and event.date[:len(antecedent.date)] != antecedent.date[:len(event.date)]:
            antecedent = None  # rule `event_anaphor`: "Tuesday's attack" retells no act of Monday
        if antecedent is not None:
            antecedent.mentions.append(
                Mention(evidence=event.evidence, start=event.start, end=event.end))
            continue
        for source, target, code in _actor_pairs(c, lex):
            copy = replace(event, source=source, target=target, mentions=[], reported_by=list(event.reported_by))
            if not c.entry.aimed:  # (weapons fired at someone are armed force, not a riot)
                code = _protest_violence(code, source, target, lex, _at_protest(c, lex), participants)
            if code != event.cameo:
                facts = info(code)
                copy = replace(copy, cameo=code, cameo_root=code[:2], quad_class=facts.quad_class,
                               goldstein=facts.goldstein, plover=facts.plover)
            events.append(copy)
            first_event.setdefault(id(c), copy)
            zones.append(c.zone)
            anchored.append(was_anchored)
            verbal.append(not c.entry.noun)
            guessed.append((bool(c.extra.get("inferred_source")), c.inferred_target))
            defaulted.append(bool(c.extra.get("defaulted")))
            sent = ctx.sentence_of_token(c.token)
            sentences.append(sent.index if sent is not None else -1)
    _undated_asides(ctx, events, zones, anchored, sentences, defaulted)
    _event_anaphors(ctx, events, lex)
    events = dedup(events, zones, anchored, verbal, guessed, sentences, ctx.published)
    events = [e for e in events if e.source is not None or e.target is not None]
    for i, e in enumerate(events, 1):
        e.id = f"e{i}"
    ctx.events = events
