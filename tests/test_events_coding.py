"""Events stage: codes that follow the CAMEO manual's definitions (own invented fixtures)."""

from __future__ import annotations

import pytest

PUBLISHED = "2022-06-09"


def _triples(read_text, sentence: str) -> list[tuple[str, str, str, str]]:
    return [(e.cameo, e.modality, e.source.code if e.source else "", e.target.code if e.target else "")
            for e in read_text(sentence, published=PUBLISHED).events]


@pytest.mark.parametrize("sentence, code", [
    # rule `inner_specialize`, intend table: a promised coercive act is a threat by its kind (manual 13x)
    ("The Jordanian king pledged to expel the opposition leaders from the country.", "137"),
    ("The Jordanian premier promised to impose a curfew on the northern towns.", "1323"),
])
def test_a_promised_coercive_act_is_a_threat_of_its_kind(read_text, sentence, code):
    asserted = [t[0] for t in _triples(read_text, sentence) if t[1] == "asserted"]
    assert code in asserted and "138" not in asserted


def test_asking_another_party_to_attack_is_an_appeal_for_material_cooperation(read_text):
    # manual 021: an appeal to join in armed action
    assert ("021", "asserted", "CANGOV", "PERGOV") in _triples(read_text, "The Canadian president wants Peru to attack Chile.")


def test_a_negated_act_does_not_refine_the_appeal(read_text):
    # rule `negated_inner`: "urged X not to attack" asks for no attack
    codes = [t[0] for t in _triples(read_text, "Peru urged Chile not to attack its neighbours.") if t[1] == "asserted"]
    assert "020" in codes and "021" not in codes


@pytest.mark.parametrize("sentence, code", [
    # manual 190: force with no weapon named is the residual; a named heavy or aerial weapon decides
    ("Chilean troops shelled Peruvian positions on Monday.", "190"),
    ("Chilean artillery shelling of Peruvian positions killed two soldiers.", "194"),
    ("Chilean air bombardment of Peruvian positions killed two soldiers.", "195"),
])
def test_shelling_is_coded_by_the_weapon_named(read_text, sentence, code):
    codes = [t[0] for t in _triples(read_text, sentence) if t[1] == "asserted"]
    assert code in codes and "194" not in [c for c in codes if c != code]


def _story(read_text, text: str):
    return read_text(text, published=PUBLISHED).events


def test_the_blast_after_a_bombing_is_that_bombing_told_again(read_text):
    # rule `attack_anaphor`: the blast's toll and the explosion are mentions, not new attacks
    events = _story(read_text, "Taliban militants bombed a police station in Kandahar on Monday. The blast killed six "
                               "Afghan policemen, officials said. The explosion also destroyed two houses.")
    attacks = [e for e in events if e.cameo_root in ("18", "19")]
    assert len(attacks) == 1
    assert any(m.evidence.startswith("The explosion") for m in attacks[0].mentions)


def test_the_attack_named_again_is_one_attack(read_text):
    events = _story(read_text, "Suspected rebels attacked an army post in northern Mali on Tuesday. "
                               "The attack killed four Malian soldiers.")
    assert len([e for e in events if e.cameo_root == "19"]) == 1


def test_an_earlier_years_attack_is_not_a_mention(read_text):
    events = _story(read_text, "Suspected rebels attacked an army post in northern Mali on Tuesday. "
                               "The 2012 attack on the same post had killed nine.")
    attacks = [e for e in events if e.cameo_root == "19"]
    assert attacks and not any("2012" in m.evidence for e in attacks for m in e.mentions)


def test_a_dated_reduced_relative_tells_its_own_act(read_text):
    # rule `dated_participle`: the detention has its own time, so it is an event; the release keeps its doer
    triples = _triples(read_text, "Two Nigerian journalists arrested in Lagos in May were released by the police.")
    assert ("173", "asserted", "NGACOP", "NGAMED") in triples
    assert ("0841", "asserted", "NGACOP", "NGAMED") in triples


