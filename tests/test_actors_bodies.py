"""Actors stage: officers of unions and parties, bodies named by longer names and acronyms the
story defines, and "the regime of X". Invented fixtures."""

from __future__ import annotations

from tests.test_actors import _code_of


def test_officers_of_a_union_are_its_own_not_the_government(read_text):
    # rule `generic_title`: "secretary", "general secretary" give way to the possessor
    r = read_text("JOHANNESBURG - The union's general secretary, Piet Mokoena, said on Monday that the strike "
                  "in Durban, South Africa, would go on. Cosatu president Thabo Nkosi agreed.",
                  published="2014-05-01")
    assert _code_of(r, "The union's general secretary") == "ZAFLAB"
    assert _code_of(r, "Cosatu president Thabo Nkosi") == "ZAFLAB"
    r = read_text("White House press secretary Jim Doyle said the talks would go on.", published="2016-11-10")
    assert _code_of(r, "White House press secretary Jim Doyle") == "USAGOV"  # not the press's (MED)


def test_the_regime_of_a_leader_is_his_country(read_text):
    # rule `short_form`: an "of" complement names whose regime it is
    r = read_text("The United States never threatened the regime of Kim Jong Un, officials said.",
                  published="2019-01-01")
    assert _code_of(r, "the regime") == "PRKGOV"


def test_a_known_party_name_ending_a_longer_name_is_another_party(read_text):
    # rule `longer_name`, then `named_body` and `acronym_in_parentheses`
    r = read_text("CAPE TOWN - The Freedom Christian Democratic Party (FCDP) criticised the mayor of Durban, "
                  "South Africa, on Monday. FCDP spokesman Jan Nordien said the mayor must resign. "
                  "The FCDP also accused the police. The Kenyan Democratic Party was not invited.",
                  published="2016-01-01")
    assert _code_of(r, "The Freedom Christian Democratic Party") == "ZAFPTY"
    assert _code_of(r, "FCDP spokesman Jan Nordien") == "ZAFPTY"
    assert _code_of(r, "The FCDP") == "ZAFPTY"
    assert _code_of(r, "The Kenyan Democratic Party") == "KENPTY"


def test_a_union_acronym_codes_its_leaders(read_text):
    r = read_text("CAPE TOWN - Workers of the National Mineworkers Union (NMU) protested in Durban, South Africa. "
                  "NMU leaders accused the police.", published="2016-01-01")
    assert _code_of(r, "NMU leaders") == "ZAFLAB"


def test_a_spokesman_speaks_for_whom_his_for_complement_names(read_text):
    # rule `speaks_for`
    r = read_text("A spokesman for UN Secretary-General Ban Ki-moon condemned the launch by North Korea.",
                  published="2016-02-07")
    assert _code_of(r, "A spokesman") == "IGOUNO"


def test_a_person_for_a_party_in_commas_is_the_partys_and_so_is_the_surname_later(read_text):
    # `_pp_organization` with "for", the PP hanging on the verb after a comma
    r = read_text("Oliver Pettigrew, for the Conservatives, attacked the Labour government. "
                  "Pettigrew later met the prime minister.", published="2005-03-01")
    assert _code_of(r, "Oliver Pettigrew") == "GBRPTY"
    assert _code_of(r, "Pettigrew") == "GBRPTY"


def test_a_relative_clause_gives_an_unknown_person_a_role(read_text):
    # rule `relative_role`
    r = read_text("HARARE - Jan Dube, who chairs the Zimbabwean Teachers Association, criticised the police. "
                  "Piet Smit, who is a senior police officer, denied it.", published="2016-01-01")
    assert _code_of(r, "Jan Dube") == "ZWENGO"
    assert _code_of(r, "Piet Smit") == "ZWECOP"


def test_farmers_learners_and_environmentalists_take_their_cameo_agents(read_text):
    # rule `role_noun` (AGR, EDU, ENV); rule `attacker_noun`: a shooter placed nowhere is no one's
    r = read_text("NAIROBI - Farmers blocked the road. Learners marched to the county offices. "
                  "Environmentalists sued the ministry. The shooter was killed by police.", published="2016-01-01")
    assert _code_of(r, "Farmers") == "KENAGR"
    assert _code_of(r, "Learners") == "KENEDU"
    assert _code_of(r, "Environmentalists") == "KENENV"
    assert _code_of(r, "The shooter") is None


def test_a_copular_sentence_gives_a_named_person_a_role_for_later_mentions(read_text):
    # rule `copular_role`
    r = read_text("NAIROBI - Peter Otieno is a senior opposition lawmaker. Otieno accused the government of lying.",
                  published="2016-01-01")
    sources = {e.source.text: e.source.code for e in r.events if e.source is not None}
    assert sources.get("Otieno") == "KENLEG"


def test_a_wire_aside_in_parentheses_names_no_country_of_the_group(read_text):
    # rule `aside`
    r = read_text("MADRID, January 22 - The Islamic State (IS, outlawed in Ruritania and Russia) jihadist group "
                  "has released a video threatening Spain, local media reported.", published="2016-01-22")
    codes = {a.code for a in r.actors}
    assert not any(code.startswith("RUS") for code in codes), codes


