"""Article body from HTML on the ScrapingHub article-extraction benchmark (181 pages).

Reads ../shared/benchmarks/article-extraction in place, runs our document stage on each page
(`read_document`, format html: trafilatura plus our handling), takes the body span
(title excluded), and scores it with the benchmark's 4-word-shingle metric as its README
restates it. Prints our F1 / precision / recall / accuracy beside the same metric computed on
the reference outputs stored there, and trafilatura's published score (F1 0.958).

    python benchmarks/document_extraction.py [--limit N] [--option favor_precision=true ...]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"
BENCH = SHARED / "benchmarks" / "article-extraction"
PUBLISHED_F1 = {"trafilatura 2.0.0 (published)": 0.958, "rs_trafilatura (published)": 0.970,
                "readability_js (published)": 0.947}
TARGET_F1 = 0.958
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    """The multiset of word n-grams of a text (tokens are runs of word characters, case kept)."""
    tokens = _WORD.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(0, len(tokens) - n + 1)))


def page_counts(truth: str, predicted: str) -> tuple[float, float, float, bool]:
    """tp, fp, fn as shares of their sum (every page weighs the same), and exact token match."""
    t, p = shingles(truth), shingles(predicted)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    exact = _WORD.findall(truth or "") == _WORD.findall(predicted or "")
    total = tp + fp + fn
    if total == 0:
        return 1.0, 0.0, 0.0, exact
    return tp / total, fp / total, fn / total, exact


def summarize(rows: list[tuple[float, float, float, bool]]) -> dict[str, float]:
    precisions = [tp / (tp + fp) if tp + fp > 0 else 1.0 for tp, fp, fn, _ in rows if tp + fp > 0 or fn == 0]
    recalls = [tp / (tp + fn) if tp + fn > 0 else 1.0 for tp, fp, fn, _ in rows if tp + fn > 0 or fp == 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = sum(1 for *_, exact in rows if exact) / len(rows) if rows else 0.0
    return {"f1": f1, "precision": p, "recall": r, "accuracy": acc}


def bootstrap_f1(rows: list[tuple[float, float, float, bool]], rounds: int = 1000) -> float:
    rng = random.Random(0)
    values = []
    for _ in range(rounds):
        sample = [rows[rng.randrange(len(rows))] for _ in rows]
        values.append(summarize(sample)["f1"])
    mean = sum(values) / len(values)
    return (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5


def our_body(html: str, source: str) -> tuple[str, str]:
    """Our body text for one page, or "" with the error when the page is refused."""
    from newsevents.document import DocumentInput, read_document
    from newsevents.errors import InputError

    try:
        raw, doc, _ = read_document(DocumentInput(html, source=source, format="html"))
    except InputError as err:
        return "", err.reason
    return raw[doc.body["start"]:doc.body["end"]], ""


def parse_option(text: str) -> tuple[str, object]:
    key, _, value = text.partition("=")
    low = value.lower()
    parsed: object = value
    if low in ("true", "false"):
        parsed = low == "true"
    elif low in ("none", "null"):
        parsed = None
    elif value.isdigit():
        parsed = int(value)
    return key, parsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="score only the first N pages")
    parser.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                        help="override one trafilatura option of newsevents.document.html")
    parser.add_argument("--no-references", action="store_true", help="skip the stored reference outputs")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages we score worst on")
    args = parser.parse_args(argv)
    if not (BENCH / "ground-truth.jsonl").exists():
        print(f"needs {BENCH} (the shared material beside the checkout), which is absent", file=sys.stderr)
        return 2
    from newsevents.document import html as html_reader

    for opt in args.option:
        key, value = parse_option(opt)
        html_reader.TRAFILATURA_OPTIONS[key] = value
    truth = [json.loads(line) for line in (BENCH / "ground-truth.jsonl").open(encoding="utf-8")]
    if args.limit:
        truth = truth[:args.limit]
    ours, refused, started = [], [], time.perf_counter()
    per_page = []
    for item in truth:
        page = gzip.open(BENCH / "html" / Path(item["html_file"]).name).read().decode("utf-8", "replace")
        body, error = our_body(page, item["id"])
        if error:
            refused.append((item["id"], error))
        row = page_counts(item["articleBody"], body)
        ours.append(row)
        per_page.append((row[0] / (row[0] + row[1] + row[2]) if sum(row[:3]) else 1.0, item["id"], row))
    elapsed = time.perf_counter() - started
    results = {"newsevents (ours)": (summarize(ours), bootstrap_f1(ours))}
    if not args.no_references:
        wanted = {t["id"]: t["articleBody"] for t in truth}
        for ref in sorted((BENCH / "reference-outputs").glob("*.jsonl")):
            got = {}
            for line in ref.open(encoding="utf-8"):
                obj = json.loads(line)
                got[obj["id"]] = obj.get("articleBody") or ""
            rows = [page_counts(wanted[i], got.get(i, "")) for i in wanted]
            results[ref.stem + " (stored output)"] = (summarize(rows), bootstrap_f1(rows, 200))
    print(f"ScrapingHub article-extraction benchmark: {len(truth)} pages, our document stage took "
          f"{elapsed:.1f} s ({len(truth) / elapsed:.1f} pages/s); options {html_reader.TRAFILATURA_OPTIONS}")
    print(f"{'system':40} {'F1':>12} {'P':>6} {'R':>6} {'acc':>6}")
    for name, (s, sd) in sorted(results.items(), key=lambda kv: -kv[1][0]["f1"]):
        print(f"{name:40} {s['f1']:.3f} ±{sd:.3f} {s['precision']:.3f} {s['recall']:.3f} {s['accuracy']:.3f}")
    for name, f1 in PUBLISHED_F1.items():
        print(f"{name:40} {f1:.3f}")
    ok = results["newsevents (ours)"][0]["f1"] >= TARGET_F1
    print(f"target F1 >= {TARGET_F1}: {'met' if ok else 'NOT met'}; pages refused: {len(refused)}")
    for page_id, reason in refused:
        print(f"  refused {page_id}: {reason}")
    if args.worst:
        for _share, page_id, row in sorted(per_page)[:args.worst]:
            print(f"  worst {page_id}: tp {row[0]:.2f} fp {row[1]:.2f} fn {row[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
