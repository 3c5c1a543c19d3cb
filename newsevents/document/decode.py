"""Turning input bytes into text, or into a clear InputError that names the input and the cause."""

from __future__ import annotations

import os
import re

from newsevents.errors import InputError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.I)
_TAG = re.compile(r"</?(p|div|span|a|article|br|h[1-6]|body|html|meta|script|figure|section)\b", re.I)


def max_bytes_default() -> int:
    value = os.environ.get("NEWSEVENTS_MAX_BYTES")
    return int(value) if value and value.isdigit() else DEFAULT_MAX_BYTES


def decode_bytes(data: bytes, source: str, max_bytes: int | None = None) -> str:
    """Decode article bytes: UTF-8 first, then a detected encoding; binary data is refused."""
    limit = max_bytes or max_bytes_default()
    if len(data) > limit:
        raise InputError(source, f"input is {len(data):,} bytes, over the {limit:,}-byte limit")
    if not data.strip():
        raise InputError(source, "input is empty")
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise InputError(source, "input is binary data, not text (it contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _detect(data, source)
    check_text(text, source, limit)
    return text


def _detect(data: bytes, source: str) -> str:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it is a declared dependency
        raise InputError(source, "input is not valid UTF-8") from None
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(source, "input is not valid UTF-8 and no text encoding could be detected")
    text = str(best)
    if _control_share(text) > 0.02:
        raise InputError(source, f"input is not valid UTF-8 and looks like binary data (guessed {best.encoding})")
    return text


def _control_share(text: str) -> float:
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / max(1, len(sample))


def check_text(text: str, source: str, max_bytes: int | None = None) -> None:
    """Refuse text that is empty, binary-looking, too large, or has no words at all."""
    limit = max_bytes or max_bytes_default()
    if len(text) > limit:
        raise InputError(source, f"input is {len(text):,} characters, over the {limit:,} limit")
    if not text.strip():
        raise InputError(source, "input is empty")
    if "\x00" in text[:8192] or _control_share(text) > 0.02:
        raise InputError(source, "input is binary data, not text")
    if not re.search(r"[^\W\d_]{2,}", text):
        raise InputError(source, "input has no sentences (no words in the text)")


def looks_like_html(text: str) -> bool:
    if _HTML_START.match(text[:2000]):
        return True
    return len(_TAG.findall(text[:20000])) >= 5
