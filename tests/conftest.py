"""Shared test helpers: where ../shared is, and the one spaCy model loaded once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSEVENTS_SHARED", REPO.parent / "shared"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_path(*parts: str) -> Path:
    """A path inside ../shared; the calling test is skipped, with the reason, if it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared material beside the checkout), which is absent")
    return path


@pytest.fixture(scope="session")
def nlp():
    from newsevents.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def read_text():
    """read(text, published) with the model loaded once."""
    from newsevents import read

    return read