def test_an_undated_reduced_relative_only_describes(read_text):
    triples = _triples(read_text, "Nigerian journalists jailed for their reporting were released by the police.")
    assert not [t for t in triples if t[0] == "173"]


def test_a_bare_participle_misread_as_the_main_verb(read_text):
    # rule `reduced_relative`: the seized are not the kidnappers, and the release is read
    triples = _triples(read_text, "The two Kenyan activists kidnapped a week ago were released on Tuesday.")
    assert not [t for t in triples if t[0] == "181" and t[2] == "KENOPP"]
    assert [t for t in triples if t[0] == "0841" and t[3] == "KENOPP"]


def test_protesters_no_one_names_are_people_of_the_place(read_text):
    # rule `unnamed_protesters`: the protest is kept, its participants the country of its place
    events = _story(read_text, "Violent demonstrations erupted in Mombasa on Tuesday over fuel prices.")
    assert [e for e in events if e.cameo_root == "14" and e.source is not None and e.source.code == "KEN"]


def test_a_planned_protest_gets_no_guessed_participants(read_text):
    events = _story(read_text, "The planned march in Mombasa on Tuesday was called off.")
    assert not [e for e in events if e.cameo_root == "14" and e.modality == "asserted"]


def test_the_strike_named_again_is_a_mention(read_text):
    # rule `event_anaphor`, protest family
    events = _story(read_text, "Thousands of Zambian miners went on strike on Monday over wages. The owner of "
                               "the mine said the strike had cost it a million dollars.")
    strikes = [e for e in events if e.cameo_root == "14"]
    assert len(strikes) == 1 and "the strike" in {m.evidence for m in strikes[0].mentions}


@pytest.mark.parametrize("sentence, expected", [
    # rule `thing_subject`: a bomb that exploded is a bombing aimed at the country of its place
    ("A bomb exploded outside a pharmacy in Marseille on Sunday, wounding four people.", True),
    ("A gas cylinder exploded in a restaurant in Lyon on Friday.", False),
])
def test_a_bomb_that_exploded_is_a_bombing(read_text, sentence, expected):
    assert (("183", "asserted", "", "FRA") in _triples(read_text, sentence)) is expected


def test_a_bomber_who_blew_himself_up_carried_out_a_suicide_bombing(read_text):
    # CAMEO 1831 (lexicon: "blow up" with a reflexive object)
    codes = [t[0] for t in _triples(read_text, "A bomber blew himself up near a Nigerian army post in Maiduguri.")]
    assert "1831" in codes and "1712" not in codes


def test_those_who_died_in_an_attack_were_its_target(read_text):
    # rule `attack_victims` (through a partitive too)
    assert ("190", "asserted", "", "MLIMIL") in _triples(read_text, "Two Malian soldiers died in an ambush near Gao on Monday.")
    assert ("190", "asserted", "", "IRQCVL") in _triples(read_text, "Scores of Iraqi civilians died in the attacks on Sunday.")


@pytest.mark.parametrize("sentence", [
    # rule `prevented_act`: the prevented or banned protest was not held
    "Kenyan troops guarded the court in Nairobi to prevent further violent protests.",
    "The Kenyan government banned protests in Nairobi on Monday.",
])
def test_a_prevented_protest_is_not_asserted(read_text, sentence):
    assert not [t for t in _triples(read_text, sentence) if t[0][:2] == "14" and t[1] == "asserted"]



def test_a_passive_protest_act_with_no_doer_was_done_by_the_storys_protesters(read_text):
    # rule `protest_participants`: "cars were stoned" in a protest story
    triples = _triples(read_text, "Hundreds of Kenyan residents protested in Nakuru on Monday over water shortages. "
                                  "Two cars were stoned and a shop was torched.")
    assert ("145", "asserted", "KENCVL", "") in triples


