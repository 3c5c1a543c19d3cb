"""geo stage: gazetteer folding and cache, recognition guards, disambiguation, place of action."""

from __future__ import annotations

import math

import pytest

from newsevents.geo import gazetteer as gz
from newsevents.geo.gazetteer import Entry, fold, load_gazetteer
from newsevents.geo.resolve import DocumentContext, MentionCandidates, resolve


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return gz.distance_km(lat1, lon1, lat2, lon2)


def geo_context(text: str):
    """A context with only the geo stage run (so these tests do not depend on the other stages)."""
    import newsevents.geo as geo
    from newsevents.document import DocumentInput
    from newsevents.nlp import load_model
    from newsevents.pipeline import _make_context, _prepare

    raw, document, view = _prepare(DocumentInput(data=text, source="t", format="text"))
    ctx = _make_context(raw, document, load_model()(view.text), view, {})
    geo.run(ctx)
    return ctx


def places_of(read_text, text: str):
    """`read_text` is taken so the session loads the model once; only the geo stage runs."""
    return geo_context(text).places


def recognized_with_entities(text: str, entities: list[tuple[str, int, str]]) -> list[str]:
    """The names `recognize` finds in `text` when the model's entities are set by hand, each given as
    (first word, length in tokens, label): the model's own tags differ between versions."""
    from spacy.tokens import Span

    from newsevents.geo.recognize import recognize
    from newsevents.nlp import load_model

    doc = load_model()(text)
    first_index = {word: next(t.i for t in doc if t.text == word) for word, _, _ in entities}
    doc.ents = [Span(doc, first_index[word], first_index[word] + length, label=label)
                for word, length, label in entities]
    return [f.span.text for f in recognize(doc, load_gazetteer())]


def test_fold_removes_accents_and_evens_punctuation():
    assert fold("Kaesŏng") == fold("Kaesong") == "kaesong"
    assert fold("St. Louis") == fold("St Louis")
    assert fold("U.S.") == "us"
    assert fold("Côte d’Ivoire") == fold("Cote d'Ivoire")


def test_index_path_follows_xdg_cache_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = gz.index_path()
    assert path.parent == tmp_path / "newsevents"
    assert path.name.startswith("gazetteer-") and path.suffix == ".sqlite"


def test_index_name_changes_when_an_input_changes(monkeypatch):
    before = gz.inputs_hash()
    monkeypatch.setattr(gz, "BUILDER_VERSION", gz.BUILDER_VERSION + "-changed")
    assert gz.inputs_hash() != before


def test_lookup_finds_accented_city_by_plain_spelling():
    entries = load_gazetteer().lookup("Kaesong")
    main = [e for e in entries if not e.alternate]
    assert main and main[0].country == "PRK"
    assert km(main[0].lat, main[0].lon, 37.97, 126.55) < 25


def test_lookup_has_countries_us_states_and_news_regions():
    g = load_gazetteer()
    assert any(e.kind == "country" and e.country == "USA" for e in g.lookup("U.S."))
    assert any(e.kind == "region" and e.admin1 == "US.TX" for e in g.lookup("Texas"))
    assert any(e.kind == "feature" for e in g.lookup("South China Sea"))
    assert any(e.kind == "region" for e in g.lookup("Gaza Strip"))


def _entry(row: int, name: str, kind: str, country: str, lat: float, lon: float, population: int,
           admin1: str | None = None, alternate: bool = False) -> Entry:
    return Entry(row, row, name, kind, country, admin1, lat, lon, population, False, alternate)


def test_document_country_beats_bigger_namesake():
    small_in_story = _entry(1, "Springfield", "city", "USA", 39.8, -89.6, 100_000, "US.IL")
    bigger_elsewhere = _entry(2, "Springfield", "city", "AUS", -27.6, 152.9, 300_000)
    mention = MentionCandidates(0, 11, "Springfield", (bigger_elsewhere, small_in_story))
    context = DocumentContext()
    context.countries["USA"] += 3
    resolve([mention], context)
    assert mention.chosen is small_in_story


def test_container_after_comma_decides():
    in_illinois = _entry(1, "Springfield", "city", "USA", 39.8, -89.6, 110_000, "US.IL")
    in_missouri = _entry(2, "Springfield", "city", "USA", 37.2, -93.3, 170_000, "US.MO")
    illinois = _entry(3, "Illinois", "region", "USA", 40.0, -89.2, 12_000_000, "US.IL")
    state = MentionCandidates(13, 21, "Illinois", (illinois,))
    town = MentionCandidates(0, 11, "Springfield", (in_missouri, in_illinois), container=state)
    resolve([town, state], DocumentContext())
    assert town.chosen is in_illinois


def test_north_korean_city_beats_south_korean_alternate_name(read_text):
    text = ("North Korea said on Tuesday it had closed the factory zone in Kaesong. "
            "North Korean officials gave no reason.")
    kaesong = [p for p in places_of(read_text, text) if p.text == "Kaesong"]
    assert len(kaesong) == 1
    assert kaesong[0].country == "PRK" and km(kaesong[0].lat, kaesong[0].lon, 37.97, 126.55) < 25


def test_person_name_parts_and_demonyms_are_not_places(read_text):
    text = ("Kim Jong Un met President Moon Jae-in on Friday. Moon said the talks went well. "
            "North Korean state media praised Kim.")
    texts = {p.text for p in places_of(read_text, text)}
    assert not texts & {"Un", "Moon", "Kim", "North Korean", "Korean", "Jong"}


def test_common_words_and_months_are_not_places(read_text):
    text = "Best of all, the Man who came in May said Mobile phones were banned on Friday."
    assert places_of(read_text, text) == []


def test_capital_as_metonym_is_a_place_and_focus_country(read_text):
    import newsevents.geo as geo

    ctx = geo_context("Seoul said on Monday that it would reopen talks. South Korean officials met in Busan.")
    seoul = [p for p in ctx.places if p.text == "Seoul"]
    assert seoul and seoul[0].country == "KOR" and seoul[0].kind == "city"
    assert ctx.exposed["focus_country"] == "KOR"
    second = ctx.sentences[1].index
    assert ctx.exposed["place_of_action"][second].text == "Busan"
    assert ctx.exposed["place_of_action"][ctx.sentences[0].index] is None
    met = next(t for t in ctx.doc if t.text == "met")
    assert geo.place_for_token(ctx, met).text == "Busan"


