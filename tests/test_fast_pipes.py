"""The array versions of the attribute ruler and lemmatizer annotate exactly as spaCy's own."""

from __future__ import annotations

import spacy

from newsevents.fast_pipes import use_fast_rules
from newsevents.nlp import DEFAULT_MODEL, load_model
from tests.conftest import FIXTURES, REPO, SHARED

# Invented sentences that reach the ruler's exceptions: contractions, "gon na", expletive "there",
# determiners used as pronouns, auxiliaries, a stray space token, and words with many lemmas.
TRICKY = (
    "I ain't gonna lie: we're gonna win, and there's nothing they'll do about it.\n\n"
    "That was what those who'd left said; it couldn't have been worse.  Let's go!\n"
    "The mice ran faster than the geese, but they had been running better before. "
    "She does what she did, and he has what he had. Don't you think so? "
    "It said it would leave, you told me, and I believed you.\u00a0 Wanna see? Gotta go."
)


def _annotations(doc: spacy.tokens.Doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]


def _texts() -> list[str]:
    texts = [TRICKY, (REPO / "examples" / "demo-article.txt").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    corpus = SHARED / "corpus" / "news"
    if corpus.exists():  # real wire copy when the shared material is beside the checkout
        texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(corpus.glob("*.txt"))[::120]]
    return texts


def test_fast_rules_replace_the_stock_components():
    nlp = load_model(DEFAULT_MODEL)
    assert "newsevents_fast_rules" in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names


def test_fast_rules_annotate_as_spacy_does():
    stock = spacy.load(DEFAULT_MODEL)
    fast = spacy.load(DEFAULT_MODEL)
    assert use_fast_rules(fast)
    texts = _texts()
    # twice over, so that the second pass runs on warm caches
    for stock_doc, fast_doc in zip(stock.pipe(texts + texts), fast.pipe(texts + texts), strict=True):
        assert _annotations(fast_doc) == _annotations(stock_doc)


def test_a_pipeline_without_the_rule_components_is_left_alone():
    nlp = spacy.blank("en")
    assert not use_fast_rules(nlp)
    assert nlp.pipe_names == []


def _paragraph_breaks_token_by_token(doc: spacy.tokens.Doc) -> None:
    """The component as first written (a walk over every token): the reference it must match."""
    for i, token in enumerate(doc[:-1]):
        if token.is_space and "\n" in token.text:
            doc[i + 1].is_sent_start = True
        elif i + 1 < len(doc) and token.whitespace_ == "" and "\n" in token.text:
            doc[i + 1].is_sent_start = True


def test_paragraph_breaks_start_the_same_sentences_as_a_walk_over_every_token():
    from newsevents.nlp import paragraph_breaks

    nlp = spacy.blank("en")
    texts = _texts() + ["\n", "a\n", "\nb", "one\ntwo\r\n\nthree \n four\n\n\n", "x\u2028y\n", "end.\n"]
    for text in texts:
        fast, slow = nlp.make_doc(text), nlp.make_doc(text)
        paragraph_breaks(fast)
        _paragraph_breaks_token_by_token(slow)
        assert [t.is_sent_start for t in fast] == [t.is_sent_start for t in slow]
