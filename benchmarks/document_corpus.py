"""Read all articles of ../shared/corpus/news with the document stage alone (no spaCy).

Checks that every article reads without a crash, with a title or a stated reason
(`document.title_missing_reason`) and a non-empty body; prints documents per second of the
document stage and, by source, how many have a title, a reason, captions, boilerplate, a
dateline, and a publication date (with its agreement with meta.jsonl where that has one).
With --full it also runs the whole pipeline (`newsevents.read`) on a sample.

    python benchmarks/document_corpus.py [--full] [--sample 20] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpus" / "news"
SOURCES = ("bbc-politics", "g5w", "glocon", "polnear", "ipe", "wikievents")


def source_of(name: str) -> str:
    return next((s for s in SOURCES if name.startswith(s)), "other")


def load_meta() -> dict[str, dict]:
    path = CORPUS / "meta.jsonl"
    if not path.exists():
        return {}
    return {m["id"]: m for m in map(json.loads, path.open(encoding="utf-8"))}


def run_document_stage(files: list[Path], meta: dict[str, dict]) -> int:
    from newsevents.document import DocumentInput, read_document
    from newsevents.errors import InputError

    counts: dict[str, Counter] = defaultdict(Counter)
    problems: list[str] = []
    datas = [(f, f.read_bytes()) for f in files]  # read first: time the stage, not the disk
    # load the pattern files and the place names once, as a long-running reader would
    from newsevents.document import capture

    capture._known_places()
    read_document(DocumentInput("Warm up\nBy A B, dpa LONDON (dpa) - A text for the loaders, he said.", source="warm-up"))
    started = time.perf_counter()
    for path, data in datas:
        src = source_of(path.name)
        c = counts[src]
        c["articles"] += 1
        try:
            raw, doc, _ = read_document(DocumentInput(data, source=str(path)))
        except InputError as err:
            c["refused"] += 1
            problems.append(f"refused {path.name}: {err.reason}")
            continue
        except Exception as err:  # a crash is what this benchmark exists to find
            c["crashed"] += 1
            problems.append(f"CRASH {path.name}: {type(err).__name__}: {err}\n{traceback.format_exc()}")
            continue
        body_ok = doc.body["end"] > doc.body["start"] and raw[doc.body["start"]:doc.body["end"]].strip()
        c["body"] += bool(body_ok)
        c["title"] += bool(doc.title)
        c["reason"] += bool(not doc.title and doc.title_missing_reason)
        if not doc.title and not doc.title_missing_reason:
            problems.append(f"no title and no reason: {path.name}")
        if not body_ok:
            problems.append(f"no body: {path.name}")
        c["captions"] += bool(doc.captions)
        c["caption_total"] += len(doc.captions)
        c["boilerplate"] += bool(doc.boilerplate)
        c["boilerplate_total"] += len(doc.boilerplate)
        c["standfirst"] += bool(doc.standfirst)
        c["subheadings"] += bool(doc.subheadings)
        c["dateline"] += bool(doc.dateline)
        c["published"] += bool(doc.published)
        m = meta.get(path.stem) or {}
        if m.get("title") and doc.title:
            c["meta_title"] += 1
            c["title_agrees"] += _norm(m["title"]) == _norm(doc.title)
        if m.get("published"):
            c["meta_date"] += 1
            c["date_agrees"] += (doc.published or "") == m["published"]
        offsets_ok = (all(0 <= p.start <= p.end <= len(raw) for p in doc.paragraphs)
                      and all(raw[b.start:b.end] == b.text for b in doc.boilerplate)
                      and all(raw[x.start:x.end] == x.text for x in doc.captions)
                      and (not doc.title or raw[doc.title_start:doc.title_end] == doc.title))
        if not offsets_ok:
            problems.append(f"a span does not index its raw text: {path.name}")
    elapsed = time.perf_counter() - started
    total = sum((c for c in counts.values()), Counter())
    print(f"document stage: {total['articles']} articles in {elapsed:.2f} s = "
          f"{total['articles'] / elapsed:.0f} documents/s (no spaCy; pattern files and place names loaded before timing)")
    cols = ["articles", "crashed", "refused", "body", "title", "reason", "captions", "boilerplate", "standfirst",
            "subheadings", "dateline", "published"]
    print(f"{'source':14}" + "".join(f"{c:>12}" for c in cols) + f"{'title=meta':>12}{'date=meta':>12}")
    for src in sorted(counts) + ["ALL"]:
        c = total if src == "ALL" else counts[src]
        agree_t = f"{c['title_agrees']}/{c['meta_title']}"
        agree_d = f"{c['date_agrees']}/{c['meta_date']}"
        print(f"{src:14}" + "".join(f"{c[k]:>12}" for k in cols) + f"{agree_t:>12}{agree_d:>12}")
    print(f"captions in all: {total['caption_total']}, boilerplate items in all: {total['boilerplate_total']}")
    bad = total["crashed"] + sum(1 for p in problems if p.startswith(("no title", "no body", "a span")))
    for p in problems[:30]:
        print("  " + p)
    ok = bad == 0 and total["refused"] == 0
    print("every article read, with a body and a title or a reason: " + ("yes" if ok else f"NO ({len(problems)} problems)"))
    return 0 if ok else 1


def run_full(files: list[Path], sample: int, seed: int) -> int:
    from newsevents.document import DocumentInput
    from newsevents.errors import InputError
    from newsevents.pipeline import read_many

    chosen = random.Random(seed).sample(files, min(sample, len(files)))
    items = [DocumentInput(f.read_bytes(), source=str(f)) for f in chosen]
    started = time.perf_counter()
    failed = 0
    counts = Counter()
    for item, result in zip(items, read_many(items), strict=True):
        if isinstance(result, InputError):
            failed += 1
            print(f"  error {Path(item.source).name}: {result.reason}")
            continue
        counts["events"] += len(result.events)
        counts["actors"] += len(result.actors)
        counts["times"] += len(result.times)
        counts["places"] += len(result.places)
        counts["quotes"] += len(result.quotes)
    elapsed = time.perf_counter() - started
    print(f"full pipeline: {len(items)} articles in {elapsed:.1f} s = {len(items) / elapsed:.2f} documents/s; "
          f"errors {failed}; found {dict(counts)}")
    return 0 if failed == 0 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also run newsevents.read on a sample")
    parser.add_argument("--sample", type=int, default=20, help="sample size for --full (default 20)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"needs {CORPUS} (the shared material beside the checkout), which is absent", file=sys.stderr)
        return 2
    files = sorted(CORPUS.glob("*.txt"))
    status = run_document_stage(files, load_meta())
    if args.full:
        status |= run_full(files, args.sample, args.seed)
    return status


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").lower().split()).rstrip(".")


if __name__ == "__main__":
    sys.exit(main())