def test_a_city_naming_an_attack_gives_its_target_and_later_mentions_link(read_text):
    # rule `site_modifier` through the places stage, then rule `event_anaphor`
    events = _story(read_text, "A man linked to the Leeds suicide bombing was detained. Police said Sunday's attack "
                               "had been planned for months.")
    bombings = [e for e in events if e.cameo == "1831"]
    assert bombings and bombings[0].target is not None and bombings[0].target.code == "GBR"
    assert "Sunday's attack" in {m.evidence for m in bombings[0].mentions}


def test_a_bomb_that_exploded_in_a_relative_clause_is_a_bombing(read_text):
    # rule `thing_subject`: the relative pronoun stands for the bomb
    triples = _triples(read_text, "Police are hunting a man who left a bag holding a bomb that exploded on Friday "
                                  "outside a pharmacy in Marseille.")
    assert ("183", "asserted", "", "FRA") in triples


def test_a_civilian_held_in_his_own_country_is_crime_copy(read_text):
    # rule `authorities_of_the_place`: no state guessed for a local civilian's arrest
    triples = _triples(read_text, "A Kenyan man was arrested in Nairobi on Monday.")
    assert not [t for t in triples if t[0] == "173" and t[2]]


def test_a_blast_that_did_harm_in_a_bombing_story_is_a_bombing(read_text):
    # rule `harmful_blast`, then rule `event_anaphor` for the explosion told again
    events = _story(read_text, "Police in Marseille are hunting a man who left a bomb near a pharmacy. A Sunday blast "
                               "that wounded four people shook the square. The explosion damaged the pharmacy.")
    bombings = [e for e in events if e.cameo == "183"]
    assert bombings and "The explosion" in {m.evidence for e in bombings for m in e.mentions}


def test_a_factory_explosion_is_no_bombing(read_text):
    events = _story(read_text, "An explosion at a chemical plant in Lyon injured 12 workers.")
    assert not [e for e in events if e.cameo_root == "18"]


def test_a_month_in_lower_cased_copy_is_no_march(read_text):
    # rule `unnamed_protesters`: "march 20" followed by a number is a date the tagger missed
    events = _story(read_text, "lucknow: the state government wants to stop the build-up before the march 20 "
                               "deadline set by the party, an official said.")
    assert not [e for e in events if e.cameo_root == "14"]


@pytest.mark.parametrize("sentence, code", [
    # lexicon `offer` objects: words offered are said then, not promised
    ("The Chilean delegation offered sharp criticism of the Peruvian government.", "111"),
    ("The Chilean minister offered an apology to Peru.", "055"),
    ("Chile offered aid to Peru.", "033"),
])
def test_what_is_offered_in_words_is_said(read_text, sentence, code):
    assert code in [t[0] for t in _triples(read_text, sentence) if t[1] == "asserted"]


@pytest.mark.parametrize("sentence, code, absent", [
    # lexicon `decline` objects: CAMEO 011 decline comment; it refuses nothing (120)
    ("A spokesman for the Peruvian government declined comment on the border incident.", "011", "120"),
    ("The Peruvian army refused to comment on the Chilean report.", "011", "120"),
    # lexicon `plead guilty` / `plead not guilty`: CAMEO 015 acknowledge, 016 deny responsibility
    ("The Chilean colonel Jorge Rojas pleaded not guilty on Tuesday.", "016", "015"),
    ("The Chilean colonel Jorge Rojas pleaded guilty to fraud on Tuesday.", "015", "016"),
    # class PRISONER: a suspect or a pronoun captured is detained (173), not fought (190)
    ("Peruvian police captured the gunman after a long chase.", "173", "190"),
    ("Peruvian police captured him near the Chilean border.", "173", "190"),
    # rule `name_calling`: "called X <disapproving adjective>" criticizes (111)
    ("The Chilean foreign ministry called the Peruvian tariff decision deeply unacceptable.", "111", "020"),
])
def test_legal_and_comment_acts_take_their_own_codes(read_text, sentence, code, absent):
    codes = [t[0] for t in _triples(read_text, sentence) if t[1] == "asserted"]
    assert code in codes and absent not in codes


