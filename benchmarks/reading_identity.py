"""Same input, same reading: checks that a speed change left the output byte for byte identical.

Reads N corpus articles (every k-th file of ../shared/corpus/news/*.txt, dated from its
meta.jsonl) and the worked examples of ../shared/examples, and writes one line of reading JSON
per article. Two ways to compare:

    python benchmarks/reading_identity.py --save /tmp/before.jsonl      # snapshot now
    python benchmarks/reading_identity.py --compare /tmp/before.jsonl   # against a snapshot

    python benchmarks/reading_identity.py --against HEAD~1 --paths newsevents/time

`--against REV --paths P...` is the exact A/B: it copies the working tree to a temporary folder
(as it is now), makes a second copy with the given paths as they were at REV, reads everything in
both (fresh interpreters, PYTHONPATH) and compares. Everything else (other helpers' uncommitted work included) is the same on both sides,
so any difference is the change under test. It prints which sections (times, places, quotes,
actors, events, document) differ and for how many articles; exit status 1 if any.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSEVENTS_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus" / "news"
EXAMPLES = SHARED / "examples"


def inputs(n: int) -> list[tuple[str, Path, str | None]]:
    """(name, path, published) of n corpus articles spread over the corpus, then the examples."""
    dates: dict[str, str | None] = {}
    meta = CORPUS / "meta.jsonl"
    if meta.exists():
        for line in meta.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                dates[record["id"]] = record.get("published")
    files = sorted(CORPUS.glob("*.txt"))
    step = max(1, len(files) // n) if n else 1
    out = [(f.name, f, dates.get(f.stem)) for f in files[::step][:n]]
    for f in sorted(EXAMPLES.glob("*.txt")):
        expected = f.with_name(f.stem + ".expected.json")
        published = None
        if expected.exists():
            published = (json.loads(expected.read_text(encoding="utf-8")).get("document") or {}).get(
                "true_publication_date")
        out.append((f"examples/{f.name}", f, published))
    return out


def readings(n: int) -> dict[str, str]:
    """name -> reading JSON (or the error text) for every input, read in this process."""
    from newsevents import InputError, read

    out: dict[str, str] = {}
    for name, path, published in inputs(n):
        try:
            out[name] = read(path.read_bytes(), published, source=name).to_json()
        except InputError as err:
            out[name] = json.dumps({"error": str(err)})
    return out


def compare(before: dict[str, str], after: dict[str, str]) -> int:
    """Print the differing sections; 0 if identical byte for byte."""
    sections: dict[str, int] = {}
    differing = 0
    for name in sorted(set(before) | set(after)):
        a, b = before.get(name), after.get(name)
        if a == b:
            continue
        differing += 1
        if a is None or b is None:
            sections["missing"] = sections.get("missing", 0) + 1
            continue
        da, db = json.loads(a), json.loads(b)
        for key in sorted(set(da) | set(db)):
            if da.get(key) != db.get(key):
                sections[key] = sections.get(key, 0) + 1
                if sections[key] <= 2:
                    print(f"  {name}: {key} differs")
    total = len(set(before) | set(after))
    if differing:
        print(f"DIFFERENT: {differing} of {total} readings; sections: "
              + ", ".join(f"{k} ({v})" for k, v in sorted(sections.items())))
        return 1
    print(f"IDENTICAL: {total} readings byte for byte")
    return 0


def load(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, _, body = line.partition("\t")
        out[name] = body
    return out


def save(path: Path, data: dict[str, str]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for name, body in data.items():
            f.write(f"{name}\t{body}\n")


def snapshot(folder: Path) -> Path:
    """A copy of the working tree as it is now (other helpers may edit it while we read)."""
    tree = folder / "after"
    shutil.copytree(REPO, tree, ignore=shutil.ignore_patterns(".git", "__pycache__", "*.duckdb", ".pytest_cache"))
    return tree


def put_back(tree: Path, rev: str, paths: list[str], folder: Path) -> Path:
    """A copy of `tree` with `paths` as they were at `rev`."""
    before = folder / "before"
    shutil.copytree(tree, before)
    for p in paths:
        target = before / p
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        listed = subprocess.run(["git", "ls-tree", "-r", "--name-only", rev, "--", p], cwd=REPO,
                                capture_output=True, text=True, check=True).stdout.split()
        for name in listed:
            blob = subprocess.run(["git", "show", f"{rev}:{name}"], cwd=REPO, capture_output=True, check=True).stdout
            (before / name).parent.mkdir(parents=True, exist_ok=True)
            (before / name).write_bytes(blob)
    return before


def read_in(tree: Path, n: int, out: Path) -> dict[str, str]:
    """The readings of the package in `tree`, read by a fresh interpreter."""
    env = dict(os.environ, PYTHONPATH=str(tree), NEWSEVENTS_SHARED=str(SHARED))
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "reading_identity.py"), "--n", str(n),
                    "--save", str(out)], env=env, cwd=tree, check=True)
    return load(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=60, help="corpus articles (default 60)")
    ap.add_argument("--save", type=Path, help="write the readings here")
    ap.add_argument("--compare", type=Path, help="compare with readings saved earlier")
    ap.add_argument("--against", help="a git revision: read with --paths as they were there, then compare")
    ap.add_argument("--paths", nargs="*", default=[], help="paths put back to --against")
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"needs {CORPUS}", file=sys.stderr)
        return 2
    if args.against:
        with tempfile.TemporaryDirectory(prefix="reading-identity-") as tmp:
            folder = Path(tmp)
            after_tree = snapshot(folder)
            before_tree = put_back(after_tree, args.against, args.paths, folder)
            before = read_in(before_tree, args.n, folder / "before.jsonl")
            after = read_in(after_tree, args.n, folder / "after.jsonl")
        return compare(before, after)
    now = readings(args.n)
    if args.save:
        import newsevents

        save(args.save, now)
        print(f"saved {len(now)} readings to {args.save} (newsevents from {Path(newsevents.__file__).parent})")
    if args.compare:
        return compare(load(args.compare), now)
    return 0


if __name__ == "__main__":
    sys.exit(main())
