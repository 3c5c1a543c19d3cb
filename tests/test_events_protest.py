"""Events stage: protest, strike and obstruction events (CAMEO 14) and their participants (own fixtures)."""

from __future__ import annotations

import pytest

from newsevents.events.code import info
from newsevents.events.lexicon import load_lexicon

PUBLISHED = "2019-08-14"
DATELINE = "DURBAN, August 14 (Wire) - "


def _codes(read_text, sentence: str) -> list[tuple[str, str, str]]:
    """(CAMEO code, source code, modality) of each event read from one datelined sentence."""
    events = read_text(DATELINE + sentence, published=PUBLISHED).events
    return [(e.cameo, e.source.code if e.source is not None else "-", e.modality) for e in events]


def test_new_protest_entries_use_cameo_codes():
    lex = load_lexicon()
    entries = list(lex.verbs.values()) + list(lex.nouns.values())
    codes = [c for e in entries for c in e.after_prep.values()]
    assert codes and all(info(c).code == c for c in codes)


@pytest.mark.parametrize("sentence, code", [
    ("Bus drivers in the city are on strike over unpaid overtime.", "143"),
    ("The transport union called a strike at the depot.", "143"),
    ("The strike by bakery workers entered its second week.", "143"),
    ("Farm workers embarked on an unprotected strike on Monday.", "143"),
    ("Angry tenants barricaded the street with burning tyres on Tuesday.", "144"),
    ("Tenants blocked the main road into the township.", "144"),
    ("Protesters gathered outside the provincial legislature.", "141"),
    ("Hundreds of pensioners took part in the march to the city hall.", "141"),
    ("Riot police dispersed the protesters with rubber bullets.", "175"),
    ("Tenants threw stones at police vehicles.", "145"),
])
def test_protest_acts_are_coded(read_text, sentence, code):
    assert code in [c for c, _, _ in _codes(read_text, sentence)]


@pytest.mark.parametrize("sentence", [
    "Finance ministers gathered in the capital for their annual meeting.",
    "Shares rose after a rally that added 3 percent to the index.",
    "The two envoys met again in March to discuss the accord.",
])
def test_no_protest_without_protesters(read_text, sentence):
    assert not [c for c, _, _ in _codes(read_text, sentence) if c.startswith("14")]


def test_military_blocking_is_a_blockade(read_text):
    # CAMEO 144: "When the blockade in question includes military forces, use 191 instead."
    codes = [c for c, _, _ in _codes(read_text, "Ruritanian troops blocked the road to the border town.")]
    assert "191" in codes and "144" not in codes


def test_air_strike_stays_military(read_text):
    codes = [c for c, _, _ in _codes(read_text, "Ruritanian jets carried out an air strike on the rebel base.")]
    assert "195" in codes and "143" not in codes


def test_protest_told_without_participants_is_the_story_protest(read_text):
    text = (DATELINE + "Hundreds of pensioners marched to the city hall on Tuesday to demand higher grants. "
            "By Wednesday the protest had spread to two nearby towns.")
    events = read_text(text, published=PUBLISHED).events
    protests = [e for e in events if e.cameo_root == "14"]
    assert protests and all(e.source is not None for e in protests)
    told = [p.start for p in protests] + [m.start for p in protests for m in p.mentions]
    assert any(text.find("the protest had spread") <= s for s in told)  # the second telling is kept


def test_act_of_protest_takes_no_story_participants(read_text):
    text = (DATELINE + "Hundreds of pensioners marched to the city hall on Tuesday. "
            "The mayor resigned on Wednesday, in what one councillor called an act of protest.")
    events = read_text(text, published=PUBLISHED).events
    assert not [e for e in events if e.trigger == "protest"]