def test_called_it_illegal_has_no_pronoun_target(read_text):
    # rule `name_calling`: "it" is the thing judged, not a party
    triples = _triples(read_text, "Peru said Chile had seized the island. Chile called it completely illegal.")
    assert [t for t in triples if t[0] == "111" and t[3] == ""]


@pytest.mark.parametrize("sentence", [
    # rule `display_of`: a demonstration of a quality is no rally (CAMEO 14)
    "Chilean ministers held a demonstration of unity in Santiago on Monday.",
    "The Peruvian army said the parade was a clear demonstration of resolve.",
])
def test_a_demonstration_of_a_quality_is_no_protest(read_text, sentence):
    assert not [t for t in _triples(read_text, sentence) if t[0][:2] == "14"]


def test_a_demonstration_of_people_is_still_a_protest(read_text):
    triples = _triples(read_text, "A demonstration of 5,000 Chilean farmers blocked the road to Santiago on Monday.")
    assert [t for t in triples if t[0][:2] == "14"]


@pytest.mark.parametrize("sentence, target", [
    # rule `advice_appeal`: advice told as speech appeals to the party that should act (CAMEO 020)
    ("The Chilean senator said on Sunday that Peru should withdraw its envoy from Santiago.", "PERGOV"),
    ("The Chilean foreign minister argued that Peru must pay compensation to the fishermen.", "PERGOV"),
])
def test_advice_told_as_speech_is_an_appeal(read_text, sentence, target):
    triples = _triples(read_text, sentence)
    assert [t for t in triples if t[0][:2] == "02" and t[1] == "asserted" and t[3] == target]


def test_a_third_party_need_described_is_no_appeal(read_text):
    # rule `advice_appeal`: no party advised ("they need to", "the talks should")
    triples = _triples(read_text, "The Chilean minister said the talks should resume in Lima next month.")
    assert not [t for t in triples if t[0][:2] == "02"]


@pytest.mark.parametrize("sentence, bombing", [
    # rule `vehicle_bombing`: a vehicle carrying explosives, or driven by a bomber, into a target (CAMEO 1832)
    ("A Chilean bomber crashed a van loaded with explosives into the Peruvian embassy on Monday.", True),
    ("Peruvian rebels drove an explosives-laden jeep into a Chilean army post on Monday.", True),
    ("A Peruvian driver crashed his van into a Chilean shop on Monday.", False),
])
def test_a_vehicle_driven_into_a_target_as_a_bomb_is_a_vehicular_bombing(read_text, sentence, bombing):
    assert bool([t for t in _triples(read_text, sentence) if t[0] == "1832"]) == bombing


def test_a_threat_to_overrun_a_town_is_aimed_at_the_town(read_text):
    # lexicon `overrun` (CAMEO 190): the target of "threaten to V X" is X (rule inner_specialize: 138x)
    triples = _triples(read_text, "Chilean rebels threatened to overrun Tacna, the Peruvian army said on Monday.")
    assert [t for t in triples if t[0][:3] == "138" and t[1] == "asserted" and t[3].startswith("PER")]


def test_the_purpose_of_a_request_for_a_thing_is_no_act(read_text):
    # rule `request_purpose`: "pressed for help ... to push back" asks for help; it rejects nothing itself
    triples = _triples(read_text, "The Peruvian minister pressed for help from Japan to push back against Chilean rebels.")
    assert [t for t in triples if t[0][:2] in ("02", "10")] and not [t for t in triples if t[0][:2] == "12"]


def test_the_act_requested_by_urging_stays(read_text):
    triples = _triples(read_text, "Peru urged Japan to push back against Chilean rebels.")
    assert [t for t in triples if t[0][:2] == "12" and t[1] == "requested"]


def test_a_pause_in_an_act_is_no_new_act(read_text):
    # rule `paused_act`: a pause in or an end to an act tells that it stopped
    triples = _triples(read_text, "Residents reported a lull in the bombing of Tacna by Chilean jets on Monday.")
    assert not [t for t in triples if t[0][:2] in ("18", "19")]
