"""Loads the event lexicon (data/lexicon.yaml) once per process and answers look-ups on it.

The lexicon is data an analyst edits; this module only indexes it (verbs by lemma and
particle/preposition, nouns by lemma, noun classes by member lemma).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.data_files import read_yaml

DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Entry:
    """One lexicon entry: a trigger (verb or noun) and how it is coded."""

    key: str
    code: str | None
    kind: str = "event"
    targets: list[str] = field(default_factory=lambda: ["dobj"])
    objects: dict[str, str] = field(default_factory=dict)
    modifiers: dict[str, str] = field(default_factory=dict)
    needs_political: bool = False
    noun: bool = False
    aimed: str | None = None
    needs_inner: bool = False
    light_codes: dict[str, str] = field(default_factory=dict)
    needs_object: bool = False
    intransitive: bool = False
    mutual: bool = False
    light_only: bool = False
    party_object: bool = False
    needs_party: bool = False
    political_source: bool = False
    host_visit: str | None = None
    party_code: str | None = None
    after_prep: dict[str, str] = field(default_factory=dict)
    protester_source: bool = False
    subject_refines: bool = False
    harm_code: str | None = None
    display_of: bool = False


@dataclass
class Lexicon:
    verbs: dict[str, Entry]
    nouns: dict[str, Entry]
    classes: dict[str, set[str]]
    light_verbs: set[str]
    undergoer_light_verbs: set[str]
    inner_codes: dict[str, dict[str, str]]
    cue_verbs: set[str]
    cue_phrases: list[str]
    hypothetical_aux: set[str]
    hypothetical_governors: set[str]
    negating_governors: set[str]
    preventing_verbs: set[str]
    negating_phrases: list[str]
    negating_degree: set[str] = field(default_factory=set)
    purpose_nouns: set[str] = field(default_factory=set)
    pause_nouns: set[str] = field(default_factory=set)
    future_intent_aux: set[str] = field(default_factory=set)
    future_intent_governors: set[str] = field(default_factory=set)
    sports_words: set[str] = field(default_factory=set)
    crime_words: set[str] = field(default_factory=set)
    political_agents: set[str] = field(default_factory=set)
    political_source_agents: set[str] = field(default_factory=set)
    crime_agents: set[str] = field(default_factory=set)
    crime_political_targets: set[str] = field(default_factory=set)
    accident_words: set[str] = field(default_factory=set)
    market_words: set[str] = field(default_factory=set)
    place_stands_for_country: set[str] = field(default_factory=set)
    verdicts: dict[str, Any] = field(default_factory=dict)
    hope_appeal: dict[str, Any] = field(default_factory=dict)
    advice_appeal: dict[str, Any] = field(default_factory=dict)
    vehicle_bombing: dict[str, Any] = field(default_factory=dict)
    event_dates: dict[str, Any] = field(default_factory=dict)
    reciprocal: dict[str, str] = field(default_factory=dict)
    story_party_nouns: dict[str, str] = field(default_factory=dict)
    descriptive_verbs: set[str] = field(default_factory=set)
    danger_preps: set[str] = field(default_factory=set)
    claim_cues: set[str] = field(default_factory=set)
    protest_violence: dict[str, Any] = field(default_factory=dict)
    aimed_weapons: dict[str, str] = field(default_factory=dict)
    campaign_rally: dict[str, set[str]] = field(default_factory=dict)
    participle_acts: dict[str, str] = field(default_factory=dict)
    authorities: dict[str, Any] = field(default_factory=dict)
    event_anaphors: dict[str, Any] = field(default_factory=dict)
    harm_verbs: set[str] = field(default_factory=set)
    blast_story_cues: set[str] = field(default_factory=set)
    disapproving_adjectives: set[str] = field(default_factory=set)

    def object_code(self, entry: Entry, lemma: str) -> str | None:
        """Code of `entry` refined by an object (or modifier) lemma; None when nothing fits."""
        lemma = lemma.lower()
        if lemma in entry.objects:
            return entry.objects[lemma]
        for name, code in entry.objects.items():
            if name.isupper() and lemma in self.classes.get(name, ()):
                return code
        return None

    def inner_code(self, kind: str, code: str | None) -> str | None:
        """Rule `inner_specialize`: the code a governing act of `kind` gets from the act it governs,
        by the governed act's four-digit code first, then its three-digit code, then its root."""
        if not code:
            return None
        table = self.inner_codes.get(kind, {})
        return (len(code) > 3 and table.get(code[:4])) or table.get(code[:3]) or table.get(code[:2])

    def verb_lemma(self, tok: Any) -> str:
        """The lemma of a verb token, repaired where the tagger's lemmatizer drops a final "e" that
        the lexicon knows ("staged" -> "stag"): the lexicon's form wins."""
        lemma = tok.lemma_.lower()
        if lemma in self.verbs or lemma in self.light_verbs:
            return lemma
        text = tok.lower_
        for suffix in ("ed", "ing", "es"):
            if text.endswith(suffix) and lemma == text[: -len(suffix)]:
                fixed = lemma + "e"
                if fixed in self.verbs or fixed in self.light_verbs:
                    return fixed
        return lemma

    def in_class(self, lemma: str, name: str) -> bool:
        return lemma.lower() in self.classes.get(name, ())


