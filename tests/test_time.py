"""The time stage: TIMEX3 values resolved against the publication date, anchors, UTC offsets."""

from __future__ import annotations

import re

import pytest

from newsevents import pipeline
from newsevents import time as time_stage
from newsevents.document import DocumentInput, read_document
from newsevents.nlp import build_view
from newsevents.reading import Document, Place
from newsevents.time import dates
from newsevents.time.lexicon import DATA, utc_offsets
from newsevents.time.rules import rules


def run_time(nlp, text: str, published: str) -> pipeline.Context:
    """The time stage alone on a context built from plain text (no other stage involved)."""
    view = build_view(text)
    ctx = pipeline._make_context(text, Document(published=published), nlp(view.text), view, {})
    time_stage.run(ctx)
    return ctx


def by_text(ctx: pipeline.Context) -> dict[str, object]:
    return {t.text: t for t in ctx.times}


def test_absolute_dates_resolve_with_and_without_a_year(nlp):
    ctx = run_time(nlp, "The deal was signed on Dec. 29, 2017. Workers rallied on June 8. "
                        "The page was printed 28.03.2023.", "2020-06-16")
    got = by_text(ctx)
    assert got["Dec. 29, 2017"].value == "2017-12-29"
    assert got["June 8"].value == "2020-06-08"
    assert got["28.03.2023"].value == "2023-03-28"


def test_weekday_follows_the_tense_of_its_clause(nlp):
    # published on Thursday 2020-06-18
    ctx = run_time(nlp, "The ministry said on Tuesday that talks had failed.\n"
                        "The two sides will meet again on Tuesday.", "2020-06-18")
    values = [t.value for t in ctx.times if t.text == "Tuesday"]
    assert values == ["2020-06-16", "2020-06-23"]



def test_a_day_between_a_reporting_verb_and_its_clause_dates_the_report(nlp):
    # the parser hangs "on Monday" on "will close"; it stands before that clause's subject
    ctx = run_time(nlp, "Officials said on Monday they will close the border.\n"
                        "Officials said they will close the border on Monday.", "2020-06-18")
    values = [t.value for t in ctx.times if t.text == "Monday"]
    assert values == ["2020-06-15", "2020-06-22"]


def test_an_undated_story_reads_against_the_first_day_it_names_in_full(nlp):
    ctx = run_time(nlp, "HARARE, 4 March 2009 - Officials met on Monday and will meet again on March 20.", None)
    got = by_text(ctx)
    assert got["Monday"].value == "2009-03-02"
    assert got["March 20"].value == "2009-03-20"

def test_relative_days_weeks_and_months(nlp):
    ctx = run_time(nlp, "Police arrested him yesterday. Protests began last week and grew last month. "
                        "He had resigned earlier this month.", "2017-11-08")
    got = by_text(ctx)
    assert got["yesterday"].value == "2017-11-07"
    assert got["last week"].value == "2017-W44"
    assert got["last month"].value == "2017-10"
    assert got["earlier this month"].value == "2017-11"


def test_a_day_before_without_object_is_the_day_before_the_news_day(nlp):
    ctx = run_time(nlp, "Rebels shelled the town on Friday.\nThe mayor had warned residents a day "
                        "before.", "2021-03-13")
    got = by_text(ctx)
    assert got["Friday"].value == "2021-03-12"
    assert got["a day before"].type == "DATE"
    assert got["a day before"].value == "2021-03-11"


def test_days_before_an_object_is_a_length_anchored_on_the_story_day(nlp):
    ctx = run_time(nlp, "The test came four days before the party congress.", "2016-09-05")
    t = by_text(ctx)["four days before"]
    assert (t.type, t.value, t.anchor) == ("DURATION", "P4D", "2016-09-05")


