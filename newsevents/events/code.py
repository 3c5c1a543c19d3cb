"""CAMEO code facts (name, Goldstein, quad class, PLOVER type) from data/cameo_codes.tsv,
and the specialization of governing verbs by the act they govern (rule `inner_specialize`)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from newsevents.events.lexicon import DATA, load_lexicon


@dataclass(frozen=True)
class CodeInfo:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None


@functools.lru_cache(maxsize=1)
def code_table() -> dict[str, CodeInfo]:
    """Rule `code_table`: every CAMEO 1.1b3 code with its derived facts."""
    table: dict[str, CodeInfo] = {}
    lines = [ln for ln in (DATA / "cameo_codes.tsv").read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    for line in lines[1:]:
        code, name, goldstein, quad, plover = (line.split("\t") + [""] * 5)[:5]
        table[code] = CodeInfo(code, name, float(goldstein or 0), int(quad or 0), plover or None)
    return table


def info(code: str) -> CodeInfo:
    """Facts of a code, falling back to its parent codes for an unknown leaf."""
    table = code_table()
    probe = code
    while probe and probe not in table:
        probe = probe[:-1]
    return table.get(probe) or CodeInfo(code, "", 0.0, 0, None)


def specialize(kind: str, code: str, inner_code: str | None) -> str:
    """A request/demand/threat/refusal/stop gets the specific code for the act it governs, but
    only when the lexicon gave the generic (x0) code: an explicit specific code wins."""
    if not inner_code:
        return code
    better = load_lexicon().inner_code(kind, inner_code)
    if better and (not code or code.endswith("0")):
        return better
    return code