def _word(value: Any) -> str:
    """YAML 1.1 reads a bare `on`/`off` as a boolean: give the preposition back."""
    if value is True:
        return "on"
    if value is False:
        return "off"
    return str(value)


def _entry(key: str, spec: dict[str, Any], noun: bool) -> Entry:
    code = spec.get("code")
    return Entry(
        key=key,
        code=str(code) if code is not None else None,
        kind=spec.get("kind", "event"),
        targets=[_word(t) for t in spec.get("targets", ["dobj"] if not noun else [])],
        objects={str(k): str(v) for k, v in (spec.get("objects") or {}).items()},
        modifiers={str(k): str(v) for k, v in (spec.get("modifiers") or {}).items()},
        needs_political=bool(spec.get("needs_political", False)),
        noun=noun,
        aimed=str(spec["aimed"]) if spec.get("aimed") else None,
        needs_inner=bool(spec.get("needs_inner", False)),
        needs_object=bool(spec.get("needs_object", False)),
        intransitive=bool(spec.get("intransitive", False)),
        mutual=bool(spec.get("mutual", False)),
        light_only=bool(spec.get("light_only", False)),
        party_object=bool(spec.get("party_object", False)),
        needs_party=bool(spec.get("needs_party", False)),
        political_source=bool(spec.get("political_source", False)),
        host_visit=str(spec["host_visit"]) if spec.get("host_visit") else None,
        party_code=str(spec["party_code"]) if spec.get("party_code") else None,
        light_codes={str(k): str(v or "") for k, v in (spec.get("light_codes") or {}).items()},
        after_prep={_word(k): str(v) for k, v in (spec.get("after_prep") or {}).items()},
        protester_source=bool(spec.get("protester_source", False)),
        subject_refines=bool(spec.get("subject_refines", False)),
        harm_code=str(spec["harm_code"]) if spec.get("harm_code") else None,
        display_of=bool(spec.get("display_of", False)),
    )