def test_part_of_a_month_carries_mod_and_bounds(nlp):
    ctx = run_time(nlp, "Activists sent leaflets at the end of May.", "2020-06-16")
    t = next(t for t in ctx.times if "May" in t.text)
    assert (t.value, t.mod, t.begin, t.end_date) == ("2020-05", "END", "2020-05-21", "2020-05-31")


def test_fuzzy_ranges_decades_and_year_ranges(nlp):
    ctx = run_time(nlp, "Tensions have grown in recent weeks. The 1950s-era conflict never ended. "
                        "The zone ran between 2004 and 2016. They met in 2018 and 2019.", "2020-06-16")
    values = {t.text: t for t in ctx.times}
    recent = next(t for t in ctx.times if "weeks" in t.text)
    assert (recent.value, recent.end_date) == ("PXW", "2020-06-16")
    assert next(t for t in ctx.times if "1950s" in t.text).value == "195X"
    assert values["between 2004 and 2016"].value == "2004/2016"
    assert next(t for t in ctx.times if t.text.startswith("2018")).value == "2018/2019"


def test_durations_sets_and_reference_words(nlp):
    ctx = run_time(nlp, "He served three years in prison and faces up to 10 years more. The report "
                        "is published annually. Right now the talks are stalled; in the past they "
                        "worked.", "2018-01-01")
    got = by_text(ctx)
    assert got["three years"].value == "P3Y" and got["three years"].type == "DURATION"
    assert (got["up to 10 years"].value, got["up to 10 years"].mod) == ("P10Y", "EQUAL_OR_LESS")
    assert (got["annually"].type, got["annually"].value) == ("SET", "P1Y")
    assert next(t for t in ctx.times if "now" in t.text.lower()).value == "PRESENT_REF"
    assert next(t for t in ctx.times if "past" in t.text).value == "PAST_REF"


def test_clock_time_with_modifier_and_weekday(nlp):
    ctx = run_time(nlp, "The missiles were fired shortly after noon on Monday.", "2016-09-07")
    t = ctx.times[0]
    assert (t.type, t.value, t.mod) == ("TIME", "2016-09-05T12:00", "AFTER")


def test_utc_offset_comes_from_the_place_of_action_else_the_focus_country(nlp):
    ctx = run_time(nlp, "The blast came at 14:50 local time.\nA second one followed at 3:10 p.m.",
                   "2020-06-16")
    first, second = ctx.times
    ctx.exposed["place_of_action"] = {ctx.sentence_at(first.start).index: Place(
        text="Kaesong", start=0, end=0, name="Kaesong", kind="city", country="PRK", lat=None, lon=None)}
    ctx.exposed["focus_country"] = "JPN"
    time_stage.attach_utc_offsets(ctx)
    assert first.value == "2020-06-16T14:50+09:00"
    assert second.value == "2020-06-16T15:10+09:00"
    time_stage.attach_utc_offsets(ctx)  # idempotent
    assert first.value.count("+") == 1


def test_spans_index_the_raw_text_and_anchors_are_exposed(nlp):
    text = "Troops\u00a0withdrew on\u00a0Sunday night.\u200b Talks resume next week."
    ctx = run_time(nlp, text, "2015-11-19")
    for t in ctx.times:
        assert text[t.start:t.end] == t.text
    sunday = next(t for t in ctx.times if t.text.startswith("Sunday"))
    assert sunday.value == "2015-11-15TNI"
    anchors = ctx.exposed["time_anchors"]
    assert sunday in anchors[ctx.sentence_at(sunday.start).index]


def test_anchor_for_token_prefers_the_time_of_the_same_clause(nlp):
    ctx = run_time(nlp, "Police said on Friday that protesters had marched on Wednesday.", "2019-05-03")
    doc = ctx.doc
    said = next(t for t in doc if t.text == "said")
    marched = next(t for t in doc if t.text == "marched")
    assert time_stage.anchor_for_token(ctx, said).value == "2019-05-03"
    assert time_stage.anchor_for_token(ctx, marched).value == "2019-05-01"