def test_lower_case_news_feature_is_found(read_text):
    text = "Soldiers fired warning shots across the demilitarized zone on the Korean Peninsula."
    found = {p.text: p for p in places_of(read_text, text)}
    assert "demilitarized zone" in found and found["demilitarized zone"].kind == "feature"
    assert "Korean Peninsula" in found


@pytest.mark.parametrize("name, lat, lon", [("Washington", 38.9, -77.0), ("Georgia", 32.7, -83.4)])
def test_us_context_resolves_us_places(read_text, name, lat, lon):
    text = f"Officials in Texas and Ohio said on Monday that {name} would send more help to the United States border."
    hits = [p for p in places_of(read_text, text) if p.text == name]
    assert hits, f"{name} not found"
    assert km(hits[0].lat, hits[0].lon, lat, lon) < 300, hits[0]


def test_place_fields_are_complete(read_text):
    places = places_of(read_text, "The meeting was held in Nairobi, Kenya.")
    assert [p.text for p in places] == ["Nairobi", "Kenya"]
    nairobi = places[0]
    assert nairobi.kind == "city" and nairobi.country == "KEN" and isinstance(nairobi.geonameid, int)
    assert not math.isnan(nairobi.lat) and nairobi.start == 24 and nairobi.end == 31


def test_state_abbreviation_after_comma_and_county(read_text):
    found = {p.text: p for p in places_of(read_text, "A barn burned near Columbia, Ky., and deputies from "
                                                      "Adair County responded on Monday.")}
    assert found["Ky."].name == "Kentucky" and found["Ky."].kind == "region"
    assert found["Columbia"].country == "USA" and km(found["Columbia"].lat, found["Columbia"].lon, 37.1, -85.3) < 50
    assert found["Adair County"].kind == "region" and found["Adair County"].country == "USA"
    assert km(found["Adair County"].lat, found["Adair County"].lon, 37.1, -85.3) < 50


def test_local_feature_is_placed_at_its_town(read_text):
    found = {p.text: p for p in places_of(read_text, "Protesters gathered in Nairobi on Monday. Police closed "
                                                      "Moi Avenue for the day.")}
    avenue = found["Moi Avenue"]
    assert avenue.kind == "feature" and avenue.geonameid is None and avenue.country == "KEN"
    assert km(avenue.lat, avenue.lon, found["Nairobi"].lat, found["Nairobi"].lon) < 1


def test_fold_maps_letters_unicode_does_not_decompose():
    assert fold("Doğubayazıt") == "dogubayazit"
    assert fold("Puławy") == "pulawy" and fold("Østfold") == "ostfold"
    main = [e for e in load_gazetteer().lookup("Dogubayazit") if not e.alternate]
    assert main and main[0].country == "TUR"


@pytest.mark.parametrize("kind, near_a, far_a, near_b, far_b", [
    # towns near each other (Brandon and Kensington, Minnesota)
    ("city", (45.97, -95.60, 500, "US.MN"), (27.94, -82.29, 100_000, "US.FL"),
     (45.78, -95.70, 300, "US.MN"), (51.50, -0.19, 60_000, "GB.ENG")),
    # counties of one state vouch for that state's readings of each other
    ("county", (40.0, -90.0, 0, "US.IL"), (33.0, -84.0, 0, "US.GA"),
     (40.5, -89.5, 0, "US.IL"), (44.0, -120.0, 0, "US.OR")),
])
def test_nearby_readings_of_other_names_support_each_other(kind, near_a, far_a, near_b, far_b):
    from newsevents.geo.resolve import candidate_support

    country = {"US": "USA", "GB": "GBR"}
    a = [_entry(row, "Alder", kind, country[p[3][:2]], *p) for row, p in ((1, near_a), (2, far_a))]
    b = [_entry(row, "Birch", kind, country[p[3][:2]], *p) for row, p in ((3, near_b), (4, far_b))]
    support = candidate_support([MentionCandidates(0, 7, "Alder", tuple(a)), MentionCandidates(20, 30, "Birch", tuple(b))])
    assert support.get(1, 0) > 0 and support.get(3, 0) > 0
    assert support.get(2, 0) == 0 and support.get(4, 0) == 0


def test_a_name_read_as_a_place_once_is_a_place_elsewhere_in_the_story(read_text):
    text = ("Fighting broke out in Malakal on Monday. Aid flights to Bentiu and Malakal were suspended, "
            "and officials said Malakal had no power.")
    assert [p.text for p in places_of(read_text, text)].count("Malakal") == 3


def test_dotted_state_abbreviation_is_a_state_anywhere(read_text):
    found = {p.text: p for p in places_of(read_text, "The bill passed in N.J. and Mass. last week, officials said.")}
    assert found["N.J."].name == "New Jersey" and found["Mass."].name == "Massachusetts"


def test_first_level_regions_outside_the_us(read_text):
    found = {p.text: p for p in places_of(read_text, "Cholera spread in Zamfara and Borno, and cases were also "
                                                      "reported in the Eastern Cape of South Africa.")}
    assert found["Zamfara"].country == "NGA" and found["Zamfara"].kind == "region"
    assert found["Eastern Cape"].country == "ZAF"


def test_a_first_level_region_inside_an_organisation_name_is_not_read():
    from newsevents.geo.recognize import _strong

    assert not _strong(load_gazetteer(), "Berkshire")
    assert any(e.kind == "province" for e in load_gazetteer().lookup("Berkshire"))


def test_town_before_a_local_institution_is_a_place(read_text):
    text = "A mason from Danbury was arraigned in Torrington Superior Court on Tuesday, Connecticut officials said."
    found = {p.text: p for p in places_of(read_text, text)}
    assert "Torrington" in found and found["Torrington"].country == "USA"


def test_a_dash_between_words_does_not_make_a_person_name():
    from newsevents.geo.recognize import _person_tokens

    ctx = geo_context("Recounts were sought in two states carried by Mr Biden - Arizona and Nevada - this week.")
    if any(e.label_ == "PERSON" and "Arizona" in e.text for e in ctx.doc.ents):
        assert "Arizona" not in _person_tokens(ctx.doc, load_gazetteer())


