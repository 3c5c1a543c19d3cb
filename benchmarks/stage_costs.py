"""What each stage costs beside the spaCy parse (issue 9: a reading at most 1.5x a bare nlp.pipe).

Over N corpus articles (every k-th file of ../shared/corpus/news/*.txt, read in place), times the
parse (spaCy over the view text) and each step of `newsevents.pipeline.STAGE_STEPS` separately,
prints seconds and each stage's ratio to the parse time (targets: actors <= 0.10, quotes <= 0.05,
all stages together <= 0.50), then the whole reading (`newsevents.read`) against a bare
`nlp.pipe` over the same texts. A long-text check repeats one article's body to ~40 KB and
~160 KB: the stages' time per 1,000 characters must stay about flat (no super-linear stage).

    python benchmarks/stage_costs.py [--n 60] [--long-sizes 10000,40000,160000]
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsevents import read  # noqa: E402
from newsevents.document import DocumentInput  # noqa: E402
from newsevents.nlp import DEFAULT_MODEL, load_model  # noqa: E402
from newsevents.pipeline import STAGE_STEPS, _make_context, _prepare, build_context  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "news"
TARGETS = {"actors.run": 0.10, "quotes.run": 0.05}


def step_name(module: str, function: str) -> str:
    return f"{module.rsplit('.', 1)[1]}.{function}"


def corpus_texts(n: int) -> list[str]:
    """n articles spread over the corpus (every k-th file, in name order)."""
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        raise SystemExit(f"no corpus at {CORPUS}")
    step = max(1, len(files) // n)
    return [f.read_text(encoding="utf-8", errors="replace") for f in files[::step][:n]]


def time_stages(texts: list[str]) -> tuple[float, dict[str, float], int]:
    """(parse seconds, seconds per stage step, characters) over the texts, one article at a time."""
    nlp = load_model(DEFAULT_MODEL)
    steps = [(step_name(m, f), getattr(importlib.import_module(m), f, None)) for m, f in STAGE_STEPS]
    parse = 0.0
    costs: dict[str, float] = defaultdict(float)
    chars = 0
    for text in texts:
        raw, document, view = _prepare(DocumentInput(data=text, source="<bench>"))
        chars += len(view.text)
        t0 = time.process_time()
        doc = nlp(view.text)
        parse += time.process_time() - t0
        ctx = _make_context(raw, document, doc, view, {"model": DEFAULT_MODEL, "actor_dictionaries": ()})
        for name, step in steps:
            if step is None:
                continue
            t0 = time.process_time()
            step(ctx)
            costs[name] += time.process_time() - t0
    return parse, costs, chars


def whole_vs_pipe(texts: list[str]) -> tuple[float, float]:
    """(seconds of newsevents.read over all texts, seconds of a bare nlp.pipe over their view texts)."""
    nlp = load_model(DEFAULT_MODEL)
    views = [_prepare(DocumentInput(data=t, source="<bench>"))[2].text for t in texts]
    t0 = time.process_time()
    for _ in nlp.pipe(views):
        pass
    bare = time.process_time() - t0
    t0 = time.process_time()
    for text in texts:
        read(text)
    whole = time.process_time() - t0
    return whole, bare


def long_text_check(text: str, sizes: list[int]) -> None:
    """Stage time per 1,000 characters for one body repeated to growing lengths."""
    ctx = build_context(text, until=None)
    body = "\n\n".join(p for p in ctx.raw.split("\n\n") if len(p) > 80) or ctx.raw
    print("\nlong-text check (one article's paragraphs repeated)")
    print(f"{'chars':>8} {'parse s':>8} {'stages s':>9} {'stages ms/1k':>13}  per stage ms/1k")
    for size in sizes:
        long_text = (body + "\n\n") * max(1, size // (len(body) + 2) + 1)
        long_text = long_text[:size].rsplit("\n\n", 1)[0]
        parse, costs, chars = time_stages([long_text])
        total = sum(costs.values())
        detail = " ".join(f"{k}={1000 * v / chars * 1000:.0f}" for k, v in costs.items())
        print(f"{chars:>8} {parse:>8.2f} {total:>9.2f} {1000 * total / chars * 1000:>13.1f}  {detail}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=60, help="corpus articles (default 60)")
    parser.add_argument("--long-sizes", default="10000,40000,160000",
                        help="characters of the long-text check, comma-separated ('' to skip)")
    parser.add_argument("--no-whole", action="store_true", help="skip the whole-reading vs nlp.pipe run")
    args = parser.parse_args()
    texts = corpus_texts(args.n)
    load_model(DEFAULT_MODEL)
    build_context("Warm-up: the ministry said on Monday it would meet.", "2020-01-01", until="events")

    parse, costs, chars = time_stages(texts)
    print(f"{len(texts)} corpus articles, {chars} characters of view text")
    print(f"{'step':<28} {'seconds':>8} {'x parse':>8} {'target':>7}")
    print(f"{'parse (spaCy)':<28} {parse:>8.2f} {1.0:>8.2f}")
    for name, seconds in costs.items():
        target = TARGETS.get(name)
        print(f"{name:<28} {seconds:>8.2f} {seconds / parse:>8.3f} {'' if target is None else f'<={target:.2f}':>7}")
    total = sum(costs.values())
    print(f"{'all stages':<28} {total:>8.2f} {total / parse:>8.3f} {'<=0.50':>7}")

    if not args.no_whole:
        whole, bare = whole_vs_pipe(texts)
        print(f"\nwhole reading {whole:.2f} s vs bare nlp.pipe {bare:.2f} s: {whole / bare:.2f}x (issue 9 anchor: <= 1.5x)")

    sizes = [int(s) for s in args.long_sizes.split(",") if s.strip()]
    if sizes:
        long_text_check(texts[0], sizes)


if __name__ == "__main__":
    main()