def test_anchored_periods_follow_the_story_not_the_publication_date(nlp):
    ctx = run_time(nlp, "The plant opened in 1995. The following year it doubled output, and later that "
                        "year it was sold. Bids closed at 5 p.m. EST, Nov. 6.", "2019-10-30")
    got = by_text(ctx)
    assert got["The following year"].value == "1996"
    assert got["later that year"].value == "1996"
    assert got["5 p.m. EST, Nov. 6"].value == "2019-11-06T17:00-05:00"


def test_no_time_expressions_in_plain_numbers(nlp):
    ctx = run_time(nlp, "About 2000 people and $1990 were counted; 45% said so.", "2019-05-03")
    assert [t.text for t in ctx.times] == []


@pytest.mark.parametrize("ref,weekday,tense,want", [
    ("2020-06-18", 2, "past", "2020-06-16"),
    ("2020-06-18", 2, "future", "2020-06-23"),
    ("2020-06-16", 2, None, "2020-06-16"),
])
def test_weekday_arithmetic(ref, weekday, tense, want):
    import datetime as dt

    assert dates.weekday_date(dt.date.fromisoformat(ref), weekday, tense).isoformat() == want


def test_utc_table_is_well_formed():
    table = utc_offsets()
    assert table["PRK"] == "+09:00" and table["IND"] == "+05:30"
    assert all(re.fullmatch(r"[+-]\d{2}:\d{2}", v) for v in table.values())
    assert all(re.fullmatch(r"[A-Z]{3}", k) for k in table)


def test_every_lexicon_section_names_rules_that_exist():
    names = {r.name for r in rules()} | {"attach_utc_offsets", "tag"}
    text = (DATA / "lexicon.yaml").read_text(encoding="utf-8")
    named = re.findall(r"^# rules?: ([a-z_, ]+)", text, re.M)
    assert named
    for line in named:
        for name in re.split(r"[,\s]+", line.strip()):
            if name:
                assert name in names, name


# ---------------------------------------------------------------- the prefilter is exact

def _full_and_prefiltered(text: str) -> tuple[list, list]:
    from newsevents.time.tagger import candidates

    def key(c):
        return (c[0], c[1], c[2], c[3], c[4].name, c[5].groups())

    return [key(c) for c in candidates(text, prefilter=False)], [key(c) for c in candidates(text)]


def _lexicon_soup(seed: int, n: int = 400) -> str:
    """Random text made of the lexicon's words, digits, odd spacing and case-folding traps."""
    import random

    import yaml

    rng = random.Random(seed)
    words: list[str] = []
    for value in yaml.safe_load((DATA / "lexicon.yaml").read_text(encoding="utf-8")).values():
        if isinstance(value, dict):
            words += [str(k) for k in value]
        elif isinstance(value, list):
            words += [str(v) for v in value if isinstance(v, str)]
    extras = ["1999", "2004", "12", "7", "3:45", "p.m.", "a.m.", "'90s", "1980s", "the", "of", "on", ",", ".",
              "-", "%", "$", "20th", "31st", "TIME", "İN", "ſince", "tıme", "\u212aM", "٢٠١٠", "2010s", "Mr"]
    pieces = []
    for _ in range(n):
        word = rng.choice(words + extras)
        word = rng.choice([word, word.upper(), word.capitalize()])
        pieces.append(word)
        pieces.append(rng.choice([" ", " ", " ", "  ", "\n", "\t ", "-", ", ", "\n\n   ", ""]))
    return "".join(pieces)


