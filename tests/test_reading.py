"""Every reading validates against the JSON Schema, and every offset points into the text."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from newsevents.schema import check_offsets, validate_reading
from tests.conftest import REPO, shared_path

DEMO = REPO / "examples" / "demo-article.txt"


def _validate_against(text: str, reading: dict) -> None:
    validate_reading(reading)
    check_offsets(reading, len(reading["document"].get("text") or text))
    for group in ("times", "places", "quotes", "events"):
        for item in reading[group]:
            source = reading["document"].get("text") or text
            span_text = source[item["start"]:item["end"]]
            assert span_text.strip(), f"{group} item has an empty span: {item}"
            if "text" in item and group != "quotes":
                assert span_text == item["text"], f"{group} text does not match its offsets: {item}"


def test_demo_reading_is_valid(read_text):
    text = DEMO.read_text(encoding="utf-8")
    reading = read_text(text, "2026-03-02").to_dict()
    _validate_against(text, reading)
    assert reading["format"] == "newsevents.reading/1"
    assert reading["document"]["title"] == "Ministers meet in Geneva as border row deepens"
    assert reading["document"]["published"] == "2026-03-02"
    assert reading["document"]["published_from"] == "given"
    assert reading["document"]["page_header_date"] == "2026-03-02"


def test_schema_rejects_a_broken_reading(read_text):
    reading = read_text(DEMO.read_text(encoding="utf-8"), "2026-03-02").to_dict()
    broken = json.loads(json.dumps(reading))
    broken["document"]["published_from"] = "guessed"
    with pytest.raises(jsonschema.ValidationError):
        validate_reading(broken)
    broken = json.loads(json.dumps(reading))
    broken["document"]["body"]["end"] = 10**9
    with pytest.raises(ValueError):
        check_offsets(broken, len(DEMO.read_text(encoding="utf-8")))


def test_nbsp_and_zero_width_offsets_map_to_raw(read_text):
    text = ("Leaders meet\n\nWASHINGTON (Reuters) - Kim\u00a0Jong\u00a0Un met President Moon\u200b Jae-in in "
            "Panmunjom on Friday, officials said.\n")
    reading = read_text(text, "2018-04-27").to_dict()
    _validate_against(text, reading)
    body = reading["document"]["body"]
    assert text[body["start"]:].startswith("WASHINGTON")


@pytest.mark.parametrize("name", [p.stem for p in sorted((REPO.parent / "shared" / "examples").glob("*.txt"))]
                         or ["(no shared examples)"])
def test_examples_validate(read_text, name):
    folder = shared_path("examples")
    article = folder / f"{name}.txt"
    if not article.exists():
        pytest.skip("no shared examples")
    reference = json.loads((folder / f"{name}.expected.json").read_text(encoding="utf-8"))
    published = reference["document"].get("true_publication_date")
    text = article.read_text(encoding="utf-8")
    _validate_against(text, read_text(text, published).to_dict())


def test_html_offsets_refer_to_extracted_text(read_text):
    html = ("<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>"
            "<p>BEIJING (Reuters) - China and Japan held talks in Beijing on Monday about the disputed islands, "
            "the foreign ministry said.</p><p>Japan urged China to show restraint near the islands, and both "
            "sides agreed to meet again next month.</p><figure><img src='x.jpg'><figcaption>Diplomats arrive "
            "for the talks in Beijing.</figcaption></figure></article></body></html>")
    reading = read_text(html, "2024-05-06").to_dict()
    doc = reading["document"]
    assert doc["source_format"] == "html"
    assert "China and Japan held talks" in doc["text"]
    _validate_against(doc["text"], reading)


def test_schema_file_is_shipped():
    assert (Path(__file__).resolve().parent.parent / "newsevents" / "schema" / "reading.schema.json").exists()


def test_international_actors_are_written_with_no_country_and_their_slot_as_agent():
    """Rule international_slot: `country` is ISO 3166 only; IGO/NGO actors keep CAMEO's code but are
    written {"country": "", "agent": "IGO"}, and a role of theirs (peacekeeping troops: MIL) is kept."""
    from newsevents.reading import Actor, written_actor

    body = written_actor(Actor("the Alliance", 0, 12, "IGO", "NAT", "IGONAT"))
    assert (body["country"], body["agent"], body["code"]) == ("", "IGO", "IGONAT")
    troops = written_actor(Actor("Alliance troops", 0, 15, "IGO", "MIL", "IGOMIL"))
    assert (troops["country"], troops["agent"]) == ("", "MIL")
    charity = written_actor(Actor("a relief charity", 0, 16, "NGO", "", "NGO"))
    assert (charity["country"], charity["agent"]) == ("", "NGO")
    army = written_actor(Actor("the Ruritanian army", 0, 19, "RUR", "MIL", "RURMIL"))
    assert (army["country"], army["agent"]) == ("RUR", "MIL")
