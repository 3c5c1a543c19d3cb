"""Score readings against reference readings (the `*.expected.json` format of the examples).

The semantics follow the project's reference scorer: spans are matched on a folded copy of the
text (quotes, dashes, spaces and invisible characters folded), an event reference is met by a
system event any of whose mentions overlaps its evidence, with code, PLOVER type, actors and
date all right; `must_not` rules count violations; times, places, quotes and the document parts
are checked one by one.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STOPWORDS = {"the", "a", "an", "of", "s", "and", "in", "on", "for", "to", "from", "at", "by"}
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_FOLD = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-"})
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIMEX_VALUE = re.compile(
    r"^(\d{4}(-\d{2}(-\d{2}(T[\d:]+([+-]\d{2}:?\d{2}|Z)?)?)?)?"
    r"|\d{3}X|\d{2}XX|\d{4}-W\d{2}|\d{4}-(Q[1-4]|H[12]|SP|SU|FA|WI)"
    r"|\d{4}/\d{4}|P[\dX.]+[YMWDH]|PT[\dX.]+[HMS]|XXXX(-[\dX]{2}){0,2}"
    r"|PAST_REF|PRESENT_REF|FUTURE_REF)$")
SUMMARY_KEYS = ("must_events", "events_code", "extra_events", "must_not_violations", "times", "places",
                "quotes", "doc")


def fold(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    s = _INVISIBLE.sub("", s).translate(_FOLD)
    return re.sub(r"\s+", " ", s).strip().lower()


def content_tokens(s: str | None) -> list[str]:
    return [t for t in re.findall(r"[a-z0-9]+", fold(s)) if t not in STOPWORDS]


def as_list(x: Any) -> list[Any]:
    if x is None:
        return []
    return x if isinstance(x, list) else [x]


class FoldedText:
    """The article with a folded copy and a map from folded offsets to raw offsets."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        chars: list[str] = []
        index: list[int] = []
        prev_space = True
        for i, ch in enumerate(raw):
            for c in (fold(ch) if not ch.isspace() else " ") or "":
                if c == " ":
                    if prev_space:
                        continue
                    prev_space = True
                else:
                    prev_space = False
                chars.append(c)
                index.append(i)
        self.folded = "".join(chars)
        self.index = index

    def find_all(self, needle: str | None) -> list[tuple[int, int]]:
        n = fold(needle)
        out, pos = [], 0
        while n:
            k = self.folded.find(n, pos)
            if k < 0:
                break
            out.append((self.index[k], self.index[k + len(n) - 1] + 1))
            pos = k + 1
        return out


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def item_span(item: dict[str, Any], text: FoldedText) -> tuple[int, int] | None:
    s, e = item.get("start"), item.get("end")
    if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text.raw):
        return (s, e)
    for key in ("evidence", "text", "sentence"):
        if item.get(key):
            hits = text.find_all(item[key])
            if hits:
                return hits[0]
    return None


def event_spans(event: dict[str, Any], text: FoldedText) -> list[tuple[int, int]]:
    spans = [item_span(event, text)]
    spans += [item_span(m, text) for m in event.get("mentions") or [] if isinstance(m, dict)]
    return [sp for sp in spans if sp]


def actor_ok(ref: dict[str, Any] | None, got: dict[str, Any] | None) -> bool:
    if not ref:
        return True
    if not got:
        return "" in as_list(ref.get("country")) and not ref.get("agent")
    countries, agents = as_list(ref.get("country")), as_list(ref.get("agent"))
    if countries and (got.get("country") or "") not in countries:
        return False
    return not agents or (got.get("agent") or "") in agents


def code_ok(ref: dict[str, Any], event: dict[str, Any]) -> bool:
    cameo = str(event.get("cameo") or "")
    return bool(cameo) and (cameo in as_list(ref.get("cameo")) or cameo[:2] in as_list(ref.get("cameo_root")))


def plover_ok(ref: dict[str, Any], event: dict[str, Any]) -> bool:
    wanted = [p.upper() for p in as_list(ref.get("plover"))]
    return not wanted or (event.get("plover") or "").upper() in wanted


def date_ok(ref: dict[str, Any], event: dict[str, Any]) -> bool:
    want = ref.get("date")
    if not isinstance(want, str) or not ISO_DAY.match(want):
        return True
    return str(event.get("date") or "")[:10] == want


def time_ok(want: Any, got: dict[str, Any]) -> bool:
    want = str(want).strip()
    values = [str(got.get(k) or "") for k in ("value", "end_date", "begin", "anchor", "end")]
    value = values[0].replace(" ", "")
    head = want.split(" ")[0]
    if head != want and TIMEX_VALUE.match(head) and value == head:
        return True
    if TIMEX_VALUE.match(want):
        if value in (want, want + "Z") or value.rstrip("Z") == want or value.rstrip("X") == want.rstrip("X"):
            return True
        return len(want) == 10 and value.startswith(want + "T")
    m = re.search(r"(\d{4}-\d{2}-\d{2})", want)
    return bool(m) and any(m.group(1) in v for v in values)


