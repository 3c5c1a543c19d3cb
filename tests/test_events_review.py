"""Events stage: general fixes found by reading news copy by hand (own fixtures)."""

from __future__ import annotations

PUBLISHED = "2019-08-14"
DATELINE = "DURBAN, August 14 (Wire) - "


def _events(read_text, sentence: str):
    return read_text(DATELINE + sentence, published=PUBLISHED).events


def test_victims_dying_in_an_attack_did_not_attack(read_text):
    events = _events(read_text, "At least two people died in a suicide attack on the Freedonian embassy.")
    attacks = [e for e in events if e.cameo_root == "18"]
    assert attacks and all(e.source is None or "people" not in e.source.text for e in attacks)


def test_calling_it_names_no_party(read_text):
    assert not [e for e in _events(read_text, "The rebels called it a heroic operation.") if e.cameo == "111"]


def test_no_reason_to_act_negates_it(read_text):
    events = _events(read_text, "The prosecutor said there was no reason to charge the senator.")
    assert all(e.modality != "asserted" for e in events if e.cameo.startswith("112"))


def test_encouraged_by_a_thing_is_no_appeal(read_text):
    assert not [e for e in _events(read_text, "The minister was encouraged by the excellent talks.") if e.cameo_root == "02"]
    assert [e for e in _events(read_text, "The minister was urged by the opposition to resign.") if e.cameo_root == "02"]


def test_a_mission_to_destroy_is_an_aim(read_text):
    events = _events(read_text, "The bomber was on a mission to destroy the Freedonian embassy.")
    assert all(e.modality != "asserted" for e in events if e.cameo == "1712")


def test_too_ill_to_travel_is_no_visit(read_text):
    visits = [e for e in _events(read_text, "The French president was too ill to travel to Germany.")
              if e.cameo == "042"]
    assert visits and all(e.modality == "negated" for e in visits)
    assert [e for e in _events(read_text, "The French president travelled to Germany.")
            if e.cameo == "042" and e.modality == "asserted"]


def test_a_vehicle_travelling_visits_no_one(read_text):
    assert not [e for e in _events(read_text, "The train travelled from Durban to Lesotho on Monday.")
                if e.cameo == "042"]


def test_tourists_visiting_visit_no_party(read_text):
    assert not [e for e in _events(read_text, "About two million tourists visit Lesotho every year.")
                if e.cameo == "042"]
    assert [e for e in _events(read_text, "The French foreign minister visited Lesotho on Monday.")
            if e.cameo == "042"]