def test_town_named_like_a_country_in_a_local_story():
    lebanon_country = Entry(1, 1, "Lebanon", "country", "LBN", None, 33.9, 35.9, 6_000_000, False, False)
    lebanon_town = _entry(2, "Lebanon", "city", "USA", 36.2, -86.3, 30_000, "US.TN")
    tennessee = _entry(3, "Tennessee", "region", "USA", 35.8, -86.3, 6_000_000, "US.TN")
    gallatin = _entry(4, "Gallatin", "city", "USA", 36.39, -86.45, 40_000, "US.TN")
    town = MentionCandidates(0, 7, "Lebanon", (lebanon_country, lebanon_town))
    state = MentionCandidates(20, 29, "Tennessee", (tennessee,))
    near = MentionCandidates(40, 48, "Gallatin", (gallatin,))
    resolve([town, state, near], DocumentContext())
    assert town.chosen is lebanon_town
    alone = MentionCandidates(0, 7, "Lebanon", (lebanon_country, lebanon_town))
    resolve([alone], DocumentContext())
    assert alone.chosen is lebanon_country


def test_party_label_and_spaced_state_abbreviations(read_text):
    found = {p.text: p for p in places_of(read_text, "Sen. Mara Kellerman, R-S.C., and Rep. Tom Ashworth, D-W. Va., "
                                                      "spoke on Monday.")}
    assert found["S.C."].name == "South Carolina"
    assert found["W. Va."].name == "West Virginia"


def test_lawmakers_home_town_after_party_letter(read_text):
    found = {p.text for p in places_of(read_text, "The bill was written by Rep. Jane Doe (D-Raleigh) and passed "
                                                   "the North Carolina House on Monday.")}
    assert "Raleigh" in found


def test_name_after_town_of_is_a_place(read_text):
    found = [p.text for p in places_of(read_text, "Gunmen opened fire on police in and near the central town of "
                                                  "Karak on Sunday.")]
    assert "Karak" in found


def test_capital_among_foreign_capitals_beats_local_namesake():
    athens_gr = Entry(1, 1, "Athens", "city", "GRC", "GR.ESYE31", 37.98, 23.73, 664_000, True, False)
    athens_tx = _entry(2, "Athens", "city", "USA", 32.20, -95.86, 12_000, "US.TX")
    nicosia = Entry(3, 3, "Nicosia", "city", "CYP", "CY.04", 35.17, 33.36, 200_000, True, False)
    ankara = Entry(4, 4, "Ankara", "city", "TUR", "TR.68", 39.92, 32.85, 3_500_000, True, False)
    texas = _entry(5, "Texas", "region", "USA", 31.25, -99.25, 25_000_000, "US.TX")
    athens = MentionCandidates(0, 6, "Athens", (athens_gr, athens_tx))
    others = [MentionCandidates(10 * k, 10 * k + 5, e.name, (e,)) for k, e in enumerate((nicosia, ankara, texas), 1)]
    context = DocumentContext()
    context.countries["USA"] += 2.0  # a Houston dateline
    resolve([athens, *others], context)
    assert athens.chosen is athens_gr


def test_unknown_village_is_placed_in_the_place_the_text_puts_it(read_text):
    found = {p.text: p for p in places_of(read_text, "Police in Mombasa said gunmen killed two people in Mbokoroni, "
                                                      "Kenya.")}
    village = found["Mbokoroni"]
    assert village.kind == "feature" and village.geonameid is None and village.country == "KEN"
    # at the Kenyan town the story names, not the middle of Kenya
    assert km(village.lat, village.lon, found["Mombasa"].lat, found["Mombasa"].lon) < 1


def test_unknown_villages_named_by_a_place_noun_are_places(read_text):
    found = {p.text: p for p in places_of(read_text, "Fighters shelled the villages of Umm Jurnah and Kafr Dabiq "
                                                      "in Idlib on Sunday.")}
    assert {"Umm Jurnah", "Kafr Dabiq"} <= set(found)
    for name in ("Umm Jurnah", "Kafr Dabiq"):
        assert found[name].country == "SYR" and km(found[name].lat, found[name].lon, found["Idlib"].lat,
                                                   found["Idlib"].lon) < 1


def test_unknown_name_without_a_place_cue_is_no_place(read_text):
    assert not places_of(read_text, "Mbokoroni won the award for the third year.")


def test_town_in_a_misread_person_name_is_still_a_place_after_a_preposition(read_text):
    found = {p.text: p for p in places_of(read_text, "Trainers at Randwick Racecourse in Sydney reported sick horses. "
                                                      "If the illness spread at Randwick it could reach 600 horses.")}
    assert found["Randwick"].country == "AUS"
    assert km(found["Randwick"].lat, found["Randwick"].lon, found["Sydney"].lat, found["Sydney"].lon) < 20


def test_direction_before_a_place_is_part_of_the_mention(read_text):
    found = {p.text: p for p in places_of(read_text, "Police launched raids on Monday in east London.")}
    area = found["east London"]
    assert area.kind == "region" and area.country == "GBR" and km(area.lat, area.lon, 51.51, -0.13) < 25


def test_street_named_after_a_far_town_stays_in_the_story_town(read_text):
    found = {p.text: p for p in places_of(read_text, "Police closed Washington Street after the attack in Boston.")}
    street = found["Washington Street"]
    assert street.kind == "feature" and km(street.lat, street.lon, found["Boston"].lat, found["Boston"].lon) < 1


def test_building_named_as_an_organisation_used_as_a_location_is_a_feature(read_text):
    found = {p.text: p for p in places_of(read_text, "The boy was taken to University Hospital in Columbia, Missouri.")}
    hospital = found["University Hospital"]
    assert hospital.kind == "feature" and hospital.country == "USA"
    assert km(hospital.lat, hospital.lon, found["Columbia"].lat, found["Columbia"].lon) < 1


def test_news_regions_and_waters_of_the_data_file(read_text):
    found = {p.text: p for p in places_of(read_text, "Ships crossed the Kerch Strait into the Sea of Azov, while "
                                                      "prices rose across Southern Europe.")}
    assert found["Kerch Strait"].kind == "feature" and found["Sea of Azov"].kind == "feature"
    assert found["Southern Europe"].kind == "region"


