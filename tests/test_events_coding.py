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
