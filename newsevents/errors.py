"""The one documented input error: every bad input becomes this, never a traceback."""

from __future__ import annotations


class InputError(ValueError):
    """Input that cannot be read as an article. `source` names the input, `reason` the cause."""

    def __init__(self, source: str, reason: str, stage: str = "document") -> None:
        self.source = source
        self.reason = reason
        self.stage = stage
        super().__init__(f"{source}: {reason}")