def test_capitalized_direction_before_a_river_is_another_name(read_text):
    texts = [p.text for p in places_of(read_text, "Mosquitoes tested positive for West Nile virus, according to "
                                                  "Rhode Island officials.")]
    assert "Nile" not in texts


def test_small_town_name_as_first_word_of_another_place_entity_is_not_that_town(read_text):
    places = places_of(read_text, "Cholera spread in Abu Shok, a camp in Darfur.")
    assert all(p.country == "SDN" for p in places)


def test_big_airport_is_a_feature_at_its_own_point(read_text):
    found = {p.text: p for p in places_of(read_text, "Flights were cancelled at Heathrow and Gatwick on Saturday.")}
    assert found["Heathrow"].country == "GBR" and km(found["Heathrow"].lat, found["Heathrow"].lon, 51.47, -0.45) < 10
    assert found["Gatwick"].country == "GBR"


def test_name_before_a_place_noun_is_a_place(read_text):
    found = {p.text: p for p in places_of(read_text, "Cases were reported in the Zorvani district of Uttar Pradesh "
                                                      "on Monday.")}
    assert found["Zorvani"].kind == "feature" and found["Zorvani"].country == "IND"
    found = {p.text: p for p in places_of(read_text, "Investigators visited the Pirbright laboratory on Monday.")}
    assert found["Pirbright"].country == "GBR"


def test_short_form_of_a_towns_own_name_is_no_obscure_alias(read_text):
    found = {p.text: p for p in places_of(read_text, "Fans celebrated in Newcastle, England, on Saturday.")}
    assert km(found["Newcastle"].lat, found["Newcastle"].lon, 54.97, -1.61) < 30


def test_place_after_a_spaced_dash_inside_a_person_entity(read_text):
    texts = [p.text for p in places_of(read_text, "Recounts were sought in two states carried by Mr Biden - "
                                                  "Arizona and Nevada - this week.")]
    assert "Arizona" in texts


def test_state_named_as_a_state_or_in_a_list_of_states(read_text):
    found = {p.text: p for p in places_of(read_text, "The cow came from a Washington state farm.")}
    assert found["Washington"].kind == "region" and found["Washington"].lon < -110
    found = {p.text: p for p in places_of(read_text, "Cases were found in Washington, Pennsylvania and California.")}
    assert found["Washington"].kind == "region" and found["Washington"].lon < -110


def test_name_an_apposition_calls_a_place_is_placed_in_its_container(read_text):
    found = {p.text: p for p in places_of(read_text, "A shopkeeper from Kwenzani, a suburb east of Harare, told "
                                                      "reporters the water was dirty.")}
    suburb = found["Kwenzani"]
    assert suburb.kind == "feature" and suburb.country == "ZWE"
    assert km(suburb.lat, suburb.lon, found["Harare"].lat, found["Harare"].lon) < 1


def test_part_words_and_capitalized_features(read_text):
    found = {p.text: p for p in places_of(read_text, "The missile could reach the U.S. mainland, officials said.")}
    assert found["U.S. mainland"].country == "USA"
    found = {p.text: p for p in places_of(read_text, "ZORVAN PRISON, West Bank (AP) - A court indicted a man "
                                                      "on Monday.")}
    assert found["ZORVAN PRISON"].kind == "feature" and found["ZORVAN PRISON"].country == "PSE"
    assert not places_of(read_text, "Nothing on Earth compares with it, he said.")


def test_common_word_in_capitals_opening_a_lede_is_no_town(read_text):
    assert not places_of(read_text, "GREEN paint was splashed across the old school hall on Friday.")
    assert [p.name for p in places_of(read_text, "BEIRUT - Fighting resumed on Monday.")] == ["Beirut"]


def test_lower_case_word_the_model_tags_a_place_is_no_place(read_text):
    assert recognized_with_entities("A dead swan was found near the lake in Cheddar.",
                                    [("swan", 1, "GPE"), ("Cheddar", 1, "GPE")]) == ["Cheddar"]


def test_entity_that_is_a_list_of_places(read_text):
    """An organisation entity that is a list of place names ("Dubbo or Orange") is each of them."""
    assert recognized_with_entities("The couple is thought to be heading west to Dubbo or Orange in a borrowed "
                                    "caravan.", [("Dubbo", 3, "ORG")]) == ["Dubbo", "Orange"]


def test_school_after_a_preposition_is_a_feature_at_the_town_of_its_sentence(read_text):
    found = {p.text: p for p in places_of(read_text, "A fire broke out on Tuesday at Westbrook High School in "
                                                      "Spokane, Washington.")}
    school = next(p for text, p in found.items() if "High School" in text)
    assert school.kind == "feature" and school.geonameid is None and school.country == "USA"
    assert km(school.lat, school.lon, found["Spokane"].lat, found["Spokane"].lon) < 1


def test_building_named_without_a_place_cue_needs_a_town_in_its_sentence(read_text):
    alone = places_of(read_text, "Meridian Regional Hospital said on Monday that it had treated twelve patients.")
    assert not any("Hospital" in p.text for p in alone)
    found = {p.text: p for p in places_of(read_text, "In Winnipeg, Meridian Regional Hospital said on Monday "
                                                      "that it had treated twelve patients.")}
    hospital = found.get("Meridian Regional Hospital")
    assert hospital is not None and hospital.kind == "feature"
    assert km(hospital.lat, hospital.lon, found["Winnipeg"].lat, found["Winnipeg"].lon) < 1


def test_small_town_abroad_in_a_story_about_other_countries_is_dropped():
    from newsevents.geo import _drop_stray_alternates

    hamlet = _entry(1, "Elmvale Park", "city", "NZL", -36.9, 174.8, 3_000)
    big = _entry(2, "Kingsport Harbour", "city", "AUS", -33.8, 151.2, 900_000)
    far_hamlet, far_city = (MentionCandidates(0, 12, e.name, (e,)) for e in (hamlet, big))
    far_hamlet.chosen, far_city.chosen = hamlet, big
    context = DocumentContext()
    context.countries["CAN"] += 3
    _drop_stray_alternates([far_hamlet, far_city], context)
    assert far_hamlet.chosen is None and far_city.chosen is big
    country = _entry(3, "New Zealand", "country", "NZL", -41.0, 174.0, 5_000_000)
    named = MentionCandidates(20, 31, "New Zealand", (country,), chosen=country)
    context.countries["NZL"] += 1  # the story names New Zealand: the hamlet stays
    far_hamlet.chosen = hamlet
    _drop_stray_alternates([far_hamlet, named], context)
    assert far_hamlet.chosen is hamlet