def test_the_niger_delta_is_nigerias(read_text):
    r = read_text("Niger Delta militants kidnapped four oil workers on Monday.", published="2013-01-01")
    assert _code_of(r, "Niger Delta militants") == "NGAREB"


def test_a_former_role_in_apposition_keeps_the_office_held(read_text):
    r = read_text("JOHANNESBURG - Jacob Zuma, a former activist, acknowledged the problem on Monday.",
                  published="2013-10-12")
    assert _code_of(r, "Jacob Zuma") == "ZAFGOV"


def test_a_nationality_of_bystanders_does_not_move_the_geo_focus(read_text):
    # the focus from the geo stage holds against a country named only by a nationality word
    r = read_text("Police arrested 30 residents of Soweto, Johannesburg, on Friday after the protests. "
                  "A group also attempted to attack Ruritanian and Pakistani shopkeepers.", published="2014-01-01")
    assert _code_of(r, "Police") == "ZAFCOP"


def test_us_title_abbreviations_and_states_named_after_countries(read_text):
    r = read_text("New Mexico Gov. Susana Martinez criticised the senator. Rep. Jim Doyle of Ohio attacked "
                  "Gov. Martinez.", published="2016-11-10")
    assert _code_of(r, "New Mexico Gov. Susana Martinez") == "USAGOV"
    assert _code_of(r, "Rep. Jim Doyle") == "USALEG"


def test_a_persons_name_the_geo_stage_took_for_a_place_is_no_country(nlp):
    from newsevents.actors import actor_for_token
    from newsevents.pipeline import build_context

    ctx = build_context("Phil Smith was on the tram with his wife Ann. Ann is not blaming anybody, he said.",
                        "2016-11-10", until="actors")
    ann = [t for t in ctx.doc if t.text == "Ann"][-1]
    found = actor_for_token(ctx, ann)
    assert found is None or not found.country, found


def test_a_place_before_or_after_a_title_gives_its_country_when_the_story_is_about_it(read_text):
    # rule `place_modifier`
    r = read_text("JERUSALEM - Israeli leaders met Donald Trump on Monday. Ohio Gov. John Kasich spoke. "
                  "Gov. Jim Doyle of Texas also spoke.", published="2016-03-22")
    assert _code_of(r, "Ohio Gov. John Kasich") == "USAGOV"
    assert _code_of(r, "Gov. Jim Doyle") == "USAGOV"


def test_a_newspaper_named_by_its_town_is_media_of_the_towns_country(read_text):
    # rule `named_body` (media heads)
    r = read_text("BIRMINGHAM, England - The Harlow Gazette received an ambiguous call on Monday.",
                  published="2014-06-01")
    assert _code_of(r, "The Harlow Gazette") == "GBRMED"


def test_an_unknown_advocacy_body_is_an_ngo_of_the_story_and_its_officers_speak_for_it(read_text):
    # rule `named_body` (forum, league, alliance; a joined name; the story's country failing a
    # modifier), `body_anaphor` ("the forum" later), `body_officer` (its CEO is no business)
    r = read_text("PRETORIA - The Karoo Water Forum criticised the minister on Thursday. The forum's deputy CEO "
                  "said the plan would fail, and the forum's spokesman agreed. AgriLeague also objected.",
                  published="2013-02-14")
    assert _code_of(r, "The Karoo Water Forum") == "ZAFNGO"
    assert _code_of(r, "The forum's deputy CEO") == "ZAFNGO"
    assert _code_of(r, "the forum's spokesman") == "ZAFNGO"
    assert _code_of(r, "AgriLeague") == "ZAFNGO"


def test_an_unknown_organization_takes_the_code_of_its_apposition(read_text):
    # rule `organization_apposition`: the firm in apposition is the organization itself
    r = read_text("ACCRA - Harlow Capital, a Bermuda shipping firm, rejected the ruling on Saturday. "
                  "Ghana's government said the ship would stay.", published="2014-03-02")
    assert _code_of(r, "Harlow Capital") == "BMUBUS"


def test_a_body_named_by_a_state_role_word_is_not_an_ngo_of_the_focus(read_text):
    # rule `named_body`: the story's country is no fallback when a state role word is in the name
    r = read_text("LONDON - The Municipal Government Association said councils needed more money. "
                  "The Coastal Towns Alliance agreed.", published="2005-01-01")
    assert _code_of(r, "The Municipal Government Association") != "GBRNGO"
    assert _code_of(r, "The Coastal Towns Alliance") == "GBRNGO"


def test_a_parliamentary_committee_or_group_is_the_legislature(read_text):
    # rule `role_noun`: adjectival forms of the legislature before a body word are LEG
    r = read_text("OTTAWA - A Canadian parliamentary committee criticised the harbour deal. The Parliamentary "
                  "Panel on Fisheries also objected.", published="2018-02-13")
    assert _code_of(r, "A Canadian parliamentary committee") == "CANLEG"
    assert _code_of(r, "The Parliamentary Panel") == "CANLEG"


def test_a_body_named_as_a_venue_is_no_party_of_the_story(read_text):
    # rule `named_body`: "at the Harbour Club" with no country of its own is where a speech is given
    r = read_text("LONDON - Speaking at the Harbour Club, the Liberal leader said his party was ready.",
                  published="2005-01-01")
    assert _code_of(r, "the Harbour Club") is None
