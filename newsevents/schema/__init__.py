"""The JSON Schema of a reading, and a validator that every test run uses."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).with_name("reading.schema.json")


@functools.lru_cache(maxsize=1)
def reading_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate_reading(reading: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when a reading breaks the schema, or an offset leaves the text."""
    import jsonschema

    jsonschema.validate(reading, reading_schema())
    check_offsets(reading)


def check_offsets(reading: dict[str, Any], text_length: int | None = None) -> None:
    """Every (start, end) in the reading lies inside the text, with start <= end."""
    doc = reading["document"]
    limit = text_length if text_length is not None else (len(doc["text"]) if doc.get("text") else None)

    def check(obj: Any, where: str) -> None:
        if isinstance(obj, dict):
            for a, b in (("start", "end"), ("speaker_start", "speaker_end"), ("title_start", "title_end"),
                         ("trigger_start", "trigger_end")):
                s, e = obj.get(a), obj.get(b)
                if isinstance(s, int) and isinstance(e, int):
                    if not 0 <= s <= e or (limit is not None and e > limit):
                        raise ValueError(f"{where}: offsets {a}={s} {b}={e} outside the text (length {limit})")
            for k, v in obj.items():
                check(v, f"{where}.{k}")
        elif isinstance(obj, list):
            for i, v in enumerate(obj):
                check(v, f"{where}[{i}]")

    check(reading, "reading")