def km_between(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    p = math.pi / 180
    h = (math.sin((b_lat - a_lat) * p / 2) ** 2
         + math.cos(a_lat * p) * math.cos(b_lat * p) * math.sin((b_lon - a_lon) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(h))


@dataclass
class Score:
    """One article's scores: (hits, total) pairs and counts, plus the rows that explain them."""

    name: str
    counts: dict[str, Any] = field(default_factory=dict)
    rows: list[tuple[str, str, str, str, str]] = field(default_factory=list)


def _actor_label(actor: dict[str, Any] | None) -> str:
    return f"{actor.get('country', '')}{actor.get('agent', '')}" if actor else "-"


def score_events(ref: dict[str, Any], system: dict[str, Any], text: FoldedText, score: Score
                 ) -> tuple[list[dict[str, Any]], list[list[tuple[int, int]]]]:
    events = [e for e in system.get("events") or [] if isinstance(e, dict)]
    spans = [event_spans(e, text) for e in events]
    must_total = must_full = code_hits = 0
    touched: set[int] = set()
    for r in ref.get("events", []):
        hits = text.find_all(r["evidence"])
        rspan = hits[0] if hits else None
        cands = [i for i, sps in enumerate(spans) if rspan and any(overlaps(sp, rspan) for sp in sps)]
        touched.update(cands)
        best_score, best_label, best_i = -1, "", None
        for i in cands:
            e = events[i]
            parts = {"code": code_ok(r, e), "plover": plover_ok(r, e),
                     "source": actor_ok(r.get("source"), e.get("source")),
                     "target": actor_ok(r.get("target"), e.get("target")), "date": date_ok(r, e)}
            value = sum(parts.values())
            if value > best_score:
                best_score, best_i = value, i
                best_label = ",".join(k for k, v in parts.items() if not v) or "full"
        full = best_label == "full"
        if r.get("level") == "must":
            must_total += 1
            must_full += full
            code_hits += best_i is not None and code_ok(r, events[best_i])
        status = "MISSING" if best_i is None else ("ok" if full else "wrong: " + best_label)
        got = ""
        if best_i is not None:
            e = events[best_i]
            got = f"{_actor_label(e.get('source'))}>{_actor_label(e.get('target'))} {e.get('cameo')}/{e.get('plover')} {e.get('date')}"
        score.rows.append(("event", r.get("level", ""), str(r.get("id")), status, got))
    extra = [i for i in range(len(events)) if i not in touched]
    for i in extra:
        score.rows.append(("event", "extra", str(events[i].get("id")), "not in reference",
                           (events[i].get("evidence") or "")[:70]))
    score.counts.update(must_events=[must_full, must_total], events_code=[code_hits, must_total],
                        extra_events=len(extra))
    return events, spans


_MAX_RULE = re.compile(r"max_events_with_cameo_root_([\d_or]+)_dated_(\d{4})_(\d{2})_(\d{2})")


def _rule_breakers(rule: dict[str, Any], events: list[dict[str, Any]], spans: list[list[tuple[int, int]]],
                   text: FoldedText) -> list[int]:
    ev_span = None
    if rule.get("evidence"):
        hits = text.find_all(rule["evidence"])
        ev_span = hits[0] if hits else None
    near = [i for i, sps in enumerate(spans) if ev_span and any(overlaps(sp, ev_span) for sp in sps)]
    if "cameo_root_not" in rule:
        allowed = set(rule.get("unless_modality", []))
        return [i for i in near if str(events[i].get("cameo") or "")[:2] in rule["cameo_root_not"]
                and events[i].get("modality") not in allowed]
    if "date_not" in rule:
        return [i for i in near if str(events[i].get("date") or "")[:10] == rule["date_not"]]
    if "date_not_any_event" in rule:
        return [i for i, e in enumerate(events) if str(e.get("date") or "")[:10] == rule["date_not_any_event"]]
    key = next((k for k in rule if k.startswith("max_events_with_cameo_root")), None)
    m = _MAX_RULE.match(key or "")
    if not m:
        return []
    roots, day = m.group(1).split("_or_"), "-".join(m.group(2, 3, 4))
    hit = [i for i, e in enumerate(events) if str(e.get("cameo") or "")[:2] in roots
           and str(e.get("date") or "")[:10] == day and e.get("modality", "asserted") == "asserted"]
    return hit[rule[key]:] if len(hit) > rule[key] else []


def score_must_not(ref: dict[str, Any], events: list[dict[str, Any]], spans: list[list[tuple[int, int]]],
                   text: FoldedText, score: Score) -> None:
    violations = 0
    for rule in ref.get("must_not", []):
        bad = _rule_breakers(rule, events, spans, text)
        violations += bool(bad)
        score.rows.append(("must_not", "", rule.get("why", "")[:60], "VIOLATED" if bad else "ok", ""))
    score.counts["must_not_violations"] = violations


def score_times(ref: dict[str, Any], system: dict[str, Any], text: FoldedText, score: Score) -> None:
    got = [t for t in system.get("times") or [] if isinstance(t, dict)]
    spans = [item_span(t, text) for t in got]
    ok = 0
    for r in ref.get("times", []):
        hits = text.find_all(r["text"])
        cands = [i for i, sp in enumerate(spans) if sp and any(overlaps(sp, h) for h in hits)]
        good = any(time_ok(r["value"], got[i]) for i in cands)
        ok += good
        shown = ", ".join(str(got[i].get("value")) for i in cands) or "-"
        score.rows.append(("time", "", r["text"], "ok" if good else ("MISSING" if not cands else "wrong"), shown))
    score.counts["times"] = [ok, len(ref.get("times", []))]


def _place_ok(r: dict[str, Any], p: dict[str, Any]) -> bool:
    if r.get("country") and p.get("country") != r["country"]:
        return False
    if "lat" in r:
        try:
            return km_between(r["lat"], r["lon"], float(p["lat"]), float(p["lon"])) <= r.get("tolerance_km", 25)
        except (KeyError, TypeError, ValueError):
            return False
    return True


def score_places(ref: dict[str, Any], system: dict[str, Any], score: Score) -> None:
    got = [p for p in system.get("places") or [] if isinstance(p, dict)]
    ok = 0
    for r in ref.get("places", []):
        cands = [p for p in got if fold(r["text"]) in fold(p.get("text") or p.get("name") or "")]
        good = any(_place_ok(r, p) for p in cands)
        ok += good
        score.rows.append(("place", "", r["text"], "ok" if good else ("MISSING" if not cands else "wrong"), ""))
    score.counts["places"] = [ok, len(ref.get("places", []))]


def speaker_ok(want: str, got: str) -> bool:
    w, g = set(content_tokens(want)), set(content_tokens(got))
    return bool(w) and len(w & g) / len(w) >= 0.5


def score_quotes(ref: dict[str, Any], system: dict[str, Any], score: Score) -> None:
    got = [q for q in system.get("quotes") or [] if isinstance(q, dict)]
    ok = 0
    for r in ref.get("quotes", []):
        head = fold(r["starts_with"]).strip('"')
        cands = [q for q in got if head[:40] in fold(q.get("text") or "")]
        good = any(speaker_ok(r["speaker"], q.get("speaker") or "") for q in cands)
        ok += good
        shown = "; ".join(str(q.get("speaker")) for q in cands) or "-"
        score.rows.append(("quote", "", r["speaker"], "ok" if good else ("MISSING" if not cands else "wrong speaker"),
                           shown))
    score.counts["quotes"] = [ok, len(ref.get("quotes", []))]


def score_document(ref: dict[str, Any], system: dict[str, Any], text: FoldedText, score: Score) -> None:
    want, got = ref.get("document") or {}, system.get("document") or {}
    checks: list[tuple[str, bool]] = []
    if "title" in want:
        checks.append(("title", fold(got.get("title")) == fold(want["title"])))
    if "true_publication_date" in want:
        checks.append(("published", str(got.get("published") or "")[:10] == want["true_publication_date"]))
    if "page_header_date" in want:
        checks.append(("page_header_date", str(got.get("page_header_date") or "")[:10] == want["page_header_date"]))
    if "standfirst" in want:
        checks.append(("standfirst", fold(got.get("standfirst")) == fold(want["standfirst"])))
    captions = [x for x in got.get("captions") or [] if isinstance(x, dict)]
    for c in want.get("captions", []):
        hit = [x for x in captions if fold(x.get("text")).startswith(fold(c["starts_with"])[:50])]
        checks.append(("caption " + c["starts_with"][:25],
                       bool(hit) and any(fold(x.get("credit")) == fold(c["credit"]) for x in hit)))
    if "subheadings" in want:
        checks.append(("subheadings", sorted(map(fold, got.get("subheadings") or []))
                       == sorted(map(fold, want["subheadings"]))))
    body = got.get("body") or {}
    if "body_starts_with" in want:
        good = isinstance(body.get("start"), int) and fold(text.raw[body["start"]:]).startswith(
            fold(want["body_starts_with"]))
        checks.append(("body start", good))
    if "body_ends_with" in want:
        good = isinstance(body.get("end"), int) and fold(text.raw[:body["end"]]).endswith(fold(want["body_ends_with"]))
        checks.append(("body end", good))
    furniture = " | ".join(fold(b.get("text") if isinstance(b, dict) else b) for b in got.get("boilerplate") or [])
    for b in want.get("boilerplate", []):
        if b.startswith("the title repeated"):
            tail = text.raw.rstrip().splitlines()[-1]
            checks.append(("boilerplate: repeated title", fold(tail) in furniture))
        else:
            checks.append(("boilerplate: " + b[:25], fold(b) in furniture))
    for name, good in checks:
        score.rows.append(("document", "", name, "ok" if good else "wrong", ""))
    score.counts["doc"] = [sum(g for _, g in checks), len(checks)]


def score_reading(raw: str, reference: dict[str, Any], system: dict[str, Any], name: str = "") -> Score:
    """Score one system reading (a dict) against one reference reading (a dict)."""
    if not isinstance(system, dict):
        system = {}
    text = FoldedText(raw)
    score = Score(name)
    events, spans = score_events(reference, system, text, score)
    score_must_not(reference, events, spans, text, score)
    score_times(reference, system, text, score)
    score_places(reference, system, score)
    score_quotes(reference, system, score)
    score_document(reference, system, text, score)
    return score


def summary_line(counts: dict[str, Any]) -> str:
    parts = []
    for key in SUMMARY_KEYS:
        value = counts.get(key)
        parts.append(f"{key}={value[0]}/{value[1]}" if isinstance(value, list) else f"{key}={value}")
    return " ".join(parts)


def total(scores: list[Score]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in SUMMARY_KEYS:
        values = [s.counts.get(key) for s in scores]
        if key in ("extra_events", "must_not_violations"):
            out[key] = sum(v or 0 for v in values)
        else:
            out[key] = [sum(v[0] for v in values if v), sum(v[1] for v in values if v)]
    return out


def reference_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """(article, reference) pairs: ARTICLE.expected.json beside ARTICLE.txt (or .html)."""
    pairs = []
    for ref in sorted(folder.glob("*.expected.json")):
        stem = ref.name[: -len(".expected.json")]
        article = next((folder / (stem + ext) for ext in (".txt", ".html", ".htm") if (folder / (stem + ext)).exists()),
                       None)
        if article is not None:
            pairs.append((article, ref))
    return pairs


def load_readings(path: Path) -> dict[str, dict[str, Any]]:
    """System readings by article stem: a folder of STEM.json files, or a JSONL run of `read`
    whose readings carry `document.id` (or an `id` on error lines)."""
    if path.is_dir():
        return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(path.glob("*.json"))}
    out: dict[str, dict[str, Any]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            reading = json.loads(line)
            key = str((reading.get("document") or {}).get("id") or reading.get("id") or "")
            out[Path(key).stem if key.endswith((".txt", ".html")) else key] = reading
    return out


def _system_reading(article: Path, reference: dict[str, Any], readings: dict[str, dict[str, Any]] | None,
                    model: str) -> dict[str, Any]:
    if readings is not None:
        return readings.get(article.stem, {})
    from newsevents.pipeline import read

    published = (reference.get("document") or {}).get("true_publication_date")
    return read(article.read_bytes(), published, source=str(article), model=model).to_dict()


def main(args: argparse.Namespace) -> int:
    folder = Path(args.references)
    if not folder.is_dir():
        print(f"newsevents: {folder}: not a folder of reference readings", file=sys.stderr)
        return 1
    pairs = reference_pairs(folder)
    if not pairs:
        print(f"newsevents: {folder}: no ARTICLE.txt + ARTICLE.expected.json pairs found", file=sys.stderr)
        return 1
    readings = load_readings(Path(args.readings)) if args.readings else None
    scores = []
    for article, ref_path in pairs:
        reference = json.loads(ref_path.read_text(encoding="utf-8"))
        try:
            system = _system_reading(article, reference, readings, args.model)
        except Exception as err:  # one article that cannot be read scores as an empty reading
            print(f"newsevents: {article}: cannot be read: {type(err).__name__}: {err}", file=sys.stderr)
            system = {}
        scores.append(score_reading(article.read_text(encoding="utf-8"), reference, system, article.stem))
    overall = total(scores)
    if args.json:
        print(json.dumps({"items": [{"name": s.name, **s.counts} for s in scores], "summary": overall}))
        return 0
    for s in scores:
        if args.verbose:
            for row in s.rows:
                print(f"  {row[0]:9s} {row[1]:5s} {row[2][:38]:38s} {row[3]:22s} {row[4]}")
        print(f"{s.name[:48]:48s} {summary_line(s.counts)}")
    print(f"{'TOTAL':48s} {summary_line(overall)}")
    return 0