# Slots of long time phrases, filled from lexicon sections (or the literals given), each slot
# left out now and then: "about two and a half more years ago", "early March 3, 2004 11:30 p.m. EST".
_PHRASE_SLOTS = [
    ["quantity_modifiers", "point_modifiers", "period_parts", "period_deictics", "the", "the past", "for"],
    ["number_words", "vague_quantities", "12", "1,500", "3 1/2", "twenty-five", "1999", "2004"],
    ["and a half", "more", "full", "straight", "consecutive", "-"],
    ["units", "months", "weekdays", "seasons", "parts_of_day", "holidays", "quarter", "half", "century"],
    ["s", "'s", "s'", ""],
    ["ago", "earlier", "later", "before", "after", "from now", "hence", "or so ago", "of", ",", "-old", "-long"],
    ["relative_days", "months", "2004", "last year", "11:30 p.m.", "time_zone_abbreviations", "named_times"],
]


def _phrase_soup(seed: int, n: int = 150) -> str:
    import random

    import yaml

    rng = random.Random(seed)
    lexicon = yaml.safe_load((DATA / "lexicon.yaml").read_text(encoding="utf-8"))

    def fill(choice: str) -> str:
        value = lexicon.get(choice)
        if isinstance(value, dict):
            return str(rng.choice(list(value)))
        if isinstance(value, list):
            return str(rng.choice(value))
        return choice

    phrases = []
    for _ in range(n):
        words = [fill(rng.choice(slot)) for slot in _PHRASE_SLOTS if rng.random() < 0.75]
        glue = rng.choice([" ", "  ", " \n ", "-"])
        phrase = glue.join(words).replace(" s", "s").replace(" 's", "'s")
        phrases.append(rng.choice([phrase, phrase.capitalize(), phrase.upper()]))
    return rng.choice([". ", " and ", ", ", "\n\n"]).join(phrases)


@pytest.mark.parametrize("seed", range(12))
def test_prefilter_finds_exactly_the_matches_of_a_whole_scan_on_generated_text(seed):
    for text in (_lexicon_soup(seed), _phrase_soup(seed)):
        full, fast = _full_and_prefiltered(text)
        assert full, "the generated text should contain time expressions"
        assert fast == full


def test_prefilter_finds_exactly_the_matches_of_a_whole_scan_on_articles():
    from tests.conftest import shared_path

    folder = shared_path("examples")
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))]
    corpus = sorted(shared_path("corpus", "news").glob("*.txt"))
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in corpus[::40]]
    for text in texts:
        full, fast = _full_and_prefiltered(text)
        assert fast == full


def test_prefilter_covers_the_rules_it_can_and_counts_letters():
    from newsevents.time.prefilter import LetterIndex

    planned = [r for r in rules() if r.plan is not None]
    assert len(planned) >= len(rules()) - 2  # nearly every rule has words it needs
    assert all(all(r.plan.required) for r in planned)
    index = LetterIndex("ab  ,12 cd\n\n   ef")
    assert index.count_before(5) == 2 and index.position(2) == 8 and index.position(6) is None
    assert index.start_bound(16, 2) == 9  # [9, 16) holds "d" and "e"
    assert index.end_bound(1, 2) == 9 and index.end_bound(8, 9) == len("ab  ,12 cd\n\n   ef")


def test_a_verb_without_auxiliary_borrows_the_past_of_the_verb_it_hangs_on(nlp):
    # published 2021-10-20: January and February of the same year, not of the next
    ctx = run_time(nlp, "The trader had been stopped and fined in January, the court heard.\n"
                        "He refused to pay, leading to a court order against him in February.\n"
                        "The two firms will merge and relist in February.", "2021-10-20")
    values = [(t.text, t.value) for t in ctx.times]
    assert values == [("January", "2021-01"), ("February", "2021-02"), ("February", "2022-02")]


def test_a_fixed_holiday_within_a_month_is_the_nearest_one(nlp):
    # read a week into January: the Christmas Day just gone, even in a present-tense clause
    ctx = run_time(nlp, "Crowds gather in the squares on Christmas Day.", "2019-01-04")
    assert by_text(ctx)["Christmas Day"].value == "2018-12-25"


