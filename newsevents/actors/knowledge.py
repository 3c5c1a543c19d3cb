"""Actor knowledge: the phrase lexicon built from the data files under `data/`.

Every entry names the rule that uses it (see the header of each data file). The lexicon maps a
normalized phrase to entries; matching is done by `code.py` over spaCy tokens. Knowledge is
loaded once per process.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsevents.data_files import read_yaml

DATA = Path(__file__).resolve().parent / "data"

# kinds of lexicon entries, by what they say about a noun phrase
COUNTRY = "country"  # a country name: the state (rule country_name)
DEMONYM = "demonym"  # a nationality word: gives the country of a role (rule demonym)
CAPITAL = "capital"  # a capital as metonym of the government (rule capital_metonym)
SEAT = "seat"  # a seat of government (rule seat_metonym)
SHORT = "short"  # a short form valid only in some stories (rule short_form)
ORG = "org"  # a named organization with a fixed code (rule named_organization)
GROUP = "group"  # a non-state armed group (rule armed_group_country)
ROLE = "role"  # a role noun giving an agent (rule role_noun)
PERSON = "person"  # a named person with offices over time (rule person_in_office)

NAME_KINDS = {COUNTRY, CAPITAL, SEAT, SHORT, ORG, GROUP, PERSON}

# CAMEO agent types (the reference table's codes): used to read PETRARCH codes such as USAGOVMIL.
AGENT_TYPES = {
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "PTY", "AGR", "BUS", "CRM",
    "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD", "IGO",
    "IMG", "INT", "MNC", "NGM", "NGO", "UIS", "AMN", "IRC", "GRP", "UNO", "PKO", "SET", "REL",
}



@dataclass(frozen=True)
class Office:
    country: str
    agent: str
    start: dt.date | None
    end: dt.date | None
    after: str
    title: str = ""  # the `office` column ("president", "king"): rule `royal_namesake`


@dataclass
class Person:
    name: str
    aliases: list[str]
    offices: list[Office] = field(default_factory=list)

    def code_at(self, date: dt.date | None) -> tuple[str, str]:
        """(country, agent) of this person at a date: in office -> its agent; after -> `after`."""
        if not self.offices:
            return "", ""
        if date is None:
            latest = max(self.offices, key=lambda o: o.start or dt.date.min)
            return latest.country, latest.agent
        for office in self.offices:
            if (office.start is None or office.start <= date) and (office.end is None or date <= office.end):
                return office.country, office.agent
        ended = [o for o in self.offices if o.end is not None and o.end < date]
        if ended:
            last = max(ended, key=lambda o: o.end or dt.date.min)
            return last.country, last.after
        first = min(self.offices, key=lambda o: o.start or dt.date.min)
        return first.country, ""

    def in_office(self, date: dt.date | None) -> bool:
        if date is None:
            return False
        return any((o.start is None or o.start <= date) and (o.end is None or date <= o.end)
                   for o in self.offices)

    @property
    def country(self) -> str:
        return self.offices[0].country if self.offices else ""


@dataclass
class Entry:
    """One lexicon phrase and what it codes as."""

    phrase: str
    kind: str
    rule: str
    country: str = ""
    agent: str = ""
    name: str | None = None
    countries: tuple[str, ...] = ()  # armed groups: where they operate; short forms: when valid
    person: Person | None = None
    codes: tuple[tuple[str, dt.date | None, dt.date | None], ...] = ()  # PETRARCH date-coded codes
    exact_case_words: tuple[int, ...] = ()  # word positions that must match case exactly (acronyms)
    capitalized_words: tuple[int, ...] = ()  # word positions that must be capitalized
    source: str = "ours"


_HYPHEN_RE = re.compile(r"\s*([-‐–/])\s*")
QUOTE_TRANSLATION = _QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "é": "e", "É": "E", "ç": "c", "ü": "u",
                         "ö": "o", "ğ": "g", "ş": "s", "á": "a", "í": "i", "ó": "o", "ñ": "n"})


_POSSESSIVE_RE = re.compile(r"\s+'s\b")
_HYPHENS = ("-", "‐", "–", "/")


def _hyphen_joined(match: re.Match) -> str:
    return match.group(1)


@lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Lexicon key of a phrase: lower case, one space between words, no space at hyphens.
    Cached: the coder asks for the same phrases many times per document."""
    return normalize_case_preserving(text).lower()


