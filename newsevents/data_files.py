"""Reading the packaged knowledge files (YAML) the same way in every stage."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

# libyaml's C parser when the wheel has it: the same data as SafeLoader, several times faster,
# which matters because every worker process loads every stage's knowledge at start.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: str | Path) -> Any:
    """The data of one YAML knowledge file, safely loaded."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_LOADER)


def cache_dir() -> Path:
    """The user cache folder where built indexes live ($XDG_CACHE_HOME/newsevents or ~/.cache/newsevents)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsevents"