def test_us_zone_without_season_follows_daylight_saving(nlp):
    ctx = run_time(nlp, "Polls closed at 8 p.m. ET on Tuesday. The filing came at 6 p.m. PT Jan. 9.", "2018-07-12")
    got = by_text(ctx)
    assert got["8 p.m. ET on Tuesday"].value == "2018-07-10T20:00-04:00"
    assert got["6 p.m. PT Jan. 9"].value == "2018-01-09T18:00-08:00"


def test_zone_abbreviations_outside_europe_and_the_us(nlp):
    ctx = run_time(nlp, "Miners marched at 10am SAST on Monday. The bout starts at 7 p.m. AEST on Saturday.",
                   "2018-07-12")
    assert [t.value for t in ctx.times] == ["2018-07-09T10:00+02:00", "2018-07-14T19:00+10:00"]


def test_titles_of_newspapers_and_shows_hold_no_time(nlp):
    ctx = run_time(nlp, "The mayor told the Sunday Times and the Daily Mail in an interview with a "
                        "USA TODAY reporter that she walks daily.", "2018-07-12")
    assert [t.text for t in ctx.times] == ["daily"]


def test_later_or_earlier_with_a_weekday_is_the_nearest_such_day(nlp):
    # published Tuesday 2019-04-16 about Monday's events
    ctx = run_time(nlp, "The senator spoke in Ohio on Monday and is due to speak again later Monday.", "2019-04-16")
    assert [t.value for t in ctx.times if t.text.endswith("Monday")] == ["2019-04-15", "2019-04-15"]


def test_set_off_is_no_arrangement_ahead(nlp):
    # "set off a bomb in May" is past; "set a hearing for May" is ahead
    ctx = run_time(nlp, "He admitted that he set off a bomb in May.\nThe judge set a hearing for August 3.",
                   "2019-11-20")
    got = by_text(ctx)
    assert got["May"].value == "2019-05"
    assert got["August 3"].value == "2020-08-03"


def test_a_clause_after_a_part_of_day_anchors_it_on_the_story_day(nlp):
    ctx = run_time(nlp, "The fire broke out on March 3. Guards saw him the night he escaped; "
                        "he was caught the morning after.", "2021-03-10")
    got = by_text(ctx)
    assert got["the night"].value == "2021-03-03TNI"


def test_caption_dates_do_not_move_the_narrative_day(nlp):
    text = ("Council closes clinics\n\nThe clinic burned on March 3.\n"
            "Firefighters at the scene, March 5, 2021.\n"
            "The next day, the council met.")
    view = build_view(text)
    raw, document, _ = read_document(DocumentInput(text, published="2021-03-10"))
    for p in document.paragraphs:  # the second line is a photo caption
        if raw[p.start:p.end].startswith("Firefighters"):
            p.zone = "caption"
    ctx = pipeline._make_context(raw, document, nlp(view.text), view, {})
    time_stage.run(ctx)
    assert by_text(ctx)["The next day"].value == "2021-03-04"


def test_a_bare_present_tells_a_schedule_only_for_a_weekday_its_verb_takes(nlp):
    # published Tuesday 2019-08-13: June is this year's (it was read as next year's)
    ctx = run_time(nlp, "The two leaders meet on Friday.\nThe dispute echoes a quarrel in June over tariffs.\n"
                        "Aside from Sunday night, the mayor appears calm.\n"
                        "He would lead the party if he wins in February.", "2019-08-13")
    values = [(t.text, t.value) for t in ctx.times]
    assert values == [("Friday", "2019-08-16"), ("June", "2019-06"), ("Sunday night", "2019-08-11TNI"),
                      ("February", "2020-02")]


def test_a_day_before_an_arranging_verb_is_the_day_of_the_arranging(nlp):
    ctx = run_time(nlp, "On June 3 the case was postponed to August 12.", "2019-07-01")
    got = by_text(ctx)
    assert got["June 3"].value == "2019-06-03"
    assert got["August 12"].value == "2019-08-12"