def test_home_town_after_of_inside_a_person_name_is_a_place(read_text):
    # the model sometimes reads the person and his home town as one name
    found = _recognized("She is survived by her brother, Walter Greer of Tishomingo, Oklahoma; and two sisters.",
                        [("Walter Greer of Tishomingo", "PERSON"), ("Oklahoma", "GPE")])
    assert "Tishomingo" in found


def test_one_place_per_name_in_a_story():
    from newsevents.geo import _one_sense

    here = _entry(1, "Brookfield", "city", "USA", 38.2, -84.6, 30_000, "US.KY")
    abroad = _entry(2, "Brookfield", "city", "GUY", 6.8, -58.2, 200_000)
    first, second, third = (MentionCandidates(k * 20, k * 20 + 10, "Brookfield", (here, abroad)) for k in range(3))
    first.chosen, second.chosen, third.chosen = here, abroad, here
    _one_sense([first, second, third], "", None)
    assert second.chosen is here  # most mentions read it so
    first.chosen, second.chosen, third.chosen = here, abroad, abroad
    _one_sense([first, second, third], "brookfield", here)
    assert second.chosen is third.chosen is here  # the dateline's reading wins for the dateline's name


def _recognized(text: str, ents: list[tuple[str, str]]) -> list[str]:
    """The spans recognize() finds in `text` when the model's entities are exactly `ents` (text, label)."""
    from spacy.tokens import Span

    from newsevents.geo.recognize import recognize
    from newsevents.nlp import load_model

    doc = load_model()(text)
    spans = []
    for ent_text, label in ents:
        at = text.index(ent_text)
        span = doc.char_span(at, at + len(ent_text))
        spans.append(Span(doc, span.start, span.end, label=label))
    doc.ents = spans
    return [f.span.text for f in recognize(doc, load_gazetteer())]


def test_country_whose_name_starts_with_a_direction_tagged_as_a_group(read_text):
    found = _recognized("Aid went to Chad and Central African Republic last year.",
                        [("Chad", "GPE"), ("Central African Republic", "NORP")])
    assert "Central African Republic" in found


def test_place_before_a_spaced_dash_inside_a_person_entity(read_text):
    found = _recognized("Deaths by country so far: Sri Lanka - about 900, Kenya - 12.",
                        [("Sri Lanka - about", "PERSON"), ("Kenya", "GPE")])
    assert "Sri Lanka" in found


def test_town_after_a_preposition_and_a_direction_is_a_place_despite_a_person_entity(read_text):
    found = _recognized("Crews gathered in downtown Elmira on Friday, said Elmira Fire Chief Dan Wells.",
                        [("Elmira", "GPE"), ("Elmira Fire Chief", "PERSON"), ("Dan Wells", "PERSON")])
    assert "downtown Elmira" in found  # the direction is part of the mention


def test_building_named_after_a_big_city_stands_in_that_city(read_text):
    found = {p.text: p for p in places_of(read_text, "Police blocked the square in front of Wellington City Hall "
                                                      "on Sunday, where a vigil was held.")}
    hall = next((p for text, p in found.items() if "Wellington" in text), None)
    assert hall is not None and hall.country == "NZL"
    assert km(hall.lat, hall.lon, -41.29, 174.78) < 25


def test_town_placed_by_a_preposition_is_a_place_elsewhere_despite_a_person_entity(read_text):
    text = "Aid reached families in Elmira on Monday, staff of Hope Village Elmira said. Buses to Elmira resumed."
    found = _recognized(text, [("Elmira", "GPE"), ("Hope Village Elmira", "PERSON")])
    assert found.count("Elmira") == 2  # "in Elmira" and, one sense per story, "to Elmira"


def test_county_has_its_own_point_when_the_story_names_no_town(read_text):
    """rule county_points: a US county named alone is placed at its own point, not at its state's."""
    found = {p.text: p for p in places_of(read_text, "Snowplows cleared the highways of Sauk County "
                                                      "before dawn on Friday.")}
    county = found["Sauk County"]
    assert county.kind == "region" and county.country == "USA"
    assert km(county.lat, county.lon, 43.43, -89.95) < 40


def test_county_points_file_covers_counties_of_every_state():
    rows = gz.read_tsv("us_county_points.tsv")
    assert len(rows) > 3000 and len({r["state"] for r in rows}) >= 50


def test_spelling_variants_join_hyphens_and_short_first_words():
    """rule spelling_variants: "St. X" / "Saint-X", "Ft. X" / "Fort X", "X Y" / "X-Y"."""
    assert "saint-moritz" in gz.spelling_variants("st moritz")
    assert "al mukalla" in gz.spelling_variants("al-mukalla")
    assert "mount vernon" in gz.spelling_variants("mt vernon")
    g = load_gazetteer()
    assert any(e.name == "Fort Worth" for e in g.lookup("Ft. Worth"))
    assert any(e.name == "Winston-Salem" for e in g.lookup("Winston Salem"))
    # a name held as written keeps only its own readings ("St. Moritz" is not every Saint-Moritz)
    assert all(fold(e.name).startswith("st") for e in g.lookup("St. Moritz") if not e.alternate)


def test_spaced_dash_after_a_place_glues_no_name(read_text):
    """A dash between words ("Essex - Mary Brown, 52 -") is no hyphen inside a longer name."""
    found = {p.text: p for p in places_of(read_text, "A woman from Colchester, Essex - Mary Brown, 52 - was "
                                                      "fined on Friday.")}
    assert found["Essex"].country == "GBR"


def test_organisation_after_a_site_preposition_is_a_feature_at_its_town(read_text):
    """rule site_after_preposition: "outside X" puts an organisation's name at its site."""
    found = {p.text: p for p in places_of(read_text, "Protesters gathered outside Harland Dynamics in Belfast "
                                                      "on Tuesday.")}
    site = found["Harland Dynamics"]
    assert site.kind == "feature" and km(site.lat, site.lon, 54.6, -5.93) < 20


