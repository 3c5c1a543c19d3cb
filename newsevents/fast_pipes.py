"""Array-based stand-ins for spaCy's attribute ruler and rule lemmatizer, with identical output.

In en_core_web_sm these two rule components cost about a quarter of the whole pipeline: the
attribute ruler runs a Matcher of ~180 one-token patterns over every token (most of them only
map a fine tag to its POS and morphology), and the lemmatizer walks every token in Python. Here
each pattern is evaluated as a mask over the document's attribute arrays, and lemmas are looked
up once per distinct (word, POS, morphology). Both read the loaded components' own patterns,
tables and cache, so the annotations are the ones spaCy would set (a test compares them token by
token on real articles). A pipeline whose rules use anything these do not understand keeps its
stock components.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# token attributes a pattern may test, in the column order of the document array
_TESTED = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_TESTED_IDS = [TAG, LOWER, DEP, IS_SPACE]
# attributes set through the arrays; any other one is set token by token
_ARRAY_SET = (POS, MORPH, LEMMA)
# cheap tests first, so that a pattern with no match stops early
_TEST_COST = {"eq": 0, "in": 1, "not_in": 2, "regex": 3}


class UnsupportedRules(ValueError):
    """The component uses a rule these array versions cannot reproduce exactly."""


@dataclass
class _TokenTest:
    column: int
    kind: str  # "eq" | "in" | "not_in" | "regex"
    values: Any


@dataclass
class _Rule:
    tests: list[list[_TokenTest]]  # one list per token of the pattern
    attrs: dict[int, Any]
    index: int


def _token_tests(spec: dict[str, Any], strings: Any) -> list[_TokenTest]:
    tests = []
    for key, value in spec.items():
        if key not in _TESTED:
            raise UnsupportedRules(f"pattern key {key!r}")
        column = _TESTED[key]

        def code(v: Any, key: str = key) -> int:
            if key == "IS_SPACE":
                return int(bool(v))
            return strings[v] if v else 0  # the empty string stands for "not set" (hash 0)

        if not isinstance(value, dict):
            tests.append(_TokenTest(column, "eq", code(value)))
            continue
        if len(value) != 1:
            raise UnsupportedRules(f"pattern operator {sorted(value)}")
        (op, arg), = value.items()
        if op == "IN":
            tests.append(_TokenTest(column, "in", np.array([code(v) for v in arg], dtype=np.uint64)))
        elif op == "NOT_IN":
            tests.append(_TokenTest(column, "not_in", np.array([code(v) for v in arg], dtype=np.uint64)))
        elif op == "REGEX" and key == "LOWER":
            tests.append(_TokenTest(column, "regex", re.compile(arg)))
        else:
            raise UnsupportedRules(f"pattern operator {op} on {key}")
    return tests


class ArrayAttributeRuler:
    """The attribute ruler's patterns applied as array masks, later patterns winning as in spaCy.

    A run of patterns that test only the fine tag (a tag map) becomes one table lookup; a pattern
    that names a word is skipped at once in a document that lacks the word.
    """

    def __init__(self, ruler: Any) -> None:
        strings = ruler.vocab.strings
        self.vocab = ruler.vocab
        rules: list[_Rule] = []
        # ruler.patterns lists each added pattern group in the order of its attribute id
        for number, pattern in enumerate(ruler.patterns):
            attrs = ruler.attrs[number]
            for sequence in pattern["patterns"]:
                tests = [sorted(_token_tests(t, strings), key=lambda t: _TEST_COST[t.kind]) for t in sequence]
                rules.append(_Rule(tests, attrs, ruler.indices[number]))
        # steps: a dict {tag: {attr: value}} for a run of tag-map rules, or one _Rule
        self.steps: list[dict[int, dict[int, int]] | _Rule] = []
        for rule in rules:
            if _is_tag_map_rule(rule):
                if not self.steps or not isinstance(self.steps[-1], dict):
                    self.steps.append({})
                self.steps[-1].setdefault(rule.tests[0][0].values, {}).update(rule.attrs)
            else:
                self.steps.append(rule)
        self._regex_memo: dict[tuple[int, int], bool] = {}

    def _mask(self, test: _TokenTest, column: np.ndarray, lower_text: Any) -> np.ndarray:
        if test.kind == "eq":
            return column == np.uint64(test.values)
        if test.kind in ("in", "not_in"):
            mask = np.zeros(len(column), dtype=bool)
            for value in test.values:  # a few values: cheaper than np.isin's sorting
                mask |= column == value
            return mask if test.kind == "in" else ~mask
        out = np.zeros(len(column), dtype=bool)
        for i, key in enumerate(column.tolist()):
            memo = (id(test.values), key)
            hit = self._regex_memo.get(memo)
            if hit is None:
                hit = self._regex_memo[memo] = bool(test.values.search(lower_text(key)))
            out[i] = hit
        return out

    def _positions(self, rule: _Rule, columns: np.ndarray, lowers: set[int]) -> np.ndarray:
        """Token positions a pattern sets (its matches, shifted to the pattern's index)."""
        n = columns.shape[1]
        width = len(rule.tests)
        if width > n:
            return np.empty(0, dtype=np.int64)
        for tests in rule.tests:
            for test in tests:
                if test.column != _TESTED["LOWER"]:
                    continue
                if (test.kind == "eq" and test.values not in lowers) or (
                        test.kind == "in" and lowers.isdisjoint(test.values.tolist())):
                    return np.empty(0, dtype=np.int64)
        starts = np.ones(n - width + 1, dtype=bool)
        for offset, tests in enumerate(rule.tests):
            for test in tests:
                starts &= self._mask(test, columns[test.column][offset:n - width + 1 + offset],
                                     self.vocab.strings.__getitem__)
                if not starts.any():
                    return np.empty(0, dtype=np.int64)
        return np.flatnonzero(starts) + (rule.index if rule.index >= 0 else width + rule.index)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        columns = doc.to_array(_TESTED_IDS).reshape(n, len(_TESTED_IDS)).astype(np.uint64).T
        values = doc.to_array(list(_ARRAY_SET)).reshape(n, len(_ARRAY_SET)).astype(np.uint64)
        lowers = set(columns[_TESTED["LOWER"]].tolist())
        for step in self.steps:
            if isinstance(step, dict):
                _apply_tag_map(step, columns[_TESTED["TAG"]], values)
                continue
            positions = self._positions(step, columns, lowers)
            if not len(positions):
                continue
            for attr, value in step.attrs.items():
                if attr in _ARRAY_SET:
                    values[positions, _ARRAY_SET.index(attr)] = np.uint64(value)
            rest = {a: v for a, v in step.attrs.items() if a not in _ARRAY_SET}
            for i in positions.tolist() if rest else ():
                set_token_attrs(doc[i], rest)
        doc.from_array(list(_ARRAY_SET), values)
        return doc


def _is_tag_map_rule(rule: _Rule) -> bool:
    """One token, one equality test on the fine tag, and only array-set attributes."""
    return (len(rule.tests) == 1 and len(rule.tests[0]) == 1 and rule.tests[0][0].kind == "eq"
            and rule.tests[0][0].column == _TESTED["TAG"] and rule.index in (0, -1)
            and all(a in _ARRAY_SET for a in rule.attrs))


def _apply_tag_map(tag_map: dict[int, dict[int, int]], tags: np.ndarray, values: np.ndarray) -> None:
    """Set each token's attributes from its tag's entry, leaving tokens of other tags alone."""
    distinct, inverse = np.unique(tags, return_inverse=True)
    for column, attr in enumerate(_ARRAY_SET):
        table = [tag_map.get(tag, {}).get(attr) for tag in distinct.tolist()]
        if all(v is None for v in table):
            continue
        known = np.array([v is not None for v in table])[inverse]
        mapped = np.array([0 if v is None else v for v in table], dtype=np.uint64)[inverse]
        values[known, column] = mapped[known]


class ArrayRuleLemmatizer:
    """The rule lemmatizer's answer computed once per distinct (word, POS, morphology) key, by the
    lemmatizer's own method. spaCy recomputes base forms (singular nouns, infinitives) on every
    token: they depend only on that key, so remembering them changes nothing."""

    def __init__(self, lemmatizer: Any) -> None:
        if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", False):
            raise UnsupportedRules("only the rule lemmatizer without overwrite is reproduced")
        self.lemmatizer = lemmatizer
        # The word lists it tests membership in are Python lists (57,000 nouns): sets answer the
        # same question at once. The lemmatizer has left the pipeline, so its tables are ours.
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos in list(index.keys()):
            index[pos] = frozenset(index[pos])
        self.strings = lemmatizer.vocab.strings
        self.lemma_hash: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        if not self.lemmatizer._validated:
            self.lemmatizer._validate_tables()
        table = doc.to_array([ORTH, POS, MORPH, LEMMA]).reshape(n, 4).astype(np.uint64)
        lemmas = table[:, 3].copy()
        known = self.lemma_hash
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            value = known.get(key)
            if value is None:
                value = known[key] = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas)
        return doc


@Language.factory("newsevents_fast_rules")
def make_fast_rules(nlp: Language, name: str) -> FastRules:
    return FastRules()


class FastRules:
    """One pipeline component doing the attribute ruler's and then the lemmatizer's work."""

    def __init__(self) -> None:
        self.steps: list[Any] = []

    def __call__(self, doc: Doc) -> Doc:
        for step in self.steps:
            doc = step(doc)
        return doc


def use_fast_rules(nlp: Language) -> bool:
    """Swap a pipeline's attribute ruler and rule lemmatizer for the array versions, when they sit
    next to each other and use only rules these reproduce. Returns whether it swapped."""
    names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names:
        return False
    if names.index("lemmatizer") != names.index("attribute_ruler") + 1:
        return False
    try:
        steps = [ArrayAttributeRuler(nlp.get_pipe("attribute_ruler")),
                 ArrayRuleLemmatizer(nlp.get_pipe("lemmatizer"))]
    except UnsupportedRules:
        return False
    component = nlp.add_pipe("newsevents_fast_rules", after="lemmatizer")
    component.steps = steps
    nlp.remove_pipe("attribute_ruler")
    nlp.remove_pipe("lemmatizer")
    return True

