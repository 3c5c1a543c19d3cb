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


@pytest.mark.parametrize("sentence, roots", [
    ("Finance ministers gathered in the capital for their annual meeting.", ("14",)),
    ("Shares rose after a rally that added 3 percent to the index.", ("14",)),
    ("The two envoys met again in March to discuss the accord.", ("14",)),
    ("The crowd dispersed quietly after the anthem.", ("14", "17")),
    # campaign rallies, public advisories, web pages: no protest, threat or visit
    ("The governor told supporters at a campaign rally in the valley that he would win.", ("14",)),
    ("The mayor held a rally in the town square on Sunday.", ("14",)),
    ("People are being warned to avoid the harbour road.", ("13",)),
    ("We are asking residents to visit the website for updates.", ("04",)),
])
def test_no_event_of_these_kinds(read_text, sentence, roots):
    assert not [c for c, _, _ in _codes(read_text, sentence) if c[:2] in roots]


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


def test_rallying_behind_a_leader_is_support(read_text):
    assert "051" in [c for c, _, _ in _codes(read_text, "Party members rallied behind the embattled president.")]


def test_arrests_at_a_protest_are_repression(read_text):
    # CAMEO manual, 173: use 175 "for events where protesters/demonstrators/etc. are arrested"
    assert "175" in [c for c, _, _ in _codes(read_text, "Police arrested nine people during the march on Friday.")]
    assert "173" in [c for c, _, _ in _codes(read_text, "Police arrested an opposition leader at his home.")]


def test_speaker_at_a_protest_is_no_protester(read_text):
    events = read_text(DATELINE + "Police arrested nine people during the protest on Friday.", published=PUBLISHED).events
    assert not [e for e in events if e.cameo_root == "14" and e.source is not None and e.source.agent == "COP"]


def test_an_act_noun_subject_tells_one_act(read_text):
    events = read_text(DATELINE + "A Ruritanian rebel truck bombing hit the Freedonian embassy on Thursday.",
                       published=PUBLISHED).events
    violent = [e for e in events if e.cameo_root in ("18", "19")]
    assert len(violent) == 1 and violent[0].target is not None


def test_students_arrested_while_protesting_protested(read_text):
    events = read_text(DATELINE + "Nine students arrested while protesting against fee cuts appeared in court.",
                       published=PUBLISHED).events
    assert [e for e in events if e.cameo_root == "14" and e.source is not None and "students" in e.source.text]


def test_they_stands_for_the_story_protesters(read_text):
    text = DATELINE + "Tenants marched to the council offices on Monday. They blockaded roads leading to the depot."
    events = read_text(text, published=PUBLISHED).events
    assert [e for e in events if e.cameo == "144" and e.source is not None and "Tenants" in e.source.text]


def test_showing_is_no_demonstration(read_text):
    assert not _codes(read_text, "A review of the records demonstrates that the clinic closed early.")


def test_one_strike_sense_per_story(read_text):
    text = (DATELINE + "Dock workers embarked on a wildcat strike on Monday. "
            "The port authority said the strike was costing it millions a day.")
    events = read_text(text, published=PUBLISHED).events
    told = [e.start for e in events if e.cameo == "143"] + [m.start for e in events if e.cameo == "143" for m in e.mentions]
    assert any(s >= text.find("The port authority") for s in told)
    assert not [e for e in events if e.cameo_root == "19"]


def test_participants_setting_fire_riot(read_text):
    text = DATELINE + "Tenants marched to the council offices on Monday. Later tenants set alight a municipal office."
    assert "145" in [e.cameo for e in read_text(text, published=PUBLISHED).events]


def test_troops_marching_do_not_rally(read_text):
    assert not [c for c, _, _ in _codes(read_text, "Ruritanian soldiers marched into the border town.") if c[:2] == "14"]


def test_attacks_aimed_at_a_party_target_it(read_text):
    events = read_text(DATELINE + "The province has seen numerous bombings targeted at the Ruritanian army.",
                       published=PUBLISHED).events
    assert [e for e in events if e.cameo_root == "18" and e.target is not None and "army" in e.target.text]


def test_official_protests_and_petitions_are_official_complaints(read_text):
    # CAMEO 114 "complain officially": "written and institutionalized protests, appeals, and all petition drives"
    assert "114" in [c for c, _, _ in _codes(read_text, "Chile lodged a formal protest with Peru over the arrests.")]
    assert "114" in [c for c, _, _ in _codes(read_text, "Tenants signed a petition against the eviction order.")]


def test_a_team_rallying_is_sport(read_text):
    assert not [c for c, _, _ in _codes(read_text, "The visitors rallied in the ninth inning to win.") if c[:2] == "14"]


def test_strikes_in_general_are_no_act(read_text):
    text = (DATELINE + "Dock workers embarked on a wildcat strike on Monday. "
            "An analyst said strikes are becoming longer across the region.")
    events = read_text(text, published=PUBLISHED).events
    told = [e.start for e in events if e.cameo == "143"] + [m.start for e in events if e.cameo == "143" for m in e.mentions]
    assert not any(s >= text.find("An analyst") for s in told)


def test_those_arrested_at_a_protest_took_part(read_text):
    events = read_text(DATELINE + "Police arrested twelve students during the protest on Monday.", published=PUBLISHED).events
    assert [e for e in events if e.cameo_root == "14" and e.source is not None and "students" in e.source.text]


@pytest.mark.parametrize("sentence, code", [
    ("Striking bus drivers gathered at the depot on Monday.", "143"),
    ("Tenants held up banners against the eviction.", "141"),
])
def test_participles_and_placards_tell_protests(read_text, sentence, code):
    assert code in [c for c, _, _ in _codes(read_text, sentence)]


def test_a_governing_party_does_nothing(read_text):
    assert not [c for c, _, _ in _codes(read_text, "The governing party lost two seats.") if c[:2] == "14"]


def _arrests(read_text, text: str) -> list[tuple[str, str, str]]:
    """(CAMEO code, source code, target text) of each arrest, charge or deportation read."""
    events = read_text(text, published=PUBLISHED).events
    return [(e.cameo, e.source.code if e.source is not None else "-", e.target.text if e.target is not None else "-")
            for e in events if e.cameo[:3] in ("173", "174", "175", "112")]


def test_passive_arrest_and_charge_are_the_authorities_of_the_place(read_text):
    # rule `authorities_of_the_place`: police arrest, courts charge, in the country of the place
    got = _arrests(read_text, "LUSAKA, August 14 (Wire) - The activist was arrested and charged on Monday.")
    assert ("173", "ZMBCOP") in [(c, s) for c, s, _ in got]
    assert ("1121", "ZMBJUD") in [(c, s) for c, s, _ in got]


def test_political_charge_or_people_make_an_uncoded_arrest_an_event(read_text):
    got = _arrests(read_text, "LUSAKA, August 14 (Wire) - In March, he was arrested and charged with sedition.")
    assert [s for c, s, _ in got if c == "173"] == ["ZMBCOP"]
    got = _arrests(read_text, "LUSAKA, August 14 (Wire) - Dissidents were detained on Friday.")
    assert [(s, t) for c, s, t in got if c == "173"] == [("ZMBCOP", "Dissidents")]


@pytest.mark.parametrize("sentence", [
    "A man was arrested in Lusaka after his neighbour was found stabbed.",
    "She was arrested and charged with theft.",
])
def test_crime_arrests_get_no_authorities(read_text, sentence):
    assert not [s for _, s, _ in _arrests(read_text, DATELINE + sentence) if s != "-"]