def test_months_later_count_from_the_month_the_story_last_named(nlp):
    ctx = run_time(nlp, "The party was founded in March 2014. Eight months later, it won a seat.", "2019-07-01")
    assert by_text(ctx)["Eight months later"].value == "2014-11"


def test_a_range_of_days_in_one_month_is_one_date_with_both_ends(nlp):
    ctx = run_time(nlp, "The talks ran April 14-25 in the capital. A second round ran 3–5 May 2018.\n"
                        "The team lost 5-4 on May 6.", "2018-06-01")
    got = {t.text: (t.value, t.begin, t.end_date) for t in ctx.times}
    assert got["April 14-25"] == ("2018-04-14", "2018-04-14", "2018-04-25")
    assert got["3–5 May 2018"] == ("2018-05-03", "2018-05-03", "2018-05-05")
    assert got["May 6"] == ("2018-05-06", None, None)


def test_since_points_back_and_a_progressive_schedules_only_its_own_day(nlp):
    # published Friday 2016-09-30
    ctx = run_time(nlp, "Since taking office in November, the mayor has cut costs.\n"
                        "They have recorded many thefts since January 1.\n"
                        "The mayor is raising questions about Monday's vote.\n"
                        "The mayor is meeting the governor on Monday.", "2016-09-30")
    values = [(t.text, t.value) for t in ctx.times]
    assert values == [("November", "2015-11"), ("January 1", "2016-01-01"), ("Monday", "2016-09-26"),
                      ("Monday", "2016-10-03")]


# ---------------------------------------------------------------- moving holidays, datelines, noun anchors

@pytest.mark.parametrize("sentence, published, text, want", [
    ("Pilgrims filled the old town on Good Friday.", "2024-04-02", "Good Friday", "2024-03-29"),
    ("The market reopens after Easter Monday.", "2025-04-10", "Easter Monday", "2025-04-21"),
    ("Bells rang across the valley at Orthodox Easter.", "2023-04-20", "Orthodox Easter", "2023-04-16"),
    ("Families gathered for Eid al-Fitr in the capital.", "2019-06-10", "Eid al-Fitr", "2019-06-04"),
    ("Herders sold their sheep before Eid al-Adha 2021.", "2022-01-10", "Eid al-Adha 2021", "2021-07-20"),
    ("Shops closed on Martin Luther King Day.", "2020-01-25", "Martin Luther King Day", "2020-01-20"),
    ("The ferry strike began on Boxing Day.", "2019-01-03", "Boxing Day", "2018-12-26"),
    ("Traffic was light during Easter week.", "2000-04-25", "Easter week", "2000-W16"),
    ("The border crossings closed for Yom Kippur.", "2023-09-27", "Yom Kippur", "2023-09-25"),
    ("Families travelled home before Passover.", "2024-04-25", "Passover", "2024-04-23"),
])
def test_moving_and_named_holidays(nlp, sentence, published, text, want):
    ctx = run_time(nlp, sentence, published)
    assert by_text(ctx)[text].value == want


@pytest.mark.parametrize("sentence", ["The play retells the Easter Rising in one act.",
                                      "Her father fought in the Yom Kippur War as a tank driver.",
                                      "Two gunmen burst into a Christmas staff party at the depot.",
                                      "The mayor ended her speech with a cheerful Merry Christmas."])
def test_a_holiday_inside_another_name_is_no_holiday(nlp, sentence):
    ctx = run_time(nlp, sentence, "2024-04-02")
    assert not [t for t in ctx.times if t.value.startswith("2024")]


def test_western_and_orthodox_easter_computus():
    from newsevents.time.rules import easter_sunday

    assert [easter_sunday(y).isoformat() for y in (2016, 2019, 2038)] == ["2016-03-27", "2019-04-21", "2038-04-25"]
    assert [easter_sunday(y, "orthodox").isoformat() for y in (2016, 2021)] == ["2016-05-01", "2021-05-02"]