def _event_anaphors(spec: dict[str, Any]) -> dict[str, Any]:
    """Rule `event_anaphor`: determiners, date span words that recall an earlier act, modifiers of an
    unheld protest, and per family the nouns and the CAMEO roots they tell again."""
    families = {name: {"nouns": {str(w).lower() for w in fam.get("nouns", [])},
                       "roots": {str(r) for r in fam.get("roots", [])}}
                for name, fam in (spec.get("families") or {}).items()}
    roots_by_noun: dict[str, set[str]] = {}
    for family in families.values():
        for noun in family["nouns"]:
            roots_by_noun.setdefault(noun, set()).update(family["roots"])
    return {"determiners": {str(w).lower() for w in spec.get("determiners", [])},
            "unrealized": {str(w).lower() for w in spec.get("unrealized", [])},
            "past_spans": {str(w).lower() for w in spec.get("past_spans", [])},
            "families": families,
            "roots_by_noun": roots_by_noun}  # (read for every token of a story: built once here)


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The lexicon at `path` (default: the packaged data/lexicon.yaml)."""
    data = read_yaml(path or DATA / "lexicon.yaml")
    modal = data.get("modal", {})
    cues = data.get("cues", {})
    return Lexicon(
        verbs={k: _entry(k, v or {}, False) for k, v in data.get("verbs", {}).items()},
        nouns={k: _entry(k, v or {}, True) for k, v in data.get("nouns", {}).items()},
        classes={k: {w.lower() for w in v} for k, v in data.get("classes", {}).items()},
        light_verbs=set(data.get("light_verbs", [])),
        undergoer_light_verbs=set(data.get("undergoer_light_verbs", [])),
        inner_codes={k: {str(a): str(b) for a, b in v.items()} for k, v in data.get("inner_codes", {}).items()},
        cue_verbs=set(cues.get("verbs", [])),
        cue_phrases=list(cues.get("phrases", [])),
        hypothetical_aux=set(modal.get("hypothetical_aux", [])),
        hypothetical_governors=set(modal.get("hypothetical_governors", [])),
        negating_governors=set(modal.get("negating_governors", [])),
        preventing_verbs=set(modal.get("preventing_verbs", [])),
        negating_phrases=list(modal.get("negating_phrases", [])),
        negating_degree=set(modal.get("negating_degree", [])),
        purpose_nouns=set(modal.get("purpose_nouns", [])),
        pause_nouns=set(modal.get("pause_nouns", [])),
        future_intent_aux=set(modal.get("future_intent_aux", [])),
        future_intent_governors=set(modal.get("future_intent_governors", [])),
        sports_words=set(data.get("non_political_context", {}).get("sports", [])),
        crime_words=set(data.get("non_political_context", {}).get("crime", [])),
        political_agents=set(data.get("non_political_context", {}).get("political_agents", [])),
        crime_agents=set(data.get("non_political_context", {}).get("crime_agents", [])),
        crime_political_targets=set(data.get("non_political_context", {}).get("crime_political_targets", [])),
        political_source_agents=set(data.get("non_political_context", {}).get("political_source_agents", [])),
        accident_words=set(data.get("non_political_context", {}).get("accidents", [])),
        market_words=set(data.get("non_political_context", {}).get("markets", [])),
        place_stands_for_country={w.lower() for w in data.get("place_stands_for_country", [])},
        verdicts={k: (set(v) if isinstance(v, list) else v) for k, v in (data.get("verdicts") or {}).items()},
        descriptive_verbs=set(data.get("descriptive_verbs", [])),
        danger_preps=set(data.get("danger_preps", [])),
        claim_cues=set(cues.get("claims", ["claim"])),
        protest_violence=dict(data.get("protest_violence") or {}),
        aimed_weapons={str(k).lower(): str(v) for k, v in (data.get("aimed_weapons") or {}).items()},
        reciprocal={str(k): str(v) for k, v in (data.get("reciprocal") or {}).items()},
        story_party_nouns={str(k).lower(): str(v or "") for k, v in (data.get("story_party_nouns") or {}).items()},
        hope_appeal={k: set(v) for k, v in (data.get("hope_appeal") or {}).items()},
        advice_appeal={k: set(v) for k, v in (data.get("advice_appeal") or {}).items()},
        vehicle_bombing={k: set(v) for k, v in (data.get("vehicle_bombing") or {}).items()},
        event_dates={k: set(v) for k, v in (data.get("event_dates") or {}).items()},
        campaign_rally={k: set(v) for k, v in (data.get("campaign_rally") or {}).items()},
        participle_acts={str(k): str(v) for k, v in (data.get("participle_acts") or {}).items()},
        authorities=dict(data.get("authorities_of_the_place") or {}),
        event_anaphors=_event_anaphors(data.get("event_anaphors") or {}),
        harm_verbs={str(w).lower() for w in data.get("harm_verbs", [])},
        blast_story_cues={str(w).lower() for w in data.get("blast_story_cues", [])},
        disapproving_adjectives={str(w).lower() for w in data.get("disapproving_adjectives", [])},
    )
