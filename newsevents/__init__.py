"""newsevents: read news articles the way a political-event analyst does.

`read()` is the one entry point; the command line, the batch runner and the service call it.
"""

from __future__ import annotations

from newsevents.errors import InputError
from newsevents.pipeline import read, read_many
from newsevents.reading import Reading

__all__ = ["InputError", "Reading", "read", "read_many"]
__version__ = "0.1.0"