def test_tense_word_lists_come_from_the_lexicon():
    from newsevents.time import tagger
    from newsevents.time.lexicon import section

    assert tagger._STATIVE_VERBS == frozenset(section("tense_stative_verbs"))
    assert "remain" in tagger._STATIVE_VERBS and "will" in tagger._FUTURE_AUX


def test_dateline_day_a_day_before_the_stamp_is_the_story_day(nlp):
    text = "Port strike\n\nHARBORVILLE, June 26 (ANA) - Dock workers walked out today and marched on Tuesday.\n"
    raw, document, view = pipeline._prepare(DocumentInput(data=text, format="text", published="2018-06-27"))
    ctx = pipeline._make_context(raw, document, nlp(view.text), view, {})
    time_stage.run(ctx)
    got = by_text(ctx)
    assert got["today"].value == "2018-06-26"
    assert got["Tuesday"].value == "2018-06-26"


def test_a_time_in_an_event_nouns_own_phrase_anchors_that_noun(nlp):
    # "on Tuesday" hangs on "raid"; "on Thursday", nearer to it, on "blamed"
    ctx = run_time(nlp, "Police blamed rebels on Thursday for a raid on the depot on Tuesday.", "2026-03-06")
    raid = next(t for t in ctx.doc if t.text == "raid")
    assert time_stage.anchor_for_token(ctx, raid).value == "2026-03-03"


@pytest.mark.parametrize("sentence, want", [
    ("The tribunal sits on 14th and 15th of October.", [("14th", "2019-10-14"), ("15th of October", "2019-10-15")]),
    ("Ballots were counted on Sept. 3 and 4 in every district.", [("Sept. 3", "2019-09-03"), ("4", "2019-09-04")]),
    ("Sept. 3 and 14 officers joined the march.", [("Sept. 3", "2019-09-03")]),
])
def test_a_day_coordinated_with_a_date_is_a_date_of_that_month(nlp, sentence, want):
    ctx = run_time(nlp, sentence, "2019-10-20")
    assert [(t.text, t.value) for t in ctx.times] == want


def test_a_range_of_days_written_with_to_is_one_date_with_both_ends(nlp):
    ctx = run_time(nlp, "The hearings ran from 14 to 16 October.", "2019-10-20")
    t = by_text(ctx)["14 to 16 October"]
    assert (t.value, t.begin, t.end_date) == ("2019-10-14", "2019-10-14", "2019-10-16")


def test_a_reduced_passive_relative_tells_the_past(nlp):
    # "ended" describes "the quarter": nearest would be next January, the clause says last one
    ctx = run_time(nlp, "The mill earned less in the quarter ended January 31, its owners said.", "2019-10-20")
    assert by_text(ctx)["January 31"].value == "2019-01-31"


def test_a_date_naming_an_occasion_is_not_moved_by_a_future_verb(nlp):
    ctx = run_time(nlp, "The union will never apologise for the June 12 walkout.", "2019-10-20")
    assert by_text(ctx)["June 12"].value == "2019-06-12"


def test_an_undated_story_is_not_dated_from_a_file_photo_caption(nlp):
    text = ("Port strike ends\n\nFILE - Dock workers march through the harbour on March 3, 2011.\n\n"
            "Dock workers ended their strike on Monday. Talks had resumed on 6 March 2020.\n")
    raw, document, view = pipeline._prepare(DocumentInput(data=text, format="text"))
    assert document.published is None and document.captions
    ctx = pipeline._make_context(raw, document, nlp(view.text), view, {})
    time_stage.run(ctx)
    assert by_text(ctx)["Monday"].value.startswith("2020-")


def test_a_title_cased_programme_in_quotes_after_a_possessive_is_no_time(nlp):
    ctx = run_time(nlp, "The governor spoke on CBS’s “Meet the Week” on Sunday, and on Fox's \"Monday Hour\". "
                        "She said the party’s “next week” would be busy.", "2018-07-12")
    assert [t.text for t in ctx.times] == ["Sunday", "next week"]