def test_place_entity_cut_short_is_widened_to_the_whole_name(read_text):
    """rule entity_boundaries: "to Port [Harcourt]" is Port Harcourt, not some town called Harcourt."""
    assert recognized_with_entities("Flights resumed to Port Harcourt on Monday.",
                                    [("Harcourt", 1, "GPE")]) == ["Port Harcourt"]


def test_list_named_by_a_place_noun_takes_alternate_spellings(read_text):
    """rule named_by_place_noun: "the towns of X and Y" tagged as one organisation, each only an
    alternate spelling in the gazetteer, are both places."""
    assert recognized_with_entities("The towns of Nishapur and Sabzawar were hit by the storm.",
                                    [("Nishapur", 3, "ORG")]) == ["Nishapur", "Sabzawar"]


def test_town_missing_from_the_gazetteer_stands_at_a_town_of_its_state(read_text):
    """rule town_in_container: "X, Iowa" where every X we hold lies in another state."""
    found = {p.text: p for p in places_of(read_text, "A grain elevator burned near Plano, Iowa, on Monday. "
                                                      "Firefighters from Centerville and Albia responded.")}
    assert km(found["Plano"].lat, found["Plano"].lon, 41.6, -93.0) < 160  # in Iowa, not Texas or Illinois


def test_place_entity_cut_short_before_a_hyphen_is_widened(read_text):
    """rule entity_boundaries: "[Guinea]-Bissau" is Guinea-Bissau."""
    assert recognized_with_entities("Cases rose in Guinea-Bissau last week.",
                                    [("Guinea", 1, "GPE")]) == ["Guinea-Bissau"]


def test_name_before_a_comma_and_a_state_is_a_place_in_that_state(read_text):
    """rule name_before_container: "Elm Falls, Minn.," (tagged a person) is a place we do not hold, put
    at the town of that state the story names."""
    found = {p.text: p for p in places_of(read_text, "Flooding hit Elm Falls, Minn., and nearby Duluth on Sunday.")}
    assert found["Elm Falls"].country == "USA"
    assert km(found["Elm Falls"].lat, found["Elm Falls"].lon, 46.78, -92.11) < 20


def test_person_before_a_state_used_as_a_modifier_is_no_place(read_text):
    found = places_of(read_text, "Governor Jane Ortega, Texas governor, spoke on Monday.")
    assert [p.text for p in found] == ["Texas"]


def test_country_name_at_the_end_of_a_longer_name_is_the_country(read_text):
    """rule embedded_country: "Harvest Relief Sudan" still names Sudan, though a capitalized word glues it."""
    found = {p.text: p for p in places_of(read_text, "Volunteers from Harvest Relief Sudan arrived on Monday.")}
    assert found["Sudan"].kind == "country" and found["Sudan"].country == "SDN"


def test_state_name_inside_a_longer_name_is_the_state(read_text):
    """rule embedded_country also holds for a US state: "Harvest Relief Oregon" with no entity tagged."""
    from newsevents.geo.recognize import recognize
    from newsevents.nlp import load_model

    doc = load_model()("Volunteers from Harvest Relief Oregon arrived on Monday.")
    doc.ents = []
    assert [f.span.text for f in recognize(doc, load_gazetteer())] == ["Oregon"]


def test_name_split_into_two_entities_is_one_place(read_text):
    """rule entity_boundaries across entities: "French" (a group) + "Guiana" (a person) is French Guiana."""
    found = {p.text: p for p in places_of(read_text, "Flights to French Guiana resumed on Monday.")}
    assert found["French Guiana"].country == "GUF"


def test_county_points_are_the_median_of_their_towns():
    """derive_points.county_points: towns of 1,000 people and more give each known county its point."""
    from newsevents.geo.derive_points import county_points

    rows = [{"lat": "43.0", "lon": "-90.0", "name": "A", "admin1": "Wisconsin", "admin2": "Sauk County", "cc": "US"},
            {"lat": "44.0", "lon": "-89.0", "name": "B", "admin1": "Wisconsin", "admin2": "Sauk County", "cc": "US"},
            {"lat": "43.5", "lon": "-89.5", "name": "C", "admin1": "Wisconsin", "admin2": "Sauk County", "cc": "US\r"},
            {"lat": "10.0", "lon": "10.0", "name": "D", "admin1": "Wisconsin", "admin2": "Nowhere County", "cc": "US"},
            {"lat": "50.0", "lon": "0.0", "name": "E", "admin1": "England", "admin2": "Kent", "cc": "GB"}]
    assert county_points(rows) == [("WI", "Sauk County", 43.5, -89.5, 3)]


def test_country_named_with_and_is_one_country_and_its_short_form_follows_it(read_text):
    """rule entity_boundaries over "and" (countries and regions only) and rule short_country_names."""
    text = ("The cricket board of Trinidad and Tobago met envoys on Monday. "
            "Fans in Trinidad said the talks went well.")
    found = places_of(read_text, text)
    assert [p.country for p in found] == ["TTO", "TTO"]
    assert found[0].text == "Trinidad and Tobago" and found[1].kind == "country"


def test_short_acronym_is_no_small_town_abroad(read_text):
    """rule acronym_readings: "SEC" is no town Seč; "UK" is still the country."""
    found = places_of(read_text, "Inspectors from the SEC visited a bank in the UK on Monday.")
    assert [(p.text, p.country) for p in found] == [("UK", "GBR")]


def test_saint_name_before_a_possessive_feature_is_a_building_not_the_town(read_text):
    """rule saint_features: "St. Agnes's Chapel" is the chapel, not a town named St. Agnes."""
    found = places_of(read_text, "Pilgrims gathered at St. Agnes's Chapel in Boston on Sunday.")
    assert [(p.text, p.kind) for p in found] == [("St. Agnes's Chapel", "feature"), ("Boston", "city")]


def test_place_entity_cut_by_another_entity_after_a_locative_is_widened(read_text):
    """rule entity_boundaries: "Campo" (a place) + "Grande" (an organisation) after "in" is Campo Grande,
    not the town of Grande found by a fragment of the name."""
    assert recognized_with_entities("Relatives now live in Campo Grande with their children.",
                                    [("Campo", 1, "GPE"), ("Grande", 1, "ORG")]) == ["Campo Grande"]


