"""The `newsevents` command: thin argument parsing over the library."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from newsevents.document import DocumentInput, normalize_published
from newsevents.document.decode import max_bytes_default
from newsevents.errors import InputError
from newsevents.nlp import DEFAULT_MODEL

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 with one line on stderr
        self.print_usage(sys.stderr)
        print(f"newsevents: {message}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newsevents", description="Code political events in news articles (CAMEO/PLOVER).")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("read", help="read one article (or a JSONL feed) and print its reading as JSON")
    p.add_argument("path", help="article file, or - for standard input")
    p.add_argument("--published", help="true publication date, YYYY-MM-DD")
    p.add_argument("--format", default="auto", choices=["auto", "text", "html", "jsonl"])
    p.add_argument("--model", default=DEFAULT_MODEL, help="installed spaCy pipeline to use")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.add_argument("--actors", action="append", default=[], metavar="PATH",
                   help="PETRARCH/Phoenix actor dictionary to load on top of ours (repeatable)")
    p.add_argument("--max-bytes", type=int, default=None, help="refuse inputs larger than this")

    e = sub.add_parser("evaluate", help="score readings against reference readings (*.expected.json)")
    e.add_argument("references", help="folder with ARTICLE.txt and ARTICLE.expected.json pairs")
    e.add_argument("--readings", help="folder of ARTICLE.json readings; without it, articles are read now")
    e.add_argument("--model", default=DEFAULT_MODEL)
    e.add_argument("--json", action="store_true", help="print the scores as JSON")
    e.add_argument("--verbose", action="store_true", help="print every scored row")

    for name, module in (("run", "newsevents.run"), ("export", "newsevents.store.export"),
                         ("stats", "newsevents.store.stats"), ("serve", "newsevents.serve.app")):
        try:
            mod = __import__(module, fromlist=["add_arguments"])
        except ImportError:
            continue
        if hasattr(mod, "add_arguments"):
            sp = sub.add_parser(name, help=(mod.__doc__ or "").strip().splitlines()[0])
            mod.add_arguments(sp)
            sp.set_defaults(handler=mod.main)
    return parser


def _read_input(path: str, limit: int | None) -> bytes:
    """The bytes of an input; a file over `limit` (None: no limit) is refused before it is loaded."""
    if path == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    if p.is_dir():
        raise InputError(path, "is a folder, not an article file")
    try:
        size = p.stat().st_size
        if limit is not None and size > limit:
            raise InputError(path, f"input is {size:,} bytes, over the {limit:,}-byte limit")
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as err:
        raise InputError(path, f"cannot be read: {err.strerror or err}") from None


def feed_items(data: bytes, source: str, max_bytes: int | None = None) -> Iterator[DocumentInput | InputError]:
    """The stories of a JSONL feed; a line that is not a story becomes an InputError in its place."""
    for n, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        try:
            story = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(f"{source}:{n}", f"line is not JSON: {err.msg}")
            continue
        if not isinstance(story, dict):
            yield InputError(f"{source}:{n}", "line is not a JSON object")
            continue
        sid = str(story.get("id") if story.get("id") is not None else f"{source}:{n}")
        body = story.get("text") if story.get("text") is not None else story.get("html")
        if not isinstance(body, str):
            yield InputError(sid, 'story has no "text" or "html" string')
            continue
        yield DocumentInput(data=body, source=sid, id=sid, format="html" if "html" in story and "text" not in story else "auto",
                            published=story.get("published"), title=story.get("title"), url=story.get("url"),
                            max_bytes=max_bytes)


def cmd_read(args: argparse.Namespace) -> int:
    from newsevents.pipeline import read, read_many

    indent = 2 if args.pretty else None
    try:
        normalize_published(args.published, "--published")
    except InputError as err:
        print(f"newsevents: {err.reason}", file=sys.stderr)
        return EXIT_USAGE
    # a feed may be large; its stories are each checked against the limit
    limit = None if args.format == "jsonl" else (args.max_bytes or max_bytes_default())
    data = _read_input(args.path, limit)
    if args.format == "jsonl":
        items = list(feed_items(data, args.path, args.max_bytes))
        good = [it for it in items if isinstance(it, DocumentInput)]
        if args.published:
            for it in good:
                it.published = it.published or args.published
        results = iter(read_many(good, model=args.model, actor_dictionaries=args.actors))
        for it in items:
            out = it if isinstance(it, InputError) else next(results)
            if isinstance(out, InputError):
                print(json.dumps({"id": out.source, "error": out.reason}, ensure_ascii=False))
            else:
                print(json.dumps(out.to_dict(), ensure_ascii=False, indent=indent))
        return EXIT_OK
    source = "<stdin>" if args.path == "-" else args.path
    reading = read(data, args.published, format=args.format, model=args.model, source=source,
                   max_bytes=args.max_bytes, actor_dictionaries=args.actors)
    print(reading.to_json(pretty=args.pretty))
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from newsevents.evaluate import main as evaluate_main

    return evaluate_main(args)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handlers = {"read": cmd_read, "evaluate": cmd_evaluate}
    handler = handlers.get(args.command) or getattr(args, "handler", None)
    try:
        return handler(args)
    except InputError as err:
        print(f"newsevents: {err.source}: {err.reason}", file=sys.stderr)
        return EXIT_INPUT
    except RuntimeError as err:
        print(f"newsevents: {err}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # never a traceback for the user; NEWSEVENTS_DEBUG=1 shows it
        if os.environ.get("NEWSEVENTS_DEBUG"):
            raise
        source = getattr(args, "path", None) or getattr(args, "command", "newsevents")
        print(f"newsevents: {source}: internal error: {type(err).__name__}: {err}", file=sys.stderr)
        return EXIT_INPUT


if __name__ == "__main__":
    sys.exit(main())