def normalize_case_preserving(text: str) -> str:
    """`normalize` without the lower case. Each substitution runs only when its character is
    there (most phrases have no hyphen and no "'s"), and one space joins the words: the same
    result as the three regex substitutions, at a fraction of the cost of a cache miss."""
    text = text.translate(_QUOTES).strip()
    if any(h in text for h in _HYPHENS):
        text = _HYPHEN_RE.sub(_hyphen_joined, text)
    if "'s" in text:
        text = _POSSESSIVE_RE.sub("'s", text)
    return " ".join(text.split())


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and len(word) <= 6


def case_constraints(phrase: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Which words of a phrase must keep exact case (acronyms) or be capitalized (names)."""
    words = normalize_case_preserving(phrase).split(" ")
    exact = tuple(i for i, w in enumerate(words) if _is_acronym(w))
    caps = tuple(i for i, w in enumerate(words) if w[:1].isupper() and i not in exact)
    return exact, caps


def case_ok(entry: Entry, text: str) -> bool:
    """Does the matched text respect the entry's case constraints ("US" is not "us"; a name's
    word needs a capital letter, not necessarily the first)?"""
    if not entry.exact_case_words and not entry.capitalized_words:
        return True
    words = normalize_case_preserving(text).split(" ")
    phrase_words = normalize_case_preserving(entry.phrase).split(" ")
    if len(words) != len(phrase_words):
        return True
    for i in entry.exact_case_words:
        if words[i].lower() != phrase_words[i].lower() or words[i] != phrase_words[i]:
            return False
    for i in entry.capitalized_words:
        if not any(c.isupper() for c in words[i]):
            return False  # "turkey" is the bird; a capital anywhere ("iSrael", a typing slip) is the name
    return True


def _plural(word: str) -> str | None:
    lower = word.lower()
    if lower.endswith(("s", "sh", "ch", "ese", "x", "z")) or " " in word:
        return None
    if lower.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def _split(cell: str | None) -> list[str]:
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


def _date(cell: str | None) -> dt.date | None:
    return dt.date.fromisoformat(cell.strip()) if cell and cell.strip() else None


def _read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass
class Knowledge:
    lexicon: dict[str, list[Entry]] = field(default_factory=dict)
    max_words: int = 1
    country_names: dict[str, str] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)
    surnames: dict[str, list[Person]] = field(default_factory=dict)
    role_overrides: dict[str, str] = field(default_factory=dict)
    attacker_heads: set[str] = field(default_factory=set)
    former_words: set[str] = field(default_factory=set)
    topic_modifier_heads: set[str] = field(default_factory=set)
    explicit_country_only: set[str] = field(default_factory=set)
    institution_nouns: set[str] = field(default_factory=set)
    stance_suffixes: set[str] = field(default_factory=set)
    location_suffixes: set[str] = field(default_factory=set)
    organ_nouns: set[str] = field(default_factory=set)
    government_bodies: set[str] = field(default_factory=set)
    city_part_words: set[str] = field(default_factory=set)
    adjective_heads: dict[str, str] = field(default_factory=dict)

    def add(self, entry: Entry, *, first: bool = False) -> None:
        key = normalize(entry.phrase)
        if not key:
            return
        exact, caps = case_constraints(entry.phrase)
        entry.exact_case_words, entry.capitalized_words = exact, caps
        bucket = self.lexicon.setdefault(key, [])
        if first:
            bucket.insert(0, entry)
        else:
            bucket.append(entry)
        self.max_words = max(self.max_words, len(key.split(" ")))

    def lookup(self, text: str) -> list[Entry]:
        return [e for e in self.lexicon.get(normalize(text), []) if case_ok(e, text)]


@lru_cache(maxsize=1)
def phrase_words() -> dict[str, frozenset[str]]:
    """The word and code lists of `data/phrase_words.yaml`, by name (each names its rule there)."""
    data = read_yaml(DATA / "phrase_words.yaml") or {}
    out = {}
    for name, words in data.items():
        if not all(isinstance(w, str) for w in words or []):
            raise ValueError(f"phrase_words.yaml: {name} holds a word YAML reads as no string (quote it)")
        out[name] = frozenset(words or [])
    return out


@lru_cache(maxsize=1)
def namesake_regions() -> tuple[dict[str, str], ...]:
    """`namesake_regions` of `data/metonyms.yaml`: country names that also name a region of
    another country (rule `subnational_namesake`)."""
    data = read_yaml(DATA / "metonyms.yaml") or {}
    return tuple(dict(item) for item in data.get("namesake_regions") or [])


FAMILY_NAME_FIRST = phrase_words()["family_name_first"]


NAME_SUFFIXES = frozenset(phrase_words()["name_suffixes"])


def surname_key(name: str, country: str) -> str:
    """The word a later short mention of a person uses: the family name (first in FAMILY_NAME_FIRST
    countries), never a regnal number or "Jr" ("King Abdullah II" -> abdullah); "" for one word."""
    words = normalize(name).replace(".", "").replace(",", "").split(" ")
    while len(words) > 2 and words[-1] in NAME_SUFFIXES:
        words.pop()
    if len(words) < 2 or (words[-1] in NAME_SUFFIXES and country not in FAMILY_NAME_FIRST):
        return "" if len(words) < 2 or words[0] in NAME_SUFFIXES else words[0]
    return words[0] if country in FAMILY_NAME_FIRST else words[-1]


def _surname_keys(person: Person) -> list[str]:
    keys = {surname_key(name, person.country) for name in [person.name, *person.aliases]}
    return sorted(keys - {""})


def _load_countries(kb: Knowledge) -> None:
    for row in _read_tsv(DATA / "countries.tsv"):
        code = row["code"].strip()
        names = _split(row.get("names"))
        if names:
            kb.country_names[code] = names[0]
        for name in names:
            kb.add(Entry(name, COUNTRY, "country_name", code, "GOV", names[0]))
        for demonym in _split(row.get("demonyms")):
            kb.add(Entry(demonym, DEMONYM, "demonym", code, "", names[0] if names else None))
            plural = _plural(demonym)
            if plural:
                kb.add(Entry(plural, DEMONYM, "demonym", code, "", names[0] if names else None))
        for capital in _split(row.get("capitals")):
            kb.add(Entry(capital, CAPITAL, "capital_metonym", code, "GOV", names[0] if names else None))


def _load_metonyms(kb: Knowledge) -> None:
    data = read_yaml(DATA / "metonyms.yaml")
    for item in data.get("seats", []):
        kb.add(Entry(item["phrase"], SEAT, "seat_metonym", item["country"], item.get("agent") or "",
                     item["phrase"]))
    for item in data.get("short_forms", []):
        kb.add(Entry(item["phrase"], SHORT, "short_form", item.get("country") or "", item.get("agent") or "",
                     None, tuple(item.get("when") or ())))
    kb.city_part_words = {normalize(w) for w in data.get("city_parts") or []}


def _load_organizations(kb: Knowledge) -> None:
    data = read_yaml(DATA / "organizations.yaml")
    for section in ("international", "national"):
        for item in data.get(section, []):
            countries = tuple(item.get("countries") or ())  # rule `national_branch`
            country = item.get("country") or (countries[0] if countries else "")
            for phrase in [item["name"], *(item.get("aliases") or [])]:
                kb.add(Entry(str(phrase), ORG, "named_organization", country,
                             item.get("agent") or "", item["name"], countries))
    for item in data.get("armed_groups", []):
        countries = tuple(item.get("countries") or ())
        for phrase in [item["name"], *(item.get("aliases") or [])]:
            kb.add(Entry(str(phrase), GROUP, "armed_group_country", countries[0] if countries else "",
                         item.get("agent") or "", item["name"], countries))


def _load_roles(kb: Knowledge) -> None:
    data = read_yaml(DATA / "roles.yaml")
    for agent, phrases in (data.get("roles") or {}).items():
        for phrase in phrases:
            kb.add(Entry(str(phrase), ROLE, "role_noun", "", agent or ""))
    kb.attacker_heads = {normalize(w) for w in data.get("attackers") or []}
    for phrase in kb.attacker_heads:  # rule `attacker_noun`: a role with no agent of its own
        kb.add(Entry(phrase, ROLE, "attacker_noun", "", ""))
    kb.role_overrides = {normalize(k): (v or "") for k, v in (data.get("overrides") or {}).items()}
    for phrase, agent in kb.role_overrides.items():
        if not any(e.kind == ROLE for e in kb.lexicon.get(phrase, [])):
            kb.add(Entry(phrase, ROLE, "role_override", "", agent))
    kb.former_words = {normalize(w) for w in data.get("former") or []}
    kb.topic_modifier_heads = {normalize(w) for w in data.get("topic_modifier") or []}
    kb.explicit_country_only = {normalize(w) for w in data.get("explicit_country_only") or []}
    kb.institution_nouns = {normalize(w) for w in data.get("institution_nouns") or []}
    kb.stance_suffixes = {normalize(w) for w in data.get("stance_suffixes") or []}
    kb.location_suffixes = {normalize(w) for w in data.get("location_suffixes") or []}
    kb.organ_nouns = {normalize(w) for w in data.get("organ_nouns") or []}
    kb.government_bodies = {normalize(w) for w in data.get("government_bodies") or []}
    kb.adjective_heads = {normalize(str(w)): agent for agent, words in (data.get("adjective_heads") or {}).items()
                          for w in words or []}


def _load_people(kb: Knowledge) -> None:
    people: dict[str, Person] = {}
    for row in _read_tsv(DATA / "people.tsv"):
        name = row["name"].strip()
        person = people.get(name)
        if person is None:
            person = people[name] = Person(name, _split(row.get("aliases")))
        else:
            person.aliases = sorted(set(person.aliases) | set(_split(row.get("aliases"))))
        after = row.get("after")
        person.offices.append(Office(row["country"].strip(), (row.get("agent") or "").strip(),
                                     _date(row.get("start")), _date(row.get("end")),
                                     "ELI" if after is None else after.strip(),
                                     normalize(row.get("office") or "")))
    for person in people.values():
        kb.people.append(person)
        for phrase in [person.name, *person.aliases]:
            kb.add(Entry(phrase, PERSON, "person_in_office", person.country, "", person.name, person=person))
        for key in _surname_keys(person):
            kb.surnames.setdefault(key, []).append(person)


@lru_cache(maxsize=1)
def load_knowledge() -> Knowledge:
    """Our own knowledge, loaded once per process."""
    kb = Knowledge()
    _load_countries(kb)
    _load_metonyms(kb)
    _load_organizations(kb)
    _load_roles(kb)
    _load_people(kb)
    keep_out_of_collector()
    return kb


def keep_out_of_collector() -> None:
    """Move what the process holds now (the knowledge just loaded, the spaCy model loaded before
    it) out of the cyclic garbage collector's reach: they live as long as the process, and every
    full collection walked their objects again, which was a fifth of the actors stage's time
    over a batch of stories. Garbage made later is collected as before."""
    gc.freeze()


def all_codes() -> list[tuple[str, str, str]]:
    """(data file, country, agent) for every entry of our data files: for the reference check."""
    kb = load_knowledge()
    out = []
    for entries in kb.lexicon.values():
        for e in entries:
            if e.kind == PERSON and e.person:
                out += [("people.tsv", o.country, o.agent) for o in e.person.offices]
                out += [("people.tsv", o.country, o.after) for o in e.person.offices]
            elif e.kind == GROUP or (e.kind == ORG and e.countries):
                out += [("organizations.yaml", c, e.agent) for c in e.countries]
            elif e.kind == SHORT:
                out += [("metonyms.yaml", c, e.agent) for c in (*e.countries, e.country) if c]
            else:
                out.append((e.rule, e.country, e.agent))
    return out