def test_small_town_abroad_that_only_its_own_name_points_to_is_dropped():
    """rule stray towns: a 30,000-people town abroad that nothing but its own name points to, in a story
    about another country, is no place; one that another name of the story points to stays."""
    from collections import Counter

    from newsevents.geo import _drop_stray_alternates

    shop = MentionCandidates(0, 5, "Pimenta", (_entry(1, "Pimenta", "city", "ESP", 40.0, -3.0, 30_000),))
    city = MentionCandidates(10, 17, "Chicago", (_entry(2, "Chicago", "city", "USA", 41.9, -87.6, 2_700_000),))
    for m in (shop, city):
        m.chosen = m.entries[0]
    _drop_stray_alternates([shop, city], DocumentContext(countries=Counter({"USA": 3.0, "ESP": 1.0})))
    assert shop.chosen is None and city.chosen is not None
    shop.chosen = shop.entries[0]
    town = MentionCandidates(20, 26, "Segovia", (_entry(3, "Segovia", "city", "ESP", 39.9, -4.0, 80_000),))
    town.chosen = town.entries[0]
    _drop_stray_alternates([shop, city, town], DocumentContext(countries=Counter({"USA": 3.0, "ESP": 2.0})))
    assert shop.chosen is not None


def test_organisation_after_from_is_a_site_but_not_a_town_council(read_text):
    """rule site_after_preposition with "from": workers from a firm come from its site; a town's council
    is the town's own body, not a site."""
    found = places_of(read_text, "Workers from Harland Dynamics marched through Denver on Monday.")
    assert ("Harland Dynamics", "feature") in [(p.text, p.kind) for p in found]
    found = places_of(read_text, "The mayor of Ashland, Oregon, resigned from Ashland Town Council on Monday.")
    assert "Ashland Town Council" not in [p.text for p in found]


def test_other_spelling_after_a_locative_is_the_place_but_not_another_name():
    """rule spelling after a locative (_weak_ok): "in Benghasi" is Benghazi, spelled alike; "in Quillford"
    is no town that also bears that word as an alternate name."""
    from newsevents.geo.recognize import _spelled_alike, _weak_ok

    gazetteer = load_gazetteer()
    assert _weak_ok(gazetteer, "Benghasi", after_locative=True)
    assert not _weak_ok(gazetteer, "Benghasi")
    assert not _spelled_alike("Quillford", "Elm City")


def test_building_named_in_another_sentence_stands_at_its_paragraphs_town(read_text):
    """rule local_features: a building the model calls an organisation, with no town in its sentence,
    stands at the town its paragraph names; not past the paragraph's end."""
    text = ("Flooding closed roads in Elmira on Sunday. Mercy General Hospital said two people were hurt.\n\n"
            "Separately, Lakeview Memorial Hospital said it would hire nurses.")
    found = [(p.text, p.name, p.country) for p in places_of(read_text, text)]
    assert ("Mercy General Hospital", "Mercy General Hospital", "USA") in found
    assert "Lakeview Memorial Hospital" not in [p[0] for p in found]


def test_unplaced_mention_of_a_local_name_stands_where_its_other_mention_was_placed(read_text):
    """rule local_features, one place per name: a building's mention in a paragraph with no town stands
    where its other mention was placed."""
    text = ("Flooding closed roads in Elmira on Sunday. Mercy General Hospital said two people were hurt.\n\n"
            "Separately, Mercy General Hospital said it would hire nurses.")
    found = [p.country for p in places_of(read_text, text) if p.text == "Mercy General Hospital"]
    assert found == ["USA", "USA"]


def test_acronym_reads_no_mid_sized_town_by_its_folded_name():
    """rule acronym_readings: a 130,000-people town whose name folds to the letters is not enough."""
    from newsevents.geo import _acronym_readings

    town = _entry(1, "Ků", "city", "VNM", 21.0, 106.0, 130_000)
    country = _entry(2, "Kuland", "country", "KUL", 0.0, 0.0, 5_000_000)
    assert _acronym_readings((town, country)) == (country,)


def test_acronym_with_inner_capitals_is_no_town(read_text):
    """rule acronym_readings: "MoD" (capitals inside the word) reads as no town sharing its letters."""
    found = places_of(read_text, "A spokesman for the MoD in London said so on Monday.")
    assert [p.text for p in found] == ["London"]


def test_far_city_in_a_local_story_is_the_namesake_near_its_places():
    """rule local_namesakes: a far capital's name in a story whose other places all lie in one US county
    is the namesake town near them; not when a demonym or another place points to the far country."""
    from collections import Counter

    from newsevents.geo import _local_namesakes

    county = _entry(1, "Birch County", "county", "USA", 36.3, -88.3, 30_000, admin1="US.TN")
    capital = _entry(2, "Veloria", "city", "FRA", 48.9, 2.35, 2_000_000)
    namesake = _entry(3, "Veloria", "city", "USA", 36.3, -88.33, 10_000, admin1="US.TN")
    far_namesake = _entry(4, "Veloria", "city", "USA", 33.66, -95.55, 25_000, admin1="US.TX")
    home = MentionCandidates(0, 12, "Birch County", (county,), chosen=county)
    town = MentionCandidates(20, 27, "Veloria", (capital, namesake, far_namesake), chosen=capital)
    _local_namesakes([home, town], DocumentContext(countries=Counter({"USA": 1.0, "FRA": 1.0})))
    assert town.chosen is namesake
    town.chosen = capital
    _local_namesakes([home, town], DocumentContext(countries=Counter({"USA": 1.0, "FRA": 2.5})))
    assert town.chosen is capital


def test_city_abroad_in_a_story_naming_its_home_country_is_the_home_namesake():
    """rule home_country_namesakes: a story naming Canada twice (and Syria once) reads a bare name as the
    Canadian city of real size, not the capital abroad; not when a demonym points to that capital's
    country, nor when the home namesake is a village."""
    from collections import Counter

    from newsevents.geo import _home_country_namesakes

    canada = _entry(1, "Canada", "country", "CAN", 56.0, -106.0, 37_000_000)
    syria = _entry(2, "Syria", "country", "SYR", 35.0, 38.0, 17_000_000)
    capital = _entry(3, "Veloria", "city", "FRA", 48.9, 2.35, 2_000_000)
    namesake = _entry(4, "Veloria", "city", "CAN", 42.98, -81.25, 350_000, admin1="CA.08")
    mentions = [MentionCandidates(0, 6, "Canada", (canada,), chosen=canada),
                MentionCandidates(10, 15, "Syria", (syria,), chosen=syria),
                MentionCandidates(20, 26, "Canada", (canada,), chosen=canada)]
    town = MentionCandidates(30, 37, "Veloria", (capital, namesake), chosen=capital)
    _home_country_namesakes([*mentions, town], DocumentContext(countries=Counter({"CAN": 2.0, "FRA": 1.0})))
    assert town.chosen is namesake
    town.chosen = capital
    _home_country_namesakes([*mentions, town], DocumentContext(countries=Counter({"CAN": 2.0, "FRA": 2.5})))
    assert town.chosen is capital
    village = _entry(5, "Veloria", "city", "CAN", 42.98, -81.25, 3_000, admin1="CA.08")
    town = MentionCandidates(30, 37, "Veloria", (capital, village), chosen=capital)
    _home_country_namesakes([*mentions, town], DocumentContext(countries=Counter({"CAN": 2.0, "FRA": 1.0})))
    assert town.chosen is capital


def test_country_named_like_the_state_of_a_local_story_is_the_state():
    """rule local_namesakes: a country's name that is also the US state holding the story's other places
    is the state."""
    from collections import Counter

    from newsevents.geo import _local_namesakes

    county = _entry(1, "Birch County", "county", "USA", 33.9, -83.4, 30_000, admin1="US.GA")
    country = _entry(2, "Georgia", "country", "GEO", 42.3, 43.0, 3_700_000)
    state = _entry(3, "Georgia", "region", "USA", 32.7, -83.4, 10_000_000, admin1="US.GA")
    home = MentionCandidates(0, 12, "Birch County", (county,), chosen=county)
    named = MentionCandidates(20, 27, "Georgia", (country, state), chosen=country)
    _local_namesakes([home, named], DocumentContext(countries=Counter({"USA": 1.0, "GEO": 1.0})))
    assert named.chosen is state


def test_us_state_name_in_a_story_about_another_country_is_the_local_town(read_text):
    """rule local_namesakes for regions: a state's name written after a local building in a story whose
    places all lie in Ireland is the Irish town of that name."""
    text = ("Grants went to groups in Bailieborough and Kingscourt, Ireland. "
            "Works will be done at the Lakeside Hall, Virginia, this spring.")
    found = {p.text: p for p in places_of(read_text, text)}
    assert found["Virginia"].country == "IRL"


def test_square_named_like_a_far_small_town_is_the_local_square(read_text):
    """rule local_features: "Lincoln Square" in a story about Denver is a square there, not the Chicago
    neighbourhood of that name 1,400 km away."""
    text = "Protesters marched through Denver on Monday. They rallied in Lincoln Square before noon."
    found = {p.text: p for p in places_of(read_text, text)}
    assert found["Lincoln Square"].kind == "feature"
    assert km(found["Lincoln Square"].lat, found["Lincoln Square"].lon, 39.74, -104.99) < 50


def test_spellings_alike_once_a_leading_article_is_set_aside():
    """rule spelled_alike: "Al-Qasrin" and "El Qasreen" are spellings of one name (the article differs, then
    the vowels); a name that begins otherwise is still another name."""
    from newsevents.geo.recognize import _spelled_alike

    assert _spelled_alike("Al-Qasrin", "El Qasreen")
    assert _spelled_alike("Qasrin", "Al Qasreen")
    assert not _spelled_alike("Al-Qasrin", "Al Hamra")
    assert not _spelled_alike("Alqasrin", "Qasreen")


def test_union_of_states_is_a_place_only_as_a_territory(read_text):
    """rule territorial_bodies: "the EU" after a preposition of place is its territory (a place at the
    union's point); "the EU objected" is the body, no place."""
    places = places_of(read_text, "Farmers sold more cheese across the EU last year. "
                                  "The EU objected on Monday that the levy was unfair.")
    eu = [p for p in places if p.text == "EU"]
    assert len(eu) == 1 and eu[0].start < 50 and eu[0].kind == "region"


def test_one_word_name_held_nowhere_is_the_big_town_bearing_it_with_an_article():
    """rule spelling_variants: news writes the Egyptian town Al Manzalah as "Manzalah"; a one-word name
    held nowhere is looked up with a leading article, for a town of 100,000 or more only."""
    entries = load_gazetteer().lookup("Manzalah")
    assert entries and all(e.kind == "city" and e.country == "EGY" and e.population >= 100_000 for e in entries)


def test_town_the_model_calls_a_language_is_a_place_but_a_language_is_not(read_text):
    """A town name the model tags LANGUAGE after "in" is read like the other names it mis-tags; a real
    language name stays out ("in Arabic")."""
    places = places_of(read_text, "They spoke in Aleppo, not in Arabic.")
    assert [(p.text, p.country) for p in places] == [("Aleppo", "SYR")]


def test_state_abbreviation_without_its_dot_and_province_abbreviation_after_a_town(read_text):
    """rule state_after_comma: "Paducah, Ky (AP)" names Kentucky though the AP abbreviation lost its dot;
    "Brandon, Man." names Manitoba, and the town is the Manitoba one."""
    places = places_of(read_text, "PADUCAH, Ky (AP) -- Officials said on Friday that the bridge would reopen.")
    assert ("Ky", "Kentucky") in [(p.text, p.name) for p in places]
    places = places_of(read_text, "Officials in Brandon, Man., said on Friday that the bridge would reopen.")
    assert [(p.name, p.country) for p in places] == [("Brandon", "CAN"), ("Manitoba", "CAN")]


def test_big_city_opening_an_event_name_is_where_the_event_is_held(read_text):
    """rule event_host_city: the city that opens a festival's or a marathon's name is a place; the
    event's name as a whole is not."""
    places = places_of(read_text, "The film won the top prize at the Lisbon International Film Festival last year.")
    assert [(p.text, p.country) for p in places] == [("Lisbon", "PRT")]
    places = places_of(read_text, "Runners at the Oslo Marathon faced rain.")
    assert [(p.text, p.country) for p in places] == [("Oslo", "NOR")]
